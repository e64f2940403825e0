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
	body, _, err := ReadBodyTo(fsys, s, nil)
	return body, err
}

// ReadBodyTo is ReadBody reading the file into buf when it has room. It
// also returns the buffer the file was read into (buf, or a larger one),
// for the caller to use again once it is done with the body, which is a
// part of it or of a copy.
func ReadBodyTo(fsys fs.FS, s *Source, buf []byte) (body, read []byte, err error) {
	src, _, err := readFile(fsys, s.File, buf)
	if err != nil {
		return nil, buf, err
	}
	read = src
	src = meta.Normalize(src)
	// The version alone: Load checked that these bytes are UTF-8, and any
	// other bytes have another version.
	if keys.Bytes(src) != s.Version {
		return nil, read, fmt.Errorf("%s: changed during the build; build again", s.File)
	}
	block, err := meta.Split(src)
	if err != nil {
		return nil, read, fmt.Errorf("%s: %w", s.File, err)
	}
	return block.Body, read, nil
}
