package main

import (
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestCommandLineMessages holds the exact words of each command-line
// mistake: printed once, on stderr, with where to read more, exit 2.
func TestCommandLineMessages(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"mistyped command", []string{"rnu"},
			"peerstat: \"rnu\" is not a command; did you mean run?\nRun 'peerstat help' for the commands.\n"},
		{"command begun", []string{"met", "--out", "x"},
			"peerstat: \"met\" is not a command; did you mean metrics?\nRun 'peerstat help' for the commands.\n"},
		{"unknown command", []string{"frobnicate"},
			"peerstat: \"frobnicate\" is not a command\nRun 'peerstat help' for the commands.\n"},
		{"help for a mistyped command", []string{"help", "reprot"},
			"peerstat: \"reprot\" is not a command; did you mean report?\nRun 'peerstat help' for the commands.\n"},
		{"mistyped flag", []string{"run", "--dat", "x", "--out", "y"},
			"peerstat run: unknown flag --dat; did you mean --data?\nRun 'peerstat help run' for its flags.\n"},
		{"mistyped flag, one dash", []string{"report", "-paeyr", "x"},
			"peerstat report: unknown flag --paeyr; did you mean --payer?\nRun 'peerstat help report' for its flags.\n"},
		{"unknown flag", []string{"gen", "--colour", "red"},
			"peerstat gen: unknown flag --colour\nRun 'peerstat help gen' for its flags.\n"},
		{"flag without its value", []string{"run", "--out", "y", "--data"},
			"peerstat run: --data needs a value: --data DIR\nRun 'peerstat help run' for its flags.\n"},
		{"not a number", []string{"gen", "--out", "x", "--participants", "many"},
			"peerstat gen: --participants \"many\": not a number\nRun 'peerstat help gen' for its flags.\n"},
		{"not a boolean", []string{"ingest", "--data", "x", "--strict=maybe"},
			"peerstat ingest: --strict \"maybe\": use true or false\nRun 'peerstat help ingest' for its flags.\n"},
		{"bad flag syntax", []string{"metrics", "--out", "y", "---x"},
			"peerstat metrics: \"---x\" is not a flag: flags look like --data DIR\nRun 'peerstat help metrics' for its flags.\n"},
		{"out without data", []string{"run", "--out", "y"},
			"peerstat run: --out is given without --data: give both, or neither to read the current folder and write ./peerstat-out\nRun 'peerstat help run' for its flags.\n"},
		{"data without out", []string{"run", "--data", "x"},
			"peerstat run: --data is given without --out: give both, or neither to read the current folder and write ./peerstat-out\nRun 'peerstat help run' for its flags.\n"},
		{"flag before the command", []string{"--data", "x", "run"},
			"peerstat: --data comes after a command, as in 'peerstat run --data DIR --out DIR'\nRun 'peerstat help' for the commands.\n"},
		{"mistyped --version", []string{"--verison"},
			"peerstat: unknown flag --verison; did you mean --version?\nRun 'peerstat help' for the commands.\n"},
		// cmd.exe turns "C:\My Exports\" --out x into one argument,
		// C:\My Exports" --out x: \" is a quote inside the quotes.
		{"Windows quote after a backslash", []string{"run", "--data", `C:\My Exports" --out C:\out`},
			"peerstat run: --data C:\\My Exports\" --out C:\\out: a path cannot contain \"; on Windows, a path in quotes must not end with \\ (write \"C:\\My Exports\", not \"C:\\My Exports\\\")\nRun 'peerstat help run' for its flags.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := peerstat(t, tt.args...)
			if code != 2 {
				t.Errorf("exit status %d, want 2", code)
			}
			if stderr != tt.stderr {
				t.Errorf("stderr:\n got %q\nwant %q", stderr, tt.stderr)
			}
			if stdout != "" {
				t.Errorf("stdout: got %q, want nothing", stdout)
			}
		})
	}
}

// A --data folder that does not exist stops run before anything is made.
func TestRunWithoutDataFolder(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "Agency Exports")
	out := filepath.Join(dir, "out")
	code, stdout, stderr := peerstat(t, "run", "--data", missing, "--out", out)
	if want := "peerstat run: --data " + missing + ": there is no folder of that name\n"; code != 1 || stderr != want || stdout != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want 1 and %q", code, stdout, stderr, want)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("the output folder was made for a run that could not start")
	}
}

func TestHelpShowsDoubleDashFlags(t *testing.T) {
	singleDash := regexp.MustCompile(`(^|\s)-[a-z]`)
	for _, args := range [][]string{{"--help"}, {"help"}, {"help", "help"}, {"help", "run"}, {"run", "--help"}, {"report", "-h"}, {"help", "gen"}} {
		code, stdout, stderr := peerstat(t, args...)
		if code != 0 || stderr != "" {
			t.Errorf("%v: exit %d, stderr %q; want 0 and nothing", args, code, stderr)
		}
		if !strings.Contains(stdout, "--out DIR") {
			t.Errorf("%v: the help does not show --out DIR:\n%s", args, stdout)
		}
		if m := singleDash.FindString(stdout); m != "" {
			t.Errorf("%v: the help shows a single-dash flag %q:\n%s", args, m, stdout)
		}
	}
	_, stdout, _ := peerstat(t, "help", "run")
	for _, want := range []string{"Usage:\n  peerstat run --data DIR --out DIR [flags]\n", "  --data DIR ", "  --packet WHICH ", "(default all)", "  --strict ", "reads the\ncurrent folder and writes ./peerstat-out."} {
		if !strings.Contains(stdout, want) {
			t.Errorf("help run: missing %q in\n%s", want, stdout)
		}
	}
}

