package reports

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/render"
)

//go:embed page.html.tmpl
var pageTemplate string

//go:embed style.css
var pageCSS string

var pageTmpl = template.Must(template.New("page").Parse(pageTemplate))

// Chart size on the page: fits a landscape Letter or A4 page when printed.
const (
	pageChartWidth  = "880px"
	pageChartHeight = "380px"
)

type pageView struct {
	Title, Agency, Audience, Period, Generated, Notice string
	Off                                                bool
	CSS                                                template.CSS
	ECharts                                            template.JS
	Sections                                           []sectionView
}

type sectionView struct {
	Anchor, Title string
	Intro         []string
	Blocks        []blockView
}

type blockView struct {
	Note    string
	Caution bool
	Absent  bool
	Table   *tableView
	Chart   *chartView
}

type tableView struct {
	Caption  string
	Columns  []string
	Rows     [][]cellView
	Empty    string
	Fallback bool
}

type cellView struct {
	Text, Class, Tip string
	SVG              template.HTML // a trend's sparkline
}

type chartView struct {
	ID, Title, Note string
	Element, Script template.HTML
	Data            *tableView
}

// writePage renders the packet as one self-contained HTML page.
func writePage(p *packet) ([]byte, error) {
	if err := checkECharts(); err != nil {
		return nil, err
	}
	v := pageView{
		Title: p.Title, Agency: p.Agency, Audience: p.Audience, Period: p.Period,
		Generated: p.GeneratedAt.UTC().Format("2 January 2006 15:04 MST"), Notice: p.Notice, Off: p.suppressionOff(),
		CSS:     template.CSS(pageCSS + printMargins(p)),
		ECharts: template.JS(echartsJS),
	}
	for _, s := range p.Sections {
		sv := sectionView{Anchor: s.Anchor, Title: s.Title, Intro: s.Intro}
		for _, b := range s.Blocks {
			if b.Only == workbookOnly {
				continue
			}
			bv := blockView{Note: b.Note, Caution: b.Caution, Absent: b.Absent}
			if b.Table != nil {
				bv.Table = tableOf(b.Table, p.MinCell)
			}
			if b.Chart != nil {
				cv, err := chartOf(b.Chart, p.MinCell)
				if err != nil {
					return nil, fmt.Errorf("chart %q: %w", b.Chart.Title, err)
				}
				bv.Chart = cv
			}
			sv.Blocks = append(sv.Blocks, bv)
		}
		v.Sections = append(v.Sections, sv)
	}
	var buf bytes.Buffer
	if err := pageTmpl.Execute(&buf, v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// printMargins puts the agency and the suppression notice at the top of
// every printed page and page numbers at the foot.
func printMargins(p *packet) string {
	return fmt.Sprintf("\n@page { size: letter landscape; margin: 0.55in 0.4in; @top-left { content: %s; font: 9px sans-serif; color: #555; } @top-right { content: %s; font: bold 9px sans-serif; color: %s; } @bottom-right { content: \"Page \" counter(page) \" of \" counter(pages); font: 9px sans-serif; color: #555; } }\n",
		cssString(p.Agency+" · "+p.Title), cssString(p.Notice), map[bool]string{true: "#b00020", false: "#333"}[p.suppressionOff()])
}

// cssString quotes s as a CSS string, escaping everything but letters,
// digits and spaces so no text can end the string or the style element.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') || r == ' ' {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, "\\%06x ", r) // the space ends the escape
		}
	}
	b.WriteByte('"')
	return b.String()
}

func tableOf(t *table, minCell int) *tableView {
	tv := &tableView{Caption: t.Caption, Empty: t.Empty}
	for _, c := range t.Columns {
		tv.Columns = append(tv.Columns, c.Title)
	}
	for _, r := range t.Rows {
		var row []cellView
		for _, c := range r {
			row = append(row, cellOf(c, minCell))
		}
		tv.Rows = append(tv.Rows, row)
	}
	return tv
}

func cellOf(c cell, minCell int) cellView {
	v := cellView{Text: c.display(minCell), Tip: c.Tip}
	if len(c.Trend) > 0 {
		v.SVG, v.Class = sparkline(c.Trend, minCell), "trend"
		return v
	}
	switch {
	case c.Suppressed:
		v.Class = "suppressed"
	case c.Num != nil:
		v.Class = "num"
	case c.Text == "" && c.Format != fmtNone:
		v.Text, v.Class = blankText, "num"
		if v.Tip == "" {
			v.Tip = "blank: nobody in the denominator or the group"
		}
	}
	if c.Strong {
		v.Class = strings.TrimSpace(v.Class + " strong")
	}
	if c.Tone != "" {
		v.Class = strings.TrimSpace(v.Class + " " + c.Tone)
	}
	return v
}

