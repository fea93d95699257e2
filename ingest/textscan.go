package ingest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"unicode/utf8"
)

// textScan is what one pass over a delimited text file learns before
// DuckDB reads it: the header, and where records and physical lines part
// company (blank lines, line breaks inside quoted fields), so every row can
// be given the line number a person sees in an editor.
//
// DuckDB's CSV reader counts "lines" as records plus blank lines, a record
// with a quoted line break counting once; its rejects carry that count.
// The rows it loads are numbered by rowid, skipping blank lines and the
// records it rejects. lineMap turns both into physical lines.
type textScan struct {
	header    []string
	headerRaw []string // as written, trimmed
	records   int64    // data records after the header (whitespace-only lines included)
	lines     lineMap
	// padded: some cell may start or end with whitespace (see padScan);
	// when false the checks need not trim cells.
	padded bool
	// irregular says why DuckDB's reader would misread the file, which is
	// then read record by record in Go (see readRecords): a stray quote
	// (a quoted field running over more than maxQuotedLines lines or
	// maxQuotedChars characters, a record with a quoted line break that
	// does not have the header's number of fields, or a quote still open
	// at the end), or line ends DuckDB reads one kind of only (CR alone,
	// or CRLF mixed with LF). "" for a regular file.
	irregular string
}

// quoteLimits are the longest a quoted field may run (DATA.md, Records
// and lines): a note of a few paragraphs, not the rest of the file. A
// profile may raise them (max_quoted_lines, max_quoted_chars) for a file
// with longer notes; the zero value means the defaults.
type quoteLimits struct{ lines, chars int }

// The defaults of quoteLimits.
const (
	maxQuotedLines = 20
	maxQuotedChars = 10000
)

// orDefaults fills a zero limit with its default.
func (q quoteLimits) orDefaults() quoteLimits {
	if q.lines <= 0 {
		q.lines = maxQuotedLines
	}
	if q.chars <= 0 {
		q.chars = maxQuotedChars
	}
	return q
}

// lineMap converts DuckDB's record counts into physical line numbers.
// "L" below is DuckDB's count: the header is 1.
type lineMap struct {
	blank     []int64 // L of blank lines
	multiline []int64 // L of records spanning several physical lines…
	extra     []int64 // …and the cumulative extra lines up to and including each
}

// errNoHeader: the first line names no columns.
var errNoHeader = errors.New("no header line: the first line must name the columns")

// encodingError: the file is not UTF-8 text.
type encodingError string

func (e encodingError) Error() string { return string(e) }

// scanText reads delimited text (already decompressed) and returns its
// header and line map. A file that is not UTF-8 fails with a sentence that
// names the line.
func scanText(r io.Reader, delim rune) (textScan, error) {
	return scanTextWith(r, delim, quoteLimits{})
}

