// Package dbmem holds how much memory DuckDB may use and how it manages
// it, for ingest and metrics alike: the memory the process may use is
// found out (a container's limit included), DuckDB's limit and block pool
// follow it, and running out of it becomes a sentence.
package dbmem

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// Machine is the memory the process may use and where that figure comes
// from.
type Machine struct {
	Bytes  int64  // 0 = not known
	Source string // "cgroup v2 memory.max", "physical memory", …
}

// Available finds the memory the process may use. It is a variable so a
// test can give the process a smaller machine.
var Available = func() Machine { return detect("/") }

// detect reads, under root, the process's cgroup v2 memory.max, else the
// cgroup v1 memory.limit_in_bytes, else the physical memory; the smallest
// of those that are set. A limit of "max" (or v1's page-rounded maximum)
// is no limit.
func detect(root string) Machine {
	var best Machine
	consider := func(n int64, source string) {
		if n > 0 && (best.Bytes == 0 || n < best.Bytes) {
			best = Machine{Bytes: n, Source: source}
		}
	}
	for _, dir := range cgroupDirs(root, "") {
		if n, ok := readLimit(filepath.Join(dir, "memory.max")); ok {
			consider(n, "the container's memory limit (cgroup memory.max)")
			break
		}
	}
	for _, dir := range cgroupDirs(root, "memory") {
		if n, ok := readLimit(filepath.Join(dir, "memory.limit_in_bytes")); ok && n < 1<<60 {
			consider(n, "the container's memory limit (cgroup memory.limit_in_bytes)")
			break
		}
	}
	if n, ok := meminfo(filepath.Join(root, "proc", "meminfo")); ok {
		consider(n, "the machine's physical memory")
	}
	return best
}

// cgroupDirs are the folders that may hold the process's memory limit:
// its own cgroup's (from /proc/self/cgroup), then the hierarchy's root as
// a container mounts it. controller is "" for cgroup v2, "memory" for v1.
func cgroupDirs(root, controller string) []string {
	base := filepath.Join(root, "sys", "fs", "cgroup")
	if controller != "" {
		base = filepath.Join(base, controller)
	}
	var dirs []string
	if f, err := os.Open(filepath.Join(root, "proc", "self", "cgroup")); err == nil {
		s := bufio.NewScanner(f)
		for s.Scan() {
			// hierarchy-ID:controller-list:path
			parts := strings.SplitN(s.Text(), ":", 3)
			if len(parts) != 3 {
				continue
			}
			v2 := parts[0] == "0" && parts[1] == ""
			v1 := controller != "" && strings.Contains(","+parts[1]+",", ","+controller+",")
			if (controller == "" && v2) || v1 {
				dirs = append(dirs, filepath.Join(base, parts[2]))
			}
		}
		f.Close()
	}
	return append(dirs, base)
}

// readLimit reads a cgroup limit file: a number of bytes, or "max".
func readLimit(path string) (int64, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, false
	}
	text := strings.TrimSpace(string(data))
	if text == "max" {
		return 0, true
	}
	n, err := strconv.ParseInt(text, 10, 64)
	return n, err == nil
}

// meminfo reads MemTotal from /proc/meminfo.
func meminfo(path string) (int64, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			fields := strings.Fields(rest)
			if len(fields) >= 1 {
				kb, err := strconv.ParseInt(fields[0], 10, 64)
				return kb << 10, err == nil
			}
		}
	}
	return 0, false
}

// maxLimit bounds DuckDB's buffer memory on a large machine, so a
// ten-million-service agency runs on an ordinary laptop (under 4 GiB
// peak); past its limit DuckDB spills to a temporary folder beside the
// database file, which it removes.
const maxLimit = 2 << 30

// minLimit is the least DuckDB is given whatever the machine.
const minLimit = 128 << 20

// Settings are DuckDB's memory limit and where it comes from.
type Settings struct {
	Limit     int64
	Available Machine
	// Configured: the limit is memory_limit from the config.
	Configured bool
}

// Decide works out DuckDB's memory limit: configured (memory_limit, e.g.
// "4GB"; "" = not set) wins; else half of what the process may use (the
// rest is peerstat's own, and DuckDB's memory outside its buffers), at
// most 2 GiB; DuckDB's own default when nothing is known.
func Decide(configured string) (Settings, error) {
	s := Settings{Available: Available()}
	if configured != "" {
		n, err := ParseSize(configured)
		if err != nil {
			return s, fmt.Errorf("memory_limit %q: %w", configured, err)
		}
		s.Limit, s.Configured = n, true
		return s, nil
	}
	if s.Available.Bytes > 0 {
		s.Limit = min(max(s.Available.Bytes/2, minLimit), maxLimit)
	}
	return s, nil
}

var sizePattern = regexp.MustCompile(`^\s*([0-9]+(?:\.[0-9]+)?)\s*(?:([KMGT])(I?)B?|B)?\s*$`)

