//go:build !windows

package outset

import "os"

// makePrivate makes a new output folder readable by its owner only.
func makePrivate(dir string) error { return os.Chmod(dir, 0o700) }

// readableByOthers says whether accounts other than the owner can read or
// enter dir.
func readableByOthers(dir string) (bool, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return false, err
	}
	return st.Mode().Perm()&0o077 != 0, nil
}