// TestNoArguments: from a terminal, peerstat with nothing after it prints
// the help; started otherwise it is 'peerstat run' on the current folder
// (TestRunSampleData runs that whole case).
func TestNoArguments(t *testing.T) {
	fromTerminal = func() bool { return true }
	t.Cleanup(func() { fromTerminal = startedFromTerminal })
	code, stdout, stderr := peerstat(t)
	if code != 0 || stderr != "" || !strings.HasPrefix(stdout, "peerstat: outcome figures") {
		t.Errorf("from a terminal: exit %d, stdout %q, stderr %q; want the help", code, stdout, stderr)
	}

	fromTerminal = func() bool { return false }
	empty := t.TempDir()
	t.Chdir(empty)
	code, _, stderr = peerstat(t)
	// An empty folder: the run starts on it and says what is missing.
	if code != 1 {
		t.Errorf("not from a terminal, in an empty folder: exit %d, want 1", code)
	}
	wantStart := "reading the exports in " + empty + " and writing to " + filepath.Join(empty, "peerstat-out") + "\n"
	if !strings.HasPrefix(stderr, wantStart) || !strings.Contains(stderr, "has no participants or staff or services or timesheets file") {
		t.Errorf("not from a terminal, in an empty folder: stderr %q", stderr)
	}
}

func TestVersion(t *testing.T) {
	code, stdout, stderr := peerstat(t, "--version")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	// peerstat's version (a plain go build says dev) and the embedded
	// DuckDB's, as DuckDB itself reports it.
	if !regexp.MustCompile(`^peerstat \S+ \(DuckDB v\d+\.\d+\.\d+\)\n$`).MatchString(stdout) {
		t.Errorf("stdout %q, want \"peerstat VERSION (DuckDB vX.Y.Z)\"", stdout)
	}
	version = "v9.8.7"
	t.Cleanup(func() { version = "" })
	if _, stdout, _ := peerstat(t, "--version"); !strings.HasPrefix(stdout, "peerstat v9.8.7 (DuckDB v") {
		t.Errorf("with the release's version set: %q", stdout)
	}
}

func TestSuggest(t *testing.T) {
	commands := []string{"run", "ingest", "metrics", "report", "gen", "help"}
	for word, want := range map[string]string{
		"rnu": "run", "rum": "run", "ingset": "ingest", "ingst": "ingest", "metric": "metrics",
		"rep": "report", "reprot": "report", "gne": "gen", "hlep": "help", "RUN": "run",
		"frobnicate": "", "x": "", "r": "", "delete": "",
	} {
		if got := suggest(word, commands); got != want {
			t.Errorf("suggest(%q) = %q, want %q", word, got, want)
		}
	}
}

// copyDir copies the files of src (no subfolders) into dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dst, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// windowsNameProblem says why Windows or Excel would not open a file of
// this name, or "": Windows refuses <>:"/\|?* and control characters, a
// name ending in a space or dot and the device names (CON, NUL, COM1...);
// Excel refuses a workbook whose name has [ or ], and a path over 218
// characters, so a name leaves most of that to the folders above it.
func windowsNameProblem(name string) string {
	if strings.ContainsAny(name, `<>:"/\|?*`) || strings.IndexFunc(name, func(r rune) bool { return r < 32 }) >= 0 {
		return "a character Windows does not allow in a file name"
	}
	if strings.HasSuffix(name, " ") || strings.HasSuffix(name, ".") {
		return "ends in a space or a dot, which Windows drops"
	}
	base := strings.ToUpper(strings.SplitN(name, ".", 2)[0])
	if regexp.MustCompile(`^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])$`).MatchString(base) {
		return "a Windows device name"
	}
	if strings.HasSuffix(name, ".xlsx") && strings.ContainsAny(name, "[]") {
		return "Excel does not open a workbook whose name has [ or ]"
	}
	if len(name) > 80 {
		return "longer than 80 characters: Excel opens no path over 218"
	}
	return ""
}

func TestWindowsNameProblem(t *testing.T) {
	for name, bad := range map[string]bool{
		"peerstat-mco-heartland-community-health.xlsx": false, "metrics.csv": false,
		"peerstat-mco-a:b.xlsx": true, "peerstat-mco-[x].xlsx": true, "nul.csv": true, "report.": true,
		strings.Repeat("x", 81): true,
	} {
		if got := windowsNameProblem(name) != ""; got != bad {
			t.Errorf("windowsNameProblem(%q) = %q", name, windowsNameProblem(name))
		}
	}
}

// A workbook whose full path is over Excel's 218 characters gets a warning
// naming it; one at the limit, and any other file, does not.
func TestExcelPathWarning(t *testing.T) {
	var stderr strings.Builder
	e := env{stdout: io.Discard, stderr: &stderr}
	base := string(filepath.Separator) + strings.Repeat("d", 200) + string(filepath.Separator)
	atLimit := base + strings.Repeat("x", excelPathLimit-len(base)-len(".xlsx")) + ".xlsx"
	over := base + strings.Repeat("x", excelPathLimit-len(base)-len(".xlsx")+1) + ".xlsx"
	warnExcelPath(e, atLimit)
	warnExcelPath(e, over[:len(over)-len(".xlsx")]+".html")
	if stderr.Len() != 0 {
		t.Errorf("warned about a path Excel opens: %q", stderr.String())
	}
	warnExcelPath(e, over)
	want := "warning: Excel will not open " + over + ": its path is 219 characters long, and Excel opens none over 218; give a shorter --out folder\n"
	if stderr.String() != want {
		t.Errorf("got  %q\nwant %q", stderr.String(), want)
	}
}
