package meta

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/adrg/frontmatter"
)

// adrgCapture is what adrgFormats unmarshal into: the raw block.
type adrgCapture struct {
	format Format
	data   []byte
}

func adrgCapturer(f Format) frontmatter.UnmarshalFunc {
	return func(data []byte, v any) error {
		c := v.(*adrgCapture)
		c.format = f
		c.data = data
		return nil
	}
}

// adrgFormats mirror adrg/frontmatter's defaults, but capture instead of decode.
var adrgFormats = []*frontmatter.Format{
	frontmatter.NewFormat("---", "---", adrgCapturer(YAML)),
	frontmatter.NewFormat("---yaml", "---", adrgCapturer(YAML)),
	frontmatter.NewFormat("+++", "+++", adrgCapturer(TOML)),
	frontmatter.NewFormat("---toml", "---", adrgCapturer(TOML)),
	frontmatter.NewFormat("---json", "---", adrgCapturer(JSON)),
	{Start: "{", End: "}", Unmarshal: adrgCapturer(JSON), UnmarshalDelims: true, RequiresNewLine: true},
}

// splitADRG is Split as it was, on adrg/frontmatter: the reference
// the faster Split must match.
func splitADRG(src []byte) (Block, error) {
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
	for _, f := range adrgFormats {
		if string(first) == f.Start {
			opener = f
			break
		}
	}
	if opener == nil {
		return Block{Body: src, BodyLine: 1}, nil
	}

	// adrg/frontmatter copies everything it reads, body included; give it
	// only the lines up to the first line that could close the block (and,
	// for JSON, the blank line after it). If that was not the real end, it
	// finds no block and the whole file is tried, as before.
	head := src
	if end := closingADRG(rest, opener); end >= 0 {
		head = src[:len(src)-len(rest)+end]
	}
	var c adrgCapture
	body, err := frontmatter.Parse(bytes.NewReader(head), &c, adrgFormats...)
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
		body, err = frontmatter.Parse(bytes.NewReader(src), &c, adrgFormats...)
	}
	if err != nil {
		return Block{}, err
	}
	if c.data == nil {
		if opener.Start == "{" {
			return Block{}, fmt.Errorf("%w: JSON front matter opened with { on line %d needs a line holding only } followed by a blank line", ErrUnclosed, line)
		}
		return Block{}, fmt.Errorf("%w: the block opened with %s on line %d needs a closing %s line", ErrUnclosed, opener.Start, line, opener.End)
	}
	b := Block{Format: c.format, Data: c.data, Line: line + 1, Body: body}
	if opener.UnmarshalDelims {
		b.Line = line
	}
	b.BodyLine = 1 + bytes.Count(src[:len(src)-len(body)], []byte("\n"))
	return b, nil
}

// closingADRG returns the offset in rest just past the line that closes a block
// opened by f (past the blank line after it, for JSON), or -1.
func closingADRG(rest []byte, f *frontmatter.Format) int {
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

// FuzzSplitAsADRG: Split gives what it gave when it called
// adrg/frontmatter, for any input.
func FuzzSplitAsADRG(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: a\n---\nbody", "---\ntitle: a\n---", "---\n---\n", "---", "---\n", "\n \n---\nx\n  ---  \nb\n---\n",
		"+++\ntitle = 'a'\n+++\n", "---toml\nx = 1\n---\nb", "---json\n{}\n---\n", "---yaml\nx: 1\n---\n",
		"{\n\"title\": \"a\"\n}\n\nbody", "{\n\"title\": \"a\"\n}\nbody", "{\n}\n}\n\nb", "{\n}", "{\n}\n", "{\n}\n  \t", "  {  \n}\n\n",
		"\u3000\n---\nx\n---\n", "text\n---\nx\n---\n", "", "\n\n", "---\r\nx\r\n---\r\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, in := range [][]byte{src, Normalize(src)} {
			want, werr := splitADRG(in)
			got, gerr := Split(in)
			if fmt.Sprint(werr) != fmt.Sprint(gerr) {
				t.Fatalf("Split(%q): error %v, want %v", in, gerr, werr)
			}
			if got.Format != want.Format || !bytes.Equal(got.Data, want.Data) || got.Line != want.Line ||
				!bytes.Equal(got.Body, want.Body) || got.BodyLine != want.BodyLine ||
				(got.Body == nil) != (want.Body == nil) || (got.Data == nil) != (want.Data == nil) {
				t.Fatalf("Split(%q) = %#v, want %#v", in, got, want)
			}
		}
	})
}
