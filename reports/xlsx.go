package reports

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Chart geometry in the workbook: a chart is chartWidth × chartHeight
// pixels, which spans chartCols default-width columns and chartRows rows.
const (
	chartWidth  = 640
	chartHeight = 320
	chartCols   = 10 // 64 px per default column
	chartRows   = 16 // 20 px per default row
)

// writeWorkbook renders the packet as an xlsx file.
func writeWorkbook(p *packet) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	w := &workbook{f: f, p: p, styles: map[string]int{}}
	for i, s := range p.Sections {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.Sheet); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(s.Sheet); err != nil {
			return nil, fmt.Errorf("sheet %s: %w", s.Sheet, err)
		}
		if err := w.writeSheet(i, s); err != nil {
			return nil, fmt.Errorf("sheet %s: %w", s.Sheet, err)
		}
	}
	f.SetActiveSheet(0)
	when := p.GeneratedAt.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: p.Title + ": " + p.Agency, Subject: p.Audience, Creator: "peerstat", LastModifiedBy: "peerstat",
		Description: p.Notice, Created: when, Modified: when, Language: "en-US",
	}); err != nil {
		return nil, err
	}
	// excelize adds the image content types in map order; sort them so the
	// same packet always gives the same bytes.
	if ct := f.ContentTypes; ct != nil {
		sort.SliceStable(ct.Defaults, func(i, j int) bool { return ct.Defaults[i].Extension < ct.Defaults[j].Extension })
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

type workbook struct {
	f      *excelize.File
	p      *packet
	styles map[string]int
	tables int
}

// style is a cached cell style.
type styleSpec struct {
	numFmt                    string
	bold, italic, wrap, right bool
	size                      float64
	color, fill               string
}

func (w *workbook) style(s styleSpec) (int, error) {
	key := fmt.Sprintf("%+v", s)
	if id, ok := w.styles[key]; ok {
		return id, nil
	}
	st := &excelize.Style{Font: &excelize.Font{Bold: s.bold, Italic: s.italic, Size: s.size, Color: s.color},
		Alignment: &excelize.Alignment{WrapText: s.wrap, Vertical: "top"}}
	if s.right {
		st.Alignment.Horizontal = "right"
	}
	if s.numFmt != "" {
		code := s.numFmt
		st.CustomNumFmt = &code
	}
	if s.fill != "" {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{s.fill}}
	}
	id, err := w.f.NewStyle(st)
	if err != nil {
		return 0, err
	}
	w.styles[key] = id
	return id, nil
}

func (w *workbook) put(sheet string, col, row int, text string, s styleSpec) error {
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	if text != "" {
		if err := w.f.SetCellStr(sheet, ref, cleanText(text)); err != nil {
			return err
		}
	}
	id, err := w.style(s)
	if err != nil {
		return err
	}
	return w.f.SetCellStyle(sheet, ref, ref, id)
}

// putCell writes a shown value: a number with its format, or text.
func (w *workbook) putCell(sheet string, col, row int, c cell, wrap bool) error {
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	switch {
	case c.Suppressed:
		return w.put(sheet, col, row, suppressedText(w.p.MinCell), styleSpec{italic: true, right: true})
	case c.Num != nil:
		if err := w.f.SetCellFloat(sheet, ref, *c.Num, exactDecimals(*c.Num), 64); err != nil {
			return err
		}
		format := c.Format
		if format == fmtNone {
			format = fmtNumber
		}
		id, err := w.style(styleSpec{numFmt: format.excelCode(*c.Num), bold: c.Strong})
		if err != nil {
			return err
		}
		return w.f.SetCellStyle(sheet, ref, ref, id)
	}
	return w.put(sheet, col, row, c.Text, styleSpec{wrap: wrap, bold: c.Strong, color: toneColor[c.Tone]})
}

// toneColor colours a better or worse change (Okabe-Ito blue and
// vermillion, told apart without colour vision too by the arrow).
var toneColor = map[string]string{toneBetter: "0072B2", toneWorse: "D55E00"}

