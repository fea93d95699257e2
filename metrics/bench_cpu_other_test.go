//go:build !unix

package metrics

// processCPU cannot read the process's CPU time here.
func processCPU() (float64, bool) { return 0, false }
