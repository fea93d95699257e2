package reports

import (
	_ "embed"
	"errors"
	"strings"
)

// echartsJS is ECharts 5.4.3 (the version go-echarts v2.6.7 targets),
// inlined into every HTML report so a page never fetches anything. It is
// put in assets/ by scripts/fetch-echarts.sh (`go generate ./reports`)
// from the npm package pinned in package-lock.json; the file is not in git,
// and without it this package does not build, so a report can never fall
// back to a CDN.
//
//go:embed assets/echarts.min.js
var echartsJS string

// echartsVersion is the ECharts version the pages are tested with.
const echartsVersion = "5.4.3"

// checkECharts refuses to write pages from a truncated or foreign build,
// which would give reports without charts.
func checkECharts() error {
	if !strings.Contains(echartsJS, `version="`+echartsVersion+`"`) || strings.Contains(strings.ToLower(echartsJS), "</script") {
		return errors.New("the ECharts build in this peerstat binary is not ECharts " + echartsVersion +
			": run scripts/fetch-echarts.sh and build peerstat again")
	}
	return nil
}
