package content

import (
	"fmt"
	"io/fs"

	"github.com/jiangninglu/showcase/internal/keys"
	"github.com/jiangninglu/showcase/internal/meta"
)

// ReadBody reads a source's Markdown body: a story's, which Load does
// not hold (see Source.Body). The file must be as Load read it: a file
// changed since is an error, never a body that disagrees with the front
// matter Load decoded.
func ReadBody(fsys fs.FS, s *Source) ([]byte, error) {
	src, _, err := readFile(fsys, s.File, nil)
	if err != nil {
		return nil, err
	}
	src = meta.Normalize(src)
	// The version alone: Load checked that these bytes are UTF-8, and any
	// other bytes have another version.
	if keys.Bytes(src) != s.Version {
		return nil, fmt.Errorf("%s: changed during the build; build again", s.File)
	}
	block, err := meta.Split(src)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.File, err)
	}
	return block.Body, nil
}
