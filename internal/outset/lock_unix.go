//go:build unix

package outset

import (
	"errors"
	"io"
	"os"
	"syscall"
)

// tryLock takes the lock file at path for this process, or returns errBusy
// when another process holds it. The lock ends when the file is closed or
// the process ends, however it ends.
func tryLock(path string) (io.Closer, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errBusy
		}
		return nil, err
	}
	return f, nil
}
