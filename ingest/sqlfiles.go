package ingest

import (
	"embed"
	"fmt"
	"slices"
	"strings"
)

//go:embed sql/*.sql
var sqlFiles embed.FS

// The named blocks Go runs. A block of sql/SOURCE.sql is one of
// sourceBlocks, a block of sql/common.sql one of commonBlocks; sqlBlock
// refuses any other name, and TestEveryNamedBlockIsKnown fails on a file
// naming one (so a misspelt "-- name:" cannot silently skip its step).
var (
	sourceBlocks = []string{"check", "references", "answers table", "answers", "duplicates", "merged", "replace probe",
		"insert", "insert answers"}
	commonBlocks = []string{"rejects", "timezone", "renumber", "duplicates", "spells", "set aside",
		"older rows stay", "replaced files", "replace", "merge", "replace answers", "answers"}
)

// sqlBlock returns the statements under "-- name: NAME" in sql/FILE.sql,
// up to the next name line ("" when the file has no such block).
func sqlBlock(file, name string) string {
	known := sourceBlocks
	if file == "common" {
		known = commonBlocks
	}
	if !slices.Contains(known, name) {
		panic(fmt.Sprintf("ingest: sql/%s.sql has no kind of block %q", file, name))
	}
	return namedBlocks(file)[name]
}

// namedBlocks splits sql/FILE.sql at its "-- name:" lines.
func namedBlocks(file string) map[string]string {
	text, err := sqlFiles.ReadFile("sql/" + file + ".sql")
	if err != nil {
		panic(fmt.Sprintf("ingest: no sql/%s.sql", file))
	}
	blocks := map[string]string{}
	name := ""
	var b strings.Builder
	flush := func() {
		if name != "" {
			blocks[name] = b.String()
		}
		b.Reset()
	}
	for _, line := range strings.SplitAfter(string(text), "\n") {
		if rest, ok := strings.CutPrefix(line, "-- name:"); ok {
			flush()
			name = strings.TrimSpace(rest)
			continue
		}
		b.WriteString(line)
	}
	flush()
	return blocks
}

// hasBlock reports whether sql/FILE.sql has a block NAME.
func hasBlock(file, name string) bool { return strings.TrimSpace(sqlBlock(file, name)) != "" }

// mergePairs fill in the merge step: each of cols takes the other
// section's cell where the row's own is blank, rows matched on the merge
// key.
func (s source) mergePairs(cols []string) []string {
	var sets, match []string
	for _, c := range cols {
		sets = append(sets, fmt.Sprintf("%s = coalesce(checked.%s, o.%s)", c, c, c))
	}
	for _, k := range s.mergeKey() {
		match = append(match, fmt.Sprintf("checked.%s = o.%s", k, k))
	}
	return []string{"{{merge}}", strings.Join(sets, ", "), "{{key_match}}", strings.Join(match, " AND "),
		"{{merge_key}}", strings.Join(s.mergeKey(), ", ")}
}

// sharedSQL is common.sql's block NAME filled in from the source's
// description (sources.go); extra are further placeholder pairs, which
// take precedence.
func (s source) sharedSQL(name string, extra ...string) string {
	prefixed := func(cols []string) string {
		out := make([]string, len(cols))
		for i, c := range cols {
			out[i] = "c." + c
		}
		return strings.Join(out, ", ")
	}
	pairs := append(slices.Clone(extra), "{{table}}", s.name)
	if len(s.key) > 0 {
		pairs = append(pairs, "{{key}}", strings.Join(s.key, ", "), "{{c.key}}", prefixed(s.key), "{{key_first}}", s.key[0])
	}
	if len(s.unit) > 0 {
		pairs = append(pairs, "{{unit}}", strings.Join(s.unit, ", "), "{{unit_first}}", s.unit[0], "{{unit_name}}", s.unitName)
	}
	if s.spells != nil {
		pairs = append(pairs, "{{id}}", s.unit[0], "{{start}}", s.spells.start, "{{end}}", s.spells.end, "{{person}}", "c."+s.unit[0])
	} else {
		pairs = append(pairs, "{{person}}", "NULL")
	}
	if name == "merge" {
		pairs = append(pairs, s.mergePairs(s.mergeColumns())...)
	}
	if s.answers {
		pairs = append(pairs, "{{answer_table}}", s.answerTable())
	}
	text := strings.NewReplacer(pairs...).Replace(sqlBlock("common", name))
	if i := strings.Index(text, "{{"); i >= 0 {
		panic(fmt.Sprintf("ingest: %s's %q step needs %s, which sources.go does not give", s.name, name, text[i:i+strings.Index(text[i:], "}}")+2]))
	}
	return text
}
