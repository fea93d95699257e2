package main

import (
	"syscall"
	"unsafe"
)

var getConsoleProcessList = syscall.NewLazyDLL("kernel32.dll").NewProc("GetConsoleProcessList")

// consoleProcesses counts the processes attached to peerstat's console:
// 1 when Windows made the console for peerstat alone (a double-click or a
// shortcut), more when peerstat runs in cmd.exe or PowerShell; 0 when the
// count is unknown or there is no console.
func consoleProcesses() int {
	if getConsoleProcessList.Find() != nil {
		return 0
	}
	var ids [2]uint32
	n, _, _ := getConsoleProcessList.Call(uintptr(unsafe.Pointer(&ids[0])), uintptr(len(ids)))
	return int(n)
}

func startedFromTerminal() bool { return consoleProcesses() != 1 }

func ownConsole() bool { return consoleProcesses() == 1 }
