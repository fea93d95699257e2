package reports

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// testOutDir is where the tests leave files for a person to look at
// (screenshots, printed PDFs): reports/testdata/out, git-ignored.
func testOutDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("testdata", "out"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

type pageCase struct {
	name     string
	write    func(dir string) error
	file     string
	minCell  int
	sections []string
}

func pageCases() []pageCase {
	mco := testResult(0)
	mco.Scope.Payer = "Acme Health"
	return []pageCase{
		{name: "board", write: func(dir string) error { _, err := WriteBoard(dir, testResult(11)); return err }, file: "peerstat-board.html", minCell: 11,
			sections: []string{"summary", "cover", "monthly-trends", "quarterly-trends", "reach", "workforce", "documentation", "hospital", "satisfaction", "recovery", "outcomes", "cost", "data-quality", "methodology", "data-dictionary"}},
		{name: "mco", write: func(dir string) error { _, err := WriteMCO(dir, "Acme Health", mco); return err }, file: "peerstat-mco-acme-health.html", minCell: 0,
			sections: []string{"summary", "cover", "reach", "volume", "quality", "results", "satisfaction", "recovery", "cost", "workforce", "methodology", "data-quality", "data-dictionary"}},
	}
}

// chartState is what the page reports about its charts once drawn.
type chartState struct {
	ID       string `json:"id"`
	Kind     string `json:"kind"`
	Width    int    `json:"width"`
	Height   int    `json:"height"`
	Elements int    `json:"elements"`
}

const chartProbe = `Array.from(document.querySelectorAll('figure.chart')).map(function (fig) {
  var item = document.getElementById(fig.dataset.chart);
  var svg = item && item.querySelector('svg'), canvas = item && item.querySelector('canvas');
  var el = svg || canvas;
  return {id: fig.dataset.chart, kind: svg ? 'svg' : (canvas ? 'canvas' : ''),
    width: el ? Math.round(el.getBoundingClientRect().width) : 0,
    height: el ? Math.round(el.getBoundingClientRect().height) : 0,
    elements: svg ? svg.querySelectorAll('path, text, rect, polyline, line').length : (canvas ? 1 : 0)};
})`

func TestPagesInChromium(t *testing.T) {
	b := startBrowser(t)
	out := testOutDir(t)
	for _, pc := range pageCases() {
		t.Run(pc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := pc.write(dir); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, pc.file)
			url := "file://" + path
			tb := b.newTab(t, 1280, 900)
			tb.open(t, url)

			// Every chart is drawn: its container holds an svg (or canvas) with
			// marks in it.
			var states []chartState
			deadline := time.Now().Add(15 * time.Second)
			for {
				tb.eval(t, chartProbe, &states)
				drawn := len(states) > 0
				for _, s := range states {
					drawn = drawn && s.Width > 100 && s.Height > 100 && s.Elements > 10
				}
				if drawn || time.Now().After(deadline) {
					break
				}
				time.Sleep(200 * time.Millisecond)
			}
			if len(states) < 5 {
				t.Fatalf("got %d charts on the page, want at least 5", len(states))
			}
			for _, s := range states {
				if s.Kind == "" || s.Width <= 100 || s.Height <= 100 || s.Elements <= 10 {
					t.Errorf("chart %s not drawn: %+v", s.ID, s)
				}
			}

			var version string
			tb.eval(t, "echarts.version", &version)
			if version != echartsVersion {
				t.Errorf("echarts.version = %q, want %q (the inlined build)", version, echartsVersion)
			}

			// No request leaves the page: the only request is the file itself.
			for _, e := range tb.b.eventsOf(tb.session, "Network.requestWillBeSent") {
				var p struct {
					Request struct{ URL string } `json:"request"`
				}
				json.Unmarshal(e.Params, &p) //nolint:errcheck
				if p.Request.URL != url {
					t.Errorf("the page requested %s; it must make no request", p.Request.URL)
				}
			}
			// No console errors, exceptions or browser-logged errors (a blocked
			// request would log a Content-Security-Policy error).
			for _, e := range tb.b.eventsOf(tb.session, "Runtime.consoleAPICalled") {
				var p struct {
					Type string            `json:"type"`
					Args []json.RawMessage `json:"args"`
				}
				json.Unmarshal(e.Params, &p) //nolint:errcheck
				if p.Type == "error" || p.Type == "warning" || p.Type == "assert" {
					t.Errorf("console %s: %s", p.Type, p.Args)
				}
			}
			for _, e := range tb.b.eventsOf(tb.session, "Runtime.exceptionThrown") {
				t.Errorf("exception on the page: %s", e.Params)
			}
			for _, e := range tb.b.eventsOf(tb.session, "Log.entryAdded") {
				var p struct {
					Entry struct{ Level, Text, URL string } `json:"entry"`
				}
				json.Unmarshal(e.Params, &p) //nolint:errcheck
				if p.Entry.Level == "error" || p.Entry.Level == "warning" {
					t.Errorf("browser log %s: %s %s", p.Entry.Level, p.Entry.Text, p.Entry.URL)
				}
			}

			// What a reader sees.
			var page struct {
				Text     string   `json:"text"`
				Sections []string `json:"sections"`
				Banners  int      `json:"banners"`
				Injected bool     `json:"injected"`
				Tables   int      `json:"tables"`
			}
			tb.eval(t, `({text: document.body.innerText,
				sections: Array.from(document.querySelectorAll('section.page')).map(function (s) { return s.id; }),
				banners: document.querySelectorAll('section.page > .banner').length,
				injected: document.querySelector('peer') !== null,
				tables: document.querySelectorAll('table.fallback').length})`, &page)
			if strings.Join(page.Sections, " ") != strings.Join(pc.sections, " ") {
				t.Errorf("sections:\n got %v\nwant %v", page.Sections, pc.sections)
			}
			if page.Tables != len(states) {
				t.Errorf("got %d data tables under %d charts; want one under each", page.Tables, len(states))
			}
			if !strings.Contains(page.Text, "Riverbend <Peer> Network") || page.Injected {
				t.Errorf("the agency name was not shown as text (escaping): injected element = %v", page.Injected)
			}
			if pc.minCell > 0 {
				for _, want := range []string{"suppressed (<11)", "Counts from 1 to 10 are suppressed (min_cell = 11)"} {
					if !strings.Contains(page.Text, want) {
						t.Errorf("page text lacks %q", want)
					}
				}
			} else {
				if page.Banners != len(pc.sections) {
					t.Errorf("got %d SUPPRESSION OFF banners, want one on each of %d sections", page.Banners, len(pc.sections))
				}
				if strings.Contains(page.Text, "suppressed (<") {
					t.Errorf("suppression is off but the page shows a suppressed figure")
				}
			}
			for _, want := range []string{"not configured: set inpatient_per_diem", "(data_from)", "not configured"} {
				if !strings.Contains(strings.ToLower(page.Text), strings.ToLower(want)) {
					t.Errorf("page text lacks %q", want)
				}
			}

			// The first page as a reader sees it, then each section.
			shot := filepath.Join(out, pc.name+"-first-page.png")
			tb.screenshot(t, shot, 0, 1280, 900)
			t.Logf("screenshot of the first page: %s", shot)
			var tops []int
			tb.eval(t, `Array.from(document.querySelectorAll('section.page')).map(function (s) { return Math.round(s.getBoundingClientRect().top + window.scrollY); })`, &tops)
			for i, top := range tops {
				tb.screenshot(t, filepath.Join(out, fmt.Sprintf("%s-section-%02d-%s.png", pc.name, i, pc.sections[i])), top, 1280, 1400)
			}

			// Printed, each section starts a new page.
			pdf := tb.printPDF(t)
			pdfPath := filepath.Join(out, pc.name+".pdf")
			if err := os.WriteFile(pdfPath, pdf, 0o644); err != nil {
				t.Fatal(err)
			}
			pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
			if pages < len(pc.sections) {
				t.Errorf("printed %d pages for %d sections; each section should start a page", pages, len(pc.sections))
			}
			t.Logf("printed %d pages: %s", pages, pdfPath)
		})
	}
}

