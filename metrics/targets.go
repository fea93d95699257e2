package metrics

import (
	"errors"
	"fmt"

	"github.com/peerstat/peerstat/config"
)

// CheckTargets checks [targets] and [benchmarks.NAME] against the registry
// (METRICS.md "Earlier periods, targets and benchmarks"): every key must be
// a metric peerstat can produce, and a target needs a metric with a
// direction (whether a figure meets it depends on which way is better).
// Each problem is a sentence naming the key.
func CheckTargets(cfg config.Config) error {
	reg := Registry(cfg)
	byID := map[string]Definition{}
	for _, d := range reg {
		byID[d.ID] = d
	}
	var errs []error
	ids, _ := cfg.TargetMetrics()
	for _, id := range ids {
		d, ok := byID[id]
		switch {
		case !ok:
			errs = append(errs, fmt.Errorf("config [targets]: %q is not a metric id (metric ids are listed in the methodology section and metrics.csv)", id))
		case d.Direction == DirectionNone:
			errs = append(errs, fmt.Errorf("config [targets]: %s has no better direction (higher or lower), so no figure can meet a target for it; remove the target", id))
		}
	}
	for _, b := range cfg.BenchmarkList() {
		if _, ok := byID[b.Metric]; !ok {
			errs = append(errs, fmt.Errorf("config [benchmarks.%q]: %q is not a metric id (metric ids are listed in the methodology section and metrics.csv)", b.Name, b.Metric))
		}
	}
	return errors.Join(errs...)
}