// chartData is the chart's data as a table beneath it, for screen readers
// and print.
func chartData(c *chart, minCell int) *tableView {
	t := &tableView{Caption: "Data for the chart: " + c.Title, Fallback: true, Columns: append([]string{c.XLabel}, dataHeaders(c)...)}
	for i, cat := range c.Categories {
		row := []cellView{{Text: cat}}
		for _, v := range dataCells(c, i) {
			row = append(row, cellOf(v, minCell))
		}
		t.Rows = append(t.Rows, row)
	}
	for j := range t.Columns {
		t.Columns[j] = strings.TrimSpace(t.Columns[j])
	}
	return t
}

// ---- go-echarts ----

// jsFormatter is a JavaScript function that formats a value as the tables
// do. (No "<" may appear in this code: see safeScript.)
func jsFormatter(f numFormat) string {
	body := "return v.toLocaleString('en-US', {maximumFractionDigits: 2});"
	switch f {
	case fmtPercent:
		body = "return (v * 100).toFixed(1) + '%';"
	case fmtMultiple:
		body = "return v.toFixed(2) + '×';"
	case fmtPer1000, fmtScore:
		body = "return v.toLocaleString('en-US', {minimumFractionDigits: 1, maximumFractionDigits: 1});"
	case fmtUSD:
		body = "return (v >= 0 ? '' : '-') + '$' + Math.abs(Math.round(v)).toLocaleString('en-US');"
	}
	return "function (v) { if (typeof v !== 'number' || isNaN(v)) { return 'not shown'; } " + body + " }"
}

func axisFormatter(f numFormat) string {
	switch f {
	case fmtPercent:
		return "function (v) { return Math.round(v * 100) + '%'; }"
	case fmtUSD:
		return "function (v) { return (v >= 0 ? '' : '-') + '$' + Math.abs(v).toLocaleString('en-US'); }"
	}
	return "function (v) { return v.toLocaleString('en-US'); }"
}

// errorBar draws a 95% interval as a vertical line with caps; data items
// are [category index, low, high].
const errorBar = `function (params, api) {
  var low = api.coord([api.value(0), api.value(1)]);
  var high = api.coord([api.value(0), api.value(2)]);
  var half = api.size([1, 0])[0] * 0.12;
  var style = {stroke: '#000', lineWidth: 1.5, fill: null};
  return {type: 'group', children: [
    {type: 'line', shape: {x1: low[0] - half, y1: low[1], x2: low[0] + half, y2: low[1]}, style: style},
    {type: 'line', shape: {x1: low[0], y1: low[1], x2: high[0], y2: high[1]}, style: style},
    {type: 'line', shape: {x1: high[0] - half, y1: high[1], x2: high[0] + half, y2: high[1]}, style: style}
  ]};
}`

// intervalTooltip names the estimate or the interval under the pointer.
func intervalTooltip(f numFormat) string {
	return "function (p) { var f = " + jsFormatter(f) + "; var name = echarts.format.encodeHTML(p.name); " +
		"if (p.seriesType === 'custom') { return name + ': 95% interval ' + f(p.value[1]) + ' to ' + f(p.value[2]); } " +
		"return name + ': ' + f(p.value); }"
}

func chartValue(c cell) interface{} {
	if !c.numeric() {
		return "-" // ECharts: no data point (suppressed or blank)
	}
	return *c.Num
}

func (c *chart) globalOptions() []charts.GlobalOpts {
	var colors []string
	for _, s := range c.Series {
		colors = append(colors, "#"+s.Color)
	}
	subtitle := ""
	for _, s := range c.Series {
		for _, v := range s.Values {
			if !v.numeric() {
				subtitle = "Gaps are suppressed or empty figures (see the table below)."
			}
		}
	}
	tooltip := opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", ValueFormatter: opts.FuncOpts(jsFormatter(c.Format))}
	if c.Kind == intervalChart {
		tooltip = opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: opts.FuncOpts(intervalTooltip(c.Format))}
	}
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: c.ID, Width: pageChartWidth, Height: pageChartHeight, Renderer: "svg"}),
		charts.WithTitleOpts(opts.Title{Title: c.Title, Subtitle: subtitle, Left: "center"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(c.Kind != intervalChart), Bottom: "0"}),
		charts.WithTooltipOpts(tooltip),
		charts.WithXAxisOpts(opts.XAxis{Name: c.XLabel, NameLocation: "middle", NameGap: 44,
			AxisLine:  &opts.AxisLine{OnZero: opts.Bool(false)},
			AxisLabel: &opts.AxisLabel{Interval: "0"}}),
		charts.WithYAxisOpts(opts.YAxis{Name: c.YLabel, NameLocation: "middle", NameGap: 56, AxisLabel: &opts.AxisLabel{Formatter: opts.FuncOpts(axisFormatter(c.Format))}}),
		charts.WithGridOpts(opts.Grid{Left: "80", Right: "30", Top: "70", Bottom: "96"}),
		charts.WithColorsOpts(colors),
		charts.WithAnimation(false),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
	}
}

