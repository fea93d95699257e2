package reports

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/peerstat/peerstat/metrics"
	"github.com/xuri/excelize/v2"
)

var boardSheets = []string{"Summary", "Cover", "Monthly trends", "Quarterly trends", "People served", "Workforce", "Documentation & R-days",
	"Hospital & crisis", "Satisfaction", "Recovery outcomes", "Outcomes", "Cost case", "Data quality", "Methodology", "Data dictionary"}

var mcoSheets = []string{"Summary", "Cover", "People served", "Volume & reach", "Quality & compliance", "Results", "Satisfaction", "Recovery outcomes", "Cost-effectiveness",
	"Workforce capacity", "Methodology", "Data quality", "Data dictionary"}

func writeBoard(t *testing.T, res metrics.Result) (string, *excelize.File) {
	t.Helper()
	dir := t.TempDir()
	if _, err := WriteBoard(dir, res); err != nil {
		t.Fatal(err)
	}
	return dir, openBook(t, filepath.Join(dir, "peerstat-board.xlsx"))
}

func openBook(t *testing.T, p string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestWorkbookSheets(t *testing.T) {
	_, book := writeBoard(t, testResult(11))
	if got := book.GetSheetList(); !reflect.DeepEqual(got, boardSheets) {
		t.Errorf("board sheets:\n got %q\nwant %q", got, boardSheets)
	}
	for _, sheet := range boardSheets {
		tables, err := book.GetTables(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(tables) == 0 {
			t.Errorf("sheet %s has no Excel table", sheet)
		}
		panes, err := book.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.YSplit == 0 {
			t.Errorf("sheet %s: header rows not frozen: %+v", sheet, panes)
		}
		layout, err := book.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if layout.Orientation == nil || *layout.Orientation != "landscape" || layout.FitToWidth == nil || *layout.FitToWidth != 1 {
			t.Errorf("sheet %s: page setup %+v, want landscape fitted to 1 page wide", sheet, layout)
		}
		if got, _ := book.GetCellValue(sheet, "A2"); got != "Counts from 1 to 10 are suppressed (min_cell = 11)" {
			t.Errorf("sheet %s A2 = %q, want the suppression notice", sheet, got)
		}
	}

	dir := t.TempDir()
	res := testResult(11)
	res.Scope.Payer = "Acme Health"
	if _, err := WriteMCO(dir, "Acme Health", res); err != nil {
		t.Fatal(err)
	}
	mco := openBook(t, filepath.Join(dir, "peerstat-mco-acme-health.xlsx"))
	if got := mco.GetSheetList(); !reflect.DeepEqual(got, mcoSheets) {
		t.Errorf("MCO sheets:\n got %q\nwant %q", got, mcoSheets)
	}
	if got, _ := mco.GetCellValue("Volume & reach", "A3"); !strings.Contains(got, "only members whose payer is Acme Health") {
		t.Errorf("MCO volume sheet does not say whose members it covers: %q", got)
	}
}

// shownRow is a metric row as a figures table shows it.
type shownRow struct {
	sheet, ref string // the Value cell
	values     map[string]string
	styles     map[string]string // number format of each column
}

// figureRows reads every figures table (headers Figure, Metric, …) of the
// workbook back.
func figureRows(t *testing.T, book *excelize.File) []shownRow {
	t.Helper()
	var out []shownRow
	for _, sheet := range book.GetSheetList() {
		rows, err := book.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		var header []string
		for i, r := range rows {
			if len(r) >= 2 && r[0] == "Figure" && r[1] == "Metric" {
				header = r
				continue
			}
			if header == nil || len(r) == 0 || r[0] == "" {
				header = nil
				continue
			}
			sr := shownRow{sheet: sheet, values: map[string]string{}, styles: map[string]string{}}
			for j, h := range header {
				if j < len(r) {
					sr.values[h] = r[j]
				}
				ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if h == "Value" {
					sr.ref = ref
				}
				id, err := book.GetCellStyle(sheet, ref)
				if err != nil {
					t.Fatal(err)
				}
				st, err := book.GetStyle(id)
				if err != nil {
					t.Fatal(err)
				}
				if st.CustomNumFmt != nil {
					sr.styles[h] = *st.CustomNumFmt
				}
			}
			out = append(out, sr)
		}
	}
	return out
}

func rowKey(metric, program, grain, start string) string {
	return metric + "|" + program + "|" + grain + "|" + start
}

func numText(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

// sameNumber compares a cell read back with a row's number.
func sameNumber(cell string, v *float64) bool {
	if v == nil {
		return cell == ""
	}
	got, err := strconv.ParseFloat(cell, 64)
	return err == nil && got == *v
}

func TestWorkbookShowsEveryRowAsComputed(t *testing.T) {
	res := testResult(11)
	_, book := writeBoard(t, res)
	shown := figureRows(t, book)
	grainOf := map[string]string{"Month": metrics.GrainMonth, "Quarter": metrics.GrainQuarter, "Whole period": metrics.GrainPeriod}
	programOf := func(label string) string {
		if label == "All programs" {
			return metrics.AllPrograms
		}
		return label
	}
	seen := map[string]int{}
	byKey := map[string]metrics.Row{}
	for _, r := range res.Rows {
		byKey[rowKey(r.Metric, r.Program, r.Grain, isoDate(r.PeriodStart))] = r
	}
	wantFormat := map[string]string{
		metrics.UnitRatio: "0.0%", metrics.UnitPer1000: "#,##0.0", metrics.UnitScore: "0.0", metrics.UnitUSD: `"$"#,##0;-"$"#,##0`,
	}
	for _, s := range shown {
		key := rowKey(s.values["Metric"], programOf(s.values["Program"]), grainOf[s.values["Grain"]], s.values["Start"])
		r, ok := byKey[key]
		if !ok {
			t.Errorf("%s %s shows a row no metric row has: %s", s.sheet, s.ref, key)
			continue
		}
		seen[key]++
		if r.Suppressed {
			if s.values["Value"] != "suppressed (<11)" || s.values["Numerator"] != "" || s.values["Denominator"] != "" {
				t.Errorf("%s %s (%s): got value %q numerator %q denominator %q, want \"suppressed (<11)\" and blanks",
					s.sheet, s.ref, key, s.values["Value"], s.values["Numerator"], s.values["Denominator"])
			}
			continue
		}
		if !sameNumber(s.values["Value"], r.Value) || !sameNumber(s.values["Numerator"], r.Numerator) || !sameNumber(s.values["Denominator"], r.Denominator) {
			t.Errorf("%s %s (%s): got %q/%q = %q, want %s/%s = %s", s.sheet, s.ref, key,
				s.values["Numerator"], s.values["Denominator"], s.values["Value"], numText(r.Numerator), numText(r.Denominator), numText(r.Value))
		}
		want := wantFormat[r.Unit]
		if r.Metric == "hours_per_billable_hour" {
			want = `0.00"×"`
		}
		// Participants per peer FTE is a ratio shown as a number, not a percent.
		if r.Unit == metrics.UnitCount || r.Unit == metrics.UnitDays || r.Metric == "peer_caseload" {
			want = "#,##0"
			if r.Value != nil && *r.Value != float64(int64(*r.Value)) {
				want = "#,##0.0#"
			}
		}
		if r.Value != nil && s.styles["Value"] != want {
			t.Errorf("%s %s (%s, unit %s): number format %q, want %q", s.sheet, s.ref, key, r.Unit, s.styles["Value"], want)
		}
	}
	// Every row is shown: as a row of its own, or (an interval bound) beside
	// its estimate.
	for key, r := range byKey {
		if seen[key] > 0 {
			continue
		}
		if strings.HasSuffix(r.Metric, "_ci_low") || strings.HasSuffix(r.Metric, "_ci_high") {
			base := strings.TrimSuffix(strings.TrimSuffix(r.Metric, "_ci_low"), "_ci_high")
			col := "95% interval low"
			if strings.HasSuffix(r.Metric, "_ci_high") {
				col = "95% interval high"
			}
			found := false
			for _, s := range shown {
				if s.values["Metric"] == base && programOf(s.values["Program"]) == r.Program && sameNumber(s.values[col], r.Value) {
					found = true
				}
			}
			if found {
				continue
			}
		}
		t.Errorf("row %s is in no sheet of the workbook", key)
	}
}

func TestWorkbookSummaryAndCostCase(t *testing.T) {
	_, book := writeBoard(t, testResult(11))
	rows, err := book.GetRows("Summary")
	if err != nil {
		t.Fatal(err)
	}
	var units, savings []string
	for _, r := range rows {
		if len(r) > 0 && r[0] == "Units billed" {
			units = r
		}
		if len(r) > 0 && r[0] == "net_savings" {
			savings = r
		}
	}
	// This period 3,000 units; the rows also hold the half-year before (500):
	// a count's change is in per cent of the previous value (METRICS.md),
	// (3,000 − 500) / 500 = +500.0%, and units billed have no direction.
	if want := []string{"Units billed", "3,000", "3,000", "", "500", "▲ +500.0%"}; len(units) < 6 || !reflect.DeepEqual(units[:6], want) {
		t.Errorf("summary units billed: got %q, want %q", units, want)
	}
	if len(savings) < 2 || savings[1] != "not available" || !strings.Contains(strings.Join(savings, " "), "set inpatient_per_diem and er_visit_cost") {
		t.Errorf("summary net savings: got %q, want \"not available\" with the settings to fill in", savings)
	}

	cost, err := book.GetRows("Cost case")
	if err != nil {
		t.Fatal(err)
	}
	settings := map[string]string{}
	text := ""
	for _, r := range cost {
		text += strings.Join(r, " ") + "\n"
		if len(r) >= 2 {
			settings[r[0]] = r[1]
		}
	}
	for key, want := range map[string]string{"inpatient_per_diem": "not configured", "er_visit_cost": "not configured",
		"program_cost": "not configured", "fringe_rate": "0.22", "rday_daily_rate": "not configured", "rday_federal_share": "not configured"} {
		if settings[key] != want {
			t.Errorf("cost case assumption %s = %q, want %q", key, settings[key], want)
		}
	}
	for _, want := range []string{"$48,251", "program_cost = not configured; fringe_rate = 0.22",
		"Not available: gross_savings, net_savings, roi. Not configured: set inpatient_per_diem and er_visit_cost in peerstat.toml.",
		"(data_from)"} {
		if !strings.Contains(text, want) {
			t.Errorf("cost case sheet lacks %q", want)
		}
	}
}

func TestWorkbookSuppressionOff(t *testing.T) {
	_, book := writeBoard(t, testResult(0))
	for _, sheet := range book.GetSheetList() {
		if got, _ := book.GetCellValue(sheet, "A2"); got != suppressionOffText {
			t.Errorf("sheet %s A2 = %q, want %q", sheet, got, suppressionOffText)
		}
		hf, err := book.GetHeaderFooter(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(hf.OddHeader, suppressionOffText) {
			t.Errorf("sheet %s prints without the banner: header %q", sheet, hf.OddHeader)
		}
	}
}

// ---- charts, read from the chart XML in the zip ----

type chartXML struct {
	Title    string
	Type     string // lineChart, barChart
	Grouping string
	HiLow    bool
	Series   []seriesXML
}

type seriesXML struct {
	NameRef, CatRef, ValRef string
}

func readCharts(t *testing.T, xlsx string) []chartXML {
	t.Helper()
	zr, err := zip.OpenReader(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/charts/chart") && strings.HasSuffix(f.Name, ".xml") {
			names = append(names, f.Name)
			files[f.Name] = f
		}
	}
	sort.Slice(names, func(i, j int) bool { return chartNumber(names[i]) < chartNumber(names[j]) })
	var out []chartXML
	for _, n := range names {
		rc, err := files[n].Open()
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Chart struct {
				Title struct {
					Runs []string `xml:"tx>rich>p>r>t"`
				} `xml:"title"`
				Plot struct {
					Inner []struct {
						XMLName  xml.Name
						Grouping struct {
							Val string `xml:"val,attr"`
						} `xml:"grouping"`
						HiLow *struct{} `xml:"hiLowLines"`
						Ser   []struct {
							Name string `xml:"tx>strRef>f"`
							Cat  string `xml:"cat>strRef>f"`
							Val  string `xml:"val>numRef>f"`
						} `xml:"ser"`
					} `xml:",any"`
				} `xml:"plotArea"`
			} `xml:"chart"`
		}
		err = xml.NewDecoder(rc).Decode(&doc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		c := chartXML{Title: strings.Join(doc.Chart.Title.Runs, "")}
		for _, in := range doc.Chart.Plot.Inner {
			if !strings.HasSuffix(in.XMLName.Local, "Chart") {
				continue
			}
			c.Type, c.Grouping, c.HiLow = in.XMLName.Local, in.Grouping.Val, in.HiLow != nil
			for _, s := range in.Ser {
				c.Series = append(c.Series, seriesXML{s.Name, s.Cat, s.Val})
			}
		}
		out = append(out, c)
	}
	return out
}

func chartNumber(name string) int {
	n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(name, "xl/charts/chart"), ".xml"))
	return n
}

// refCells reads the cells of a reference such as 'Sheet'!$A$1:$A$6.
func refCells(t *testing.T, book *excelize.File, ref string) []string {
	t.Helper()
	i := strings.LastIndex(ref, "!")
	sheet := strings.ReplaceAll(strings.Trim(ref[:i], "'"), "''", "'")
	cells := strings.Split(strings.ReplaceAll(ref[i+1:], "$", ""), ":")
	c1, r1, err := excelize.CellNameToCoordinates(cells[0])
	if err != nil {
		t.Fatal(err)
	}
	c2, r2 := c1, r1
	if len(cells) == 2 {
		if c2, r2, err = excelize.CellNameToCoordinates(cells[1]); err != nil {
			t.Fatal(err)
		}
	}
	var out []string
	for c := c1; c <= c2; c++ {
		for r := r1; r <= r2; r++ {
			name, _ := excelize.CoordinatesToCellName(c, r)
			v, err := book.GetCellValue(sheet, name, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, v)
		}
	}
	return out
}

func TestWorkbookCharts(t *testing.T) {
	res := testResult(11)
	dir, book := writeBoard(t, res)
	charts := readCharts(t, filepath.Join(dir, "peerstat-board.xlsx"))
	if len(charts) < 10 {
		t.Fatalf("got %d charts in the workbook, want at least 10", len(charts))
	}
	find := func(sheet, title string) chartXML {
		t.Helper()
		for _, c := range charts {
			if c.Title == title && len(c.Series) > 0 && strings.HasPrefix(c.Series[0].ValRef, "'"+sheet+"'!") {
				return c
			}
		}
		t.Fatalf("no chart %q on sheet %s", title, sheet)
		return chartXML{}
	}
	names := func(c chartXML) []string {
		var out []string
		for _, s := range c.Series {
			out = append(out, strings.Join(refCells(t, book, s.NameRef), ""))
		}
		return out
	}
	programs := []string{"All programs", "Bridges", "Harbor & Co"}

	// Monthly admissions: a line per program; the suppressed August figures
	// of both programs are gaps (blank), not zeros.
	adm := find("Monthly trends", "Admissions per 1,000 member months")
	if adm.Type != "lineChart" || !reflect.DeepEqual(names(adm), programs) {
		t.Errorf("monthly admissions chart: %s with series %q, want lineChart with %q", adm.Type, names(adm), programs)
	}
	if cats := refCells(t, book, adm.Series[0].CatRef); !reflect.DeepEqual(cats, []string{"Jul 2024", "Aug 2024", "Sep 2024", "Oct 2024", "Nov 2024", "Dec 2024"}) {
		t.Errorf("monthly categories: %q", cats)
	}
	for i, prog := range []string{metrics.AllPrograms, "Bridges", "Harbor & Co"} {
		got := refCells(t, book, adm.Series[i].ValRef)
		var want []string
		for _, r := range res.Rows {
			if r.Metric == "admissions_per_1000" && r.Program == prog && r.Grain == metrics.GrainMonth {
				want = append(want, numText(r.Value))
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("monthly admissions, %s: plotted %q, want %q", prog, got, want)
		}
	}

	if q := find("Quarterly trends", "Units billed"); q.Type != "lineChart" || len(refCells(t, book, q.Series[0].CatRef)) != 2 {
		t.Errorf("quarterly units chart: %+v", q)
	}
	stacked := find("Workforce", "Non-billable time by activity (share of worked time)")
	if stacked.Type != "barChart" || stacked.Grouping != "stacked" || !reflect.DeepEqual(names(stacked), []string{"documentation", "travel"}) {
		t.Errorf("non-billable time: %s %s with %q, want a stacked barChart of documentation and travel", stacked.Type, stacked.Grouping, names(stacked))
	}
	if peer := find("Workforce", "Peer staff turnover (annualized)"); peer.Type != "barChart" || len(peer.Series) != 1 {
		t.Errorf("peer turnover chart: %+v", peer)
	}
	interval := find("Outcomes", "Change from before to after, with 95% intervals")
	if interval.Type != "lineChart" || !interval.HiLow || !reflect.DeepEqual(names(interval), []string{"Estimate", "95% interval low", "95% interval high"}) {
		t.Errorf("interval chart: %s hiLow=%v series %q", interval.Type, interval.HiLow, names(interval))
	}
	if got := refCells(t, book, interval.Series[1].ValRef); !reflect.DeepEqual(got, []string{"-0.52", "-0.25"}) {
		t.Errorf("interval lows plotted %q, want the _ci_low rows -0.52, -0.25", got)
	}
	money := find("Cost case", "Savings and cost (dollars)")
	if got := refCells(t, book, money.Series[0].ValRef); !reflect.DeepEqual(got, []string{"48250.5"}) {
		t.Errorf("cost chart plots %q, want only the program cost (savings are not configured)", got)
	}

	// The data beside a chart reads "suppressed (<11)" where the chart has a gap.
	rows, err := book.GetRows("Monthly trends")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		for j, v := range r {
			if v == "Aug 2024" && j+3 < len(r) && r[j+2] == "suppressed (<11)" && r[j+3] == "suppressed (<11)" {
				found = true
			}
		}
	}
	if !found {
		t.Error("the monthly admissions data does not show August as suppressed (<11) for both programs")
	}
}

// ---- readers other than excelize ----

// TestWorkbookIsWellFormedPackage reads the zip with the standard library:
// every part is well-formed XML, every relationship points at a part that
// exists, and every part has a content type.
func TestWorkbookIsWellFormedPackage(t *testing.T) {
	dir, _ := writeBoard(t, testResult(11))
	checkPackage(t, filepath.Join(dir, "peerstat-board.xlsx"))
	res := testResult(0)
	res.Scope.Payer = "Acme Health"
	if _, err := WriteMCO(dir, "Acme Health", res); err != nil {
		t.Fatal(err)
	}
	checkPackage(t, filepath.Join(dir, "peerstat-mco-acme-health.xlsx"))
}

func checkPackage(t *testing.T, p string) {
	t.Helper()
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	parts := map[string]bool{}
	for _, f := range zr.File {
		parts[f.Name] = true
	}
	var types struct {
		Defaults []struct {
			Extension string `xml:"Extension,attr"`
		} `xml:"Default"`
		Overrides []struct {
			PartName string `xml:"PartName,attr"`
		} `xml:"Override"`
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".rels") {
			continue
		}
		dec := xml.NewDecoder(bytes.NewReader(data))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Errorf("%s is not well-formed XML: %v", f.Name, err)
				break
			}
		}
		if f.Name == "[Content_Types].xml" {
			if err := xml.Unmarshal(data, &types); err != nil {
				t.Fatal(err)
			}
		}
		if strings.HasSuffix(f.Name, ".rels") {
			var rels struct {
				Rel []struct {
					Target     string `xml:"Target,attr"`
					TargetMode string `xml:"TargetMode,attr"`
				} `xml:"Relationship"`
			}
			if err := xml.Unmarshal(data, &rels); err != nil {
				t.Fatal(err)
			}
			base := path.Dir(path.Dir(f.Name)) // the folder of the part the .rels describes
			for _, r := range rels.Rel {
				if r.TargetMode == "External" {
					t.Errorf("%s links outside the file: %s", f.Name, r.Target)
					continue
				}
				target := path.Clean(path.Join(base, r.Target))
				if strings.HasPrefix(r.Target, "/") {
					target = strings.TrimPrefix(r.Target, "/")
				}
				if !parts[target] {
					t.Errorf("%s points at %s, which is not in the file", f.Name, target)
				}
			}
		}
	}
	typed := map[string]bool{}
	for _, d := range types.Defaults {
		typed["."+d.Extension] = true
	}
	for _, o := range types.Overrides {
		typed[strings.TrimPrefix(o.PartName, "/")] = true
	}
	for name := range parts {
		if !typed[name] && !typed[path.Ext(name)] {
			t.Errorf("part %s has no content type", name)
		}
	}
}

