package outset

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"
)

// StagingName is the folder inside OUT where a run's files wait until all
// of them are written. A dot keeps it out of a plain folder listing.
const StagingName = ".peerstat-staging"

const manifestName = "manifest.json"

// lockName is the file in the staging folder that the command writing the
// set holds locked: a set whose lock is free was left by a command that
// ended, one whose lock is held is another command's, still at work.
const lockName = "lock"

var errBusy = errors.New("locked by another process")

// Set is one run's output files. Files are written into Dir(); Commit puts
// them in OUT together.
type Set struct {
	out, staging string
	started      time.Time
	lock         io.Closer // held while the set is staged and placed
}

// manifest is written in the staging folder once every file of the set is
// staged and synced, before OUT is touched. A command that finds it (the
// run was killed while putting the files in place) can finish the set or
// undo it: Place are the files of the set, in the staging folder's "new"
// folder until placed; Remove the files of OUT the set removes; "old"
// holds what each of them replaced until the set is done.
type manifest struct {
	Started time.Time `json:"started"`
	Place   []string  `json:"place"`
	Remove  []string  `json:"remove"`
}

// PrepareOut makes OUT as a folder readable by its owner only (0700; on
// Windows an access list for the owner alone). An existing OUT keeps what
// it has, since it may be a folder the user shares on purpose; the warning
// returned (else "") says when others can read it.
func PrepareOut(out string) (warning string, err error) {
	st, err := os.Stat(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(out, 0o700); err != nil {
			return "", fmt.Errorf("create the output folder %s: %w", out, err)
		}
		if err := makePrivate(out); err != nil {
			return "", fmt.Errorf("make the output folder %s private: %w", out, err)
		}
		return "", nil
	case err != nil:
		return "", fmt.Errorf("output folder %s: %w", out, err)
	case !st.IsDir():
		return "", fmt.Errorf("output folder %s is a file, not a folder", out)
	}
	if open, err := readableByOthers(out); err == nil && open {
		return fmt.Sprintf("warning: the output folder %s can be read by other accounts on this computer (mode %v); the reports hold health information: 'chmod 700 %s' makes it yours alone",
			out, st.Mode().Perm(), out), nil
	}
	return "", nil
}

// Begin starts a set in OUT, which must exist (PrepareOut). A set an
// earlier command left unfinished must have been settled by Recover first.
func Begin(out string) (*Set, error) {
	s := &Set{out: out, staging: filepath.Join(out, StagingName), started: time.Now()}
	if err := os.Mkdir(s.staging, 0o700); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("%s is in use: another peerstat may be writing to %s (if none is, remove that folder)", s.staging, out)
		}
		return nil, fmt.Errorf("create %s: %w", s.staging, err)
	}
	lock, err := tryLock(filepath.Join(s.staging, lockName))
	if err != nil {
		removeAll(s.staging)
		return nil, fmt.Errorf("lock %s: %w", s.staging, err)
	}
	s.lock = lock
	for _, d := range []string{"new", "old"} {
		if err := os.Mkdir(filepath.Join(s.staging, d), 0o700); err != nil {
			s.Abort()
			return nil, fmt.Errorf("create %s: %w", s.staging, err)
		}
	}
	return s, nil
}

// done lets go of the lock (Windows cannot remove an open file) and
// removes the staging folder.
func (s *Set) done() error {
	if s.lock != nil {
		s.lock.Close()
		s.lock = nil
	}
	return removeAll(s.staging)
}

// Dir is the folder to write the set's files into, each under the name it
// will have in OUT.
func (s *Set) Dir() string { return filepath.Join(s.staging, "new") }

// Final is the path a file written into Dir() has once the set is placed.
func (s *Set) Final(staged string) string { return filepath.Join(s.out, filepath.Base(staged)) }

// Abort drops the staged files; OUT is as it was.
func (s *Set) Abort() { s.done() }