// axisCategories are the category labels, wrapped at spaces to the room one
// category has on the axis (about 6.5 pixels a character) so long labels
// do not run into each other.
func (c *chart) axisCategories() []string {
	room := 20
	if n := len(c.Categories); n > 0 {
		room = 760 / n * 10 / 65
	}
	if room < 6 {
		room = 6
	}
	out := make([]string, len(c.Categories))
	for i, label := range c.Categories {
		var lines []string
		line := ""
		for _, word := range strings.Fields(label) {
			if line != "" && len([]rune(line))+1+len([]rune(word)) > room {
				lines = append(lines, line)
				line = word
			} else if line == "" {
				line = word
			} else {
				line += " " + word
			}
		}
		out[i] = strings.Join(append(lines, line), "\n")
	}
	return out
}

// chartOf renders a chart with go-echarts into an element and a script for
// the page's own template (the library itself is inlined once per page).
func chartOf(c *chart, minCell int) (*chartView, error) {
	var r render.Renderer
	switch c.Kind {
	case lineChart:
		line := charts.NewLine()
		line.SetGlobalOptions(c.globalOptions()...)
		line.SetXAxis(c.axisCategories())
		for _, s := range c.Series {
			var data []opts.LineData
			for _, v := range s.Values {
				data = append(data, opts.LineData{Value: chartValue(v)})
			}
			width := float32(2)
			if s.Color == allColor {
				width = 3
			}
			line.AddSeries(s.Name, data,
				charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), ConnectNulls: opts.Bool(false)}),
				charts.WithLineStyleOpts(opts.LineStyle{Color: "#" + s.Color, Width: width}),
				charts.WithItemStyleOpts(opts.ItemStyle{Color: "#" + s.Color}))
		}
		r = line.Renderer
	case barChart, stackedChart, intervalChart:
		bar := charts.NewBar()
		bar.SetGlobalOptions(c.globalOptions()...)
		bar.SetXAxis(c.axisCategories())
		for _, s := range c.Series {
			var data []opts.BarData
			for _, v := range s.Values {
				data = append(data, opts.BarData{Value: chartValue(v)})
			}
			seriesOpts := []charts.SeriesOpts{charts.WithItemStyleOpts(opts.ItemStyle{Color: "#" + s.Color})}
			if c.Kind == stackedChart {
				seriesOpts = append(seriesOpts, charts.WithBarChartOpts(opts.BarChart{Stack: "total"}))
			}
			bar.AddSeries(s.Name, data, seriesOpts...)
		}
		if c.Kind == intervalChart {
			s := c.Series[0]
			var data []opts.CustomData
			for i := range c.Categories {
				if s.Low[i].numeric() && s.High[i].numeric() {
					data = append(data, opts.CustomData{Name: c.Categories[i], Value: []interface{}{i, *s.Low[i].Num, *s.High[i].Num}})
				}
			}
			bars := charts.NewCustom()
			bars.AddSeries("95% interval", data,
				charts.WithCustomChartOpts(opts.CustomChart{RenderItem: opts.FuncOpts(errorBar)}),
				charts.WithEncodeOpts(opts.Encode{X: 0, Y: []int{1, 2}}))
			bar.Overlap(bars)
		}
		r = bar.Renderer
	default:
		return nil, fmt.Errorf("unknown chart kind %d", c.Kind)
	}
	snippet := r.RenderSnippet()
	script, err := safeScript(snippet.Script)
	if err != nil {
		return nil, err
	}
	return &chartView{ID: c.ID, Title: c.Title, Note: c.Note,
		Element: template.HTML(snippet.Element), Script: script, Data: chartData(c, minCell)}, nil
}

// safeScript makes a go-echarts chart script safe to inline: the chart
// option carries report text (titles, program names) that go-echarts
// writes into the script without HTML escaping, so every "<" inside the
// script becomes \u003c, which no text can turn back into a closing tag.
// The code around the text (go-echarts' and ours) has no "<" of its own.
func safeScript(s string) (template.HTML, error) {
	const open, end = `<script type="text/javascript">`, `</script>`
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, open) || !strings.HasSuffix(s, end) {
		return "", fmt.Errorf("unexpected chart script from go-echarts")
	}
	body := strings.TrimSuffix(strings.TrimPrefix(s, open), end)
	body = strings.ReplaceAll(body, "<", `\u003c`)
	return template.HTML("<script>" + body + "</script>"), nil
}
