//go:build !windows

package main

import "os"

// startedFromTerminal: a file manager or a desktop shortcut starts
// peerstat with no terminal on stdin.
func startedFromTerminal() bool { return isTerminal(os.Stdin) }

// ownConsole is about Windows consoles; elsewhere a terminal outlives
// peerstat.
func ownConsole() bool { return false }