// Commit puts the staged files in OUT and removes the files of OUT that
// remove selects and the set does not hold. First each file it replaces or
// removes is moved into the staging folder: a file that cannot be moved
// (a workbook open in Excel, on Windows) stops the commit before any
// output is replaced, with the earlier ones moved back. A rename replaces
// a symbolic link itself, never the file it points to.
func (s *Set) Commit(remove func(name string) bool) error {
	staged, err := os.ReadDir(s.Dir())
	if err != nil {
		s.Abort()
		return err
	}
	m := manifest{Started: s.started}
	placing := map[string]bool{}
	for _, e := range staged {
		if strings.HasSuffix(e.Name(), ".tmp") {
			continue
		}
		m.Place = append(m.Place, e.Name())
		placing[e.Name()] = true
	}
	present, err := os.ReadDir(s.out)
	if err != nil {
		s.Abort()
		return err
	}
	for _, e := range present {
		if !placing[e.Name()] && remove != nil && remove(e.Name()) {
			m.Remove = append(m.Remove, e.Name())
		}
	}
	sort.Strings(m.Place)
	sort.Strings(m.Remove)
	for _, name := range m.Place {
		if st, err := os.Lstat(filepath.Join(s.out, name)); err == nil && st.IsDir() {
			s.Abort()
			return fmt.Errorf("cannot write %s: it is a folder; nothing in %s was replaced", filepath.Join(s.out, name), s.out)
		}
	}
	if err := syncDir(s.Dir()); err != nil {
		s.Abort()
		return err
	}
	if err := s.writeManifest(m); err != nil {
		s.Abort()
		return err
	}
	if err := s.moveAside(m); err != nil {
		return err
	}
	for _, name := range m.Place {
		if err := os.Rename(filepath.Join(s.Dir(), name), filepath.Join(s.out, name)); err != nil {
			undoErr := s.undo(m)
			return errors.Join(fmt.Errorf("put %s in place: %w; the earlier outputs were put back", filepath.Join(s.out, name), err), undoErr)
		}
	}
	if err := syncDir(s.out); err != nil {
		return err
	}
	return s.done()
}

func (s *Set) writeManifest(m manifest) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := WriteBytes(filepath.Join(s.staging, manifestName), data); err != nil {
		return err
	}
	return syncDir(s.staging)
}

// moveAside moves every file of OUT the set replaces or removes into the
// staging folder's "old", or, when one cannot be moved, moves back those
// already moved and says which file it was.
func (s *Set) moveAside(m manifest) error {
	for _, name := range append(append([]string{}, m.Place...), m.Remove...) {
		from := filepath.Join(s.out, name)
		if _, err := os.Lstat(from); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err := os.Rename(from, filepath.Join(s.staging, "old", name)); err != nil {
			undoErr := s.undo(m)
			return errors.Join(fmt.Errorf("cannot replace %s (is it open in another program? close it and run again): %w; nothing in %s was replaced", from, err, s.out), undoErr)
		}
	}
	return nil
}

