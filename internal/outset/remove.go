package outset

import (
	"io/fs"
	"os"
	"path/filepath"
)

// removeAll is os.RemoveAll with a second way on Windows file systems that
// refuse the POSIX-semantics delete os.RemoveAll uses for the files of a
// folder (NtSetInformationFile with FileDispositionInformationEx): some
// answer with a status Go does not fall back on, and the folder stays with
// "Incorrect function" (Wine 8 says "Invalid function"; so may a
// file-system driver without that class). os.Remove deletes the classic
// way (DeleteFile, RemoveDirectory), so the tree is then removed file by
// file, deepest first.
func removeAll(dir string) error {
	err := os.RemoveAll(dir)
	if err == nil {
		return nil
	}
	var paths []string
	if walkErr := filepath.WalkDir(dir, func(path string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		paths = append(paths, path)
		return nil
	}); walkErr != nil {
		return err
	}
	for i := len(paths) - 1; i >= 0; i-- {
		if rmErr := os.Remove(paths[i]); rmErr != nil && !os.IsNotExist(rmErr) {
			return err
		}
	}
	return nil
}
