package main

import (
	"context"

	"github.com/peerstat/peerstat/metrics"
)

// metricsCommand writes OUT/metrics.csv from the database an ingest filled,
// and removes the packets in OUT, which came from another run.
func metricsCommand(e env, args []string) error {
	fs := newFlags("metrics", e)
	var o outputFlags
	o.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return fromDatabase(e, o, func(ctx context.Context, all metrics.Release) error {
		return writeOutputs(e, o.out, func(dir string) ([]string, error) {
			return writeMetrics(e, dir, all.Board)
		})
	})
}
