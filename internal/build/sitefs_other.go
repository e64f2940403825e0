//go:build !linux

package build

import (
	"io/fs"
	"os"
)

// openSiteFS returns the site folder as an fs.FS and a function to call
// when done with it.
func openSiteFS(root *os.Root, dir string) (fs.FS, func()) {
	return root.FS(), func() {}
}
