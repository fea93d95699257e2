package metrics

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"

	"github.com/peerstat/peerstat/internal/outset"
)

// CSVHeader is the column list of metrics.csv (DATA.md).
var CSVHeader = []string{"metric", "program", "grain", "period_start", "period_end", "numerator", "denominator", "value", "unit", "suppressed"}

// WriteCSV writes rows as metrics.csv to path, whole or not at all,
// readable by the owner only.
func WriteCSV(path string, rows []Row) error {
	return outset.WriteFile(path, func(w io.Writer) error { return EncodeCSV(w, rows) })
}

// EncodeCSV writes rows in the metrics.csv format: numbers at full
// precision without exponents, blanks for missing numbers, suppressed rows
// with blank figures, and text that a spreadsheet would run as a formula
// behind a leading ' (outset.TextCell).
func EncodeCSV(w io.Writer, rows []Row) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, r := range rows {
		rec := []string{
			outset.TextCell(r.Metric), outset.TextCell(r.Program), r.Grain,
			r.PeriodStart.Format("2006-01-02"), r.PeriodEnd.Format("2006-01-02"),
			FormatNumber(r.Numerator), FormatNumber(r.Denominator), FormatNumber(r.Value),
			r.Unit, strconv.FormatBool(r.Suppressed),
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// FormatNumber writes a figure at full precision (the shortest decimal
// that reads back as the same float64), without an exponent; nil is blank.
func FormatNumber(f *float64) string {
	if f == nil {
		return ""
	}
	v := *f
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
