package main

import (
	"flag"
	"fmt"
	"path/filepath"
	"strconv"
)

// outputFlags are the flags metrics, report and run share.
type outputFlags struct {
	db, out, config string
	minCell         optionalInt
}

func (o *outputFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&o.db, "db", "", "the DuckDB database `FILE` (default OUT/peerstat.duckdb)")
	fs.StringVar(&o.out, "out", "", "write outputs to `DIR`")
	fs.StringVar(&o.config, "config", "", "settings `FILE` (default: the config stored by the last ingest)")
	fs.Var(&o.minCell, "min-cell", "suppress protected counts from 1 to `N`-1 (overrides min_cell; 0 turns suppression off)")
}

func (o *outputFlags) check() error {
	if o.out == "" {
		return usagef("--out DIR is required: the folder to write the outputs to")
	}
	if o.db == "" {
		o.db = filepath.Join(o.out, "peerstat.duckdb")
	}
	return nil
}

// optionalInt is an int flag that knows whether it was given.
type optionalInt struct {
	set   bool
	value int
}

func (o *optionalInt) String() string {
	if !o.set {
		return ""
	}
	return strconv.Itoa(o.value)
}

func (o *optionalInt) Set(s string) error {
	v, err := strconv.Atoi(s)
	if err != nil || v < 0 {
		return fmt.Errorf("%q is not a whole number of 0 or more", s)
	}
	o.set, o.value = true, v
	return nil
}

// packetFlags choose which reports to write.
type packetFlags struct {
	packet, payer string
}

func (p *packetFlags) register(fs *flag.FlagSet, withPayer bool) {
	fs.StringVar(&p.packet, "packet", "all", "`WHICH` reports to write: board, mco or all")
	if withPayer {
		fs.StringVar(&p.payer, "payer", "", "write the MCO packet for this payer `NAME` only (as [payer_names] in the config names it)")
	}
}

func (p *packetFlags) check() error {
	switch p.packet {
	case "board", "mco", "all":
		return nil
	}
	return usagef("--packet %q: use board, mco or all", p.packet)
}

func (p packetFlags) board() bool { return p.packet == "board" || p.packet == "all" }
func (p packetFlags) mco() bool   { return p.packet == "mco" || p.packet == "all" }
