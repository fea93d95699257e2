package ingest

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/peerstat/peerstat/config"
	"github.com/peerstat/peerstat/synth"
)

// Benchmarks of ingest's hot paths: the Go value readers a mapping profile
// uses, the pass over every byte of a text file, and a whole load. Run with
// go test -run '^$' -bench . ./ingest

func BenchmarkLayoutParse(b *testing.B) {
	for _, tt := range []struct{ format, value string }{
		{"M/D/YYYY", "11/23/2025"},
		{"YYYYMMDD", "20251123"},
		{"M/D/YYYY h:mm A", "3/5/2024 4:05 PM"},
		{"YYYY-MM-DDTHH:mm:ssZ", "2022-07-20T07:13:55-05:00"},
	} {
		l, err := ParseLayout(tt.format)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(tt.format, func(b *testing.B) {
			for b.Loop() {
				if _, err := l.Parse(tt.value); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkValueMap(b *testing.B) {
	m, err := NewValueMap(map[string][]string{
		"inpatient_psych": {"880-887", "PSY"},
		"detox":           {"894-897", "D*"},
		"emergency":       {"0450-0459", "ER"},
	}, "inpatient_medical", true)
	if err != nil {
		b.Fatal(err)
	}
	codes := []string{"885", "0451", "psy", "DX", "120", " 896 "}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		m.Map(codes[i%len(codes)])
	}
}

// BenchmarkConvertRow: a profile-mapped encounter row (vendor dates, a
// value map) converted to staging text, as the Go reader does per row.
func BenchmarkConvertRow(b *testing.B) {
	layout, err := ParseLayout("M/D/YYYY")
	if err != nil {
		b.Fatal(err)
	}
	settings, err := NewValueMap(map[string][]string{"inpatient_psych": {"880-887"}, "emergency": {"0450-0459"}}, "inpatient_medical", true)
	if err != nil {
		b.Fatal(err)
	}
	fl := &fileLayout{inFile: map[string]string{}}
	for i, c := range []column{{name: "encounter_id"}, {name: "participant_id"}, {name: "setting"},
		{name: "admit_date", kind: kindDate}, {name: "discharge_date", kind: kindDate}} {
		f := fieldSource{col: c, index: []int{i}, location: time.UTC}
		switch {
		case c.name == "setting":
			f.spec = &columnSpec{values: &settings}
		case c.kind == kindDate:
			f.layout = &layout
		}
		fl.fields = append(fl.fields, f)
	}
	row := []string{"E1", " P0000001 ", "885", "3/4/2025", "3/9/2025"}
	out := make([]string, len(fl.fields))
	for b.Loop() {
		if p := fl.convert(row, out); p != nil {
			b.Fatal(p.reason)
		}
	}
}

// servicesCSV is a services file of n generated rows.
func servicesCSV(n int) []byte {
	var buf bytes.Buffer
	buf.WriteString("service_id,participant_id,staff_id,service_date,minutes,service_code,billable,goal_id,note_signed_at\n")
	for i := range n {
		fmt.Fprintf(&buf, "SV%09d,P%07d,ST%05d,2025-03-%02d,%d,H0038,true,G%07d-1,2025-03-%02dT17:23:00\n",
			i, i/14, i%300, 1+i%28, 15+i%200, i/14, 1+i%28)
	}
	return buf.Bytes()
}

// BenchmarkScanText: the one pass over a text file's bytes that checks the
// encoding, maps lines and decides whether cells need trimming.
func BenchmarkScanText(b *testing.B) {
	data := servicesCSV(100_000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := scanText(bytes.NewReader(data), ','); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFingerprint: the SHA-256 of a CSV file and its text scan, the
// step before DuckDB reads it.
func BenchmarkFingerprint(b *testing.B) {
	data := servicesCSV(400_000)
	path := filepath.Join(b.TempDir(), "services.csv")
	writeFile(b, path, data)
	f := dataFile{name: "services.csv", path: path, format: formatCSV}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, _, err := fingerprint(f); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad: a whole ingest of a generated agency (about 14,000
// services and 40,000 timesheet rows) into a new database file.
func BenchmarkLoad(b *testing.B) {
	data := b.TempDir()
	if _, err := synth.Generate(data, synth.Options{Participants: 1000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	cfgPath := filepath.Join(data, "peerstat.toml")
	cfg, err := config.Load(cfgPath)
	if err != nil {
		b.Fatal(err)
	}
	var rows int64
	for i := 0; b.Loop(); i++ {
		db, err := Open(filepath.Join(b.TempDir(), fmt.Sprintf("p%d.duckdb", i)))
		if err != nil {
			b.Fatal(err)
		}
		res, err := Load(context.Background(), db, Options{DataDir: data, Config: cfg, ConfigPath: cfgPath, Command: "ingest"})
		db.Close()
		if err != nil {
			b.Fatal(err)
		}
		rows = 0
		for _, f := range res.Files {
			rows += f.RowsLoaded
		}
	}
	b.ReportMetric(float64(rows), "rows/op")
}
