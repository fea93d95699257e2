//go:build unix

package metrics

import "syscall"

// processCPU is the CPU time (user + system) the process has used, in
// seconds; ok is false where it cannot be read.
func processCPU() (float64, bool) {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0, false
	}
	return float64(u.Utime.Nano()+u.Stime.Nano()) / 1e9, true
}
