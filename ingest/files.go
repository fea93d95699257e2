package ingest

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// fileFormat is how a file's bytes are read.
type fileFormat int

const (
	formatCSV fileFormat = iota
	formatCSVGzip
	formatTSV
	formatXLSX
	formatParquet
)

// formatOf tells the format from the file name, or ok false.
func formatOf(name string) (fileFormat, bool) {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".csv.gz"):
		return formatCSVGzip, true
	case strings.HasSuffix(lower, ".csv"):
		return formatCSV, true
	case strings.HasSuffix(lower, ".tsv"):
		return formatTSV, true
	case strings.HasSuffix(lower, ".xlsx"):
		return formatXLSX, true
	case strings.HasSuffix(lower, ".parquet"):
		return formatParquet, true
	}
	return 0, false
}

func (f fileFormat) delimiter() rune {
	if f == formatTSV {
		return '\t'
	}
	return ','
}

func (f fileFormat) text() bool { return f == formatCSV || f == formatCSVGzip || f == formatTSV }

// dataFile is one input file and the source it belongs to.
type dataFile struct {
	src    source
	sec    *section // the profile section that reads it; nil = none
	path   string
	name   string // the file name, as rejects and the run log show it
	format fileFormat
	// decoded is the UTF-8 copy of a file in another encoding (see
	// decode), "" for a file read as it is.
	decoded string
	// size and modified are the file's as the folder listed it: with its
	// name they tell an unchanged file without reading it (see planRun).
	size     int64
	modified time.Time
	// sha256 is the file's hash once known ("" before).
	sha256 string
	// quotes are how far a quoted field may run (zero: the defaults).
	quotes quoteLimits
}

// findFiles lists the data folder's files by source, in load order (the
// order of sources, then file name), each with the profile section that
// reads it (see Profile.sectionFor). A file belongs to a source when a
// section's files patterns match its name, or else when its name starts
// with the source name. notes are run-log lines for files of a source
// with profile sections that no section reads.
func findFiles(dir string, prof *Profile) (files []dataFile, notes []string, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("read the data folder: %w", err)
	}
	bySource := map[string][]dataFile{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") {
			continue
		}
		lower := strings.ToLower(name)
		// A section's patterns decide first; the name rule applies to a
		// file no pattern claims.
		var owner *section
		for _, src := range sources {
			sec, matched, err := prof.sectionFor(src.name, name)
			if err != nil {
				return nil, nil, err
			}
			if !matched {
				continue
			}
			if owner != nil {
				return nil, nil, fmt.Errorf("%s is matched by two profile sections, %s and %s; narrow their files patterns so one reads it", name, owner, sec)
			}
			owner = sec
		}
		src := source{}
		switch {
		case owner != nil:
			src, _ = sourceByName(owner.source)
		default:
			for _, s := range sources {
				if strings.HasPrefix(lower, s.name) {
					src = s
					break
				}
			}
			if src.name == "" {
				continue
			}
			owner, _, _ = prof.sectionFor(src.name, name)
			if owner == nil && len(prof.sectionsOf(src.name)) > 0 {
				notes = append(notes, fmt.Sprintf("%s is read as a %s file without a profile section: no [%s] section's files match it", name, src.name, src.name))
			}
		}
		if err := regularFile(dir, e); err != nil {
			return nil, nil, err
		}
		format, ok := formatOf(name)
		if !ok {
			return nil, nil, fmt.Errorf("%s: unknown format; peerstat reads .csv, .csv.gz, .tsv, .xlsx and .parquet files (convert it, or move it out of %s)", filepath.Join(dir, name), dir)
		}
		f := dataFile{src: src, sec: owner, path: filepath.Join(dir, name), name: name, format: format}
		if owner != nil {
			f.quotes = owner.quotes
		}
		if info, err := os.Stat(f.path); err == nil {
			f.size, f.modified = info.Size(), info.ModTime()
		}
		bySource[src.name] = append(bySource[src.name], f)
	}

	var missing []string
	for _, src := range sources {
		list := bySource[src.name]
		sort.Slice(list, func(i, j int) bool { return list[i].name < list[j].name })
		files = append(files, list...)
		if len(list) == 0 && src.required && !prof.optional(src.name) {
			missing = append(missing, src.name)
		}
	}
	if len(missing) > 0 {
		var hints []string
		for _, m := range missing {
			hint := fmt.Sprintf("a file whose name starts with %q, e.g. %s.csv", m, m)
			for _, sec := range prof.sectionsOf(m) {
				if sec.files != nil {
					hint += fmt.Sprintf(", or one the profile's %s matches", sec)
				}
			}
			hints = append(hints, hint)
		}
		noun := "source is"
		if len(missing) > 1 {
			noun = "sources are"
		}
		return nil, nil, fmt.Errorf("%s has no %s file: the %s %s required (%s)", dir, strings.Join(missing, " or "), strings.Join(missing, " and "), noun, strings.Join(hints, "; "))
	}
	return files, notes, nil
}

