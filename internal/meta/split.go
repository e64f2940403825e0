package meta

import (
	"bytes"
	"errors"
	"fmt"
)

// Format names a front-matter syntax.
type Format string

const (
	YAML Format = "yaml"
	TOML Format = "toml"
	JSON Format = "json"
)

// Block is a content file split into front matter and body.
type Block struct {
	Format   Format // empty when the file has no front matter
	Data     []byte // the front matter, without its delimiters (JSON keeps its braces)
	Line     int    // the file line on which Data starts
	Body     []byte
	BodyLine int // the file line on which Body starts
}

var bom = []byte("\xef\xbb\xbf")

// Normalize strips a UTF-8 byte-order mark and turns CRLF line endings into
// LF. Line numbers are unchanged. It returns src itself when there is nothing
// to do.
func Normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, bom)
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); i++ {
		if src[i] == '\r' && i+1 < len(src) && src[i+1] == '\n' {
			continue
		}
		out = append(out, src[i])
	}
	return out
}

// A delim is a front-matter syntax as its opening and closing lines show
// it: the formats of github.com/adrg/frontmatter, which Split used to
// call, in the order it tries them.
type delim struct {
	format     Format
	start, end string
	// json: the closing line must be followed by a blank line, and the
	// data includes the delimiters and that blank line.
	json bool
}

var delims = []delim{
	{YAML, "---", "---", false},
	{YAML, "---yaml", "---", false},
	{TOML, "+++", "+++", false},
	{TOML, "---toml", "---", false},
	{JSON, "---json", "---", false},
	{JSON, "{", "}", true},
}

// ErrUnclosed is wrapped by Split's error for a block that never closes.
var ErrUnclosed = errors.New("front matter never closes")

// Split separates src (already Normalized) into front matter and body.
//
// It reads src as adrg/frontmatter did (front matter opens on the first
// non-blank line, which must end in a line break, and closes on the first
// line that is the closing delimiter once trimmed), without copying it:
// Data and Body are parts of src.
func Split(src []byte) (Block, error) {
	line, first, rest, start := 1, []byte(nil), src, 0
	for len(rest) > 0 {
		var l []byte
		start = len(src) - len(rest)
		l, rest, _ = bytes.Cut(rest, []byte("\n"))
		if t := bytes.TrimSpace(l); len(t) > 0 {
			first = t
			break
		}
		line++
	}
	var d *delim
	for i := range delims {
		if string(first) == delims[i].start {
			d = &delims[i]
			break
		}
	}
	if d == nil {
		return Block{Body: src, BodyLine: 1}, nil
	}
	off := len(src) - len(rest) // just past the opening line
	closeAt, end := closing(rest, d)
	if end < 0 {
		if d.json {
			return Block{}, fmt.Errorf("%w: JSON front matter opened with { on line %d needs a line holding only } followed by a blank line", ErrUnclosed, line)
		}
		return Block{}, fmt.Errorf("%w: the block opened with %s on line %d needs a closing %s line", ErrUnclosed, d.start, line, d.end)
	}
	b := Block{Format: d.format, Data: src[off : off+closeAt], Line: line + 1, Body: src[off+end:]}
	if d.json {
		b.Data, b.Line = src[start:off+end], line
	}
	b.BodyLine = 1 + bytes.Count(src[:off+end], []byte("\n"))
	return b, nil
}

// closing finds the line that closes a block opened by d: at returns its
// offset in rest, end the offset just past it (past the blank line after
// it, for JSON), or -1.
func closing(rest []byte, d *delim) (at, end int) {
	off := 0
	for off < len(rest) {
		l, _, found := bytes.Cut(rest[off:], []byte("\n"))
		next := off + len(l)
		if found {
			next++
		}
		if string(bytes.TrimSpace(l)) == d.end {
			if !d.json {
				return off, next
			}
			// JSON: the closing line must be followed by a blank line.
			l2, _, found2 := bytes.Cut(rest[next:], []byte("\n"))
			if len(bytes.TrimSpace(l2)) == 0 {
				if found2 {
					return off, next + len(l2) + 1
				}
				return off, next + len(l2)
			}
		}
		off = next
	}
	return -1, -1
}
