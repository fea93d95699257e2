package synth

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Headers of the files, exactly as DATA.md names the columns.
var (
	participantsHeader = []string{"participant_id", "program", "enrolled_on", "discharged_on", "birth_year", "payer"}
	staffHeader        = []string{"staff_id", "role", "program", "hire_date", "termination_date", "termination_type", "fte", "hourly_wage"}
	servicesHeader     = []string{"service_id", "participant_id", "staff_id", "service_date", "minutes", "service_code", "billable", "goal_id", "note_signed_at"}
	encountersHeader   = []string{"encounter_id", "participant_id", "setting", "admit_date", "discharge_date", "involuntary", "planned", "paid_amount"}
	timesheetsHeader   = []string{"staff_id", "work_date", "activity", "minutes", "billable", "miles"}
	surveysHeader      = func() []string {
		h := []string{"response_id", "instrument", "program", "survey_date", "participant_id"}
		for q := 1; q <= mhsipItems; q++ {
			h = append(h, "q"+strconv.Itoa(q))
		}
		return h
	}()
	assessmentsHeader = func() []string {
		h := []string{"assessment_id", "participant_id", "assessment_date", "kind", "housing", "employment", "instrument"}
		for q := 1; q <= barc10Items; q++ {
			h = append(h, "q"+strconv.Itoa(q))
		}
		return h
	}()
)

// csvFile is one output file being written. Every value the generator
// writes is a number, a date or a name from this package, none holding a
// comma, quote or line break, so rows are joined without quoting.
type csvFile struct {
	name string
	file *os.File
	w    *bufio.Writer
	rows int
	line []byte
}

func createCSV(dir, name string, header []string) (*csvFile, error) {
	f, err := createFile(filepath.Join(dir, name))
	if err != nil {
		return nil, err
	}
	c := &csvFile{name: name, file: f, w: bufio.NewWriterSize(f, 1<<18)}
	if _, err := c.w.WriteString(strings.Join(header, ",") + "\n"); err != nil {
		f.Close()
		return nil, fmt.Errorf("write %s: %w", name, err)
	}
	return c, nil
}

// createFile makes (or truncates) a file only its owner may read: the
// files look like health records even though no person in them is real.
func createFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// start begins a row in the line buffer.
func (c *csvFile) start() []byte { return c.line[:0] }

// end writes the finished row.
func (c *csvFile) end(row []byte) {
	row = append(row, '\n')
	c.line = row
	c.rows++
	c.w.Write(row) // a write error sticks in the bufio.Writer and is returned by close
}

func (c *csvFile) close() error {
	err := c.w.Flush()
	if cerr := c.file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", c.name, err)
	}
	return nil
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, "true"...)
	}
	return append(b, "false"...)
}

// appendCents writes an amount of cents as dollars with two decimals.
func appendCents(b []byte, cents int64) []byte {
	b = strconv.AppendInt(b, cents/100, 10)
	b = append(b, '.')
	return append2(b, int(cents%100))
}

// appendTenths writes a number of tenths with one decimal.
func appendTenths(b []byte, tenths int) []byte {
	b = strconv.AppendInt(b, int64(tenths/10), 10)
	b = append(b, '.')
	return strconv.AppendInt(b, int64(tenths%10), 10)
}

func appendID(b []byte, prefix string, n, width int) []byte {
	b = append(b, prefix...)
	digits := 1
	for x := n; x >= 10; x /= 10 {
		digits++
	}
	for ; digits < width; digits++ {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(n), 10)
}
