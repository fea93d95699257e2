package reports

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPayerSlug(t *testing.T) {
	tests := []struct{ payer, want string }{
		{"Acme Health", "acme-health"},
		{"Blue Cross & Blue Shield of X", "blue-cross-blue-shield-of-x"},
		{"  UnitedCare  (MCO) ", "unitedcare-mco"},
		{"plan_2025", "plan-2025"},
		{"Ñandú Salud", "ñandú-salud"},
		{"***", ""},
	}
	for _, tt := range tests {
		t.Run(tt.payer, func(t *testing.T) {
			if got := PayerSlug(tt.payer); got != tt.want {
				t.Errorf("PayerSlug(%q) = %q, want %q", tt.payer, got, tt.want)
			}
		})
	}
}

func ExamplePayerSlug() {
	fmt.Println("peerstat-mco-" + PayerSlug("Blue Cross & Blue Shield") + ".xlsx")
	// Output: peerstat-mco-blue-cross-blue-shield.xlsx
}

func TestWriteMCOFiles(t *testing.T) {
	tests := []struct {
		name, payer string
		want        []string
	}{
		{"one payer", "Acme Health", []string{"peerstat-mco-acme-health.html", "peerstat-mco-acme-health.xlsx"}},
		{"all participants", "", []string{"peerstat-mco.html", "peerstat-mco.xlsx"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			// A file left by an earlier run with a looser mode is replaced.
			stale := filepath.Join(dir, tt.want[0])
			if err := os.WriteFile(stale, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			res := testResult(11)
			res.Scope.Payer = tt.payer
			if _, err := WriteMCO(dir, tt.payer, res); err != nil {
				t.Fatal(err)
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range entries {
				got = append(got, e.Name())
				info, err := e.Info()
				if err != nil {
					t.Fatal(err)
				}
				if info.Mode().Perm() != 0o600 {
					t.Errorf("%s has mode %v, want 0600", e.Name(), info.Mode().Perm())
				}
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("files: got %q, want %q (and nothing else, no temporary files)", got, tt.want)
			}
		})
	}
}

func TestWriteMCORefusesAnotherPayersFigures(t *testing.T) {
	res := testResult(11)
	res.Scope.Payer = "Blue Shield"
	dir := t.TempDir()
	_, err := WriteMCO(dir, "Acme Health", res)
	if err == nil || !strings.Contains(err.Error(), `computed for payer "Blue Shield"`) {
		t.Fatalf("got error %v, want a refusal naming the payer the figures cover", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("wrote %d files for the wrong payer", len(entries))
	}
	res.Scope.Payer = ""
	if _, err := WriteMCO(dir, "***", res); err == nil {
		t.Error("a payer name with no letters or digits should be refused (it would overwrite peerstat-mco.xlsx)")
	}
}

func TestBoardFilesAreWritten(t *testing.T) {
	dir := t.TempDir()
	if _, err := WriteBoard(dir, testResult(11)); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"peerstat-board.xlsx", "peerstat-board.html"} {
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != 0o600 || info.Size() == 0 {
			t.Errorf("%s: mode %v size %d, want 0600 and content", name, info.Mode().Perm(), info.Size())
		}
	}
	if _, err := WriteBoard(filepath.Join(dir, "missing"), testResult(11)); err == nil || !strings.Contains(err.Error(), "peerstat-board.xlsx") {
		t.Errorf("writing into a missing folder: got %v, want an error naming the file", err)
	}
}

func TestFormats(t *testing.T) {
	tests := []struct {
		f    numFormat
		v    float64
		want string
	}{
		{fmtPercent, 0.2534, "25.3%"},
		{fmtMultiple, 1.666, "1.67×"},
		{fmtPer1000, 1234.56, "1,234.6"},
		{fmtScore, 4.1, "4.1"},
		{fmtCount, 12345, "12,345"},
		{fmtCount, -0.42, "-0.42"},
		{fmtCount, 122.64, "122.64"},
		{fmtCount, 2.5, "2.5"},
		{fmtUSD, 48250.5, "$48,251"},
		{fmtUSD, -1200.2, "-$1,200"},
	}
	for _, tt := range tests {
		if got := tt.f.text(tt.v); got != tt.want {
			t.Errorf("format %d of %v = %q, want %q", tt.f, tt.v, got, tt.want)
		}
	}
}

func TestCheckPayerNames(t *testing.T) {
	tests := []struct {
		name   string
		payers []string
		want   string // "" = accepted
	}{
		{"distinct", []string{"Acme Health", "Blue Cross"}, ""},
		{"case and punctuation", []string{"Blue Cross", "blue-cross"}, `payers "Blue Cross" and "blue-cross" would both be written as peerstat-mco-blue-cross.xlsx`},
		{"no letters", []string{"Acme", "***"}, `payer "***" has no letter or digit`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckPayerNames(tt.payers)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("got %v, want no error", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("got %v, want an error containing %s", err, tt.want)
			}
		})
	}
}

func TestIsPacketFile(t *testing.T) {
	for name, want := range map[string]bool{
		"peerstat-board.xlsx":           true,
		"peerstat-board.html":           true,
		"peerstat-mco.xlsx":             true,
		"peerstat-mco-blue-cross.html":  true,
		"peerstat-mco-blue-cross.docx":  false, // not a file peerstat writes
		"peerstat-mco-Blue.xlsx":        false, // no payer gives this name
		"peerstat-mco-.xlsx":            false,
		"metrics.csv":                   false,
		"peerstat-board-notes.html":     false,
		"my-peerstat-mco-acme.xlsx":     false,
		"peerstat-mco-acme--north.xlsx": false,
	} {
		if got := IsPacketFile(name); got != want {
			t.Errorf("IsPacketFile(%q) = %v, want %v", name, got, want)
		}
	}
}
