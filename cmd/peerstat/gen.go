package main

import (
	"fmt"

	"github.com/peerstat/peerstat/synth"
)

// genCommand writes the synthetic agency: `peerstat gen --out DIR
// [--participants N] [--seed S]`. The folder path goes to stdout, the row
// counts to stderr.
func genCommand(e env, args []string) error {
	fs := newFlags("gen", e)
	out := fs.String("out", "", "write the agency's files and peerstat.toml into `DIR` (created when missing)")
	participants := fs.Int("participants", synth.DefaultOptions.Participants, "`N` people served; staff, services and every other file scale with it")
	seed := fs.Uint64("seed", synth.DefaultOptions.Seed, "which agency (`S`): the same seed and participants write the same bytes")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("--out DIR is required: the folder to write the synthetic agency into")
	}
	if *participants < 1 {
		return usagef("--participants %d: use 1 or more", *participants)
	}
	opts := synth.Options{Participants: *participants, Seed: *seed}
	if e.terminal {
		opts.Progress = e.stderr
	}
	summary, err := synth.Generate(*out, opts)
	if err != nil {
		return fmt.Errorf("write the synthetic agency to %s: %w", *out, err)
	}
	fmt.Fprintf(e.stderr, "wrote a synthetic agency of %d participants (seed %d):\n", *participants, *seed)
	for _, f := range summary.Files {
		fmt.Fprintf(e.stderr, "  %-22s %9d rows\n", f.Name, f.Rows)
	}
	fmt.Fprintf(e.stderr, "  %s\n", synth.ConfigFile)
	fmt.Fprintln(e.stdout, *out)
	return nil
}
