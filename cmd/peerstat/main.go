// Command peerstat turns a peer-support agency's exports (EHR services,
// encounters, timesheets, staff, participants, surveys) into the outcome
// figures its board and managed-care partners ask for: metrics.csv, Excel
// workbooks and self-contained HTML reports.
//
// This package only reads flags, wires the packages together and decides
// what is printed and the exit status; the work is done in ingest, metrics
// and reports.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

const usage = `peerstat: outcome figures for a peer-support agency

Usage:
  peerstat run     --data DIR --out DIR [--config FILE] [--profile FILE] [--db FILE]
                   [--strict] [--min-cell N] [--packet board|mco|all]
  peerstat ingest  --data DIR [--db FILE] [--profile FILE] [--strict]
  peerstat metrics [--db FILE] --out DIR [--config FILE] [--min-cell N]
  peerstat report  [--db FILE] --out DIR [--config FILE] [--min-cell N]
                   [--packet board|mco|all] [--payer NAME]
  peerstat gen     --out DIR [--participants N] [--seed S]

Run 'peerstat COMMAND -h' for the flags of one command.
`

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return usageError{fmt.Sprintf(format, args...)}
}

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

func main() {
	os.Exit(realMain(os.Args[1:], os.Stdout, os.Stderr))
}

func realMain(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "peerstat: %q is not a command.\n\n%s", args[0], usage)
		return 2
	}
	e := env{stdout: stdout, stderr: stderr, terminal: isTerminal(stderr)}
	err := cmd(e, args[1:])
	var ue usageError
	var coded interface{ ExitCode() int }
	switch {
	case err == nil:
		return 0
	case errors.As(err, &coded):
		fmt.Fprintf(stderr, "peerstat %s: %s\n", args[0], err)
		return coded.ExitCode()
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "peerstat %s: %s\nRun 'peerstat %s -h' for its flags.\n", args[0], ue.msg, args[0])
		return 2
	default:
		fmt.Fprintf(stderr, "peerstat %s: %s\n", args[0], err)
		return 1
	}
}

// newFlags makes a command's flag set; a flag mistake becomes a usageError.
func newFlags(name string, e env) *flag.FlagSet {
	fs := flag.NewFlagSet("peerstat "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}

// parseFlags parses args and refuses stray positional arguments.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q (flags start with --)", fs.Arg(0))
	}
	return nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	if err != nil {
		return false
	}
	return st.Mode()&os.ModeCharDevice != 0
}