// undo puts OUT back as it was before the set: a placed file is taken out
// again, and each file moved aside goes back where nothing has taken its
// place. The staging folder is then removed.
func (s *Set) undo(m manifest) error {
	var errs []error
	for _, name := range m.Place {
		if _, err := os.Lstat(filepath.Join(s.Dir(), name)); errors.Is(err, fs.ErrNotExist) {
			// Placed: the file in OUT is the new one.
			if err := os.Remove(filepath.Join(s.out, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
		}
	}
	for _, name := range append(append([]string{}, m.Place...), m.Remove...) {
		old := filepath.Join(s.staging, "old", name)
		if _, err := os.Lstat(old); err == nil && !exists(filepath.Join(s.out, name)) {
			if err := os.Rename(old, filepath.Join(s.out, name)); err != nil {
				errs = append(errs, fmt.Errorf("put back %s: %w (the earlier file is in %s)", filepath.Join(s.out, name), err, old))
			}
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	return s.done()
}

// finish does what a commit killed part-way had left to do: moves aside
// what is still in the way, places what is still staged, removes the
// staging folder. Each step looks at what is there, so finishing again
// after another interruption is safe.
func (s *Set) finish(m manifest) error {
	for _, name := range m.Place {
		if st, err := os.Lstat(filepath.Join(s.out, name)); err == nil && st.IsDir() {
			return fmt.Errorf("cannot write %s: it is a folder", filepath.Join(s.out, name))
		}
	}
	for _, name := range append(append([]string{}, m.Place...), m.Remove...) {
		old := filepath.Join(s.staging, "old", name)
		if _, err := os.Lstat(old); err == nil {
			continue
		}
		if placed := !exists(filepath.Join(s.Dir(), name)) && contains(m.Place, name); placed {
			continue
		}
		from := filepath.Join(s.out, name)
		if !exists(from) {
			continue
		}
		if err := os.Rename(from, old); err != nil {
			return fmt.Errorf("cannot replace %s: %w", from, err)
		}
	}
	for _, name := range m.Place {
		staged := filepath.Join(s.Dir(), name)
		if !exists(staged) {
			continue
		}
		if err := os.Rename(staged, filepath.Join(s.out, name)); err != nil {
			return fmt.Errorf("put %s in place: %w", filepath.Join(s.out, name), err)
		}
	}
	if err := syncDir(s.out); err != nil {
		return err
	}
	return s.done()
}

// Recover settles a set an earlier command left in OUT. Without a
// manifest the set was still being written and OUT was not touched: the
// staged files are dropped. With one, the set is finished, or, when a
// file cannot be put in place, undone. The sentence returned (else "")
// says what was done, for stderr.
func Recover(out string) (string, error) {
	staging := filepath.Join(out, StagingName)
	st, err := os.Lstat(staging)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if !st.IsDir() {
		// Not a folder peerstat made: never write through it.
		if err := os.Remove(staging); err != nil {
			return "", fmt.Errorf("remove %s: %w", staging, err)
		}
		return "", nil
	}
	lock, err := tryLock(filepath.Join(staging, lockName))
	if errors.Is(err, errBusy) {
		return "", fmt.Errorf("another peerstat is writing its outputs to %s right now: wait for it to finish, then run again", out)
	}
	if err != nil {
		return "", fmt.Errorf("lock %s: %w", staging, err)
	}
	s := &Set{out: out, staging: staging, lock: lock}
	defer func() {
		if s.lock != nil {
			s.lock.Close()
		}
	}()
	data, err := os.ReadFile(filepath.Join(staging, manifestName))
	var m manifest
	if err != nil || json.Unmarshal(data, &m) != nil {
		if err := s.done(); err != nil {
			return "", fmt.Errorf("remove the unfinished outputs in %s: %w", staging, err)
		}
		return fmt.Sprintf("dropped the unfinished outputs of an interrupted run from %s; the outputs there are as they were", out), nil
	}
	when := m.Started.Local().Format("2006-01-02 15:04")
	if err := s.finish(m); err != nil {
		if uerr := s.undo(m); uerr != nil {
			return "", fmt.Errorf("the outputs of the interrupted run of %s in %s could neither be finished (%v) nor undone: %w", when, out, err, uerr)
		}
		return fmt.Sprintf("undid the outputs of the interrupted run of %s in %s (%v): the outputs there are those from before it", when, out, err), nil
	}
	return fmt.Sprintf("finished putting in place the outputs of the interrupted run of %s in %s", when, out), nil
}

// LastWritten is when the newest of the files in OUT that keep selects was
// written, and false when there is none.
func LastWritten(out string, keep func(name string) bool) (time.Time, bool) {
	entries, err := os.ReadDir(out)
	if err != nil {
		return time.Time{}, false
	}
	var newest time.Time
	for _, e := range entries {
		if !e.Type().IsRegular() || !keep(e.Name()) {
			continue
		}
		if info, err := e.Info(); err == nil && info.ModTime().After(newest) {
			newest = info.ModTime()
		}
	}
	return newest, !newest.IsZero()
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// syncDir makes a folder's entries (a rename) durable. Windows has no
// such call for folders; its renames are durable when they return.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
