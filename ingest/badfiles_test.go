package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A link to an export is read as the export; a link to nothing is refused
// with a sentence.
func TestLinkedFiles(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"participants.csv", "staff.csv", "services.csv", "timesheets.csv"} {
		abs, err := filepath.Abs(filepath.Join("testdata", "bad", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(abs, filepath.Join(dir, name)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	files, _, err := findFiles(dir, nil)
	if err != nil || len(files) != 4 {
		t.Fatalf("findFiles through links: %d files, %v", len(files), err)
	}
	dangling := filepath.Join(dir, "encounters.csv")
	if err := os.Symlink(filepath.Join(dir, "gone.csv"), dangling); err != nil {
		t.Fatal(err)
	}
	_, _, err = findFiles(dir, nil)
	want := dangling + " is a link to a file that cannot be read (stat " + dangling + ": no such file or directory); put the export itself in the folder"
	if err == nil || err.Error() != want {
		t.Errorf("error:\n got %v\nwant %s", err, want)
	}
}

// A file DuckDB's CSV reader fails on as a whole (here: CRLF line ends
// that turn into LF partway, which its strict mode cannot follow) is one
// sentence naming the file and what to check, not the reader's page of
// options. The read is DuckDB's own error, from the reader settings that
// fail on such a file.
func TestCSVReaderFailureOneSentence(t *testing.T) {
	db := openTestDB(t)
	path := filepath.Join(t.TempDir(), "services.csv")
	lines := []string{"service_id,participant_id,minutes"}
	for i := 0; i < 50; i++ {
		lines = append(lines, "S1,P1,30")
	}
	text := strings.Join(lines[:25], "\r\n") + "\n" + strings.Join(lines[25:], "\n") + "\n"
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		format fileFormat
		delim  string
		want   string
	}{
		{formatCSV, ",", "services.csv could not be read as CSV: check that it is comma-separated text with the same line ends throughout and every quoted value closed, or save it again as CSV UTF-8 from the program that made it"},
		{formatTSV, "\t", "services.csv could not be read as tab-separated text: check that it is tab-separated text with the same line ends throughout and every quoted value closed, or save it again as CSV UTF-8 from the program that made it"},
	} {
		_, err := db.Exec(`SELECT count(*) FROM read_csv(?, auto_detect = false, header = true, delim = ?, quote = '"', escape = '"',
			columns = {'c0': 'VARCHAR', 'c1': 'VARCHAR', 'c2': 'VARCHAR'}, strict_mode = true, store_rejects = true)`, path, tt.delim)
		if err == nil {
			t.Fatalf("DuckDB read the mixed line ends: the test needs a file its reader fails on")
		}
		if !csvReaderDump(err) {
			t.Fatalf("DuckDB's error no longer lists its options; csvReaderDump needs a look:\n%v", err)
		}
		got := readError(dataFile{name: "services.csv", path: path, format: tt.format}, err)
		if got.Error() != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
	// A short error keeps DuckDB's words.
	short := readError(dataFile{name: "services.csv", format: formatCSV}, os.ErrPermission)
	if want := "services.csv could not be read as CSV (permission denied)"; short.Error() != want {
		t.Errorf("got %s, want %s", short, want)
	}
}

func copyTestFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
