// Command peerstat turns a peer-support agency's exports (EHR services,
// encounters, timesheets, staff, participants, surveys) into the outcome
// figures its board and managed-care partners ask for: metrics.csv, Excel
// workbooks and self-contained HTML reports.
//
// This package only reads flags, wires the packages together and decides
// what is printed and the exit status (DATA.md, Command line); the work is
// done in ingest, metrics and reports.
package main

import (
	"bufio"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	_ "github.com/duckdb/duckdb-go/v2"
	"golang.org/x/term"
)

// version is set at link time by scripts/release.sh (-X main.version=...);
// a plain `go build` reports what the build info knows.
var version string

const usage = `peerstat: outcome figures for a peer-support agency

Usage:
  peerstat run     --data DIR --out DIR [--config FILE] [--profile FILE] [--db FILE]
                   [--strict] [--min-cell N] [--packet board|mco|all]
  peerstat ingest  --data DIR [--db FILE] [--profile FILE] [--strict]
  peerstat metrics [--db FILE] --out DIR [--config FILE] [--min-cell N]
  peerstat report  [--db FILE] --out DIR [--config FILE] [--min-cell N]
                   [--packet board|mco|all] [--payer NAME]
  peerstat gen     --out DIR [--participants N] [--seed S]
  peerstat help [COMMAND]
  peerstat --version

Commands:
  run      load the exports, compute the figures and write the reports
  ingest   load the exports into the database
  metrics  write metrics.csv from the database
  report   write the board and MCO packets from the database
  gen      write a synthetic agency to try peerstat on

'peerstat run' with neither --data nor --out reads the current folder and
writes ./peerstat-out; so does peerstat started from a shortcut or by a
double-click in a folder of exports.

Run 'peerstat help COMMAND' for the flags of one command.
`

// commandHelp is each command's usage line and what it does, for
// 'peerstat help COMMAND' and 'peerstat COMMAND --help'.
var commandHelp = map[string]struct{ synopsis, about string }{
	"run": {"peerstat run --data DIR --out DIR [flags]",
		"Loads the export files in DIR into the database (OUT/peerstat.duckdb unless --db),\n" +
			"computes the figures and writes metrics.csv, rejects.csv and the board and MCO\n" +
			"packets (Excel and HTML) into OUT. With neither --data nor --out it reads the\n" +
			"current folder and writes ./peerstat-out."},
	"ingest": {"peerstat ingest --data DIR [flags]",
		"Loads the export files in DIR into the database and prints what each file did.\n" +
			"DIR/peerstat.toml, when present, is the config, stored for metrics and report."},
	"metrics": {"peerstat metrics --out DIR [flags]",
		"Computes the figures from the database an ingest filled and writes OUT/metrics.csv."},
	"report": {"peerstat report --out DIR [flags]",
		"Computes the figures from the database an ingest filled and writes the board\n" +
			"packet and one MCO packet per payer (Excel and HTML) into OUT."},
	"gen": {"peerstat gen --out DIR [flags]",
		"Writes a synthetic agency's export files and peerstat.toml into DIR; the same\n" +
			"seed and participants write the same bytes. sample_data/ is its output."},
}

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return usageError{fmt.Sprintf(format, args...)}
}

// exitStatus is an error with its own exit status, such as DATA.md's 3 for
// a command that finished while a file lost more than half its rows.
type exitStatus struct {
	code int
	err  error
}

func (e exitStatus) Error() string { return e.err.Error() }
func (e exitStatus) Unwrap() error { return e.err }
func (e exitStatus) ExitCode() int { return e.code }

// env is what a command may touch outside its flags.
type env struct {
	stdout, stderr io.Writer
	// terminal is true when stderr is a terminal: progress bars only then.
	terminal bool
}

var commands = map[string]func(e env, args []string) error{
	"run":     runCommand,
	"ingest":  ingestCommand,
	"metrics": metricsCommand,
	"report":  reportCommand,
	"gen":     genCommand,
}

// fromTerminal tells whether peerstat was started from a terminal, as
// opposed to a double-click or a shortcut (terminal_*.go); tests replace it.
var fromTerminal = startedFromTerminal

func main() {
	code := realMain(os.Args[1:], os.Stdout, os.Stderr)
	if ownConsole() {
		// Windows closes a console it opened for a double-click as soon as
		// peerstat exits, taking the message with it.
		fmt.Fprint(os.Stderr, "\nPress Enter to close this window.")
		bufio.NewReader(os.Stdin).ReadString('\n')
	}
	os.Exit(code)
}

