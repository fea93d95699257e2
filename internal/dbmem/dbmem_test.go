package dbmem

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
)

func setting(t *testing.T, conn *sql.Conn, name string) string {
	t.Helper()
	var v string
	if err := conn.QueryRowContext(context.Background(), "SELECT current_setting(?)", name).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// connect opens a connection to a DuckDB database at path ("" = in
// memory), closed when the test ends.
func connect(t *testing.T, path string) *sql.Conn {
	t.Helper()
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

func TestPoolOnlyForLargeData(t *testing.T) {
	ctx := context.Background()
	conn := connect(t, "")
	if err := Apply(ctx, conn, Settings{Limit: 1 << 30}); err != nil {
		t.Fatal(err)
	}
	limit := setting(t, conn, "memory_limit")

	// Input just under the threshold, and a database in memory (0 bytes
	// on disk): DuckDB's default stays.
	if err := PoolForInput(ctx, conn, LargeInput-1); err != nil {
		t.Fatal(err)
	}
	if err := PoolForDatabase(ctx, conn); err != nil {
		t.Fatal(err)
	}
	if got := setting(t, conn, "block_allocator_memory"); got != "0 bytes" {
		t.Errorf("small data: block_allocator_memory = %q, want DuckDB's 0 bytes", got)
	}
	if err := PoolForInput(ctx, conn, LargeInput); err != nil {
		t.Fatal(err)
	}
	if got := setting(t, conn, "block_allocator_memory"); got != limit {
		t.Errorf("large data: block_allocator_memory = %q, want the memory limit %q", got, limit)
	}
	// Setting it again (metrics after ingest in one run) is harmless.
	if err := PoolForInput(ctx, conn, LargeInput); err != nil {
		t.Fatalf("second PoolForInput: %v", err)
	}
	if _, err := conn.ExecContext(ctx, "CREATE TABLE t AS SELECT range AS i FROM range(3000000)"); err != nil {
		t.Fatal(err)
	}
	var n int64
	if err := conn.QueryRowContext(ctx, "SELECT sum(i) FROM t").Scan(&n); err != nil || n != 2999999*3000000/2 {
		t.Fatalf("query with the pool: %d, %v", n, err)
	}
}

func TestStoredBytes(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		path string
		rows int
		min  int64
		max  int64
	}{
		{"in memory", "", 1000000, 0, 0},
		{"empty file", filepath.Join(t.TempDir(), "empty.duckdb"), 0, 0, 1 << 20},
		// 4M random BIGINTs do not compress: about 32 MB of blocks.
		{"file with a table", filepath.Join(t.TempDir(), "full.duckdb"), 4000000, 24 << 20, 64 << 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conn := connect(t, tc.path)
			if tc.rows > 0 {
				if _, err := conn.ExecContext(ctx, "SELECT setseed(0.5); CREATE TABLE t AS SELECT (random() * 9e18)::BIGINT AS v FROM range(?)", tc.rows); err != nil {
					t.Fatal(err)
				}
				if _, err := conn.ExecContext(ctx, "CHECKPOINT"); err != nil {
					t.Fatal(err)
				}
			}
			got, err := storedBytes(ctx, conn)
			if err != nil {
				t.Fatal(err)
			}
			if got < tc.min || got > tc.max {
				t.Errorf("storedBytes = %d, want %d..%d", got, tc.min, tc.max)
			}
		})
	}
}

