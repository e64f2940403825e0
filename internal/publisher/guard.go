package publisher

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/jiangninglu/showcase/internal/diag"
)

// The output guard's messages, in one place for the message catalogue.
// sources are the site's own files and folders, relative to its root: an
// output folder never is, holds, or lies inside one of them. archetypes/
// holds the templates of new stories, and a version-control folder holds
// the site's whole history.
var sources = []string{"showcase.yaml", "content", "layouts", "static", "i18n", "archetypes", ".git", ".hg", ".svn"}

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
		return diag.NewError("dest-is-link", shown, target)
	case err == nil && !info.IsDir():
		return diag.NewError("dest-not-folder", shown)
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
		return diag.NewError("output-is-site", shown)
	}
	for _, s := range sources {
		// A source may itself be a link to a folder elsewhere.
		real, err := realPath(filepath.Join(realSrc, s))
		if err != nil {
			return err
		}
		if within(realDest, real) {
			return diag.NewError("dest-in-sources", shown, s)
		}
		if within(real, realDest) {
			return diag.NewError("dest-holds-sources", shown, s)
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
