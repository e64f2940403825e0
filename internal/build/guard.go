package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// The output guard's messages, in one place for the message catalogue.
// Each takes the output folder as the user wrote it (-d) first.
const (
	msgDestIsSite       = "output folder %s is the site folder or contains it; choose another with -d"
	msgDestInSources    = "output folder %s is inside the site's sources (%s); choose another with -d"
	msgDestHoldsSources = "output folder %s holds the site's %s (through a symbolic link); choose another with -d"
	msgDestNotFolder    = "output %s is a file, not a folder; choose a folder with -d"
	msgDestIsLink       = "output folder %s is a symbolic link (to %s); give the real folder with -d"
)

// sources are the site's own files and folders, relative to its root: an
// output folder never is, holds, or lies inside one of them.
var sources = []string{"showcase.yaml", "content", "layouts", "static", "i18n"}

// checkDest refuses, with or without --force, an output that replacing
// would destroy the site or anything but a folder of built files: the site
// root or a folder holding it, a folder inside the site's sources, a file,
// or a symbolic link. Paths are compared after resolving symbolic links,
// so that a link to the site (as -s or on the way to -d) is no way round.
func checkDest(src, dest, shown string) error {
	info, err := os.Lstat(dest)
	switch {
	case err == nil && info.Mode()&fs.ModeSymlink != 0:
		target, _ := os.Readlink(dest)
		return fmt.Errorf(msgDestIsLink, shown, target)
	case err == nil && !info.IsDir():
		return fmt.Errorf(msgDestNotFolder, shown)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return err
	}
	realSrc, err := filepath.EvalSymlinks(src)
	if err != nil {
		return err
	}
	realDest, err := realPath(dest)
	if err != nil {
		return err
	}
	if within(realSrc, realDest) {
		return fmt.Errorf(msgDestIsSite, shown)
	}
	for _, s := range sources {
		// A source may itself be a link to a folder elsewhere.
		real, err := realPath(filepath.Join(realSrc, s))
		if err != nil {
			return err
		}
		if within(realDest, real) {
			return fmt.Errorf(msgDestInSources, shown, s)
		}
		if within(real, realDest) {
			return fmt.Errorf(msgDestHoldsSources, shown, s)
		}
	}
	return nil
}

// realPath returns p with every symbolic link resolved, for a path that
// may not exist yet: its nearest existing ancestor is resolved and the
// rest joined on.
func realPath(p string) (string, error) {
	var rest []string
	for {
		real, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(p)
		if parent == p {
			return "", err
		}
		rest = append([]string{filepath.Base(p)}, rest...)
		p = parent
	}
}

// within reports whether p is dir or lies inside it; both are absolute
// and clean.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	if err != nil {
		return false
	}
	return rel == "." || (rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel))
}
