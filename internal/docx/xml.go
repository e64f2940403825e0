package docx

import (
	"encoding/xml"
	"errors"
	"io"
	"strconv"

	"github.com/jiangninglu/showcase/internal/diag"
)

// startTok and endTok are the element tokens xmlReader returns; text is
// character data, copied.
type (
	startTok = xml.StartElement
	endTok   = xml.EndElement
	text     string
)

// xmlReader streams one XML part's tokens, counting them and the nesting
// depth against the limits.
type xmlReader struct {
	a      *archive
	part   string
	rc     io.Closer
	d      *xml.Decoder
	depth  int
	tokens int
}

// xml opens a part as a token stream, bounded by MaxPartBytes.
func (a *archive) xml(part string) (*xmlReader, error) {
	rc, err := a.open(part, a.lim.MaxPartBytes)
	if err != nil {
		return nil, err
	}
	d := xml.NewDecoder(rc)
	d.Strict = true
	// Word writes UTF-8 or UTF-16; anything else is not a Word document.
	d.CharsetReader = func(label string, input io.Reader) (io.Reader, error) {
		return nil, errors.New("unsupported XML encoding " + strconv.Quote(label))
	}
	return &xmlReader{a: a, part: part, rc: rc, d: d}, nil
}

// next returns the next start, end or text token; nil at the end of the
// part (which closes it).
func (x *xmlReader) next() (any, error) {
	for {
		t, err := x.d.Token()
		if errors.Is(err, io.EOF) {
			x.rc.Close()
			return nil, nil
		}
		if err != nil {
			x.rc.Close()
			var me *diag.MsgError
			if errors.As(err, &me) {
				return nil, me
			}
			return nil, diag.NewError("docx-xml", x.a.name, x.part, err.Error())
		}
		x.tokens++
		if x.tokens > x.a.lim.MaxTokens {
			x.rc.Close()
			return nil, diag.Wrap(ErrTooLarge, "docx-xml-too-many", x.a.name, x.part, x.a.lim.MaxTokens)
		}
		switch t := t.(type) {
		case xml.StartElement:
			x.depth++
			if x.depth > x.a.lim.MaxDepth {
				x.rc.Close()
				return nil, diag.Wrap(ErrTooLarge, "docx-xml-too-deep", x.a.name, x.part, x.a.lim.MaxDepth)
			}
			return t, nil
		case xml.EndElement:
			x.depth--
			return t, nil
		case xml.CharData:
			return text(t), nil
		}
	}
}

// skip consumes the rest of the element just started.
func (x *xmlReader) skip() error {
	for d := 1; d > 0; {
		t, err := x.next()
		if err != nil {
			return err
		}
		switch t.(type) {
		case nil:
			return diag.NewError("docx-xml", x.a.name, x.part, "unexpected end")
		case startTok:
			d++
		case endTok:
			d--
		}
	}
	return nil
}

// eachStart calls f with each start tag of part, in document order; f
// may read the element (x.children, x.skip), whose insides it then does
// not see again. A part the archive lacks (or "") has none.
func (a *archive) eachStart(part string, f func(x *xmlReader, se startTok) error) error {
	if part == "" || !a.has(part) {
		return nil
	}
	x, err := a.xml(part)
	if err != nil {
		return err
	}
	for {
		t, err := x.next()
		if err != nil || t == nil {
			return err
		}
		if se, ok := t.(startTok); ok {
			if err := f(x, se); err != nil {
				return err
			}
		}
	}
}

// numPr reads a w:numPr's list (w:numId) and level (w:ilvl) into numID
// and ilvl, in a paragraph and in a style alike.
func (x *xmlReader) numPr(numID *string, ilvl *int) error {
	return x.children(func(n startTok) error {
		switch n.Name.Local {
		case "numId":
			*numID = attr(n, "val")
		case "ilvl":
			*ilvl = intAttr(n, "val", 0)
		}
		return x.skip()
	}, nil)
}

// children calls f for each child element of the element just started,
// and consumes its end; f must consume the child (or call skip). Text
// directly inside goes to txt, if not nil.
func (x *xmlReader) children(f func(se startTok) error, txt func(string)) error {
	for {
		t, err := x.next()
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case nil:
			return diag.NewError("docx-xml", x.a.name, x.part, "unexpected end")
		case startTok:
			if err := f(t); err != nil {
				return err
			}
		case endTok:
			return nil
		case text:
			if txt != nil {
				txt(string(t))
			}
		}
	}
}

// attr returns the value of the attribute with local name local, or "".
func attr(se startTok, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// hasAttr reports whether the element has the attribute.
func hasAttr(se startTok, local string) bool {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return true
		}
	}
	return false
}

// on reads a toggle property (<w:b/>, <w:b w:val="false"/>).
func on(se startTok) bool {
	switch attr(se, "val") {
	case "0", "false", "off", "none":
		return false
	}
	return true
}

// intAttr reads a whole-number attribute; def when absent or not a number.
func intAttr(se startTok, local string, def int) int {
	n, err := strconv.Atoi(attr(se, local))
	if err != nil {
		return def
	}
	return n
}
