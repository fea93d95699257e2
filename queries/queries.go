// Package queries holds the SQL models that define every metric, one model
// per .sql file, embedded in the binary. Models are layered: staging (reads
// the loaded tables and the run's settings), intermediate (reads staging and
// other intermediate models), marts (reads the two layers before it and other
// marts). A model's name is its file name without .sql; the runner in package
// metrics creates one temporary table per model, in an order where every
// model comes after the models it reads.
//
// This package only finds, orders and checks the models; it runs nothing.
package queries

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
)

//go:embed staging/*.sql intermediate/*.sql marts/*.sql
var files embed.FS

// Layers in the order they run.
var Layers = []string{"staging", "intermediate", "marts"}

// Model is one SQL model: a SELECT whose result becomes a table named Name.
type Model struct {
	Name  string
	Layer string
	SQL   string
	Reads []string // other models this one reads
	// View: the model is a view, not a table (its SQL's comment says
	// "-- materialize: view"); see README.md, "Tables and views".
	View bool
}

// Kind is what the model becomes: "VIEW" or "TABLE".
func (m Model) Kind() string {
	if m.View {
		return "VIEW"
	}
	return "TABLE"
}

// viewDirective marks a model to be run as a view.
var viewDirective = regexp.MustCompile(`(?m)^--\s*materialize:\s*view\s*$`)

// mentions reports whether the model's SQL, comments aside, names table
// (a settings table such as cfg_scope, or a loaded table).
func (m Model) mentions(table string) bool {
	for _, word := range identifier.FindAllString(stripComments(m.SQL), -1) {
		if word == table {
			return true
		}
	}
	return false
}

// DependOn returns the models that read table directly or through the
// models they read. models must be in the order Models returns.
func DependOn(models []Model, table string) map[string]bool {
	dep := map[string]bool{}
	for _, m := range models {
		if m.mentions(table) {
			dep[m.Name] = true
			continue
		}
		for _, r := range m.Reads {
			if dep[r] {
				dep[m.Name] = true
				break
			}
		}
	}
	return dep
}

var identifier = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)

// Models returns every model, ordered so each comes after the models it
// reads. It fails when a model reads a model of a later layer, or when
// models read each other in a cycle.
func Models() ([]Model, error) {
	var models []Model
	layerOf := map[string]int{}
	for li, layer := range Layers {
		entries, err := fs.ReadDir(files, layer)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), ".sql") {
				continue
			}
			text, err := fs.ReadFile(files, path.Join(layer, e.Name()))
			if err != nil {
				return nil, err
			}
			name := strings.TrimSuffix(e.Name(), ".sql")
			if _, dup := layerOf[name]; dup {
				return nil, fmt.Errorf("model %s is defined twice", name)
			}
			layerOf[name] = li
			models = append(models, Model{Name: name, Layer: layer, SQL: string(text), View: viewDirective.Match(text)})
		}
	}
	for i, m := range models {
		seen := map[string]bool{}
		for _, word := range identifier.FindAllString(stripComments(m.SQL), -1) {
			if _, isModel := layerOf[word]; isModel && word != m.Name && !seen[word] {
				seen[word] = true
				if layerOf[word] > layerOf[m.Name] {
					return nil, fmt.Errorf("model %s (%s) reads %s, a model of the later layer %s", m.Name, m.Layer, word, Layers[layerOf[word]])
				}
				models[i].Reads = append(models[i].Reads, word)
			}
		}
		sort.Strings(models[i].Reads)
	}
	return order(models)
}

// order sorts models so that each follows what it reads; among models ready
// at the same time, earlier layer first, then name.
func order(models []Model) ([]Model, error) {
	byName := map[string]Model{}
	for _, m := range models {
		byName[m.Name] = m
	}
	done := map[string]bool{}
	var out []Model
	for len(out) < len(models) {
		var ready []Model
		for _, m := range models {
			if done[m.Name] {
				continue
			}
			ok := true
			for _, r := range m.Reads {
				if !done[r] {
					ok = false
					break
				}
			}
			if ok {
				ready = append(ready, m)
			}
		}
		if len(ready) == 0 {
			var stuck []string
			for _, m := range models {
				if !done[m.Name] {
					stuck = append(stuck, m.Name)
				}
			}
			return nil, fmt.Errorf("models read each other in a cycle: %s", strings.Join(stuck, ", "))
		}
		// Take one at a time so the order is fully determined.
		sort.Slice(ready, func(i, j int) bool {
			li, lj := layerIndex(ready[i].Layer), layerIndex(ready[j].Layer)
			if li != lj {
				return li < lj
			}
			return ready[i].Name < ready[j].Name
		})
		out = append(out, ready[0])
		done[ready[0].Name] = true
	}
	return out, nil
}

func layerIndex(layer string) int {
	for i, l := range Layers {
		if l == layer {
			return i
		}
	}
	return len(Layers)
}

var lineComment = regexp.MustCompile(`--[^\n]*`)

func stripComments(sql string) string { return lineComment.ReplaceAllString(sql, "") }
