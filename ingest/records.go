package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strings"
)

// Records and lines (DATA.md, Loading and bad input). A file DuckDB's
// reader would misread (textScan.irregular) is read here, record by
// record: CRLF, LF, a mix of both and CR alone all end a line; a quoted
// field may run over line breaks, but one running over more than
// the file's quoteLimits (20 lines or 10,000 characters unless a profile
// raises them), or a record with a
// quoted line break that does not have the header's number of fields, is
// a stray quote: the lines from the one where the quote opened up to the
// limit (or the closing quote) are read again one by one, each as a
// record of its own. A line whose quotes do not balance is then a reject
// naming it; the others load or are rejected on their own. Every record
// so found is a row read, so rows read = loaded + rejected holds against
// the file's lines.

// strayQuoteReason is the reject of a line whose double quotes do not
// balance.
const strayQuoteReason = "stray quote: a double quote opens a field that does not close on this line"

// physicalLine is one line of a file and what ended it ("" at the end).
type physicalLine struct {
	number int64
	text   string
	end    string
}

// lineReader splits text at CRLF, LF and CR alike.
type lineReader struct {
	r    *bufio.Reader
	next int64
}

func (lr *lineReader) read() (physicalLine, bool, error) {
	var b bytes.Buffer
	for {
		c, err := lr.r.ReadByte()
		if err == io.EOF {
			if b.Len() == 0 {
				return physicalLine{}, false, nil
			}
			lr.next++
			return physicalLine{number: lr.next, text: b.String()}, true, nil
		}
		if err != nil {
			return physicalLine{}, false, err
		}
		switch c {
		case '\n':
			lr.next++
			return physicalLine{number: lr.next, text: b.String(), end: "\n"}, true, nil
		case '\r':
			end := "\r"
			if n, err := lr.r.Peek(1); err == nil && n[0] == '\n' {
				lr.r.ReadByte()
				end = "\r\n"
			}
			lr.next++
			return physicalLine{number: lr.next, text: b.String(), end: end}, true, nil
		}
		b.WriteByte(c)
	}
}

// textRecord is a record found in a file: its fields, or why it is a
// reject (reason, with the line's text as the value).
type textRecord struct {
	line          int64
	fields        []string
	value, reason string
}

// readRecords reads delimited text and hands each record after the header
// to fn, in file order. header is the header's number of fields.
func readRecords(r io.Reader, delim rune, header int, limits quoteLimits, fn func(textRecord) error) error {
	limits = limits.orDefaults()
	lr := &lineReader{r: bufio.NewReaderSize(r, 1<<20)}
	parse := func(text string) ([]string, error) {
		cr := csv.NewReader(strings.NewReader(text))
		cr.Comma = delim
		cr.FieldsPerRecord = -1
		cr.LazyQuotes = true
		return cr.Read()
	}
	first := true
	// emit hands one line read on its own to fn.
	emit := func(l physicalLine) error {
		if strings.TrimSpace(l.text) == "" {
			return nil
		}
		if first {
			first = false
			return nil
		}
		if strings.Count(l.text, `"`)%2 == 1 {
			return fn(textRecord{line: l.number, value: clip(l.text), reason: strayQuoteReason})
		}
		fields, err := parse(l.text)
		if err != nil {
			return fn(textRecord{line: l.number, value: clip(l.text), reason: "bad quoting"})
		}
		if len(fields) != header {
			return fn(textRecord{line: l.number, value: clip(l.text), reason: "wrong number of fields"})
		}
		return fn(textRecord{line: l.number, fields: fields})
	}
	var pending []physicalLine // the lines of a record whose quote is open
	quotes, chars := 0, 0
	for {
		l, ok, err := lr.read()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		l.text = strings.TrimPrefix(l.text, "\uFEFF")
		if len(pending) == 0 {
			if strings.Count(l.text, `"`)%2 == 0 {
				if err := emit(l); err != nil {
					return err
				}
				continue
			}
			pending, quotes, chars = []physicalLine{l}, strings.Count(l.text, `"`), len(l.text)
			continue
		}
		pending = append(pending, l)
		quotes += strings.Count(l.text, `"`)
		chars += len(l.text)
		if quotes%2 == 1 {
			if len(pending) > limits.lines || chars > limits.chars {
				// The quote runs past what a note holds: each line on its own.
				for _, p := range pending {
					if err := emit(p); err != nil {
						return err
					}
				}
				pending = nil
			}
			continue
		}
		// The quote closed: one record over several lines, unless it has
		// not the header's fields.
		var text strings.Builder
		for i, p := range pending {
			text.WriteString(p.text)
			if i < len(pending)-1 {
				text.WriteString(p.end)
			}
		}
		fields, err := parse(text.String())
		if err != nil || len(fields) != header || first {
			for _, p := range pending {
				if err := emit(p); err != nil {
					return err
				}
			}
		} else if err := fn(textRecord{line: pending[0].number, fields: fields}); err != nil {
			return err
		}
		pending = nil
	}
	for _, p := range pending {
		if err := emit(p); err != nil {
			return err
		}
	}
	return nil
}

// clip shortens a rejected line for the reject's value.
func clip(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

// eachTextRecord reads an irregular text file (see readRecords) and hands
// its rows to fn; records that are rejects go to the staging's reader
// rejects.
func eachTextRecord(f dataFile, header int, st *staging, fn func(int64, []string, *problem) error) error {
	file, err := os.Open(f.textPath())
	if err != nil {
		return err
	}
	defer file.Close()
	var r io.Reader = file
	if f.format == formatCSVGzip {
		gz, err := gzip.NewReader(file)
		if err != nil {
			return fmt.Errorf("%s is not a gzip file (%v)", f.name, err)
		}
		r = gz
	}
	st.steps = nil
	return readRecords(r, f.format.delimiter(), header, f.quotes, func(rec textRecord) error {
		if rec.reason != "" {
			st.readerRejects = append(st.readerRejects, readerReject{line: rec.line, value: rec.value, reason: rec.reason})
			return nil
		}
		return fn(rec.line, rec.fields, nil)
	})
}