func (w *workbook) writeSheet(index int, s section) error {
	sheet := s.Sheet
	p := w.p
	var charts []*chart
	for _, b := range s.Blocks {
		if b.Chart != nil && b.Only != pageOnly {
			charts = append(charts, b.Chart)
		}
	}
	hasCharts := len(charts) > 0

	if err := w.put(sheet, 1, 1, s.Title, styleSpec{bold: true, size: 14}); err != nil {
		return err
	}
	notice := styleSpec{italic: true}
	if p.suppressionOff() {
		notice = styleSpec{bold: true, color: "FFFFFF", fill: "B00020"}
	}
	if err := w.put(sheet, 1, 2, p.Notice, notice); err != nil {
		return err
	}
	row := 3
	for _, line := range s.Intro {
		if err := w.put(sheet, 1, row, line, styleSpec{}); err != nil {
			return err
		}
		row++
	}
	row++

	widths := map[int]float64{}
	leftCols := 2
	frozen := false
	for _, b := range s.Blocks {
		switch {
		case b.Only == pageOnly || b.Chart != nil:
			continue
		case b.Note != "":
			st := styleSpec{}
			if b.Caution {
				st = styleSpec{bold: true, color: "7A4A00"}
			}
			if b.Absent {
				st = styleSpec{bold: true, color: "0B3D5C"}
			}
			if err := w.put(sheet, 1, row, b.Note, st); err != nil {
				return err
			}
			row += 2
		case b.Table != nil:
			t := b.Table
			if err := w.put(sheet, 1, row, t.Caption, styleSpec{bold: true, size: 12}); err != nil {
				return err
			}
			row++
			if len(t.Rows) == 0 {
				if err := w.put(sheet, 1, row, t.Empty, styleSpec{italic: true}); err != nil {
					return err
				}
				row += 2
				continue
			}
			header := row
			for j, c := range t.Columns {
				if err := w.put(sheet, j+1, row, c.Title, styleSpec{bold: true}); err != nil {
					return err
				}
				if c.Width > widths[j+1] {
					widths[j+1] = c.Width
				}
			}
			for _, r := range t.Rows {
				row++
				for j, c := range r {
					if err := w.putCell(sheet, j+1, row, c, t.Columns[j].Wrap && !hasCharts); err != nil {
						return err
					}
				}
			}
			if err := w.addTable(index, sheet, 1, header, len(t.Columns), row); err != nil {
				return err
			}
			plotted, err := w.addTrends(sheet, t, header)
			if err != nil {
				return err
			}
			for col, width := range plotted {
				widths[col] = width
				leftCols = max(leftCols, col)
			}
			if !frozen {
				frozen = true
				if err := w.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: header,
					TopLeftCell: fmt.Sprintf("A%d", header+1), ActivePane: "bottomLeft",
					Selection: []excelize.Selection{{SQRef: fmt.Sprintf("A%d", header+1), ActiveCell: fmt.Sprintf("A%d", header+1), Pane: "bottomLeft"}}}); err != nil {
					return err
				}
			}
			if len(t.Columns) > leftCols {
				leftCols = len(t.Columns)
			}
			row += 2
		}
	}
	for col := 1; col <= leftCols; col++ {
		width := widths[col]
		if width == 0 {
			width = 14
		}
		name, _ := excelize.ColumnNumberToName(col)
		if err := w.f.SetColWidth(sheet, name, name, width); err != nil {
			return err
		}
	}
	if hasCharts {
		if err := w.writeCharts(index, sheet, charts, leftCols+2, 4); err != nil {
			return err
		}
	}
	return w.pageSetup(sheet, s)
}

// addTrends draws each trend cell of a table written from row header on
// as an Excel sparkline. The values it plots are written beside the table
// (one column per period, after a blank column), the published figures as
// shown, with a suppressed or blank period left empty, which the sparkline
// shows as a gap. It returns the widths of the columns it wrote.
func (w *workbook) addTrends(sheet string, t *table, header int) (map[int]float64, error) {
	var starts []time.Time
	for _, r := range t.Rows {
		for _, c := range r {
			for _, p := range c.Trend {
				if !slices.ContainsFunc(starts, p.Start.Equal) {
					starts = append(starts, p.Start)
				}
			}
		}
	}
	if len(starts) == 0 {
		return nil, nil
	}
	slices.SortFunc(starts, time.Time.Compare)
	first := len(t.Columns) + 2
	widths := map[int]float64{}
	labels := map[time.Time]string{}
	for _, r := range t.Rows {
		for _, c := range r {
			for _, p := range c.Trend {
				labels[p.Start] = p.Label
			}
		}
	}
	for k, start := range starts {
		if err := w.put(sheet, first+k, header, "Trend plots: "+labels[start], styleSpec{bold: true, wrap: true}); err != nil {
			return nil, err
		}
		widths[first+k] = 14
	}
	opts := &excelize.SparklineOptions{Markers: true, SeriesColor: "555555", MarkersColor: "000000"}
	for i, r := range t.Rows {
		row := header + 1 + i
		for j, c := range r {
			if len(c.Trend) == 0 {
				continue
			}
			for _, p := range c.Trend {
				if !p.Value.numeric() {
					continue
				}
				k := slices.IndexFunc(starts, p.Start.Equal)
				if err := w.putCell(sheet, first+k, row, p.Value, false); err != nil {
					return nil, err
				}
			}
			at, _ := excelize.CoordinatesToCellName(j+1, row)
			from, _ := excelize.CoordinatesToCellName(first, row, true)
			to, _ := excelize.CoordinatesToCellName(first+len(starts)-1, row, true)
			opts.Location = append(opts.Location, at)
			opts.Range = append(opts.Range, quoteSheet(sheet)+"!"+from+":"+to)
		}
	}
	if len(opts.Location) == 0 {
		return widths, nil
	}
	return widths, w.f.AddSparkline(sheet, opts)
}

