package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/peerstat/peerstat/internal/outset"
	"github.com/peerstat/peerstat/internal/trace"
	"github.com/peerstat/peerstat/metrics"
	"github.com/peerstat/peerstat/reports"
)

// release is what one command publishes: the agency's metrics and, for the
// MCO packets, each payer's, all computed before any file is written.
type release struct {
	all    metrics.Result
	board  bool             // write the board packet
	mco    bool             // write MCO packets
	payers []metrics.Result // one per payer to write, in name order
}

// selectPackets picks the packets p selects from the suppressed release.
// The payer names are checked first, so two payers sharing a packet file
// stop the command before anything is written.
func selectPackets(computed metrics.Release, p packetFlags) (release, error) {
	all := computed.Board
	rel := release{all: all, board: p.board(), mco: p.mco()}
	if err := reports.CheckPayerNames(all.Payers); err != nil {
		return rel, err
	}
	payers := all.Payers
	if p.payer != "" {
		found := false
		for _, name := range all.Payers {
			found = found || name == p.payer
		}
		if name, ok := all.Config.PayerSpellings()[strings.TrimSpace(p.payer)]; !found && ok {
			return rel, fmt.Errorf("--payer %q: [payer_names] in the config makes that a spelling of %q; use --payer %q", p.payer, name, name)
		}
		if !found {
			return rel, fmt.Errorf("no participant has payer %q (payers in the data, as [payer_names] maps them: %s)", p.payer, quoteList(all.Payers))
		}
		payers = []string{p.payer}
	}
	if !rel.mco {
		return rel, nil
	}
	for _, payer := range payers {
		res, ok := computed.Payer(payer)
		if !ok {
			return rel, fmt.Errorf("no metrics were computed for payer %q", payer)
		}
		rel.payers = append(rel.payers, res)
	}
	return rel, nil
}

func quoteList(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// writeReports writes the release's packets into dir and returns their
// paths, board first, then each payer's in order. Rendering a packet is Go
// work on one core, so two are rendered at a time.
func writeReports(dir string, rel release) ([]string, error) {
	type job struct {
		name  string
		write func() ([]string, error)
	}
	var jobs []job
	if rel.board {
		jobs = append(jobs, job{"board", func() ([]string, error) { return reports.WriteBoard(dir, rel.all) }})
	}
	if rel.mco && len(rel.all.Payers) == 0 {
		jobs = append(jobs, job{"mco", func() ([]string, error) { return reports.WriteMCO(dir, "", rel.all) }})
	}
	if rel.mco {
		for _, res := range rel.payers {
			jobs = append(jobs, job{"mco " + res.Scope.Payer, func() ([]string, error) { return reports.WriteMCO(dir, res.Scope.Payer, res) }})
		}
	}
	paths := make([][]string, len(jobs))
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	slots := make(chan struct{}, 2)
	for i, j := range jobs {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer func() { <-slots; wg.Done() }()
			began := time.Now()
			paths[i], errs[i] = j.write()
			// PEERSTAT_TRACE: rendering alone, apart from computing.
			trace.Step(began, "render %s", j.name)
		}()
	}
	wg.Wait()
	var all []string
	for i := range jobs {
		if errs[i] != nil {
			return nil, errs[i]
		}
		all = append(all, paths[i]...)
	}
	return all, nil
}

// writeMetrics writes metrics.csv into dir.
func writeMetrics(e env, dir string, res metrics.Result) ([]string, error) {
	path := filepath.Join(dir, "metrics.csv")
	if err := metrics.WriteCSV(path, res.Rows); err != nil {
		return nil, err
	}
	if res.Config.MinCell == 0 {
		fmt.Fprintln(e.stderr, "warning: small-cell suppression is OFF (--min-cell 0): these outputs are for internal use only")
	}
	return []string{path}, nil
}

// openOut makes OUT ready for a command's outputs: prepareOut, then
// recoverOut.
func openOut(e env, out string) error {
	if err := prepareOut(e, out); err != nil {
		return err
	}
	return recoverOut(e, out)
}

// prepareOut makes OUT (0700) and warns when others can read an existing
// one.
func prepareOut(e env, out string) error {
	warning, err := outset.PrepareOut(out)
	if err != nil {
		return err
	}
	if warning != "" {
		fmt.Fprintln(e.stderr, warning)
	}
	return nil
}

// recoverOut settles a set of outputs an interrupted command left in OUT.
func recoverOut(e env, out string) error {
	note, err := outset.Recover(out)
	if err != nil {
		return err
	}
	if note != "" {
		fmt.Fprintln(e.stderr, note)
	}
	return nil
}

// writeOutputs writes a command's files as one set: fill writes them into
// the staging folder it is given, and only when all are written are they
// put in OUT, with the packets this command did not write removed (so OUT
// never mixes two runs' suppression patterns). The paths in OUT go to
// stdout.
func writeOutputs(e env, out string, fill func(dir string) ([]string, error)) error {
	set, err := outset.Begin(out)
	if err != nil {
		return err
	}
	staged, err := fill(set.Dir())
	if err != nil {
		set.Abort()
		return err
	}
	if err := set.Commit(reports.IsPacketFile); err != nil {
		return err
	}
	for _, path := range staged {
		fmt.Fprintln(e.stdout, set.Final(path))
		warnExcelPath(e, set.Final(path))
	}
	return nil
}

// isOutput says whether a file in OUT is one peerstat writes as an output.
func isOutput(name string) bool {
	return name == "metrics.csv" || name == "rejects.csv" || reports.IsPacketFile(name)
}

// keptOutputs adds to a command's failure that the outputs in OUT are
// those of an earlier run, and from when. Commands call it only when they
// did not put their own outputs in place.
func keptOutputs(out string, err error) error {
	if err == nil {
		return nil
	}
	when, ok := outset.LastWritten(out, isOutput)
	if !ok {
		return err
	}
	return fmt.Errorf("%w\nThe outputs in %s were left as they were: they are from the run of %s.", err, out, when.Local().Format("2006-01-02 15:04"))
}
