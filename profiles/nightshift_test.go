package profiles_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/peerstat/peerstat/config"
	"github.com/peerstat/peerstat/ingest"
	"github.com/peerstat/peerstat/metrics"
)

// TestNightShiftFillsItsWorkDate loads a punch clock's night shift through
// the shipped punch-clock profile beside an EHR export that gives services'
// start times, and checks METRICS.md's rule: a service with a start_time
// belongs to the staff-day whose shift holds that time; one without, to
// its service_date.
//
// Staff N1's punches (billable unknown):
//
//	Nov 4 (D)    22:00 to 06:00, overnight: 480 minutes
//	Nov 5 (D+1)  09:00 to 11:00: 120 minutes
//
// Billable services, all dated Nov 5:
//
//	V1 60 minutes from 02:00: inside the Nov 4 shift, so Nov 4's staff-day
//	V2 45 minutes, no start_time: its service_date, Nov 5
//	V3 30 minutes from 10:00: inside the Nov 5 shift, Nov 5
//	V4 15 minutes from "3:00 AM", a time of day on a 12-hour clock beside
//	   minutes, read on its service_date: Nov 5 03:00, inside the Nov 4 shift
//	V5 15 minutes from "soon": rejected (not a timestamp nor a time)
//
// Filled billable minutes: Nov 4 min(60 + 15, 480) = 75; Nov 5 min(45 +
// 30, 120) = 75. November: worked 600, billable 150, non-billable 450. (By
// service_date alone, Nov 4 would be 0 and Nov 5 min(150, 120) = 120.)
func TestNightShiftFillsItsWorkDate(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "participants.csv"), "participant_id,program,enrolled_on\nP1,Peer Services,2024-01-01\n")
	write(t, filepath.Join(dir, "staff.csv"), "staff_id,role,program,hire_date\nN1,peer_specialist,Peer Services,2024-01-01\n")
	write(t, filepath.Join(dir, "attendance.csv"), "Emp ID,Employee Name,Date,Check In,Check Out\n"+
		"N1,\"Night, Nora\",11/4/2024,22:00:00,06:00:00\n"+
		"N1,\"Night, Nora\",11/5/2024,09:00:00,11:00:00\n")
	write(t, filepath.Join(dir, "services.csv"), "service_id,participant_id,staff_id,service_date,minutes,billable,start_time\n"+
		"V1,P1,N1,2024-11-05,60,true,2024-11-05 02:00\n"+
		"V2,P1,N1,2024-11-05,45,true,\n"+
		"V3,P1,N1,2024-11-05,30,true,2024-11-05T10:00:00\n"+
		"V4,P1,N1,2024-11-05,15,true,3:00 AM\n"+
		"V5,P1,N1,2024-11-05,15,true,soon\n")
	db, err := ingest.Open("")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cfg, err := config.Parse([]byte("period_start = 2024-11-01\nperiod_end = 2024-11-30\ndata_through = 2024-11-30\n"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := ingest.Load(context.Background(), db, ingest.Options{DataDir: dir, ProfilePath: "punch-clock.toml", Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	var rejects []string
	for _, r := range res.Rejects {
		rejects = append(rejects, r.String())
	}
	if want := []string{`services.csv line 6, column start_time: "soon": not a timestamp (expected ISO 8601, e.g. 2025-03-04T14:05, or 3/4/2025 14:05)`}; !slices.Equal(rejects, want) {
		t.Fatalf("rejects: got %q, want %q", rejects, want)
	}
	var shift string
	if err := db.QueryRow(`SELECT string_agg(strftime(shift_start, '%m-%d %H:%M') || '..' || strftime(shift_end, '%m-%d %H:%M'), ', ' ORDER BY shift_start) FROM timesheets`).Scan(&shift); err != nil {
		t.Fatal(err)
	}
	if want := "11-04 22:00..11-05 06:00, 11-05 09:00..11-05 11:00"; shift != want {
		t.Errorf("stored shifts: got %s, want %s", shift, want)
	}
	out, err := metrics.Compute(context.Background(), db, cfg, metrics.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		metric   string
		num, den float64
	}{
		{"billable_ratio", 150, 600},
		{"hours_per_billable_hour", 600, 150},
		{"nonbillable_share_other", 450, 600},
	} {
		var found bool
		for _, r := range out.Rows {
			if r.Metric != tt.metric || r.Program != "ALL" || r.Grain != "month" || r.PeriodStart.Format("2006-01-02") != "2024-11-01" {
				continue
			}
			found = true
			if r.Numerator == nil || r.Denominator == nil || *r.Numerator != tt.num || *r.Denominator != tt.den {
				t.Errorf("%s: got %v / %v, want %v / %v", tt.metric, deref(r.Numerator), deref(r.Denominator), tt.num, tt.den)
			}
		}
		if !found {
			t.Errorf("no %s row for November", tt.metric)
		}
	}
	if got := out.Quality.PunchClockDays(); got != 2 {
		t.Errorf("punch-clock staff-days filled: got %d, want 2", got)
	}
}

func deref(p *float64) any {
	if p == nil {
		return "blank"
	}
	return *p
}