// regularFile refuses a data file that is not a regular file (a link to
// one is fine), before anything opens it: opening a named pipe waits for
// a writer forever, and a device or socket is no export.
func regularFile(dir string, e os.DirEntry) error {
	mode := e.Type()
	if mode&os.ModeSymlink != 0 {
		info, err := os.Stat(filepath.Join(dir, e.Name()))
		if err != nil {
			return fmt.Errorf("%s is a link to a file that cannot be read (%v); put the export itself in the folder", filepath.Join(dir, e.Name()), err)
		}
		mode = info.Mode()
	}
	if mode.IsRegular() {
		return nil
	}
	kind := "not a regular file"
	switch {
	case mode&os.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO)"
	case mode&os.ModeSocket != 0:
		kind = "a socket"
	case mode&os.ModeDevice != 0:
		kind = "a device"
	}
	return fmt.Errorf("%s is %s, not a regular file, so peerstat did not read it; save the export as an ordinary file in the folder", filepath.Join(dir, e.Name()), kind)
}

// inputBytes is the files' total size on disk (a file it cannot stat
// counts 0: reading it reports the error).
func inputBytes(files []dataFile) int64 {
	var n int64
	for _, f := range files {
		if info, err := os.Stat(f.path); err == nil {
			n += info.Size()
		}
	}
	return n
}

// fingerprint hashes a file's bytes (SHA-256, hex) and, for delimited
// text, scans it (see textScan) at the same time.
func fingerprint(f dataFile) (string, *textScan, error) {
	file, err := os.Open(f.textPath())
	if err != nil {
		return "", nil, err
	}
	defer file.Close()
	// The file's SHA-256 is worked out from a second handle beside the
	// text scan: nothing else runs during this step, so the two take a
	// core each (BenchmarkFingerprint, 35 MB: 1.05 -> 1.25-1.33 GB/s).
	// The channel holds the one result, so the goroutine ends even when
	// the scan fails first.
	sum := make(chan hashResult, 1)
	go func() { sum <- hashFile(f.path) }()
	var scan *textScan
	switch f.format {
	case formatCSV, formatTSV:
		s, err := scanTextWith(file, f.format.delimiter(), f.quotes)
		if err != nil {
			return "", nil, fileError(f, err)
		}
		scan = &s
	case formatCSVGzip:
		gz, err := gzip.NewReader(file)
		if err != nil {
			return "", nil, fmt.Errorf("%s is not a gzip file (%v); compress it with gzip or drop the .gz ending", f.name, err)
		}
		s, err := scanTextWith(gz, ',', f.quotes)
		if err != nil {
			var enc encodingError
			if errors.As(err, &enc) || errors.Is(err, errNoHeader) {
				return "", nil, fileError(f, err)
			}
			return "", nil, fmt.Errorf("%s could not be decompressed (%v); check that it is a complete gzip file", f.name, err)
		}
		scan = &s
	}
	r := <-sum
	if r.err != nil {
		return "", nil, fmt.Errorf("read %s: %w", f.name, r.err)
	}
	return r.sum, scan, nil
}

type hashResult struct {
	sum string
	err error
}

// hashFile is the hex SHA-256 of the file at path.
func hashFile(path string) hashResult {
	file, err := os.Open(path)
	if err != nil {
		return hashResult{err: err}
	}
	defer file.Close()
	hash := sha256.New()
	if _, err := io.Copy(hash, file); err != nil {
		return hashResult{err: err}
	}
	return hashResult{sum: hex.EncodeToString(hash.Sum(nil))}
}

func fileError(f dataFile, err error) error {
	return fmt.Errorf("%s: %w", f.name, err)
}
