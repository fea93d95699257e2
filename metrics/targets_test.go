package metrics

import (
	"strings"
	"testing"

	"github.com/peerstat/peerstat/config"
)

func TestTargetAndBenchmarkConfig(t *testing.T) {
	tests := []struct {
		name, toml, wantErr string // wantErr "" = valid
	}{
		{"valid", `[targets]
followup_7d_rate = 0.5
readmit_30d_rate = 0.12
[targets."Blue Cross"]
followup_7d_rate = 0.55
[benchmarks."State Medicaid average"]
source = "State Medicaid quality report, 2024"
bed_days_per_1000 = 21
followup_30d_rate = { median = 0.57, bottom_quartile = 0.45, top_quartile = 0.66 }`, ""},
		{"unknown metric in targets", "[targets]\nfollowup_7_rate = 0.5", `"followup_7_rate" is not a metric id`},
		{"unknown metric in a payer's targets", "[targets.\"Blue Cross\"]\nreadmit_rate = 0.1", `"readmit_rate" is not a metric id`},
		{"target without direction", "[targets]\nbilled_units = 1000", "billed_units has no better direction"},
		{"unknown metric in a benchmark", "[benchmarks.state]\nsource = \"x\"\nbed_days = 3", `"bed_days" is not a metric id`},
		{"benchmark without source", "[benchmarks.state]\nbed_days_per_1000 = 3", `[benchmarks."state"] has no source`},
		{"quartiles out of order", "[benchmarks.state]\nsource = \"x\"\nfollowup_30d_rate = { median = 0.57, bottom_quartile = 0.66, top_quartile = 0.45 }", "quartiles are out of order"},
		{"target not a number", "[targets]\nfollowup_7d_rate = \"half\"", "a target is a number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := config.Parse([]byte(tt.toml))
			if err == nil {
				err = CheckTargets(cfg)
			}
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("got error %v, want none", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("got error %v, want one saying %q", err, tt.wantErr)
			}
			if tt.wantErr == "" {
				if v, ok := cfg.Target("followup_7d_rate", "Blue Cross"); !ok || v != 0.55 {
					t.Errorf("Blue Cross target: got %v %v, want 0.55 (the payer's override)", v, ok)
				}
				if v, ok := cfg.Target("followup_7d_rate", "Acme"); !ok || v != 0.5 {
					t.Errorf("Acme target: got %v %v, want the agency's 0.5", v, ok)
				}
				if b := cfg.BenchmarksFor("bed_days_per_1000"); len(b) != 1 || *b[0].Value != 21 || b[0].Source != "State Medicaid quality report, 2024" {
					t.Errorf("benchmark of bed days: got %+v", b)
				}
			}
		})
	}
}
