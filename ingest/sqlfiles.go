package ingest

import (
	"embed"
	"fmt"
	"strings"
)

//go:embed sql/*.sql
var sqlFiles embed.FS

// sqlBlock returns the statements under "-- name: NAME" in sql/FILE.sql,
// up to the next name line.
func sqlBlock(file, name string) string {
	text, err := sqlFiles.ReadFile("sql/" + file + ".sql")
	if err != nil {
		panic(fmt.Sprintf("ingest: no sql/%s.sql", file))
	}
	var b strings.Builder
	in := false
	for _, line := range strings.SplitAfter(string(text), "\n") {
		if rest, ok := strings.CutPrefix(line, "-- name:"); ok {
			if in {
				break
			}
			in = strings.TrimSpace(rest) == name
			continue
		}
		if in {
			b.WriteString(line)
		}
	}
	return b.String()
}

// hasBlock reports whether sql/FILE.sql has a block NAME.
func hasBlock(file, name string) bool { return strings.TrimSpace(sqlBlock(file, name)) != "" }
