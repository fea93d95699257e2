package reports

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/peerstat/peerstat/config"
	"github.com/peerstat/peerstat/ingest"
	"github.com/peerstat/peerstat/metrics"
)

func TestScratchSample(t *testing.T) {
	out := os.Getenv("E2E_OUT")
	if out == "" {
		t.Skip()
	}
	ctx := context.Background()
	cfg, err := config.Load("../sample_data/peerstat.toml")
	if err != nil {
		t.Fatal(err)
	}
	db, err := ingest.Open(filepath.Join(out, "x.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.Load(ctx, db, ingest.Options{DataDir: "../sample_data", Config: cfg, Command: "run"}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	res, err := metrics.Compute(ctx, db, cfg, metrics.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("compute %v rows %d absent %+v", time.Since(start), len(res.Rows), res.Absent)
	res.GeneratedAt = time.Now()
	start = time.Now()
	if err := WriteBoard(out, res); err != nil {
		t.Fatal(err)
	}
	t.Logf("board %v", time.Since(start))
	for _, p := range res.Payers[:1] {
		r, err := metrics.Compute(ctx, db, cfg, metrics.Scope{Payer: p})
		if err != nil {
			t.Fatal(err)
		}
		if err := WriteMCO(out, p, r); err != nil {
			t.Fatal(err)
		}
	}
}

func TestScratchShots(t *testing.T) {
	out := os.Getenv("E2E_OUT")
	if out == "" {
		t.Skip()
	}
	b := startBrowser(t)
	for _, name := range []string{"peerstat-board", "peerstat-mco-heartland-community-health"} {
		tb := b.newTab(t, 1280, 900)
		tb.open(t, "file://"+filepath.Join(out, name+".html"))
		time.Sleep(2 * time.Second)
		var tops []int
		tb.eval(t, `Array.from(document.querySelectorAll('section.page')).map(function (s) { return Math.round(s.getBoundingClientRect().top + window.scrollY); })`, &tops)
		for i, top := range tops {
			tb.screenshot(t, filepath.Join(out, name+"-"+string(rune('a'+i))+".png"), top, 1280, 2000)
		}
		var states []chartState
		tb.eval(t, chartProbe, &states)
		t.Logf("%s charts %d %+v", name, len(states), states[:2])
		for _, e := range tb.b.eventsOf(tb.session, "Log.entryAdded") {
			t.Logf("log %s", e.Params)
		}
		os.WriteFile(filepath.Join(out, name+".pdf"), tb.printPDF(t), 0o644)
	}
}
