package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/jiangninglu/showcase/internal/diag"
)

// requireSite refuses a folder that holds no site: neither showcase.yaml
// nor content/. Build, check and serve there would make (or check, or
// serve) an empty site without a word, where the editor has most likely
// run the command in the wrong folder. A folder that does not exist is
// left to the build, which names it.
func requireSite(dir string) error {
	if dir == "" {
		dir = "."
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return nil
	}
	for _, name := range []string{"showcase.yaml", "content"} {
		if _, err := os.Lstat(filepath.Join(dir, name)); !errors.Is(err, fs.ErrNotExist) {
			return nil
		}
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return diag.NewError("no-site", dir)
}