// ParseSize reads a size such as "4GB", "512MB", "1.5GiB" or "1073741824"
// as DuckDB does: KB, MB, GB and TB count 1000s, KiB, MiB, GiB and TiB
// 1024s.
func ParseSize(text string) (int64, error) {
	m := sizePattern.FindStringSubmatch(strings.ToUpper(text))
	if m == nil {
		return 0, errors.New(`not a size; write it like "4GB" or "512MB"`)
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	if m[2] != "" {
		base := 1000.0
		if m[3] != "" {
			base = 1024
		}
		for range strings.Index("KMGT", m[2]) + 1 {
			v *= base
		}
	}
	if v < minLimit {
		return 0, fmt.Errorf("less than DuckDB needs; give at least %s", Human(minLimit))
	}
	return int64(v), nil
}

// Human writes a number of bytes as people read it: 1.5 GiB, 512 MiB.
func Human(n int64) string {
	switch {
	case n >= 1<<30:
		return strings.TrimSuffix(strconv.FormatFloat(float64(n)/(1<<30), 'f', 1, 64), ".0") + " GiB"
	case n >= 1<<20:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// applied are the settings last given to DuckDB, for OutOfMemory.
var applied Settings

// Applied are the settings last given to DuckDB.
func Applied() Settings { return applied }

// Apply sets DuckDB's memory limit on conn's database (DuckDB keeps its
// own default, 80% of the machine, when the limit is not known).
func Apply(ctx context.Context, conn interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}, s Settings) error {
	applied = s
	if s.Limit == 0 {
		return nil
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("SET memory_limit = '%dB'", s.Limit)); err != nil {
		return fmt.Errorf("set DuckDB's memory limit to %s: %w", Human(s.Limit), err)
	}
	return nil
}

// Large data, where the block pool pays: input files of LargeInput bytes
// or more (ingest), a database of LargeDatabase bytes or more (metrics).
// Both are somewhat less than a million services of peerstat gen's data
// (263 MB of files, a 70 MB database); half a million (127 MB, 36 MB)
// ran slower with the pool.
const (
	LargeInput    = 200 << 20
	LargeDatabase = 60 << 20
)

// PoolForInput gives DuckDB its block pool (see pool) when the files about
// to be loaded come to LargeInput bytes or more.
func PoolForInput(ctx context.Context, conn *sql.Conn, inputBytes int64) error {
	return pool(ctx, conn, inputBytes >= LargeInput)
}

// PoolForDatabase gives DuckDB its block pool (see pool) when the database
// uses LargeDatabase bytes or more on disk.
func PoolForDatabase(ctx context.Context, conn *sql.Conn) error {
	stored, err := storedBytes(ctx, conn)
	if err != nil {
		return err
	}
	return pool(ctx, conn, stored >= LargeDatabase)
}

// pool lets DuckDB keep up to its memory limit of its 256 KB buffer
// blocks in a pool of its own (the block_allocator_memory setting), when
// large is true. Without it the blocks are malloc'd and freed, and glibc
// hands freed memory back to the system, which then faults it in again
// page by page: a ten-million-service report spent 22-28 s of its CPU time
// in the kernel, and took 60-73 s against 51-56 s with the pool
// (alternated runs); a million-service run 15.5-16.0 s against 14.6-14.7
// s. On smaller data the pool costs more than it saves (half a million:
// 9.9-10.1 s without, 10.5-11.5 s with; sample_data: 3.4-3.5 s, 4.3-4.5
// s), hence the thresholds. DuckDB only lets the pool grow, so pool never
// turns it off. The pool is the memory limit DuckDB was given, which
// follows the machine: a fixed size larger than a container's memory is
// refused by DuckDB.
func pool(ctx context.Context, conn *sql.Conn, large bool) error {
	if !large {
		return nil
	}
	size := poolSize(ctx, conn)
	if applied.Limit > 0 {
		size = fmt.Sprintf("%dB", applied.Limit)
	}
	if _, err := conn.ExecContext(ctx, "SET block_allocator_memory = '"+size+"'"); err != nil {
		return fmt.Errorf("set DuckDB's block pool: %w", err)
	}
	return nil
}

// poolSize is DuckDB's memory limit as text.
func poolSize(ctx context.Context, conn *sql.Conn) string {
	var v string
	if err := conn.QueryRowContext(ctx, "SELECT current_setting('memory_limit')").Scan(&v); err != nil {
		return "1GB"
	}
	return v
}

// storedBytes is the size of the blocks the database uses on disk (0 for a
// database in memory).
func storedBytes(ctx context.Context, conn *sql.Conn) (int64, error) {
	var n sql.NullInt64
	err := conn.QueryRowContext(ctx, `SELECT sum(used_blocks * block_size) FROM pragma_database_size()`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("measure the database: %w", err)
	}
	return n.Int64, nil
}

// OutOfMemory turns DuckDB's out-of-memory error into a sentence saying
// which step ran out, how much memory there was, and the setting to
// change; any other error comes back as it was.
func OutOfMemory(err error, step string) error {
	var done *oomError
	if err == nil || !strings.Contains(err.Error(), "Out of Memory") || errors.As(err, &done) {
		return err
	}
	s := applied
	how := "DuckDB's own default limit"
	if s.Limit > 0 {
		how = Human(s.Limit) + " for DuckDB"
		if s.Configured {
			how += " (memory_limit in the config)"
		}
	}
	avail := "an unknown amount of memory"
	if s.Available.Bytes > 0 {
		avail = Human(s.Available.Bytes) + " (" + s.Available.Source + ")"
	}
	return &oomError{msg: fmt.Sprintf("%s ran out of memory: it had %s of %s; set memory_limit in peerstat.toml higher (e.g. memory_limit = \"4GB\") or run on a machine or container with more memory", step, how, avail), err: err}
}

type oomError struct {
	msg string
	err error
}

func (e *oomError) Error() string { return e.msg }
func (e *oomError) Unwrap() error { return e.err }