func TestEmbeddedECharts(t *testing.T) {
	if err := checkECharts(); err != nil {
		t.Fatal(err)
	}
	if len(echartsJS) < 500_000 {
		t.Fatalf("embedded echarts.min.js is %d bytes; run scripts/fetch-echarts.sh", len(echartsJS))
	}
}

func TestPageIsSelfContained(t *testing.T) {
	dir := t.TempDir()
	if _, err := WriteBoard(dir, testResult(11)); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(dir, "peerstat-board.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(page, []byte(echartsJS)) {
		t.Fatalf("the page does not inline the embedded ECharts build")
	}
	// Everything but the library itself: the template, styles and charts.
	own := bytes.ToLower(bytes.Replace(page, []byte(echartsJS), nil, 1))
	for _, bad := range []string{"<script src", "<link", "go-echarts.github.io", "cdn", "@import", "url(", "http:", "https:", "@font-face"} {
		if bytes.Contains(own, []byte(bad)) {
			t.Errorf("the page contains %q: it must not load anything", bad)
		}
	}
	if !bytes.Contains(page, []byte(`version="`+echartsVersion+`"`)) {
		t.Errorf("the page does not inline ECharts %s", echartsVersion)
	}
	if bytes.Contains(page, []byte("<Peer>")) {
		t.Error("the agency name reached the page unescaped")
	}
	if !bytes.Contains(page, []byte("Riverbend &lt;Peer&gt; Network")) {
		t.Error("the agency name is missing from the page")
	}
}
