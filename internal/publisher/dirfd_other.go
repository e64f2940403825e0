//go:build !linux

package publisher

import "os"

// dirFD writes beneath one folder through os.Root.
type dirFD struct{ *rootFallback }

func openDirFD(dir string) (dirFD, error) {
	r, err := newRootFallback(dir)
	return dirFD{r}, err
}

func (r *rootFallback) mkdir(name string) error {
	err := r.root.Mkdir(name, 0o755)
	if err != nil && !os.IsExist(err) {
		return err
	}
	return nil
}
