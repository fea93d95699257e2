package ingest

import "fmt"

// fingerprinted is a file decoded (see decode) and fingerprinted (its
// SHA-256 and text scan), ready to be read.
type fingerprinted struct {
	f    dataFile
	sum  string
	scan *textScan
	err  error
}

// ahead fingerprints the files a run reads one file ahead of the reading:
// while DuckDB reads and types one file, which leaves part of the two
// cores idle, the next file is hashed and scanned (bench/README.md,
// 2026-12-07). A file's result is handed over when the reading asks for
// it, and only then is the next one begun, so a run holds at most two
// text scans.
type ahead struct {
	out  chan fingerprinted
	quit chan struct{}
	done chan struct{}
}

// fingerprintAhead starts fingerprinting, in order, the files for which
// reads is true. It decodes them too: decode keeps the loader's temporary
// folder, which is the goroutine's until stop returns.
func (l *loader) fingerprintAhead(files []dataFile, reads func(dataFile) bool) *ahead {
	a := &ahead{out: make(chan fingerprinted), quit: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(a.done)
		for _, f := range files {
			if !reads(f) {
				continue
			}
			r := fingerprinted{f: f}
			if r.err = l.decode(&r.f); r.err == nil {
				r.sum, r.scan, r.err = fingerprint(r.f)
			}
			select {
			case a.out <- r:
			case <-a.quit:
				return
			}
			if r.err != nil {
				return
			}
		}
	}()
	return a
}

// next waits for the fingerprint of f, the next file the run reads.
func (a *ahead) next(f dataFile) fingerprinted {
	r := <-a.out
	if r.f.path != f.path {
		// The reading and the goroutine walk the same list with the same
		// test: a mismatch is a bug, never the user's.
		r.err = fmt.Errorf("internal error: the fingerprint of %s was handed over for %s", r.f.path, f.path)
	}
	return r
}

// stop ends the goroutine and waits for it, so that nothing runs on after
// the load (its temporary folder is removed then).
func (a *ahead) stop() {
	close(a.quit)
	<-a.done
}
