package metrics

import "github.com/peerstat/peerstat/config"

// satisfactionDefinitions: METRICS.md "Satisfaction (surveys)", one family
// per configured instrument and domain.
func satisfactionDefinitions(cfg config.Config) []Definition { return nil }
