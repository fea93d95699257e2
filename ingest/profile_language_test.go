package ingest

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
)

// loadWithProfile writes a profile beside a folder and loads the folder.
func loadWithProfile(t *testing.T, files map[string]string, profile string) (Result, *testDB) {
	t.Helper()
	dir := writeFiles(t, files)
	profilePath := filepath.Join(t.TempDir(), "profile.toml")
	writeFile(t, profilePath, []byte(profile))
	db := openTestDB(t)
	return load(t, db, dir, Options{ProfilePath: profilePath}), &testDB{t, db}
}

// An HR roster and the EHR's own staff list in one folder, each read by
// its own [[staff]] section; a participants section whose patterns leave
// participants.csv out, which still loads, with a run-log line.
func TestProfileSections(t *testing.T) {
	profile := `
[participants]
files = ["clients*.csv"]
[participants.columns]
participant_id = "Client"
program = { value = "Main" }
enrolled_on = "Admit"
payer = { column = "Plan", map = { "Blue Cross" = ["BCBS*"] }, default = "Other" }

[[staff]]
files = ["employees*.csv"]
date_format = "M/D/YYYY"
[staff.columns]
staff_id = "EmpID"
program = { value = "Main" }
hire_date = "DateofHire"
termination_date = "DateofTermination"
hourly_wage = { column = "Salary", divide = 2080 }
[staff.columns.role]
column = "Position"
map = { supervisor = ["*Manager*", "Director*", "*Lead*"], peer_specialist = ["*Peer*"], admin = ["*Clerk*", "*Aide*"] }
default = "other"
[staff.columns.termination_type]
column = "EmploymentStatus"
map = { voluntary = ["Voluntarily Terminated"], involuntary = ["Terminated for Cause"], "" = ["Active"] }

[[staff]]
# No files: every other staff file, the EHR's own list with its own codes.
[staff.columns]
role = { column = "role", map = { peer_specialist = ["CPS"] }, default = "other" }
`
	res, db := loadWithProfile(t, map[string]string{
		"clients.csv":      "Client,Admit,Plan\nC1,2024-01-01,Aetna\n",
		"participants.csv": "participant_id,program,enrolled_on\nP1,Main,2024-01-01\n",
		"employees.csv": "Employee_Name,EmpID,Position,DateofHire,DateofTermination,EmploymentStatus,Salary\n" +
			"\"Smith, Ann\",10001,Production Manager,1/5/2020,,Active,104000\n" +
			"\"Jones, Bo\",10002,Peer Support Specialist,7/1/2021,3/31/2022,Voluntarily Terminated,\"41,600\"\n" +
			"\"Brown, Cy\",10003,Lead Aide,7/1/2021,,Active,30000\n" +
			"\"Gray, Di\",10004,Peer Specialist,13/45/2020,,On Leave,30000\n" +
			"\"Hill, Ed\",10005,Peer Specialist,1/5/2020,6/30/2023,Terminated for Cause,n/a\n" +
			"\"Ives, Flo\",,Peer Specialist,1/5/2020,,Retired,30000\n" +
			"\"Kim, Gus\",10006,Peer Specialist,1/5/2020,1/1/2019,Voluntarily Terminated,30000\n",
		"staff.csv": "staff_id,role,program,hire_date\nE1,CPS,Main,2020-01-01\nE2,Driver,Main,2020-01-01\n",
	}, profile)
	wantRejects := []string{
		"staff|4|Position|Lead Aide|matches \"*Aide*\" (admin) and \"*Lead*\" (supervisor) equally well; make one pattern more specific",
		// The bad date comes before the unmapped status in the file.
		"staff|5|DateofHire|13/45/2020|not a date (expected M/D/YYYY)",
		// Salary "n/a" is quoted as the file has it, not scaled.
		"staff|6|Salary|n/a|not an amount of 0 or more",
		// The blank EmpID (column 2) comes before the unmapped status
		// (column 6), though only the status is found while converting.
		"staff|7|EmpID||missing value",
		// A rewritten date is quoted as the file writes it.
		"staff|8|DateofTermination|1/1/2019|terminated before hired",
	}
	if got := rejectLines(res.Rejects); !slices.Equal(got, wantRejects) {
		t.Errorf("rejects:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(wantRejects, "\n     "))
	}
	db.equal("SELECT string_agg(staff_id || '=' || role || ' ' || coalesce(termination_type, '-') || ' ' || coalesce(CAST(hourly_wage AS VARCHAR), '-') || ' ' || source_file, ', ' ORDER BY staff_id) FROM staff",
		// 104000 / 2080 = 50; 41,600 / 2080 = 20; Active maps to a blank termination_type.
		"10001=supervisor - 50.0000 employees.csv, 10002=peer_specialist voluntary 20.0000 employees.csv, E1=peer_specialist - - staff.csv, E2=other - - staff.csv")
	db.equal("SELECT string_agg(participant_id, ',' ORDER BY participant_id) FROM participants", "C1,P1")
	wantWarnings := []string{
		"participants.csv is read as a participants file without a profile section: no [participants] section's files match it",
		"clients.csv, column Plan (payer): no pattern of the profile's map matched any value; check the column and the patterns",
		`employees.csv, column Position (role): the profile's map pattern "*Clerk*" (admin) matched no value`,
		`employees.csv, column Position (role): the profile's map pattern "Director*" (supervisor) matched no value`,
	}
	if !slices.Equal(res.Warnings, wantWarnings) {
		t.Errorf("warnings:\n got %s\nwant %s", strings.Join(res.Warnings, "\n     "), strings.Join(wantWarnings, "\n     "))
	}
}

// A file two sections' patterns match stops the load, naming both.
func TestProfileSectionsOverlap(t *testing.T) {
	dir := writeFiles(t, map[string]string{"employees.csv": "EmpID\n"})
	profilePath := filepath.Join(t.TempDir(), "profile.toml")
	writeFile(t, profilePath, []byte("[[staff]]\nfiles = [\"employees*.csv\"]\n[[staff]]\nfiles = [\"*.csv\"]\n"))
	_, err := Load(context.Background(), openTestDB(t), Options{DataDir: dir, ProfilePath: profilePath, Config: chicago()})
	want := `employees.csv is matched by two profile sections, [staff] with files = ["employees*.csv"] and [staff] with files = ["*.csv"]; narrow their files patterns so one reads it`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// A section's encoding decodes its files; UTF-8 needs none, with or
// without a byte-order mark.
func TestProfileEncoding(t *testing.T) {
	const header = "participant_id,program,enrolled_on\n"
	for _, tt := range []struct {
		name, encoding, file, want string
	}{
		// 0xE9 is é and 0x80 the euro sign in Windows-1252.
		{"windows-1252", "windows-1252", header + "P1,Caf\xe9 \x80uro,2024-01-01\n", "Café €uro"},
		// In Latin-1 0xE9 is é too; 0xD1 is Ñ.
		{"latin-1", "latin-1", header + "P1,Caf\xe9 \xd1,2024-01-01\n", "Café Ñ"},
		{"utf-16", "utf-16", utf16LE("\ufeff" + header + "P1,Café Zoë,2024-01-01\n"), "Café Zoë"},
		{"utf-8 with a byte-order mark", "", "\xef\xbb\xbf" + header + "P1,Café,2024-01-01\n", "Café"},
		{"utf-8", "", header + "P1,Café,2024-01-01\n", "Café"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			profile := "[participants]\n"
			if tt.encoding != "" {
				profile += "encoding = \"" + tt.encoding + "\"\n"
			}
			res, db := loadWithProfile(t, map[string]string{"participants.csv": tt.file}, profile)
			if len(res.Rejects) > 0 {
				t.Fatalf("rejects: %v", res.Rejects)
			}
			db.equal("SELECT program FROM participants", tt.want)
		})
	}
	// Without the profile's word, Windows-1252 text is refused whole.
	dir := writeFiles(t, map[string]string{"participants.csv": header + "P1,Caf\xe9,2024-01-01\n"})
	_, err := Load(context.Background(), openTestDB(t), Options{DataDir: dir, Config: chicago()})
	if err == nil || !strings.Contains(err.Error(), "participants.csv: line 2 is not UTF-8 text") {
		t.Errorf("got %v, want the line that is not UTF-8", err)
	}
}

// utf16LE writes s as UTF-16, little-endian, as Excel's "Unicode text" does.
func utf16LE(s string) string {
	var b strings.Builder
	for _, u := range utf16.Encode([]rune(s)) {
		b.WriteByte(byte(u))
		b.WriteByte(byte(u >> 8))
	}
	return b.String()
}

// max_quoted_lines raises how far a quoted field may run before it is
// read as a stray quote (DATA.md, Records and lines).
func TestProfileQuoteLimits(t *testing.T) {
	long := strings.Repeat("a line of the name\n", 24) + "the last line"
	file := "participant_id,program,enrolled_on\nP1,\"" + long + "\",2024-01-01\nP2,Main,2024-01-01\n"
	for _, tt := range []struct {
		name, profile string
		loaded        int64
	}{
		{"default: 20 lines", "[participants]\n", 1},
		{"raised to 30", "[participants]\nmax_quoted_lines = 30\n", 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, _ := loadWithProfile(t, map[string]string{"participants.csv": file}, tt.profile)
			for _, f := range res.Files {
				if f.File == "participants.csv" && f.RowsLoaded != tt.loaded {
					t.Errorf("participants.csv: got %d rows loaded, want %d (rejects %v)", f.RowsLoaded, tt.loaded, res.Rejects)
				}
			}
		})
	}
	if _, err := ParseProfile([]byte("[participants]\nmax_quoted_chars = 0\n")); err == nil || !strings.Contains(err.Error(), "max_quoted_chars: write a whole number above 0") {
		t.Errorf("max_quoted_chars = 0: got %v", err)
	}
}