// scanTextWith is scanText with the file's quote limits.
func scanTextWith(r io.Reader, delim rune, limits quoteLimits) (textScan, error) {
	limits = limits.orDefaults()
	var (
		s        textScan
		buf      = make([]byte, 1<<20)
		carry    []byte // an incomplete UTF-8 sequence from the previous chunk
		inQuote  bool
		content  bool  // the current physical line has a non-CR byte outside quotes
		extra    int64 // line breaks inside quotes in the current record
		totalX   int64
		L        int64 = 1
		phys     int64 = 1
		header   []byte
		inHeader = true
		first    = true
		pad      = newPadScan(delim)
		d        = byte(delim)
		// fields counts the delimiters outside quotes of the current
		// record (kept for the header and for records with a quoted line
		// break); quoteLines and quoteChars measure the open quoted field.
		fields, headerFields   int64
		quoteLines, quoteChars int
		justClosed             bool // the last byte closed a quote ("" reopens it)
		prev                   byte
		crlf, lf, cr           bool // line ends seen outside quotes
	)
	stray := func(why string) {
		if s.irregular == "" {
			s.irregular = why
		}
	}
	endLine := func() {
		switch {
		case inHeader:
			inHeader = false
			headerFields = fields + 1
		case !content && extra == 0:
			s.lines.blank = append(s.lines.blank, L)
		default:
			s.records++
			if extra > 0 {
				totalX += extra
				s.lines.multiline = append(s.lines.multiline, L)
				s.lines.extra = append(s.lines.extra, totalX)
				if fields+1 != headerFields {
					stray("stray quote")
				}
			}
		}
		L++
		phys++
		content, extra, fields = false, 0, 0
	}
	for {
		n, err := r.Read(buf)
		chunk := buf[:n]
		if len(carry) > 0 {
			chunk = append(append([]byte{}, carry...), chunk...)
			carry = nil
		}
		if first && len(chunk) >= 2 {
			first = false
			if (chunk[0] == 0xFF && chunk[1] == 0xFE) || (chunk[0] == 0xFE && chunk[1] == 0xFF) {
				return s, encodingError("the file is UTF-16 text; save it as UTF-8 (in Excel: Save As, \"CSV UTF-8\")")
			}
		}
		if err == nil {
			// Keep back a trailing partial rune for the next chunk.
			if k := partialRuneTail(chunk); k > 0 {
				carry = append(carry, chunk[len(chunk)-k:]...)
				chunk = chunk[:len(chunk)-k]
			}
		}
		if !utf8.Valid(chunk) {
			at := firstInvalid(chunk)
			line := phys + int64(bytes.Count(chunk[:at], []byte{'\n'}))
			return s, encodingError(fmt.Sprintf("line %d is not UTF-8 text; save the file as UTF-8 (in Excel: Save As, \"CSV UTF-8\")", line))
		}
		pad.feed(chunk)
		if inHeader && len(header) < 1<<20 {
			header = append(header, chunk...)
		}
		if !inQuote && bytes.IndexByte(chunk, '"') < 0 {
			// No quotes: only line ends matter (and the fields of the
			// first line, which may end a record begun in a quote).
			lastByte := prev
			if len(chunk) > 0 {
				lastByte = chunk[len(chunk)-1]
			}
			firstSeg := true
			for len(chunk) > 0 {
				i := bytes.IndexByte(chunk, '\n')
				seg := chunk
				if i >= 0 {
					seg = chunk[:i]
				}
				if firstSeg {
					fields += int64(bytes.Count(seg, []byte{d}))
					if prev == '\r' && len(seg) > 0 {
						cr = true // the last chunk ended in a CR no LF follows
					}
				}
				if !content && len(bytes.Trim(seg, "\r")) > 0 {
					content = true
				}
				body := seg
				switch {
				case len(body) > 0 && body[len(body)-1] == '\r':
					body = body[:len(body)-1]
					crlf = crlf || i >= 0 // else the next chunk tells
				case i >= 0 && firstSeg && len(seg) == 0 && prev == '\r':
					crlf = true
				case i >= 0:
					lf = true
				}
				if bytes.IndexByte(body, '\r') >= 0 {
					cr = true
				}
				firstSeg = false
				if i < 0 {
					break
				}
				endLine()
				chunk = chunk[i+1:]
			}
			prev = lastByte
			justClosed = false
		} else {
			for _, b := range chunk {
				if prev == '\r' && b != '\n' && !inQuote {
					cr = true
				}
				switch {
				case inQuote:
					quoteChars++
					if b == '"' {
						inQuote, justClosed = false, true
					} else if b == '\n' {
						extra++
						phys++
						quoteLines++
					}
					if quoteLines > limits.lines || quoteChars > limits.chars {
						stray("stray quote")
					}
				case b == '"':
					if !justClosed {
						quoteLines, quoteChars = 0, 0
					}
					inQuote, content, justClosed = true, true, false
				case b == '\n':
					if prev == '\r' {
						crlf = true
					} else {
						lf = true
					}
					justClosed = false
					endLine()
				case b == d:
					fields++
					content, justClosed = true, false
				case b != '\r':
					content, justClosed = true, false
				default:
					justClosed = false
				}
				prev = b
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return s, err
		}
	}
	if inQuote {
		stray("stray quote")
	}
	if content || extra > 0 {
		endLine()
	}
	if prev == '\r' {
		cr = true // the file ends in a CR alone
	}
	switch {
	case cr:
		s.irregular = "carriage returns alone as line ends"
		// The header is the text up to the first line end of any kind.
		header = bytes.ReplaceAll(bytes.ReplaceAll(header, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
	case crlf && lf && s.irregular == "":
		s.irregular = "CRLF and LF line ends mixed"
	}
	pad.end()
	s.padded = pad.padded
	hr := csv.NewReader(bytes.NewReader(header))
	hr.Comma = delim
	hr.LazyQuotes = true
	hr.FieldsPerRecord = -1
	names, err := hr.Read()
	if err != nil || len(names) == 0 {
		return s, errNoHeader
	}
	for _, f := range names {
		s.headerRaw = append(s.headerRaw, trimSpaceBOM(f))
		s.header = append(s.header, normalizeHeader(f))
	}
	return s, nil
}

func trimSpaceBOM(s string) string {
	return string(bytes.TrimSpace(bytes.TrimPrefix([]byte(s), []byte("\uFEFF"))))
}

// partialRuneTail is the length of an incomplete UTF-8 sequence at the end
// of b (0 when b ends on a rune boundary).
func partialRuneTail(b []byte) int {
	for k := 1; k <= 3 && k <= len(b); k++ {
		c := b[len(b)-k]
		if c < 0x80 {
			return 0
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(b[len(b)-k:]) {
				return k
			}
			return 0
		}
	}
	return 0
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// physical is the line a person sees for DuckDB's line count L.
func (m lineMap) physical(L int64) int64 {
	// Records before L that span several lines push it down.
	i := sort.Search(len(m.multiline), func(i int) bool { return m.multiline[i] >= L })
	if i == 0 {
		return L
	}
	return L + m.extra[i-1]
}

// rowLines gives, for the rows DuckDB loaded (numbered 0, 1, … in file
// order), the physical line of each, as steps: row r is on line
// r + 2 + off of the last step with from <= r. skipped are the L of the
// records DuckDB rejected. With nothing irregular there are no steps and
// row r is on line r + 2.
func (m lineMap) rowLines(rejected []int64) []lineStep {
	skipped := append(append([]int64{}, m.blank...), rejected...)
	sort.Slice(skipped, func(i, j int) bool { return skipped[i] < skipped[j] })
	skipped = uniq(skipped)
	// Row r has L = r + 2 + (number of skipped lines whose threshold
	// skipped[j]-2-j is <= r).
	lOf := func(r int64) int64 {
		k := sort.Search(len(skipped), func(j int) bool { return skipped[j]-2-int64(j) > r })
		return r + 2 + int64(k)
	}
	var starts []int64
	for j, s := range skipped {
		starts = append(starts, s-2-int64(j))
	}
	for _, ml := range m.multiline {
		// The first row after the record at ml.
		k := sort.Search(len(skipped), func(j int) bool { return skipped[j] > ml })
		starts = append(starts, ml-1-int64(k))
	}
	sort.Slice(starts, func(i, j int) bool { return starts[i] < starts[j] })
	starts = uniq(starts)
	var steps []lineStep
	last := int64(0)
	for _, r := range starts {
		if r < 0 {
			continue
		}
		off := m.physical(lOf(r)) - r - 2
		if off != last {
			steps = append(steps, lineStep{from: r, off: off})
			last = off
		}
	}
	return steps
}

// lineStep: from row `from` on, row r is on line r + 2 + off.
type lineStep struct{ from, off int64 }

// lineOfRow applies steps to one row number.
func lineOfRow(steps []lineStep, r int64) int64 {
	i := sort.Search(len(steps), func(i int) bool { return steps[i].from > r })
	if i == 0 {
		return r + 2
	}
	return r + 2 + steps[i-1].off
}

func uniq(s []int64) []int64 {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// padScan watches the bytes of a delimited text file for any cell that
// could start or end with the whitespace a cell is trimmed of (space, tab,
// carriage return, no-break space): whitespace next to a delimiter or a
// line end, a carriage return not ending a line, or any quote (a quoted
// cell may hold anything). A file with none needs no trimming, so the
// checks read its cells as they are: most exports are such files, and
// trimming every cell costs about as much as reading it.
type padScan struct {
	delim     byte
	prev      byte // the byte before the current chunk ('\n' at the start)
	pendingWS bool // the previous chunk ended in whitespace…
	pendingCR bool // …or in a carriage return
	padded    bool
}

func newPadScan(delim rune) *padScan { return &padScan{delim: byte(delim), prev: '\n'} }

func (p *padScan) boundary(b byte) bool { return b == p.delim || b == '\n' || b == '\r' }

// feed looks at the next chunk of the file; chunks end on rune boundaries.
func (p *padScan) feed(c []byte) {
	if p.padded || len(c) == 0 {
		return
	}
	defer func() { p.prev = c[len(c)-1] }()
	if (p.pendingWS && p.boundary(c[0])) || (p.pendingCR && c[0] != '\n') {
		p.padded = true
		return
	}
	p.pendingWS, p.pendingCR = false, false
	if bytes.IndexByte(c, '"') >= 0 {
		p.padded = true
		return
	}
	before := func(i int) byte {
		if i < 0 {
			return p.prev
		}
		return c[i]
	}
	// look finds each b in c; width is the bytes of the whitespace
	// character that ends with b.
	look := func(b byte, width int) bool {
		for off := 0; ; {
			i := bytes.IndexByte(c[off:], b)
			if i < 0 {
				return false
			}
			i += off
			off = i + 1
			if width == 2 && before(i-1) != 0xC2 {
				continue // 0xA0 ending another character
			}
			if p.boundary(before(i - width)) {
				return true
			}
			if i+1 == len(c) {
				p.pendingWS = true
			} else if p.boundary(c[i+1]) {
				return true
			}
		}
	}
	if look(' ', 1) || look(0xA0, 2) || (p.delim != '\t' && look('\t', 1)) {
		p.padded = true
		return
	}
	for off := 0; ; {
		i := bytes.IndexByte(c[off:], '\r')
		if i < 0 {
			break
		}
		i += off
		off = i + 1
		if i+1 < len(c) && c[i+1] != '\n' {
			p.padded = true
			return
		}
		if i+1 == len(c) {
			p.pendingCR = true // decided by the next chunk's first byte
		}
	}
}

// end settles the file's last byte.
func (p *padScan) end() {
	if p.pendingWS || p.pendingCR {
		p.padded = true
	}
}