// quoteSheet is a sheet name as a formula reference names it.
func quoteSheet(sheet string) string {
	return "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
}

// addTable makes the cells from (firstCol, header) to (lastCol, last) an
// Excel table: a header row with filter buttons over banded rows.
func (w *workbook) addTable(index int, sheet string, firstCol, header, lastCol, last int) error {
	w.tables++
	start, _ := excelize.CoordinatesToCellName(firstCol, header)
	end, _ := excelize.CoordinatesToCellName(lastCol, last)
	show := true
	return w.f.AddTable(sheet, &excelize.Table{
		Range: start + ":" + end, Name: fmt.Sprintf("Table%d_%d", index+1, w.tables),
		StyleName: "TableStyleLight9", ShowRowStripes: &show,
	})
}

// writeCharts lays out the charts of a sheet to the right of its tables:
// each chart, then its data as a table, then (hidden) the numbers it plots,
// so a suppressed figure reads "suppressed (<k)" in the table and is a gap
// in the chart rather than a zero.
func (w *workbook) writeCharts(index int, sheet string, charts []*chart, startCol, startRow int) error {
	dataCol := startCol + chartCols + 1
	visible, plotted := 0, 0
	for _, c := range charts {
		if n := 1 + dataColumns(c); n > visible {
			visible = n
		}
		if n := dataColumns(c); n > plotted {
			plotted = n
		}
	}
	plotCol := dataCol + visible
	row := startRow
	for _, c := range charts {
		if err := w.put(sheet, startCol, row, c.Title, styleSpec{bold: true, size: 12}); err != nil {
			return err
		}
		top := row + 1
		// The chart's data, as a reader sees it.
		if err := w.put(sheet, dataCol, top, c.XLabel, styleSpec{bold: true}); err != nil {
			return err
		}
		headers := dataHeaders(c)
		for j, h := range headers {
			if err := w.put(sheet, dataCol+1+j, top, h, styleSpec{bold: true}); err != nil {
				return err
			}
		}
		for i, cat := range c.Categories {
			r := top + 1 + i
			if err := w.put(sheet, dataCol, r, cat, styleSpec{}); err != nil {
				return err
			}
			for j, v := range dataCells(c, i) {
				if err := w.putCell(sheet, dataCol+1+j, r, v, false); err != nil {
					return err
				}
			}
			// The hidden copy the chart plots: numbers only.
			for j, v := range dataCells(c, i) {
				if v.numeric() {
					if err := w.putCell(sheet, plotCol+j, r, v, false); err != nil {
						return err
					}
				}
			}
		}
		last := top + len(c.Categories)
		if err := w.addTable(index, sheet, dataCol, top, dataCol+len(headers), last); err != nil {
			return err
		}
		if err := w.addChart(sheet, c, startCol, top, dataCol, plotCol, last); err != nil {
			return err
		}
		height := chartRows
		if n := len(c.Categories) + 1; n > height {
			height = n
		}
		row = top + height + 2
	}
	if err := w.f.SetColWidth(sheet, colName(dataCol), colName(dataCol), 30); err != nil {
		return err
	}
	if err := w.f.SetColWidth(sheet, colName(dataCol+1), colName(dataCol+visible-1), 16); err != nil {
		return err
	}
	return w.f.SetColVisible(sheet, colName(plotCol)+":"+colName(plotCol+plotted-1), false)
}

// dataHeaders are the column titles of a chart's data after the category.
func dataHeaders(c *chart) []string {
	if c.Kind == intervalChart {
		return []string{"Estimate", "95% interval low", "95% interval high"}
	}
	var out []string
	seen := map[string]bool{}
	for _, s := range c.Series {
		name := s.Name
		for seen[name] || name == c.XLabel { // table headers must be unique
			name += " "
		}
		seen[name] = true
		out = append(out, name)
	}
	return out
}

func dataColumns(c *chart) int { return len(dataHeaders(c)) }

// dataCells are the shown values of category i.
func dataCells(c *chart, i int) []cell {
	if c.Kind == intervalChart {
		s := c.Series[0]
		return []cell{s.Values[i], s.Low[i], s.High[i]}
	}
	var out []cell
	for _, s := range c.Series {
		out = append(out, s.Values[i])
	}
	return out
}

