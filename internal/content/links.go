package content

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/jiangninglu/showcase/internal/diag"
)

// siteSources are the files and folders of a site that are read through
// os.Root, which never follows a link out of the site.
var siteSources = []string{"showcase.yaml", Dir, "static", "layouts", "i18n", "archetypes"}

// CheckSourceLinks returns a clear error when one of the site's own files
// or folders (showcase.yaml, content/, static/, layouts/, i18n/,
// archetypes/) is a symbolic link leading out of the site folder dir: the
// build reads the site through os.Root, which refuses such a link with a
// bare "path escapes from parent". Links that stay inside the site are
// fine, and so are missing ones.
func CheckSourceLinks(dir string) error {
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil // the caller's own open reports it
	}
	root, _ = filepath.Abs(root)
	for _, name := range siteSources {
		p := filepath.Join(dir, name)
		info, err := os.Lstat(p)
		if err != nil || info.Mode()&os.ModeSymlink == 0 {
			continue
		}
		target, _ := os.Readlink(p)
		real, err := filepath.EvalSymlinks(p)
		if err != nil {
			return diag.NewError("source-link-broken", name, target)
		}
		real, _ = filepath.Abs(real)
		if rel, err := filepath.Rel(root, real); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return diag.NewError("source-link-outside", name, target)
		}
	}
	return nil
}