// fakeRoot writes files under a new folder standing in for /.
func fakeRoot(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, text := range files {
		path := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// The memory the process may use: a cgroup v2 memory.max (the process's
// own cgroup's), a cgroup v1 memory.limit_in_bytes, else the physical
// memory; the smallest set limit wins, and "max" or v1's huge default is
// no limit.
func TestAvailableMemory(t *testing.T) {
	meminfo := "MemTotal:       16384000 kB\nMemFree:  1 kB\n"
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  int64
	}{
		{"cgroup v2 of the process", map[string]string{
			"proc/meminfo":     meminfo,
			"proc/self/cgroup": "0::/peerstat.scope\n",
			"sys/fs/cgroup/peerstat.scope/memory.max": "1073741824\n",
			"sys/fs/cgroup/memory.max":                "max\n",
		}, 1 << 30},
		{"cgroup v2 at the container's root", map[string]string{
			"proc/meminfo":             meminfo,
			"sys/fs/cgroup/memory.max": "2147483648\n",
		}, 2 << 30},
		{"cgroup v2 without a limit", map[string]string{
			"proc/meminfo":             meminfo,
			"sys/fs/cgroup/memory.max": "max\n",
		}, 16384000 << 10},
		{"cgroup v1", map[string]string{
			"proc/meminfo":     meminfo,
			"proc/self/cgroup": "4:memory:/docker/abc\n",
			"sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes": "536870912\n",
		}, 512 << 20},
		{"cgroup v1 without a limit", map[string]string{
			"proc/meminfo": meminfo,
			"sys/fs/cgroup/memory/memory.limit_in_bytes": "9223372036854771712\n",
		}, 16384000 << 10},
		{"nothing known", map[string]string{}, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := detect(fakeRoot(t, tt.files)).Bytes; got != tt.want {
				t.Errorf("got %d bytes, want %d", got, tt.want)
			}
		})
	}
}

// DuckDB gets half of what the process may use, at most 2 GiB;
// memory_limit in the config wins.
func TestDecide(t *testing.T) {
	defer func(a func() Machine) { Available = a }(Available)
	for _, tt := range []struct {
		name       string
		available  int64
		configured string
		want       int64
	}{
		{"1 GiB container", 1 << 30, "", 512 << 20},
		{"large machine", 64 << 30, "", 2 << 30},
		{"configured", 1 << 30, "4GB", 4e9},
		{"configured GiB", 1 << 30, "1.5GiB", 3 << 29},
		{"configured MiB", 64 << 30, "768MiB", 768 << 20},
		{"unknown machine", 0, "", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			Available = func() Machine { return Machine{Bytes: tt.available, Source: "test"} }
			s, err := Decide(tt.configured)
			if err != nil {
				t.Fatal(err)
			}
			if s.Limit != tt.want {
				t.Errorf("limit: got %d, want %d", s.Limit, tt.want)
			}
		})
	}
	if _, err := Decide("lots"); err == nil || err.Error() != `memory_limit "lots": not a size; write it like "4GB" or "512MB"` {
		t.Errorf("Decide(lots): got %v, want the sentence naming memory_limit", err)
	}
}

// Running out of memory is a sentence: the step, the memory there was,
// the setting to change.
func TestOutOfMemorySentence(t *testing.T) {
	ctx := context.Background()
	conn := connect(t, "")
	defer func(a func() Machine) { Available = a }(Available)
	Available = func() Machine {
		return Machine{Bytes: 1 << 30, Source: "the container's memory limit (cgroup memory.max)"}
	}
	s, _ := Decide("")
	if err := Apply(ctx, conn, s); err != nil {
		t.Fatal(err)
	}
	if got := setting(t, conn, "memory_limit"); got != "512.0 MiB" {
		t.Errorf("memory_limit: got %s, want 512.0 MiB", got)
	}
	if _, err := conn.ExecContext(ctx, "SET memory_limit = '1MB'; SET temp_directory = ''"); err != nil {
		t.Fatal(err)
	}
	_, err := conn.ExecContext(ctx, "CREATE TABLE big AS SELECT range AS i, repeat('x', 100) AS s FROM range(2000000) ORDER BY s, i")
	if err == nil {
		t.Fatal("a sort of 200 MB in 1 MB: got no error")
	}
	want := `loading the data ran out of memory: it had 512 MiB for DuckDB of 1 GiB (the container's memory limit (cgroup memory.max)); set memory_limit in peerstat.toml higher (e.g. memory_limit = "4GB") or run on a machine or container with more memory`
	if got := OutOfMemory(err, "loading the data"); got.Error() != want {
		t.Errorf("got %q\nwant %q\n(DuckDB said %v)", got, want, err)
	}
}
