package main

import (
	"syscall"
	"unsafe"
)

var getConsoleProcessList = syscall.NewLazyDLL("kernel32.dll").NewProc("GetConsoleProcessList")

// consoleProcesses counts the processes attached to peerstat's console:
// 1 when Windows made the console for peerstat alone (a double-click or a
// shortcut), more when peerstat runs in cmd.exe or PowerShell, 0 when it
// has no console (started by another program with its output redirected);
// -1 when Windows cannot say.
func consoleProcesses() int {
	if getConsoleProcessList.Find() != nil {
		return -1
	}
	var ids [2]uint32
	n, _, _ := getConsoleProcessList.Call(uintptr(unsafe.Pointer(&ids[0])), uintptr(len(ids)))
	return int(n)
}

func startedFromTerminal() bool {
	n := consoleProcesses()
	return n > 1 || n < 0
}

func ownConsole() bool { return consoleProcesses() == 1 }
