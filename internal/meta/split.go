package meta

import (
	"bytes"
	"errors"

	"github.com/adrg/frontmatter"

	"github.com/jiangninglu/showcase/internal/diag"
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

// capture is what our adrg/frontmatter formats unmarshal into: the raw block,
// decoded later by Decode so that lines can be offset and keys checked.
type capture struct {
	format Format
	data   []byte
}

func capturer(f Format) frontmatter.UnmarshalFunc {
	return func(data []byte, v any) error {
		c := v.(*capture)
		c.format = f
		c.data = data
		return nil
	}
}

// formats mirror adrg/frontmatter's defaults, but capture instead of decode.
var formats = []*frontmatter.Format{
	frontmatter.NewFormat("---", "---", capturer(YAML)),
	frontmatter.NewFormat("---yaml", "---", capturer(YAML)),
	frontmatter.NewFormat("+++", "+++", capturer(TOML)),
	frontmatter.NewFormat("---toml", "---", capturer(TOML)),
	frontmatter.NewFormat("---json", "---", capturer(JSON)),
	{Start: "{", End: "}", Unmarshal: capturer(JSON), UnmarshalDelims: true, RequiresNewLine: true},
}

// ErrUnclosed is wrapped by Split's error for a block that never closes.
var ErrUnclosed = errors.New("front matter never closes")

// Split separates src (already Normalized) into front matter and body.
func Split(src []byte) (Block, error) {
	// Find the first non-blank line, as adrg/frontmatter does, to know where
	// the block starts: the library gives the data but not its offset.
	line, first, rest := 1, []byte(nil), src
	for len(rest) > 0 {
		var l []byte
		l, rest, _ = bytes.Cut(rest, []byte("\n"))
		if t := bytes.TrimSpace(l); len(t) > 0 {
			first = t
			break
		}
		line++
	}
	var opener *frontmatter.Format
	for _, f := range formats {
		if string(first) == f.Start {
			opener = f
			break
		}
	}
	if opener == nil {
		return Block{Body: src, BodyLine: 1}, nil
	}

	if !opener.UnmarshalDelims {
		// YAML and TOML close with their delimiter at the start of a line.
		// adrg/frontmatter also takes an indented one, which in YAML is a
		// line of a block scalar ("|" then "  ---"): it would end the block
		// there and publish the keys after it as body text. So these are
		// split here, as the library would but for that.
		end := closingLine(rest, opener.End)
		if end < 0 {
			return Block{}, diag.Wrap(ErrUnclosed, "frontmatter-unclosed", opener.Start, line, opener.End)
		}
		data, body := rest[:end], rest[end:]
		if _, after, ok := bytes.Cut(body, []byte("\n")); ok {
			body = after
		} else {
			body = body[len(body):]
		}
		var c capture
		opener.Unmarshal(data, &c)
		b := Block{Format: c.format, Data: data, Line: line + 1, Body: body}
		b.BodyLine = 1 + bytes.Count(src[:len(src)-len(body)], []byte("\n"))
		return b, nil
	}

	// adrg/frontmatter copies everything it reads, body included; give it
	// only the lines up to the first line that could close the block (and,
	// for JSON, the blank line after it). If that was not the real end, it
	// finds no block and the whole file is tried, as before.
	head := src
	if end := closing(rest, opener); end >= 0 {
		head = src[:len(src)-len(rest)+end]
	}
	var c capture
	body, err := frontmatter.Parse(bytes.NewReader(head), &c, formats...)
	switch {
	case err != nil:
	case c.data != nil && len(head) < len(src):
		// The library saw only the head: the body is the rest of src
		// (after whatever of the head followed the block, normally none).
		if len(body) == 0 {
			body = src[len(head):]
		} else {
			body = append(body[:len(body):len(body)], src[len(head):]...)
		}
	case c.data == nil && len(head) < len(src):
		body, err = frontmatter.Parse(bytes.NewReader(src), &c, formats...)
	}
	if err != nil {
		return Block{}, err
	}
	if c.data == nil {
		if opener.Start == "{" {
			return Block{}, diag.Wrap(ErrUnclosed, "frontmatter-unclosed-json", line)
		}
		return Block{}, diag.Wrap(ErrUnclosed, "frontmatter-unclosed", opener.Start, line, opener.End)
	}
	b := Block{Format: c.format, Data: c.data, Line: line + 1, Body: body}
	if opener.UnmarshalDelims {
		b.Line = line
	}
	b.BodyLine = 1 + bytes.Count(src[:len(src)-len(body)], []byte("\n"))
	return b, nil
}

// closingLine returns the offset in rest of the first line that is end
// from its first byte (spaces may follow), or -1.
func closingLine(rest []byte, end string) int {
	for off := 0; off < len(rest); {
		l, _, found := bytes.Cut(rest[off:], []byte("\n"))
		if string(bytes.TrimRight(l, " \t")) == end {
			return off
		}
		if !found {
			break
		}
		off += len(l) + 1
	}
	return -1
}

// closing returns the offset in rest just past the line that closes a block
// opened by f (past the blank line after it, for JSON), or -1.
func closing(rest []byte, f *frontmatter.Format) int {
	off := 0
	for off < len(rest) {
		l, _, found := bytes.Cut(rest[off:], []byte("\n"))
		next := off + len(l)
		if found {
			next++
		}
		if string(bytes.TrimSpace(l)) == f.End {
			if !f.RequiresNewLine {
				return next
			}
			// JSON: the closing line must be followed by a blank line.
			l2, _, found2 := bytes.Cut(rest[next:], []byte("\n"))
			if len(bytes.TrimSpace(l2)) == 0 {
				if found2 {
					return next + len(l2) + 1
				}
				return next + len(l2)
			}
		}
		off = next
	}
	return -1
}