func colName(col int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return name
}

func absRef(sheet string, col, row int) string {
	return fmt.Sprintf("'%s'!$%s$%d", strings.ReplaceAll(sheet, "'", "''"), colName(col), row)
}

func absRange(sheet string, col, from, to int) string {
	return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", strings.ReplaceAll(sheet, "'", "''"), colName(col), from, colName(col), to)
}

// addChart draws c at (col, row) from the plotted numbers, with series
// names and categories taken from the visible data table.
func (w *workbook) addChart(sheet string, c *chart, col, row, dataCol, plotCol, last int) error {
	cats := absRange(sheet, dataCol, row+1, last)
	ch := &excelize.Chart{
		Title:        excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.Title, Font: &excelize.Font{Bold: true, Size: 12}}}},
		Dimension:    excelize.ChartDimension{Width: chartWidth, Height: chartHeight},
		Legend:       excelize.ChartLegend{Position: "bottom"},
		ShowBlanksAs: "gap",
		Format:       excelize.GraphicOptions{AltText: c.Title + ". " + c.Note, Name: c.Title},
		XAxis:        excelize.ChartAxis{Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.XLabel}}}},
		YAxis: excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: axisCode(c.Format)},
			Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.YLabel}}}},
	}
	switch c.Kind {
	case lineChart:
		ch.Type = excelize.Line
	case barChart:
		ch.Type = excelize.Col
	case stackedChart:
		ch.Type = excelize.ColStacked
	case intervalChart:
		// Estimates as dots, bounds as dashes joined by high-low lines.
		ch.Type = excelize.Line
		ch.XAxis.HighLowLines = true
		symbols := []string{"circle", "dash", "dash"}
		sizes := []int{8, 10, 10}
		colors := []string{c.Series[0].Color, "000000", "000000"}
		for j := range dataHeaders(c) {
			ch.Series = append(ch.Series, excelize.ChartSeries{
				Name: absRef(sheet, dataCol+1+j, row), Categories: cats, Values: absRange(sheet, plotCol+j, row+1, last),
				Line:   excelize.LineOptions{Type: excelize.LineNone},
				Marker: excelize.ChartMarker{Symbol: symbols[j], Size: sizes[j], Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colors[j]}}},
			})
		}
		return w.f.AddChart(sheet, absCell(col, row), ch)
	}
	for j, s := range c.Series {
		es := excelize.ChartSeries{
			Name: absRef(sheet, dataCol+1+j, row), Categories: cats, Values: absRange(sheet, plotCol+j, row+1, last),
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{s.Color}},
		}
		if c.Kind == lineChart {
			width := 2.0
			if s.Color == allColor {
				width = 3
			}
			es.Line = excelize.LineOptions{Type: excelize.LineSolid, Width: width, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{s.Color}}}
			es.Marker = excelize.ChartMarker{Symbol: "circle", Size: 5, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{s.Color}}}
		}
		ch.Series = append(ch.Series, es)
	}
	return w.f.AddChart(sheet, absCell(col, row), ch)
}

func absCell(col, row int) string {
	ref, _ := excelize.CoordinatesToCellName(col, row)
	return ref
}

// axisCode is the number format of a chart's value axis.
func axisCode(f numFormat) string {
	switch f {
	case fmtPercent:
		return "0%"
	case fmtMultiple:
		return `0.0"×"`
	case fmtPer1000, fmtScore:
		return "#,##0.0"
	case fmtUSD:
		return `"$"#,##0`
	}
	return "#,##0"
}

// pageSetup prints a sheet landscape, fitted to the page width, with the
// agency and the suppression notice on every printed page.
func (w *workbook) pageSetup(sheet string, s section) error {
	landscape := "landscape"
	one, zero := 1, 0
	if err := w.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	fit := true
	if err := w.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return w.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L" + headerText(w.p.Agency) + "&R&B" + headerText(w.p.Notice),
		OddFooter: "&L" + headerText(w.p.Title+" · "+s.Title) + "&RPage &P of &N",
	})
}

// headerText escapes text for an Excel header or footer, where "&" starts
// a code; the whole header is limited to 255 characters.
func headerText(s string) string {
	s = strings.ReplaceAll(cleanText(s), "&", "&&")
	if r := []rune(s); len(r) > 100 {
		s = string(r[:100])
	}
	return s
}

// cleanText drops characters an xlsx cannot hold (control characters).
func cleanText(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, s)
}

// exactDecimals is the number of decimals that writes v exactly (the
// shortest form that reads back as the same float64). excelize's automatic
// precision would cut a value to 15 significant digits.
func exactDecimals(v float64) int {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}
