//go:build !linux

package build

// dirFD writes beneath one folder through os.Root.
type dirFD struct{ *rootFallback }

func openDirFD(dir string) (dirFD, error) {
	r, err := newRootFallback(dir)
	return dirFD{r}, err
}
