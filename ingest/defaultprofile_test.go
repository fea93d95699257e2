package ingest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The profile a load uses when none is given (DATA.md, Command line): the
// folder's peerstat-profile.toml, else the one the last load stored, which
// the run log then names. Without a profile, clients.csv is no
// participants file and client C1 is not loaded.
func TestDefaultAndStoredProfile(t *testing.T) {
	profile := "[participants]\nfiles = [\"clients*.csv\"]\n[participants.columns]\nparticipant_id = \"Client\"\nprogram = { value = \"Main\" }\nenrolled_on = \"Admit\"\n"
	exports := func() map[string]string {
		return map[string]string{"clients.csv": "Client,Admit\nC1,2024-01-01\n"}
	}
	db := openTestDB(t)
	check := &testDB{t, db}
	clients := "SELECT coalesce(string_agg(participant_id, ','), '') FROM participants"

	// writeFiles adds an empty participants.csv, which no section reads:
	// the run log's line about it is not about the profile.
	profileNotes := func(res Result) []string {
		var out []string
		for _, w := range res.Warnings {
			if !strings.HasPrefix(w, "participants.csv is read") {
				out = append(out, w)
			}
		}
		return out
	}

	// 1. The folder's profile, no --profile given.
	first := writeFiles(t, exports())
	inFirst := filepath.Join(first, DefaultProfileName)
	writeFile(t, inFirst, []byte(profile))
	res := load(t, db, first, Options{})
	check.equal(clients, "C1")
	if len(profileNotes(res)) != 0 {
		t.Errorf("folder's profile: got warnings %q, want none", profileNotes(res))
	}
	abs, err := filepath.Abs(inFirst)
	if err != nil {
		t.Fatal(err)
	}
	check.equal("SELECT profile FROM run_log ORDER BY run_id DESC LIMIT 1", abs)

	// 2. Another folder of the same exports, no profile in it, none
	// given: the stored one, and the run log says so.
	second := writeFiles(t, exports())
	res = load(t, db, second, Options{})
	check.equal(clients, "C1")
	want := []string{"no --profile given and no peerstat-profile.toml in " + second + ": the profile the last load stored (read from " + abs + ") was used"}
	if !slices.Equal(profileNotes(res), want) {
		t.Errorf("stored profile: got warnings %q, want %q", profileNotes(res), want)
	}
	check.equal("SELECT warning FROM run_warnings ORDER BY run_id DESC LIMIT 1", want[0])

	// 3. The first folder's profile file removed: the stored copy goes on
	// being used, and the run log says the file is gone and how to load
	// without a profile.
	if err := os.Remove(inFirst); err != nil {
		t.Fatal(err)
	}
	res = load(t, db, first, Options{})
	check.equal(clients, "C1")
	want = []string{"peerstat-profile.toml is no longer in " + first + ": the profile stored from it by the last load was used; to load without a profile, put an empty peerstat-profile.toml in " + first}
	if !slices.Equal(profileNotes(res), want) {
		t.Errorf("removed profile: got warnings %q, want %q", profileNotes(res), want)
	}

	// 4. An empty peerstat-profile.toml: no mapping, so the folder is read
	// again without one and C1 goes; that empty profile is stored.
	writeFile(t, inFirst, nil)
	res = load(t, db, first, Options{})
	check.equal(clients, "")
	if len(profileNotes(res)) != 0 {
		t.Errorf("empty profile: got warnings %q, want none", profileNotes(res))
	}
	check.equal("SELECT toml FROM stored_profile", "")
}