// TestWorkbookOpensInLibreOffice converts every sheet to CSV with
// LibreOffice, a reader that shares no code with excelize, and checks what
// it shows. Skipped without LibreOffice unless CI=true.
func TestWorkbookOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("LibreOffice is not installed; CI must install the Debian package libreoffice-calc-nogui")
		}
		t.Skip("LibreOffice is not installed (apt-get install -y libreoffice-calc-nogui); the workbook was not opened by a second reader")
	}
	dir, _ := writeBoard(t, testResult(11))
	out := t.TempDir()
	// Filter options: comma-separated, double quotes, UTF-8, …, formatted
	// values as shown, and sheet -1 = every sheet to its own file.
	cmd := exec.Command(soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+t.TempDir(),
		"--convert-to", `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1`,
		"--outdir", out, filepath.Join(dir, "peerstat-board.xlsx"))
	msg, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, msg)
	}
	sheets := map[string][][]string{}
	for _, name := range boardSheets {
		p := filepath.Join(out, "peerstat-board-"+name+".csv")
		data, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("LibreOffice wrote no CSV for sheet %s (%v); it said: %s", name, err, msg)
			continue
		}
		recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			r := csv.NewReader(bytes.NewReader(data))
			r.FieldsPerRecord = -1
			if recs, err = r.ReadAll(); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
		}
		sheets[name] = recs
	}
	has := func(sheet string, want ...string) {
		t.Helper()
		for _, r := range sheets[sheet] {
			line := "|" + strings.Join(r, "|") + "|"
			ok := true
			for _, w := range want {
				ok = ok && strings.Contains(line, "|"+w+"|")
			}
			if ok {
				return
			}
		}
		t.Errorf("LibreOffice shows no row of sheet %s with %q", sheet, want)
	}
	has("Cover", "Small-cell suppression", "Counts from 1 to 10 are suppressed (min_cell = 11)")
	has("Summary", "Notes meeting the documentation standard", "80.0%", "40", "50")
	has("Summary", "Units billed", "3,000", "500", "▲ +500.0%")
	has("Workforce", "Hours worked per billable hour", "hours_per_billable_hour", "All programs", "Whole period", "1.67×")
	has("Hospital & crisis", "Admissions per 1,000 member months", "Bridges", "Month", "2024-08-01", "suppressed (<11)")
	has("Hospital & crisis", "30-day readmission", "Harbor & Co", "suppressed (<11)")
	has("Satisfaction", "Peer experience: overall, mean score", "Bridges", "4.1")
	has("Outcomes", "Difference in differences, ER visits per person", "-0.42", "-0.8", "0.05")
	has("Cost case", "Program cost", "$48,251")
	has("Data quality", "services", "minutes: not a number of minutes from 1 to 1440", "3")
}

func TestWriteTwiceGivesTheSameFiles(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if _, err := WriteBoard(dir, testResult(11)); err != nil {
			t.Fatal(err)
		}
	}
	pa, _ := os.ReadFile(filepath.Join(a, "peerstat-board.html"))
	pb, _ := os.ReadFile(filepath.Join(b, "peerstat-board.html"))
	if !bytes.Equal(pa, pb) {
		t.Error("two HTML pages from the same metrics differ")
	}
	ea, eb := zipParts(t, filepath.Join(a, "peerstat-board.xlsx")), zipParts(t, filepath.Join(b, "peerstat-board.xlsx"))
	if !reflect.DeepEqual(keys(ea), keys(eb)) {
		t.Fatalf("the two workbooks have different parts: %q vs %q", keys(ea), keys(eb))
	}
	for name := range ea {
		if ea[name] != eb[name] {
			t.Errorf("workbook part %s differs between two writes", name)
		}
	}
	if core := ea["docProps/core.xml"]; !strings.Contains(core, "2025-02-03T14:05:00Z") {
		t.Errorf("document properties do not carry the generated time: %s", core)
	}
}

func zipParts(t *testing.T, p string) map[string]string {
	t.Helper()
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = string(data)
	}
	return out
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
