package metrics

import "testing"

// Earlier periods on the reach agency (services begin 2025-01-06, so the
// services' coverage starts 2025-01-01).
func TestEarlierPeriods(t *testing.T) {
	db := openAgency(t, reachAgency)
	const base = "data_through = 2025-04-10\nmin_cell = 0\n"

	// February (a whole month): the earlier period is January, covered.
	// January: P1 and P2 served (4 services), P1 and P2 episode 1 enrolled.
	feb := compute(t, db, base+"period_start = 2025-02-01\nperiod_end = 2025-02-28")
	checkHospitalCases(t, feb, []hospitalCase{
		{"served January", "participants_served", "ALL", "period", "2025-01-01", f(2), nil, f(2)},
		{"enrollments January", "enrollments", "ALL", "period", "2025-01-01", f(2), nil, f(2)},
		{"served February", "participants_served", "ALL", "period", "2025-02-01", f(2), nil, f(2)},
	})
	for _, r := range feb.Rows {
		if r.Grain != GrainPeriod && r.PeriodStart.Before(feb.Config.PeriodStart.Time) {
			t.Errorf("%s %s %s %s: month and quarter rows are for the reporting period only", r.Metric, r.Program, r.Grain, r.PeriodStart.Format("2006-01-02"))
		}
	}

	// February-March (two whole months): the earlier period would be
	// 2024-12-01 .. 2025-01-31, which starts before the first service month
	// (2025-01): it is not made, for any metric.
	febMar := compute(t, db, base+"period_start = 2025-02-01\nperiod_end = 2025-03-31")
	for _, r := range febMar.Rows {
		if r.PeriodStart.Before(febMar.Config.PeriodStart.Time) {
			t.Errorf("%s %s %s %s: an earlier period before the services' coverage was made", r.Metric, r.Program, r.Grain, r.PeriodStart.Format("2006-01-02"))
		}
	}

	// Ten days (not whole months): the earlier period is the ten days
	// before, 2025-01-31 .. 2025-02-09, with no services in it.
	days := compute(t, db, base+"period_start = 2025-02-10\nperiod_end = 2025-02-19")
	r := find(t, days, "participants_served", "ALL", "period", "2025-01-31")
	if got := r.PeriodEnd.Format("2006-01-02"); got != "2025-02-09" {
		t.Errorf("earlier period of ten days: ends %s, want 2025-02-09", got)
	}
	wantFigures(t, r, f(0), nil, f(0))

	// compare_periods = 0: no earlier period.
	none := compute(t, db, base+"period_start = 2025-02-01\nperiod_end = 2025-02-28\ncompare_periods = 0")
	for _, r := range none.Rows {
		if r.PeriodStart.Before(none.Config.PeriodStart.Time) {
			t.Fatalf("%s: an earlier period with compare_periods = 0", r.Metric)
		}
	}
}
