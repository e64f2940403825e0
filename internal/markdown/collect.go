package markdown

import (
	"bytes"
	"sort"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"

	"github.com/jiangninglu/showcase/internal/unitext"
)

// collector gathers, in one walk over a parsed document, everything Result
// reports besides the HTML. It also settles heading IDs and attributes,
// which the HTML renderer then writes.
type collector struct {
	src      []byte                               // what the parser saw
	offset   int                                  // bytes before src in the caller's source (a byte-order mark)
	fullSrc  []byte                               // the caller's source, for line numbers
	newlines []int                                // offsets of '\n' in fullSrc, built when a link goes back
	at       struct{ off, breaks, lineStart int } // position's last offset: line breaks before it, start of its line

	headings []heading
	links    []Link
	count    charCounter
	summary  string
	summed   bool // summary taken from a paragraph
	inNotes  int  // depth inside the footnote list
	escapes  bool // src has a '\\' or '&': text may need unescaping
	scratch  []byte
}

type heading struct {
	node   *ast.Heading
	custom []byte // from a {#id} attribute, or nil
	text   string
}

func (c *collector) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		if n.Type() == ast.TypeBlock {
			c.count.brk()
		}
		if n.Kind() == extast.KindFootnoteList {
			c.inNotes--
		}
		return ast.WalkContinue, nil
	}
	switch n := n.(type) {
	case *ast.Text:
		v := n.Segment.Value(c.src)
		if c.escapes && !n.IsRaw() && (bytes.IndexByte(v, '\\') >= 0 || bytes.IndexByte(v, '&') >= 0) {
			c.scratch = appendUnescaped(c.scratch[:0], v)
			v = c.scratch
		}
		c.count.write(v)
		if n.SoftLineBreak() || n.HardLineBreak() {
			c.count.brk()
		}
	case *ast.String:
		c.count.write(n.Value)
	case *ast.Heading:
		c.heading(n)
	case *ast.Paragraph:
		if !c.summed && c.inNotes == 0 {
			c.scratch = appendPlain(c.scratch[:0], n, c.src)
			c.summary = Summarize(string(c.scratch), DefaultSummaryLen) // "" when only white space
			c.summed = c.summary != ""
		}
	case *ast.Link:
		c.link(string(appendUnescaped(nil, n.Destination)), n, false)
	case *ast.Image:
		c.link(string(appendUnescaped(nil, n.Destination)), n, true)
		c.count.brk()
		return ast.WalkSkipChildren, nil // alt text is not read
	case *ast.AutoLink:
		c.link(string(autoLinkURL(n, c.src)), n, false)
		c.count.write(n.Label(c.src))
	case *extast.FootnoteList:
		c.inNotes++
	}
	return ast.WalkContinue, nil
}

// heading records h for the TOC and keeps only its id attribute: heading
// attributes ({#id .class style=...}) are enabled for custom IDs, and
// styles or classes from story text have no place in the page.
func (c *collector) heading(h *ast.Heading) {
	var custom []byte
	if h.Attributes() != nil {
		if v, ok := h.AttributeString("id"); ok {
			switch v := v.(type) {
			case []byte:
				custom = v
			case string:
				custom = []byte(v)
			}
		}
		h.RemoveAttributes()
	}
	c.scratch = appendPlain(c.scratch[:0], h, c.src)
	c.headings = append(c.headings, heading{node: h, custom: custom, text: string(unitext.CollapseSpace(c.scratch))})
}

// toc assigns every heading its ID, custom IDs first so that an automatic
// ID never takes one a later heading asked for, and returns the TOC.
func (c *collector) toc(ids *headingIDs) []Heading {
	if len(c.headings) == 0 {
		return nil
	}
	toc := make([]Heading, len(c.headings))
	for i, h := range c.headings {
		if h.custom == nil {
			continue
		}
		base := h.custom
		if len(base) == 0 || hasSpace(base) {
			base = appendSlug(nil, base)
		}
		toc[i].ID = string(ids.unique(base))
	}
	for i, h := range c.headings {
		if h.custom == nil {
			c.scratch = appendSlug(c.scratch[:0], []byte(h.text))
			toc[i].ID = string(ids.unique(c.scratch))
		}
		toc[i].Level = h.node.Level
		toc[i].Text = h.text
		h.node.SetAttributeString("id", toc[i].ID) // goldmark writes a string value as it is
	}
	return toc
}

func hasSpace(b []byte) bool {
	for _, c := range b {
		if c <= ' ' {
			return true
		}
	}
	return false
}

// link records a destination with the position of node n: the "[" or "!["
// of a link or image, the first character of an autolink.
func (c *collector) link(dest string, n ast.Node, image bool) {
	off := n.Pos()
	if a, ok := n.(*ast.AutoLink); ok {
		// goldmark puts a linkified URL's Pos on the space before it. The
		// label is a slice of src, so its capacity tells where it starts.
		if l := a.Label(c.src); len(l) > 0 && cap(l) <= cap(c.src) {
			if o := cap(c.src) - cap(l); o+len(l) <= len(c.src) && &c.src[o] == &l[0] {
				off = o
			}
		}
	}
	if off < 0 {
		off = 0
	}
	line, col := c.position(off + c.offset)
	c.links = append(c.links, Link{Dest: dest, Line: line, Col: col, Image: image})
}

// position turns a byte offset in fullSrc into a 1-based line and a 1-based
// column counted in bytes. Links come in source order but for footnote
// text, so it counts line breaks on from the last offset asked about, and
// only a document whose links go back builds a table of all line breaks.
func (c *collector) position(off int) (line, col int) {
	if c.newlines == nil && off >= c.at.off {
		end := min(off, len(c.fullSrc))
		seg := c.fullSrc[c.at.off:end]
		if n := bytes.Count(seg, []byte("\n")); n > 0 {
			c.at.breaks += n
			c.at.lineStart = c.at.off + bytes.LastIndexByte(seg, '\n') + 1
		}
		c.at.off = end
		return c.at.breaks + 1, off - c.at.lineStart + 1
	}
	if c.newlines == nil {
		c.newlines = make([]int, 0, c.at.breaks+64)
		for i := 0; ; {
			j := bytes.IndexByte(c.fullSrc[i:], '\n')
			if j < 0 {
				break
			}
			i += j
			c.newlines = append(c.newlines, i)
			i++
		}
	}
	// number of line breaks before off
	k := sort.SearchInts(c.newlines, off)
	start := 0
	if k > 0 {
		start = c.newlines[k-1] + 1
	}
	return k + 1, off - start + 1
}