func realMain(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		if fromTerminal() {
			fmt.Fprint(stdout, usage)
			return 0
		}
		args = []string{"run"} // a double-click: this folder in, ./peerstat-out out
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help", "help":
		if len(args) == 1 || args[1] == "help" {
			fmt.Fprint(stdout, usage)
			return 0
		}
		if len(args) > 2 {
			return mistake(stderr, "", usagef("help takes one command; got %s", strings.Join(args[1:], " ")))
		}
		if _, ok := commands[args[1]]; !ok {
			return mistake(stderr, "", notACommand(args[1]))
		}
		name, args = args[1], []string{args[1], "--help"}
	case "-version", "--version":
		if len(args) > 1 {
			return mistake(stderr, "", usagef("--version takes nothing after it"))
		}
		return printVersion(stdout, stderr)
	}
	cmd, ok := commands[name]
	if !ok {
		if strings.HasPrefix(name, "-") {
			return mistake(stderr, "", flagBeforeCommand(name))
		}
		return mistake(stderr, "", notACommand(name))
	}
	e := env{stdout: stdout, stderr: stderr, terminal: isTerminal(stderr)}
	err := cmd(e, args[1:])
	var ue usageError
	var coded interface{ ExitCode() int } // an exitStatus
	switch {
	case err == nil:
		return 0
	case errors.As(err, &coded):
		fmt.Fprintf(stderr, "peerstat %s: %s\n", name, err)
		return coded.ExitCode()
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		return mistake(stderr, name, ue)
	default:
		fmt.Fprintf(stderr, "peerstat %s: %s\n", name, err)
		return 1
	}
}

// mistake prints a command-line mistake once, with where to read more, and
// gives exit status 2.
func mistake(stderr io.Writer, command string, err error) int {
	if command == "" {
		fmt.Fprintf(stderr, "peerstat: %s\nRun 'peerstat help' for the commands.\n", err)
	} else {
		fmt.Fprintf(stderr, "peerstat %s: %s\nRun 'peerstat help %s' for its flags.\n", command, err, command)
	}
	return 2
}

func notACommand(word string) error {
	names := make([]string, 0, len(commands)+1)
	for n := range commands {
		names = append(names, n)
	}
	names = append(names, "help")
	if s := suggest(word, names); s != "" {
		return usagef("%q is not a command; did you mean %s?", word, s)
	}
	return usagef("%q is not a command", word)
}

// flagBeforeCommand is the mistake of a flag before any command
// ("peerstat --data DIR"), or a mistyped --help or --version.
func flagBeforeCommand(arg string) error {
	name, _, _ := strings.Cut(strings.TrimLeft(arg, "-"), "=")
	if s := suggest(name, []string{"help", "version"}); s != "" {
		return usagef("unknown flag --%s; did you mean --%s?", name, s)
	}
	return usagef("--%s comes after a command, as in 'peerstat run --data DIR --out DIR'", name)
}

// printVersion prints peerstat's version and the version of the DuckDB
// built into it.
func printVersion(stdout, stderr io.Writer) int {
	duck, err := duckdbVersion()
	if err != nil {
		fmt.Fprintf(stderr, "peerstat: %s\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "peerstat %s (DuckDB %s)\n", peerstatVersion(), duck)
	return 0
}

func peerstatVersion() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v // go install github.com/peerstat/peerstat/cmd/peerstat@vX
	}
	var revision, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "-dirty"
			}
		}
	}
	if len(revision) > 12 {
		revision = revision[:12]
	}
	if revision == "" {
		return "dev"
	}
	return "dev+" + revision + modified
}

func duckdbVersion() (string, error) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return "", fmt.Errorf("start DuckDB: %w", err)
	}
	defer db.Close()
	var v string
	if err := db.QueryRow("SELECT library_version FROM pragma_version()").Scan(&v); err != nil {
		return "", fmt.Errorf("ask DuckDB its version: %w", err)
	}
	return v, nil
}

// newFlags makes a command's flag set. The flag package prints nothing (it
// would print the help after every mistake): --help prints the command's
// help on stdout, and a mistake comes back as a usageError that realMain
// prints once.
func newFlags(name string, e env) *flag.FlagSet {
	fs := flag.NewFlagSet("peerstat "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	helpFor.Store(fs, func() { printCommandHelp(e.stdout, name, fs) })
	return fs
}

// helpFor holds each flag set's help printer (*flag.FlagSet -> func()).
var helpFor sync.Map

// printCommandHelp writes a command's help with its flags as --name.
func printCommandHelp(w io.Writer, name string, fs *flag.FlagSet) {
	h := commandHelp[name]
	fmt.Fprintf(w, "Usage:\n  %s\n\n%s\n\nFlags:\n", h.synopsis, h.about)
	type line struct{ left, right string }
	var lines []line
	width := 0
	fs.VisitAll(func(f *flag.Flag) {
		placeholder, text := flag.UnquoteUsage(f)
		left := "--" + f.Name
		if placeholder != "" {
			left += " " + placeholder
		}
		if d := f.DefValue; d != "" && d != "false" && d != "0" {
			text += fmt.Sprintf(" (default %s)", d)
		}
		lines = append(lines, line{left, text})
		width = max(width, len(left))
	})
	for _, l := range lines {
		fmt.Fprintf(w, "  %-*s  %s\n", width, l.left, l.right)
	}
	fmt.Fprintln(w, "  --help"+strings.Repeat(" ", max(0, width-len("--help")))+"  print this help")
}

// parseFlags parses args, turning the flag package's messages into
// sentences that name flags as --name, and refuses stray arguments.
func parseFlags(fs *flag.FlagSet, args []string) error {
	defer helpFor.Delete(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			if help, ok := helpFor.Load(fs); ok {
				help.(func())()
			}
			return err
		}
		return flagMistake(fs, err)
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q (flags start with --)", fs.Arg(0))
	}
	var quoted error
	fs.Visit(func(f *flag.Flag) {
		if quoted == nil && strings.Contains(f.Value.String(), `"`) {
			// cmd.exe reads "C:\My Exports\" as C:\My Exports" and the
			// rest of the line: \" is a quote inside the quotes.
			quoted = usagef(`--%s %s: a path cannot contain "; on Windows, a path in quotes must not end with \ (write "C:\My Exports", not "C:\My Exports\")`, f.Name, f.Value)
		}
	})
	return quoted
}

