package metrics

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// dumpLarge writes a large component's program and each question the
// audit asks of it to PEERSTAT_LP_DUMP (a directory), for measuring the
// revised simplex offline. Off unless the variable is set.
func (p *auditProblem) dumpLarge(v int, few bool, component []int) {
	dir := os.Getenv("PEERSTAT_LP_DUMP")
	if dir == "" {
		return
	}
	root := p.find(v)
	if p.rev.dumped == nil {
		p.rev.dumped = map[int]string{}
		dumpRound++
	}
	name, ok := p.rev.dumped[root]
	if !ok {
		name = filepath.Join(dir, fmt.Sprintf("r%02d-c%05d.txt", dumpRound, root))
		p.rev.dumped[root] = name
		f, err := os.Create(name)
		if err != nil {
			return
		}
		in := map[int]int{}
		for i, u := range component {
			in[u] = i
		}
		rows := p.componentRows(component)
		fmt.Fprintf(f, "k %d n %d m %d\n", p.t.k, len(component), len(rows))
		for _, u := range component {
			fmt.Fprintf(f, "v %d %t %g %s %s\n", p.value[u], p.moves[u], p.reach[u], p.vars[u].part, strings.ReplaceAll(p.t.describe(p.vars[u].cell), " ", "_"))
		}
		for _, ri := range rows {
			c := p.rows[ri]
			fmt.Fprintf(f, "r %t %d", c.eq, c.constant)
			for j, w := range c.vars {
				fmt.Fprintf(f, " %d %d", in[w], c.coefs[j])
			}
			fmt.Fprintln(f)
		}
		f.Close()
	}
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return
	}
	i := 0
	for j, u := range component {
		if u == v {
			i = j
		}
	}
	fmt.Fprintf(f, "q %d %t\n", i, few)
	f.Close()
}

var dumpRound int
