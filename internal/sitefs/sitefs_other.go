//go:build !linux

package sitefs

import (
	"io/fs"
	"os"
)

// Open returns the site folder, root opened at dir, as an fs.FS, and a
// function to call when done with it: here, root's own fs.FS.
func Open(root *os.Root, dir string) (fs.FS, func()) {
	return root.FS(), func() {}
}
