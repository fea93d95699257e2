package ingest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A run killed part-way (SIGKILL, no chance to clean up) leaves the
// database as it was before the run: the child process below loads a large
// folder into a database file and is killed once it is into its second
// services file, long before the commit: while reading the files (before
// the transaction), and while loading them (inside it, after the first
// services file was inserted).
func TestKilledRunLeavesDatabaseAsBefore(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the kill test")
	}
	for _, step := range []string{"read", "load"} {
		t.Run(step, func(t *testing.T) { killDuring(t, step+" services_2.csv") })
	}
}

// killDuring kills a loading child once its progress line shows step.
func killDuring(t *testing.T, step string) {
	dbPath := filepath.Join(t.TempDir(), "peerstat.duckdb")
	db, err := Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	load(t, db, filepath.Join("testdata", "bad"), Options{})
	before := tableCounts(t, db)
	db.Close()

	big := bigAgency(t, 4, 200000)
	child := exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.v")
	child.Env = append(os.Environ(), "PEERSTAT_KILL_DB="+dbPath, "PEERSTAT_KILL_DATA="+big)
	stdout, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	child.Stderr = &stderr
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	// The child's progress line names each file as it starts.
	reader := bufio.NewReader(stdout)
	var seen strings.Builder
	for !strings.Contains(seen.String(), step) {
		b, err := reader.ReadByte()
		if err != nil {
			child.Wait()
			t.Fatalf("child ended before %q: %v\n%s%s", step, err, seen.String(), stderr.String())
		}
		seen.WriteByte(b)
	}
	time.Sleep(200 * time.Millisecond) // into the file
	if err := child.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	err = child.Wait()
	if child.ProcessState.Success() || !strings.Contains(fmt.Sprint(err), "killed") {
		t.Fatalf("child was not killed mid-run (%v); output:\n%s", err, seen.String())
	}

	db, err = Open(dbPath)
	if err != nil {
		t.Fatalf("reopen after the kill: %v", err)
	}
	defer db.Close()
	sameCounts(t, tableCounts(t, db), before)
	// And the database still takes a load, which drops the tables the
	// killed run had read its files into.
	load(t, db, writeFiles(t, map[string]string{"participants.csv": agencyParticipants, "staff.csv": agencyStaff}), Options{})
	if stray := strayTables(t, db); len(stray) > 0 {
		t.Errorf("tables the killed run left: %v", stray)
	}
}

// TestKillChild is the process TestKilledRunLeavesDatabaseAsBefore kills.
func TestKillChild(t *testing.T) {
	dbPath, data := os.Getenv("PEERSTAT_KILL_DB"), os.Getenv("PEERSTAT_KILL_DATA")
	if dbPath == "" {
		t.Skip("run by TestKilledRunLeavesDatabaseAsBefore")
	}
	db, err := Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Load(context.Background(), db, Options{DataDir: data, Config: chicago(), Progress: os.Stdout})
	t.Fatalf("the load finished (%v) before it was killed", err)
}

// bigAgency writes an agency of `files` services files of `rows` rows each.
func bigAgency(t testing.TB, files, rows int) string {
	t.Helper()
	dir := t.TempDir()
	var b bytes.Buffer
	b.WriteString("participant_id,program,enrolled_on\n")
	for p := range 1000 {
		fmt.Fprintf(&b, "P%04d,Bridge,2023-01-01\n", p)
	}
	writeFile(t, filepath.Join(dir, "participants.csv"), b.Bytes())
	b.Reset()
	b.WriteString("staff_id,role,program,hire_date\n")
	for s := range 50 {
		fmt.Fprintf(&b, "S%02d,peer_specialist,Bridge,2022-01-01\n", s)
	}
	writeFile(t, filepath.Join(dir, "staff.csv"), b.Bytes())
	writeFile(t, filepath.Join(dir, "timesheets.csv"), []byte("staff_id,work_date,activity,minutes,billable\nS01,2024-01-02,admin,60,false\n"))
	for f := 1; f <= files; f++ {
		b.Reset()
		b.WriteString("service_id,participant_id,staff_id,service_date,minutes,service_code,billable,goal_id,note_signed_at\n")
		for r := range rows {
			day := 1 + r%28
			fmt.Fprintf(&b, "V%d-%07d,P%04d,S%02d,2024-02-%02d,%d,H0038,%v,G%d,2024-02-%02dT1%d:05:00\n",
				f, r, r%1000, r%50, day, 15+r%90, r%3 != 0, r%7, day, r%10)
		}
		writeFile(t, filepath.Join(dir, fmt.Sprintf("services_%d.csv", f)), b.Bytes())
	}
	return dir
}
