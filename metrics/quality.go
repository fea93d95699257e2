package metrics

import (
	"context"
	"database/sql"
	"fmt"
)

// readQuality reads the data-quality marts: quality__rejects (source,
// reason, rows), quality__warnings (check_name, cases), quality__partial_loss
// (files that lost more than half of their rows) and quality__files (the
// file versions loaded).
func readQuality(ctx context.Context, conn *sql.Conn) (Quality, error) {
	var q Quality
	rs, err := conn.QueryContext(ctx, `SELECT source, reason, rows FROM quality__rejects ORDER BY source, reason`)
	if err != nil {
		return q, fmt.Errorf("read rejects summary: %w", err)
	}
	for rs.Next() {
		var r RejectCount
		if err := rs.Scan(&r.Source, &r.Reason, &r.Rows); err != nil {
			rs.Close()
			return q, err
		}
		q.RejectsByReason = append(q.RejectsByReason, r)
	}
	rs.Close()
	rs, err = conn.QueryContext(ctx, `SELECT check_name, cases FROM quality__warnings ORDER BY check_order`)
	if err != nil {
		return q, fmt.Errorf("read data-quality checks: %w", err)
	}
	for rs.Next() {
		var w Warning
		if err := rs.Scan(&w.Check, &w.Count); err != nil {
			rs.Close()
			return q, err
		}
		q.Warnings = append(q.Warnings, w)
	}
	rs.Close()
	rs, err = conn.QueryContext(ctx, `SELECT source, file, share, reason, fix FROM quality__partial_loss ORDER BY load_order`)
	if err != nil {
		return q, fmt.Errorf("read the files that lost rows: %w", err)
	}
	for rs.Next() {
		var l FileLoss
		if err := rs.Scan(&l.Source, &l.File, &l.Share, &l.Reason, &l.Fix); err != nil {
			rs.Close()
			return q, err
		}
		q.PartialLoss = append(q.PartialLoss, l)
	}
	rs.Close()
	rs, err = conn.QueryContext(ctx, `SELECT source, file, rows_read, rows_loaded, rows_rejected, rows_replaced FROM quality__files ORDER BY source, file`)
	if err != nil {
		return q, fmt.Errorf("read file loads: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		var f FileLoad
		if err := rs.Scan(&f.Source, &f.File, &f.RowsRead, &f.RowsLoaded, &f.RowsRejected, &f.RowsReplaced); err != nil {
			return q, err
		}
		q.Files = append(q.Files, f)
	}
	return q, rs.Err()
}
