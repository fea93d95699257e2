//go:build unix

package main

import "syscall"

// Files peerstat creates hold health data: whatever creates them (DuckDB's
// database and write-ahead log included) makes them owner-only.
func init() { syscall.Umask(0o077) }
