package reports

import (
	_ "embed"
	"errors"
	"strings"
)

// echartsJS is ECharts 5.4.3 (the version go-echarts v2.6.7 targets),
// inlined into every HTML report so a page never fetches anything. The
// build is committed in assets/ with its Apache-2.0 licence and notice
// (ECHARTS-LICENSE, ECHARTS-NOTICE), so a fresh clone builds with plain
// `go build`. npm is only the way to change it: pin the new version in
// package.json and package-lock.json, run `make echarts`
// (scripts/fetch-echarts.sh), and update echartsVersion;
// TestEChartsMatchesLock fails until the three agree.
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
			": run 'make echarts' and build peerstat again")
	}
	return nil
}