var (
	undefinedFlag = regexp.MustCompile(`^flag provided but not defined: -+(.*)$`)
	missingValue  = regexp.MustCompile(`^flag needs an argument: -+(.*)$`)
	invalidValue  = regexp.MustCompile(`^invalid (?:boolean )?value ("(?:[^"\\]|\\.)*") for (?:flag )?-+([^:]*): (.*)$`)
	badSyntax     = regexp.MustCompile(`^bad flag syntax: (.*)$`)
)

// flagMistake rewrites an error of flag.FlagSet.Parse.
func flagMistake(fs *flag.FlagSet, err error) error {
	msg := err.Error()
	if m := undefinedFlag.FindStringSubmatch(msg); m != nil {
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		if s := suggest(m[1], names); s != "" {
			return usagef("unknown flag --%s; did you mean --%s?", m[1], s)
		}
		return usagef("unknown flag --%s", m[1])
	}
	if m := missingValue.FindStringSubmatch(msg); m != nil {
		placeholder := "VALUE"
		if f := fs.Lookup(m[1]); f != nil {
			if p, _ := flag.UnquoteUsage(f); p != "" {
				placeholder = p
			}
		}
		return usagef("--%s needs a value: --%s %s", m[1], m[1], placeholder)
	}
	if m := invalidValue.FindStringSubmatch(msg); m != nil {
		reason := m[3]
		switch reason {
		case "parse error":
			reason = "not a number"
			if f := fs.Lookup(m[2]); f != nil {
				if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
					reason = "use true or false"
				}
			}
		case "value out of range":
			reason = "too large"
		}
		return usagef("--%s %s: %s", m[2], m[1], reason)
	}
	if m := badSyntax.FindStringSubmatch(msg); m != nil {
		return usagef("%q is not a flag: flags look like --data DIR", m[1])
	}
	return usageError{msg}
}

// suggest is the candidate a mistyped word was most likely meant to be:
// the one it begins, or the nearest within one edit (two for words of five
// letters or more); "" when none is near.
func suggest(word string, candidates []string) string {
	word = strings.ToLower(word)
	sort.Strings(candidates)
	var prefixed []string
	for _, c := range candidates {
		if len(word) >= 2 && strings.HasPrefix(c, word) {
			prefixed = append(prefixed, c)
		}
	}
	if len(prefixed) == 1 {
		return prefixed[0]
	}
	best, bestDist := "", 2
	if len(word) >= 5 {
		bestDist = 3
	}
	for _, c := range candidates {
		if d := editDistance(word, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance counts the insertions, deletions, substitutions and swaps of
// neighbours that turn a into b (optimal string alignment), so "rnu" is one
// edit from "run".
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// defaultRunFolders settles run's --data and --out: both given, or neither
// (this folder in, ./peerstat-out out, as for a double-click); one without
// the other is a mistake.
func defaultRunFolders(e env, data, out string) (string, string, error) {
	switch {
	case data != "" && out != "":
		if st, err := os.Stat(data); err != nil || !st.IsDir() {
			return "", "", fmt.Errorf("--data %s: there is no folder of that name", data)
		}
		return data, out, nil
	case data == "" && out == "":
		here, err := os.Getwd()
		if err != nil {
			return "", "", fmt.Errorf("find the current folder: %w", err)
		}
		out = filepath.Join(here, "peerstat-out")
		fmt.Fprintf(e.stderr, "reading the exports in %s and writing to %s\n", here, out)
		return here, out, nil
	case data == "":
		return "", "", usagef("--out is given without --data: give both, or neither to read the current folder and write ./peerstat-out")
	default:
		return "", "", usagef("--data is given without --out: give both, or neither to read the current folder and write ./peerstat-out")
	}
}

// excelPathLimit is the longest path, folders and name together, from
// which Excel opens a workbook: 218 characters.
const excelPathLimit = 218

// warnExcelPath warns when a workbook was written where Excel will not open
// it, its full path being over Excel's limit.
func warnExcelPath(e env, path string) {
	if !strings.HasSuffix(path, ".xlsx") {
		return
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if n := utf8.RuneCountInString(path); n > excelPathLimit {
		fmt.Fprintf(e.stderr, "warning: Excel will not open %s: its path is %d characters long, and Excel opens none over %d; give a shorter --out folder\n", path, n, excelPathLimit)
	}
}

// isTerminal tells whether w is a terminal (a console on Windows); a
// character device such as /dev/null is not.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
