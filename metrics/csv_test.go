package metrics

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestEncodeCSVEscapesFormulas: a text cell a spreadsheet would run as a
// formula gets a leading ', while a negative number in a numeric column
// stays a number.
func TestEncodeCSVEscapesFormulas(t *testing.T) {
	day := time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)
	num := func(f float64) *float64 { return &f }
	rows := []Row{
		{Metric: "cost_saving", Program: "=HYPERLINK(\"http://x\",\"y\")", Grain: GrainPeriod, PeriodStart: day, PeriodEnd: day,
			Numerator: num(-1200.5), Denominator: num(2), Value: num(-600.25), Unit: "usd"},
		{Metric: "cost_saving", Program: "@SUM(A1)", Grain: GrainPeriod, PeriodStart: day, PeriodEnd: day, Unit: "usd"},
		{Metric: "cost_saving", Program: "+1", Grain: GrainPeriod, PeriodStart: day, PeriodEnd: day, Unit: "usd"},
		{Metric: "cost_saving", Program: "-1", Grain: GrainPeriod, PeriodStart: day, PeriodEnd: day, Unit: "usd"},
		{Metric: "cost_saving", Program: "\tTab", Grain: GrainPeriod, PeriodStart: day, PeriodEnd: day, Unit: "usd"},
		{Metric: "cost_saving", Program: "\rCR", Grain: GrainPeriod, PeriodStart: day, PeriodEnd: day, Unit: "usd"},
		{Metric: "cost_saving", Program: "Bridge-Plus", Grain: GrainPeriod, PeriodStart: day, PeriodEnd: day, Unit: "usd"},
	}
	var buf bytes.Buffer
	if err := EncodeCSV(&buf, rows); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`cost_saving,"'=HYPERLINK(""http://x"",""y"")",period,2024-07-01,2024-07-01,-1200.5,2,-600.25,usd,false`,
		`cost_saving,'@SUM(A1),period,2024-07-01,2024-07-01,,,,usd,false`,
		`cost_saving,'+1,period,2024-07-01,2024-07-01,,,,usd,false`,
		`cost_saving,'-1,period,2024-07-01,2024-07-01,,,,usd,false`,
		"cost_saving,'\tTab,period,2024-07-01,2024-07-01,,,,usd,false",
		"cost_saving,\"'\rCR\",period,2024-07-01,2024-07-01,,,,usd,false",
		`cost_saving,Bridge-Plus,period,2024-07-01,2024-07-01,,,,usd,false`,
	}
	got := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")[1:]
	if len(got) != len(want) {
		t.Fatalf("got %d rows, want %d:\n%s", len(got), len(want), buf.String())
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d:\n got %q\nwant %q", i, got[i], want[i])
		}
	}
}
