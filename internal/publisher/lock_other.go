//go:build !unix && !windows

package publisher

import "os"

// tryLock cannot lock here (no file locks on this system): builds into
// one folder are not kept apart.
func tryLock(*os.File) (busy bool, err error) { return false, nil }

func unlockFile(f *os.File, name string) {
	os.Remove(name)
	f.Close()
}
