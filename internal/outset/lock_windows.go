//go:build windows

package outset

import (
	"errors"
	"io"
	"os"

	"golang.org/x/sys/windows"
)

// tryLock takes the lock file at path for this process by opening it with
// no sharing, or returns errBusy when another process has it open. The
// lock ends when the file is closed or the process ends.
func tryLock(path string) (io.Closer, error) {
	name, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return nil, err
	}
	h, err := windows.CreateFile(name, windows.GENERIC_READ|windows.GENERIC_WRITE, 0, nil,
		windows.OPEN_ALWAYS, windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		if errors.Is(err, windows.ERROR_SHARING_VIOLATION) {
			return nil, errBusy
		}
		return nil, err
	}
	return os.NewFile(uintptr(h), path), nil
}
