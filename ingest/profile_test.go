package ingest

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestParseProfileErrors(t *testing.T) {
	for _, tt := range []struct {
		name, text, want string
	}{
		{"unknown source", "[service]\n", "[service] is not a source; sections are participants, staff, services"},
		{"unknown key", "[services]\nfile = [\"a.csv\"]\n", "[services] file is not a profile key"},
		{"unknown column", "[services.columns]\nminute = \"MIN\"\n", "[services.columns] minute: services has no column minute"},
		{"unknown column key", "[services.columns]\nminutes = { colum = \"MIN\" }\n", "colum is not a column key"},
		{"no source of a value", "[services.columns]\nminutes = { default = \"30\" }\n", "give exactly one of column"},
		{"two sources of a value", "[services.columns]\nminutes = { column = \"A\", value = \"30\" }\n", "give exactly one of column"},
		{"bad format", "[services]\ndate_format = \"DD/MM\"\n", "needs a year, month and day"},
		{"12-hour clock without A", "[timesheets.columns]\nclock_in = { column = \"IN\", format = \"h:mm\" }\n", "12-hour clock"},
		{"time-only format on a date", "[services.columns]\nservice_date = { column = \"D\", format = \"HH:mm\" }\n", "has no date"},
		{"format on a text column", "[services.columns]\nservice_code = { column = \"C\", format = \"YYYYMMDD\" }\n", "format applies to dates and timestamps"},
		{"map target not a setting", "[encounters.columns]\nsetting = { column = \"C\", map = { hospital = [\"IP\"] } }\n", `"hospital" is not a setting (use one of inpatient_psych`},
		{"default not a setting", "[encounters.columns]\nsetting = { column = \"C\", map = { detox = [\"D\"] }, default = \"other\" }\n", `"other" is not a setting`},
		{"one code, two targets", "[encounters.columns]\nsetting = { column = \"C\", map = { detox = [\"D\"], emergency = [\"d\"] } }\n", `value "d" is mapped to both "detox" and "emergency"`},
		{"overlapping ranges", "[encounters.columns]\nsetting = { column = \"C\", map = { detox = [\"890-899\"], emergency = [\"895-900\"] } }\n", `overlaps 890-899`},
		{"default without map", "[services.columns]\nminutes = { column = \"M\", default = \"30\" }\n", "default goes with map"},
		{"separator with one column", "[services.columns]\nservice_id = { column = \"A\", separator = \"-\" }\n", "separator goes with columns"},
		{"one column to join", "[services.columns]\nservice_id = { columns = [\"A\"] }\n", "two or more vendor column names"},
		{"bad files pattern", "[services]\nfiles = [\"[a\"]\n", "is not a file name pattern"},
		{"optional not a bool", "[services]\noptional = \"yes\"\n", "optional: write true or false"},
		{"not TOML", "[services\n", "expected"},
		{"maybe is no boolean", "[services.columns]\nbillable = { column = \"B\", map = { maybe = [\"M\"] } }\n", `map: "maybe" is not a yes/no value for billable: use true or false (or yes/no, y/n, 1/0)`},
		{"constant maybe", "[timesheets.columns]\nbillable = { value = \"maybe\" }\n", `value: "maybe" is not a yes/no value for billable: use true or false (or yes/no, y/n, 1/0); a punch clock that does not know says value = "unknown"`},
		{"unknown only for timesheets", "[services.columns]\nbillable = { value = \"unknown\" }\n", `"unknown" is not a yes/no value for billable`},
		{"map target not a number", "[staff.columns]\nfte = { column = \"F\", map = { full = [\"FT\"] } }\n", `map: "full" is not a number for fte`},
		{"blank for a required column", "[staff.columns]\nrole = { column = \"T\", map = { \"\" = [\"Intern\"] } }\n", "role is required, so a map may not make it blank"},
		{"one pattern, two targets", "[staff.columns]\nrole = { column = \"T\", map = { admin = [\"*Mgr*\"], supervisor = [\"*mgr*\"] } }\n", `pattern "*mgr*" is mapped to both "admin" and "supervisor"`},
		{"divide a text column", "[staff.columns]\nprogram = { column = \"P\", divide = 2 }\n", "divide applies to numbers; program is not one"},
		{"divide by zero", "[staff.columns]\nhourly_wage = { column = \"S\", divide = 0 }\n", "divide: give a number above 0"},
		{"divide and multiply", "[staff.columns]\nhourly_wage = { column = \"S\", divide = 2080, multiply = 2 }\n", "use divide or multiply, not both"},
		{"divide a map", "[staff.columns]\nhourly_wage = { column = \"S\", divide = 2080, map = { \"1\" = [\"x\"] } }\n", "use map or divide, not both"},
		{"unknown encoding", "[staff]\nencoding = \"ebcdic\"\n", `[staff] encoding: "ebcdic" is not an encoding peerstat reads; use "windows-1252", "latin-1", "utf-16" or "utf-8" (the default)`},
		{"two sections without files", "[[staff]]\noptional = true\n[[staff]]\noptional = true\n", "[[staff]] numbers 1 and 2 both have no files"},
		{"error in a repeated section", "[[staff]]\nfiles = [\"a*\"]\n[[staff]]\nfile = [\"b*\"]\n", "[[staff]] number 2 file is not a profile key"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseProfile([]byte(tt.text))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

// A vendor folder that needs every profile feature: renamed columns, a
// value map with exact values, ranges, prefixes and a default, vendor date
// and time formats, constants, a key joined from two columns, a
// punch-clock timesheet running past midnight, and files named by pattern.
func TestProfileLoadsVendorExports(t *testing.T) {
	profile := `
[participants]
files = ["clients*.csv"]
date_format = "M/D/YYYY"
[participants.columns]
participant_id = "Client No"
enrolled_on = "Admit"
program = { value = "Bridge" }

[staff]
files = ["hr.csv"]
date_format = "YYYYMMDD"
[staff.columns]
staff_id = "EMP"
hire_date = "HIRED"
role = { column = "TITLE", map = { peer_specialist = ["CPS", "CPS II"], supervisor = ["SUP*"] }, default = "other" }
program = { value = "Bridge" }

[services]
files = ["notes*.csv"]
[services.columns]
service_id = { columns = ["NOTE", "LINE"], separator = "-" }
participant_id = "Client No"
staff_id = "EMP"
service_date = { column = "DOS", format = "YYYYMMDD" }
minutes = "MIN"
billable = { column = "PROC", map = { "true" = ["H00*", "H2014"], "false" = ["9*"] } }
note_signed_at = { column = "SIGNED", format = "M/D/YYYY h:mm A" }

[encounters]
files = ["claims.csv"]
[encounters.columns]
encounter_id = "CLAIM"
participant_id = "Client No"
admit_date = { column = "FROM", format = "YYYYMMDD" }
setting = { column = "DRG", map = { inpatient_psych = ["880-887"], detox = ["894-897"] }, default = "inpatient_medical" }

[timesheets]
files = ["punches.csv"]
[timesheets.columns]
staff_id = "EMP"
work_date = { column = "DAY", format = "M/D/YYYY" }
clock_in = { column = "IN", format = "h:mm A" }
clock_out = { column = "OUT", format = "h:mm A" }
activity = { value = "other" }
billable = { value = "no" }
`
	dir := writeFiles(t, map[string]string{
		"clients.csv": "Client No,Admit\nC1,3/4/2024\nC2,2024-03-04\nC3,2/30/2024\n",
		"hr.csv":      "EMP,TITLE,HIRED\nE1,CPS,20230101\nE2,SUP-2,20230101\nE3,Driver,20230101\n",
		"notes.csv": "NOTE,LINE,Client No,EMP,DOS,MIN,PROC,SIGNED\n" +
			"N1,1,C1,E1,20240305,30,H0038,3/5/2024 4:05 PM\n" +
			"N1,2,C1,E1,20240305,15,H2014,\n" +
			"N2,1,C1,E1,20240305,15,99213,\n" +
			"N3,1,C1,E1,20240305,15,T1017,\n" +
			"N4,1,C1,E1,2024-03-05,15,H0038,\n" +
			"N5,,C1,E1,20240305,15,H0038,\n",
		"claims.csv":  "CLAIM,Client No,FROM,DRG\nK1,C1,20240401,885\nK2,C1,20240401,0895\nK3,C1,20240401,470\nK4,C1,20240401,OTH\n",
		"punches.csv": "EMP,DAY,IN,OUT\nE1,3/4/2024,9:00 AM,5:30 PM\nE1,3/5/2024,10:00 PM,2:00 AM\nE1,3/6/2024,25:00 AM,2:00 AM\n",
	})
	profilePath := filepath.Join(t.TempDir(), "vendor.toml")
	writeFile(t, profilePath, []byte(profile))
	db := openTestDB(t)
	res := load(t, db, dir, Options{ProfilePath: profilePath})
	wantRejects := []string{
		"participants|3|Admit|2024-03-04|not a date (expected M/D/YYYY)",
		"participants|4|Admit|2/30/2024|not a date (expected M/D/YYYY)",
		"services|5|PROC|T1017|not in the profile's value map",
		"services|6|DOS|2024-03-05|not a date (expected YYYYMMDD)",
		"services|7|service_id||missing value",
		"timesheets|4|IN|25:00 AM|not a time (expected h:mm A)",
	}
	if got := rejectLines(res.Rejects); strings.Join(got, "\n") != strings.Join(wantRejects, "\n") {
		t.Errorf("rejects:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(wantRejects, "\n     "))
	}
	for _, tt := range []struct{ query, want string }{
		{"SELECT participant_id || ' ' || program || ' ' || enrolled_on FROM participants", "C1 Bridge 2024-03-04"},
		{"SELECT string_agg(staff_id || '=' || role, ',' ORDER BY staff_id) FROM staff", "E1=peer_specialist,E2=supervisor,E3=other"},
		{"SELECT string_agg(service_id || '=' || billable, ',' ORDER BY service_id) FROM services", "N1-1=true,N1-2=true,N2-1=false"},
		{"SELECT strftime(note_signed_at, '%Y-%m-%d %H:%M') FROM services WHERE service_id = 'N1-1'", "2024-03-05 16:05"},
		{"SELECT string_agg(encounter_id || '=' || setting, ',' ORDER BY encounter_id) FROM encounters", "K1=inpatient_psych,K2=detox,K3=inpatient_medical,K4=inpatient_medical"},
		{"SELECT string_agg(work_date || '=' || minutes || ' ' || activity || ' ' || billable, ',' ORDER BY work_date) FROM timesheets", "2024-03-04=510 other false,2024-03-05=240 other false"},
	} {
		var got string
		if err := db.QueryRow(tt.query).Scan(&got); err != nil {
			t.Fatalf("%s: %v", tt.query, err)
		}
		if got != tt.want {
			t.Errorf("%s\n got %s\nwant %s", tt.query, got, tt.want)
		}
	}
}
