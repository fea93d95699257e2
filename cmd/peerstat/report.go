package main

import (
	"context"

	"github.com/peerstat/peerstat/metrics"
)

// reportCommand writes the packets from the database an ingest filled.
func reportCommand(e env, args []string) error {
	fs := newFlags("report", e)
	var o outputFlags
	var p packetFlags
	o.register(fs)
	p.register(fs, true)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := p.check(); err != nil {
		return err
	}
	return fromDatabase(e, o, func(ctx context.Context, all metrics.Release) error {
		rel, err := selectPackets(all, p)
		if err != nil {
			return err
		}
		return writeOutputs(e, o.out, func(dir string) ([]string, error) {
			return writeReports(dir, rel)
		})
	})
}
