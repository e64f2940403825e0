package publisher

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// tryLock takes an exclusive lock on f without waiting; busy says another
// process holds it.
func tryLock(f *os.File) (busy bool, err error) {
	err = windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, new(windows.Overlapped))
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return true, nil
	}
	return false, err
}

// unlockFile lets the lock go, then removes the file. Windows removes no
// file that another process holds open (Go opens files without
// FILE_SHARE_DELETE), so a build waiting on it keeps it.
func unlockFile(f *os.File, name string) {
	f.Close()
	os.Remove(name)
}
