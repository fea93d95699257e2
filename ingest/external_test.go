package ingest

import (
	"maps"
	"os"
	"path/filepath"
	"testing"
)

// externalDir is ../shared/external from the repository root.
func externalDir(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "external", name)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("%s is absent, so the %s profile is not tested against it", dir, name)
	}
	return dir
}

type fileCounts struct{ read, loaded, rejected int64 }

// The shipped profiles load the real third-party exports unedited; every
// reject has a known reason.
func TestExternalExports(t *testing.T) {
	for _, tt := range []struct {
		name, folder, profile string
		files                 map[string]fileCounts
		reasons               map[string]int // source: reason -> rows
		checks                map[string]string
	}{
		{
			name: "synthea", folder: "synthea-unmc", profile: "synthea.toml",
			files: map[string]fileCounts{
				"patients.csv":   {111, 111, 0},
				"encounters.csv": {7584, 7558, 26},
			},
			// 14 hospice and 12 snf (skilled nursing) encounters have no
			// peerstat setting.
			reasons: map[string]int{"encounters: ENCOUNTERCLASS: not in the profile's value map": 26},
			checks: map[string]string{
				"SELECT string_agg(setting || '=' || n, ',' ORDER BY setting) FROM (SELECT setting, count(*) n FROM encounters GROUP BY ALL)": "emergency=773,inpatient_medical=49,outpatient=6736",
				// 2022-07-20T07:13:55Z is 02:13 in Chicago, the same day.
				"SELECT strftime(admit_date, '%Y-%m-%d') FROM encounters WHERE encounter_id = '3c1c5636-2c43-bd4b-6eab-9eabf5929c55'":                       "2022-07-20",
				"SELECT birth_year || ' ' || program || ' ' || enrolled_on FROM participants WHERE participant_id = '982192b6-6843-4011-ef46-32caaf87d8a9'": "2022 synthea 2022-01-01",
			},
		},
		{
			name: "synpuf", folder: "synpuf-sample1", profile: "synpuf.toml",
			files: map[string]fileCounts{
				"DE1_0_2008_Beneficiary_Summary_File_Sample_1.csv": {10000, 10000, 0},
				"DE1_0_2008_to_2010_Inpatient_Claims_Sample_1.csv": {5775, 5775, 0},
			},
			reasons: map[string]int{},
			checks: map[string]string{
				"SELECT string_agg(setting || '=' || n, ',' ORDER BY setting) FROM (SELECT setting, count(*) n FROM encounters GROUP BY ALL)": "detox=32,inpatient_medical=5561,inpatient_psych=182",
				// Two segments of one claim are two encounters.
				"SELECT string_agg(encounter_id, ',' ORDER BY encounter_id) FROM encounters WHERE encounter_id LIKE '196851176990818-%'":    "196851176990818-1,196851176990818-2",
				"SELECT admit_date || ' ' || discharge_date || ' ' || paid_amount FROM encounters WHERE encounter_id = '196201177000368-1'": "2009-04-12 2009-04-18 26000.00",
				"SELECT birth_year || ' ' || payer FROM participants WHERE participant_id = '00016F745862898F'":                             "1943 Medicare",
				"SELECT count(*) FROM participants WHERE discharged_on IS NOT NULL":                                                         "144",
			},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := externalDir(t, tt.folder)
			db := openTestDB(t)
			res := load(t, db, dir, Options{ProfilePath: filepath.Join("..", "profiles", tt.profile)})
			if len(res.Files) != len(tt.files) {
				t.Errorf("got %d files loaded, want %d", len(res.Files), len(tt.files))
			}
			for _, f := range res.Files {
				want, ok := tt.files[f.File]
				got := fileCounts{f.RowsRead, f.RowsLoaded, f.RowsRejected}
				if !ok || got != want {
					t.Errorf("%s: got read/loaded/rejected %v, want %v", f.File, got, want)
				}
			}
			reasons := map[string]int{}
			for _, r := range res.Rejects {
				reasons[r.Source+": "+r.Column+": "+r.Reason]++
			}
			if !maps.Equal(reasons, tt.reasons) {
				t.Errorf("rejects by reason: got %v, want %v", reasons, tt.reasons)
			}
			for query, want := range tt.checks {
				var got string
				if err := db.QueryRow(query).Scan(&got); err != nil {
					t.Fatalf("%s: %v", query, err)
				}
				if got != want {
					t.Errorf("%s\n got %s\nwant %s", query, got, want)
				}
			}
		})
	}
}
