package reports

import (
	"encoding/json"
	"os"
	"regexp"
	"testing"
)

// TestEChartsMatchesLock holds the committed ECharts build, the version the
// code tests pages against and the version package-lock.json pins to one
// version: changing one without the others (a hand-copied build, a lock
// bumped without `make echarts`) fails here.
func TestEChartsMatchesLock(t *testing.T) {
	raw, err := os.ReadFile("../package-lock.json")
	if err != nil {
		t.Fatal(err)
	}
	var lock struct {
		Packages map[string]struct {
			Version string `json:"version"`
		} `json:"packages"`
	}
	if err := json.Unmarshal(raw, &lock); err != nil {
		t.Fatalf("package-lock.json: %v", err)
	}
	pinned := lock.Packages["node_modules/echarts"].Version
	if pinned == "" {
		t.Fatal("package-lock.json pins no node_modules/echarts version")
	}
	// The minified build carries its version once, as version="X.Y.Z".
	found := regexp.MustCompile(`\bversion="(\d+\.\d+\.\d+)"`).FindAllStringSubmatch(echartsJS, -1)
	if len(found) != 1 {
		t.Fatalf("assets/echarts.min.js: found %d version strings, want 1", len(found))
	}
	if committed := found[0][1]; committed != pinned {
		t.Errorf("assets/echarts.min.js is ECharts %s but package-lock.json pins %s: run 'make echarts'", committed, pinned)
	}
	if echartsVersion != pinned {
		t.Errorf("echartsVersion is %s but package-lock.json pins %s", echartsVersion, pinned)
	}
	for _, name := range []string{"assets/ECHARTS-LICENSE", "assets/ECHARTS-NOTICE"} {
		if st, err := os.Stat(name); err != nil || st.Size() == 0 {
			t.Errorf("%s must ship beside the build it licenses (Apache-2.0): %v", name, err)
		}
	}
}
