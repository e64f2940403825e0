package publisher

import (
	"errors"
	"os"
	"path/filepath"

	"github.com/jiangninglu/showcase/internal/diag"
)

// ErrBusy is wrapped by Run's error when another build is writing the
// same output folder.
var ErrBusy = errors.New("another build is writing")

// lockOutput takes the output folder's lock: a file beside the folder,
// locked by the operating system for as long as the build runs, so a
// killed build leaves no lock held. A second build into the same folder is
// refused at once rather than left to delete the first one's files.
//
// unlock removes the file while still holding it. A build that opened the
// file before it was removed then holds a lock on a file no longer there,
// so a build checks, once locked, that its file is still the one at the
// path, and tries again if not.
func lockOutput(parent, prefix, shown string) (unlock func(), err error) {
	name := filepath.Join(parent, prefix+"lock")
	for {
		f, err := os.OpenFile(name, os.O_CREATE|os.O_RDWR, 0o644)
		if err != nil {
			return nil, err
		}
		busy, err := tryLock(f)
		if err != nil || busy {
			f.Close()
			if err == nil {
				err = diag.Wrap(ErrBusy, "output-busy", shown)
			}
			return nil, err
		}
		held, err1 := f.Stat()
		there, err2 := os.Stat(name)
		if err1 == nil && err2 == nil && os.SameFile(held, there) {
			return func() { unlockFile(f, name) }, nil
		}
		f.Close()
		if err1 != nil {
			return nil, err1
		}
		if err2 != nil && !os.IsNotExist(err2) {
			return nil, err2
		}
	}
}
