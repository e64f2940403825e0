package docx

import (
	"io"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/jiangninglu/showcase/internal/diag"
)

// Read reads a Word document of size bytes from r. name is the file's name
// as the editor knows it, for messages.
func Read(name string, r io.ReaderAt, size int64, lim Limits) (*Document, error) {
	lim = lim.withDefaults()
	a, err := openArchive(name, r, size, lim)
	if err != nil {
		return nil, err
	}
	main := "word/document.xml"
	if top, err := a.relsOf(""); err == nil {
		if t := relOfType(top, "officeDocument"); len(t) > 0 {
			main = t[0]
		}
	} else {
		return nil, err
	}
	if !a.has(main) {
		return nil, diag.NewError("docx-no-document", name)
	}
	rels, err := a.relsOf(main)
	if err != nil {
		return nil, err
	}
	first := func(kind string) string {
		if t := relOfType(rels, kind); len(t) > 0 {
			return t[0]
		}
		return ""
	}
	styles, err := a.readStyles(first("styles"))
	if err != nil {
		return nil, err
	}
	num, err := a.readNumbering(first("numbering"))
	if err != nil {
		return nil, err
	}
	doc := &Document{Footnotes: map[string][]Block{}, Endnotes: map[string][]Block{}, Media: map[string][]byte{}}
	rd := &reader{a: a, doc: doc, styles: styles, num: num}

	if err := rd.part(main, rels, func(x *xmlReader) error {
		return rd.walkTo(x, "body", func() error {
			blocks, err := rd.blocks(x)
			doc.Body = typedHeadings(blocks)
			return err
		})
	}); err != nil {
		return nil, err
	}
	for _, kind := range []string{"footnotes", "endnotes"} {
		p := first(kind)
		if p == "" || !a.has(p) {
			continue
		}
		notes := doc.Footnotes
		if kind == "endnotes" {
			notes = doc.Endnotes
		}
		prels, err := a.relsOf(p)
		if err != nil {
			return nil, err
		}
		if err := rd.part(p, prels, func(x *xmlReader) error { return rd.notes(x, notes) }); err != nil {
			return nil, err
		}
	}
	if err := rd.dropped(rels); err != nil {
		return nil, err
	}
	if err := rd.media(); err != nil {
		return nil, err
	}
	return doc, nil
}

// reader holds what reading the parts of one document shares.
type reader struct {
	a      *archive
	doc    *Document
	styles styleSheet
	num    *numbering
	rels   map[string]rel // of the part being read
	images []*Image       // every picture found, in order
	fields []*field       // open complex fields (w:fldChar), innermost last
	toc    bool           // a table of contents was left out
}

// field is a complex field (w:fldChar begin ... separate ... end): only
// its result is text; a HYPERLINK field's result becomes a link.
type field struct {
	instr  strings.Builder
	result bool
	link   *Link
}

// part runs f over a part's tokens with its relationships.
func (rd *reader) part(p string, rels map[string]rel, f func(x *xmlReader) error) error {
	x, err := rd.a.xml(p)
	if err != nil {
		return err
	}
	rd.rels = rels
	rd.fields = nil
	err = f(x)
	if err != nil {
		x.rc.Close()
	}
	return err
}

// walkTo reads until the element local starts, then calls f, which reads
// it to its end.
func (rd *reader) walkTo(x *xmlReader, local string, f func() error) error {
	for {
		t, err := x.next()
		if err != nil {
			return err
		}
		if t == nil {
			return nil
		}
		if se, ok := t.(startTok); ok && se.Name.Local == local {
			return f()
		}
	}
}

// blocks reads block content (paragraphs, tables, content controls) to
// the end of the element just started.
func (rd *reader) blocks(x *xmlReader) ([]Block, error) {
	var out []Block
	var marks []string // bookmarks between paragraphs, for the next one
	err := x.children(func(se startTok) error {
		switch se.Name.Local {
		case "bookmarkStart":
			if n := attr(se, "name"); n != "" && n != "_GoBack" {
				marks = append(marks, n)
			}
		case "p":
			bs, err := rd.para(x)
			if len(bs) > 0 && len(marks) > 0 {
				if p, ok := bs[0].(*Para); ok {
					p.Bookmarks = append(marks, p.Bookmarks...)
					marks = nil
				}
			}
			out = append(out, bs...)
			return err
		case "tbl":
			t, err := rd.table(x)
			if t != nil {
				out = append(out, t)
			}
			return err
		case "sdtContent", "customXml", "ins", "moveTo", "txbxContent":
			bs, err := rd.blocks(x)
			out = append(out, bs...)
			return err
		case "sdt":
			return x.children(func(c startTok) error {
				if c.Name.Local != "sdtContent" {
					return x.skip()
				}
				bs, err := rd.blocks(x)
				out = append(out, bs...)
				return err
			}, nil)
		}
		return x.skip()
	}, nil)
	return captions(out), err
}

// enumerated is a line numbered as Chinese documents number their
// sections by hand: 一、 for a section, （一） for a part of one.
var enumerated = regexp.MustCompile(`^(?:([一二三四五六七八九十]+、)|([（(][一二三四五六七八九十]+[）)]))`)

// typedHeadings makes headings of the lines a document without heading
// styles numbers by hand (一、项目缘起 and （一）前期准备): short, on their
// own, not ending a sentence. A document that uses heading styles is left
// as its author styled it.
func typedHeadings(blocks []Block) []Block {
	var found []*Para
	for _, b := range blocks {
		p, ok := b.(*Para)
		if !ok {
			continue
		}
		if p.Heading > 0 {
			return blocks
		}
		t := strings.TrimSpace(PlainText(p.Inlines))
		if p.List != nil || p.Title || p.Quote || t == "" || utf8.RuneCountInString(t) > 30 || strings.ContainsAny(t[len(t)-1:], ".,;:!?") || strings.HasSuffix(t, "。") || strings.HasSuffix(t, "；") || strings.HasSuffix(t, "，") || strings.HasSuffix(t, "：") {
			continue
		}
		if enumerated.MatchString(t) {
			found = append(found, p)
		}
	}
	for _, p := range found {
		p.Heading = 1
		if m := enumerated.FindStringSubmatch(strings.TrimSpace(PlainText(p.Inlines))); m[2] != "" {
			p.Heading = 2
		}
	}
	return blocks
}

// captions makes a caption paragraph right after a paragraph holding only
// a picture the picture's caption (and its alt text, if it has none).
func captions(blocks []Block) []Block {
	out := blocks[:0]
	for i, b := range blocks {
		if p, ok := b.(*Para); ok && p.Caption && i > 0 {
			if prev, ok := blocks[i-1].(*Para); ok && len(prev.Inlines) == 1 {
				if img, ok := prev.Inlines[0].(*Image); ok && img.Caption == "" {
					img.Caption = strings.TrimSpace(PlainText(p.Inlines))
					if img.Alt == "" {
						img.Alt = img.Caption
					}
					continue
				}
			}
		}
		out = append(out, b)
	}
	return out
}

// para reads a w:p. It returns the paragraph (unless empty) followed by
// what floats beside it: anchored pictures and the text of text boxes.
func (rd *reader) para(x *xmlReader) ([]Block, error) {
	p := &Para{}
	var styleID, numID string
	ilvl, outline, left := 0, -1, -1
	hasNum := false
	var extra []Block
	var ins []Inline
	err := x.children(func(se startTok) error {
		if se.Name.Local != "pPr" {
			return rd.inline(x, se, &ins, &extra, p)
		}
		return x.children(func(c startTok) error {
			switch c.Name.Local {
			case "pStyle":
				styleID = attr(c, "val")
			case "outlineLvl":
				outline = intAttr(c, "val", -1)
			case "ind":
				if hasAttr(c, "left") || hasAttr(c, "start") {
					left = indent(c)
				}
			case "numPr":
				hasNum = true
				return x.numPr(&numID, &ilvl)
			}
			return x.skip()
		}, nil)
	}, nil)
	if err != nil {
		return nil, err
	}
	p.Inlines = ins
	// The style: its own name decides heading, title, quote; outline
	// levels and numbering are inherited along basedOn.
	chain := rd.styles.chain(styleID)
	name := ""
	if len(chain) > 0 {
		name = chain[0].name
	}
	if isTOC(name) {
		rd.toc = true
		return extra, nil
	}
	for _, s := range chain {
		if outline < 0 && s.outline >= 0 {
			outline = s.outline
		}
		if !hasNum && s.hasNum {
			hasNum, numID, ilvl = true, s.numID, s.ilvl
		}
		if left < 0 && s.left > 0 {
			left = s.left
		}
		if p.Heading == 0 {
			p.Heading = headingLevel(s.name, "")
		}
		if isQuote(s.name) {
			p.Quote = true
		}
	}
	if p.Heading == 0 {
		p.Heading = headingLevel("", styleID)
	}
	p.Title = isTitle(name)
	p.Caption = isCaption(name)
	if p.Heading == 0 && !p.Title && outline >= 0 && outline < 9 {
		p.Heading = outline + 1
	}
	if hasNum && p.Heading == 0 && !p.Title {
		p.List = rd.num.item(numID, ilvl)
	}
	if p.List == nil && p.Heading == 0 && left >= 567 { // 1 cm or more
		p.Quote = true
	}
	if p.Heading > 0 || p.Title {
		p.Quote = false
	}
	if empty(p.Inlines) && len(p.Bookmarks) == 0 {
		return extra, nil
	}
	if empty(p.Inlines) {
		p.Inlines = nil
	}
	return append([]Block{p}, extra...), nil
}

// empty reports whether inlines hold no text and no picture.
func empty(ins []Inline) bool {
	for _, in := range ins {
		switch v := in.(type) {
		case *Text:
			if strings.TrimSpace(v.S) != "" {
				return false
			}
		case *Link:
			if !empty(v.Inlines) {
				return false
			}
		case *Image, *NoteRef:
			return false
		}
	}
	return true
}

// runFormat is the format of a run.
type runFormat struct{ bold, italic, strike bool }

// inline reads one child of a paragraph (or of a hyperlink, insertion,
// content control ...) into ins; floating content goes to extra.
func (rd *reader) inline(x *xmlReader, se startTok, ins *[]Inline, extra *[]Block, p *Para) error {
	switch se.Name.Local {
	case "r":
		return rd.run(x, ins, extra)
	case "hyperlink":
		l := &Link{Anchor: attr(se, "anchor")}
		if id := attr(se, "id"); id != "" {
			if r, ok := rd.rels[id]; ok && r.External {
				l.URL = r.Target
			}
		}
		err := x.children(func(c startTok) error { return rd.inline(x, c, &l.Inlines, extra, p) }, nil)
		*ins = append(*ins, l)
		return err
	case "ins", "moveTo", "smartTag", "customXml", "sdtContent", "fldSimple", "dir", "bdo":
		return x.children(func(c startTok) error { return rd.inline(x, c, ins, extra, p) }, nil)
	case "sdt":
		return x.children(func(c startTok) error {
			if c.Name.Local != "sdtContent" {
				return x.skip()
			}
			return x.children(func(cc startTok) error { return rd.inline(x, cc, ins, extra, p) }, nil)
		}, nil)
	case "bookmarkStart":
		if n := attr(se, "name"); n != "" && n != "_GoBack" {
			p.Bookmarks = append(p.Bookmarks, n)
		}
	case "commentRangeStart", "commentRangeEnd":
		rd.drop("comments")
	case "oMath", "oMathPara":
		// Equations: their text, as written.
		var b strings.Builder
		if err := rd.allText(x, &b, "t"); err != nil {
			return err
		}
		*ins = append(*ins, &Text{S: b.String()})
		return nil
	}
	return x.skip()
}

// allText collects the text of every element named local under the
// element just started.
func (rd *reader) allText(x *xmlReader, b *strings.Builder, local string) error {
	return x.children(func(c startTok) error {
		if c.Name.Local == local {
			return x.children(func(startTok) error { return x.skip() }, func(s string) { b.WriteString(s) })
		}
		return rd.allText(x, b, local)
	}, nil)
}

// inInstr reports whether runs are now a field's instruction, not text.
func (rd *reader) inInstr() bool {
	for _, f := range rd.fields {
		if !f.result {
			return true
		}
	}
	return false
}

func (rd *reader) run(x *xmlReader, para *[]Inline, extra *[]Block) error {
	var f runFormat
	ins := para
	if n := len(rd.fields); n > 0 && rd.fields[n-1].link != nil {
		ins = &rd.fields[n-1].link.Inlines // a HYPERLINK field's result
	}
	add := func(s string) {
		if s == "" || rd.inInstr() {
			return
		}
		t := &Text{S: s, Bold: f.bold, Italic: f.italic, Strike: f.strike}
		if n := len(*ins); n > 0 {
			if prev, ok := (*ins)[n-1].(*Text); ok && prev.Bold == t.Bold && prev.Italic == t.Italic && prev.Strike == t.Strike {
				prev.S += s
				return
			}
		}
		*ins = append(*ins, t)
	}
	return x.children(func(se startTok) error {
		switch se.Name.Local {
		case "rPr":
			return rd.runProps(x, &f)
		case "t":
			return x.children(func(startTok) error { return x.skip() }, add)
		case "tab", "ptab":
			add(" ")
		case "br", "cr":
			if t := attr(se, "type"); t == "page" || t == "column" {
				break
			}
			if !rd.inInstr() {
				*ins = append(*ins, &Break{})
			}
		case "noBreakHyphen":
			add("-")
		case "footnoteReference", "endnoteReference":
			if !rd.inInstr() {
				*ins = append(*ins, &NoteRef{Endnote: se.Name.Local == "endnoteReference", ID: attr(se, "id")})
			}
		case "commentReference":
			rd.drop("comments")
		case "fldChar":
			switch attr(se, "fldCharType") {
			case "begin":
				rd.fields = append(rd.fields, &field{})
			case "separate":
				if n := len(rd.fields); n > 0 {
					fl := rd.fields[n-1]
					fl.result = true
					if u := hyperlinkURL(fl.instr.String()); u != "" {
						fl.link = &Link{URL: u}
						// The result's runs go into the link from here on.
						*para = append(*para, fl.link)
					}
				}
			case "end":
				if n := len(rd.fields); n > 0 {
					rd.fields = rd.fields[:n-1]
				}
			}
		case "instrText":
			if n := len(rd.fields); n > 0 {
				return x.children(func(startTok) error { return x.skip() }, func(s string) { rd.fields[n-1].instr.WriteString(s) })
			}
		case "drawing", "pict", "object":
			return rd.picture(x, se, ins, extra)
		case "AlternateContent":
			return x.children(func(c startTok) error {
				if c.Name.Local != "Choice" {
					return x.skip() // the Fallback repeats the Choice
				}
				return x.children(func(cc startTok) error {
					if cc.Name.Local == "drawing" || cc.Name.Local == "pict" {
						return rd.picture(x, cc, ins, extra)
					}
					return x.skip()
				}, nil)
			}, nil)
		case "ruby":
			return x.children(func(c startTok) error {
				if c.Name.Local != "rubyBase" {
					return x.skip()
				}
				return x.children(func(cc startTok) error {
					if cc.Name.Local == "r" {
						return rd.run(x, ins, extra)
					}
					return x.skip()
				}, nil)
			}, nil)
		}
		return x.skip()
	}, nil)
}

// hyperlinkURL reads the URL of a HYPERLINK field instruction, or "".
func hyperlinkURL(instr string) string {
	f := strings.Fields(instr)
	if len(f) < 2 || !strings.EqualFold(f[0], "HYPERLINK") {
		return ""
	}
	for _, s := range f[1:] {
		if strings.HasPrefix(s, `\`) {
			continue
		}
		return strings.Trim(s, `"`)
	}
	return ""
}

func (rd *reader) runProps(x *xmlReader, f *runFormat) error {
	b, i, s := -1, -1, -1
	err := x.children(func(c startTok) error {
		switch c.Name.Local {
		case "rStyle":
			for _, st := range rd.styles.chain(attr(c, "val")) {
				if b < 0 && st.bold >= 0 {
					b = st.bold
				}
				if i < 0 && st.italic >= 0 {
					i = st.italic
				}
				if s < 0 && st.strike >= 0 {
					s = st.strike
				}
			}
		case "b":
			b = b2i(on(c))
		case "i":
			i = b2i(on(c))
		case "strike", "dstrike":
			if on(c) || s < 0 {
				s = b2i(on(c))
			}
		}
		return x.skip()
	}, nil)
	f.bold, f.italic, f.strike = b == 1, i == 1, s == 1
	return err
}

// picture reads a w:drawing, w:pict or w:object: its pictures become
// Images (floating ones after the paragraph), its text boxes' paragraphs
// go after the paragraph.
func (rd *reader) picture(x *xmlReader, se startTok, ins *[]Inline, extra *[]Block) error {
	floating := false
	docAlt, picAlt := "", ""
	var walk func() error
	walk = func() error {
		return x.children(func(c startTok) error {
			switch c.Name.Local {
			case "anchor":
				floating = true
			case "docPr":
				docAlt = firstNonEmpty(attr(c, "descr"), attr(c, "title"))
				picAlt = ""
				return x.skip()
			case "cNvPr":
				picAlt = firstNonEmpty(attr(c, "descr"), attr(c, "title"))
				if fileName.MatchString(picAlt) {
					picAlt = "" // pandoc and others put the file's name here
				}
				return x.skip()
			case "blip":
				// Word keeps the description on wp:docPr; pic:cNvPr often
				// holds only the file's name.
				id := attr(c, "embed")
				if id == "" {
					id = attr(c, "link") // a picture linked, not held: image says so
				}
				rd.image(id, firstNonEmpty(docAlt, picAlt), floating, ins, extra)
				return x.skip()
			case "shape", "rect", "roundrect", "oval":
				picAlt = attr(c, "alt")
			case "imagedata":
				rd.image(attr(c, "id"), firstNonEmpty(attr(c, "title"), picAlt, docAlt), floating || se.Name.Local == "pict", ins, extra)
				return x.skip()
			case "txbxContent":
				bs, err := rd.blocks(x)
				*extra = append(*extra, bs...)
				return err
			case "AlternateContent":
				return x.children(func(cc startTok) error {
					if cc.Name.Local != "Choice" {
						return x.skip()
					}
					return walk()
				}, nil)
			}
			return walk()
		}, nil)
	}
	return walk()
}

var fileName = regexp.MustCompile(`(?i)^[^ ]*\.(png|jpe?g|gif|webp|bmp|tiff?|emf|wmf)$`)

// firstNonEmpty is the first of s with text, its lines joined (Word
// allows line breaks in a description).
func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v = strings.Join(strings.Fields(v), " "); v != "" {
			return v
		}
	}
	return ""
}

// image adds a picture by its relationship id.
func (rd *reader) image(id, alt string, floating bool, ins *[]Inline, extra *[]Block) {
	r, ok := rd.rels[id]
	if !ok {
		return
	}
	if r.External {
		// A picture the document only links to (a file on the writer's
		// disk, as LibreOffice keeps a web page's pictures): not in the
		// file, so it cannot come along; said, not silently lost.
		rd.drop("linked pictures")
		return
	}
	img := &Image{Target: r.Target, Alt: alt, Floating: floating}
	rd.images = append(rd.images, img)
	if floating {
		*extra = append(*extra, &Para{Inlines: []Inline{img}})
		return
	}
	*ins = append(*ins, img)
}

func (rd *reader) table(x *xmlReader) (*Table, error) {
	t := &Table{}
	err := x.children(func(se startTok) error {
		if se.Name.Local != "tr" {
			return x.skip()
		}
		var row []*Cell
		err := x.children(func(c startTok) error {
			switch c.Name.Local {
			case "tc":
				cell, err := rd.cell(x)
				row = append(row, cell)
				return err
			case "sdt", "customXml":
				// a content control around cells
				return x.children(func(cc startTok) error {
					if cc.Name.Local != "sdtContent" && cc.Name.Local != "tc" {
						return x.skip()
					}
					if cc.Name.Local == "tc" {
						cell, err := rd.cell(x)
						row = append(row, cell)
						return err
					}
					return x.children(func(ccc startTok) error {
						if ccc.Name.Local != "tc" {
							return x.skip()
						}
						cell, err := rd.cell(x)
						row = append(row, cell)
						return err
					}, nil)
				}, nil)
			}
			return x.skip()
		}, nil)
		if len(row) > 0 {
			t.Rows = append(t.Rows, row)
		}
		return err
	}, nil)
	if len(t.Rows) == 0 {
		return nil, err
	}
	return t, err
}

func (rd *reader) cell(x *xmlReader) (*Cell, error) {
	c := &Cell{Span: 1}
	err := x.children(func(se startTok) error {
		switch se.Name.Local {
		case "tcPr":
			return x.children(func(p startTok) error {
				switch p.Name.Local {
				case "gridSpan":
					c.Span = min(max(intAttr(p, "val", 1), 1), 64)
				case "vMerge":
					c.Merge = attr(p, "val") != "restart"
				}
				return x.skip()
			}, nil)
		case "p":
			bs, err := rd.para(x)
			for _, b := range bs {
				if p, ok := b.(*Para); ok {
					c.Paras = append(c.Paras, p)
				}
			}
			return err
		case "tbl":
			// A table in a cell: its cells' paragraphs, in order.
			t, err := rd.table(x)
			if t != nil {
				for _, row := range t.Rows {
					for _, cc := range row {
						c.Paras = append(c.Paras, cc.Paras...)
					}
				}
			}
			return err
		case "sdt", "customXml":
			bs, err := rd.blocks(x)
			for _, b := range bs {
				if p, ok := b.(*Para); ok {
					c.Paras = append(c.Paras, p)
				}
			}
			return err
		}
		return x.skip()
	}, nil)
	return c, err
}

// notes reads footnotes.xml or endnotes.xml; separators are not notes.
func (rd *reader) notes(x *xmlReader, into map[string][]Block) error {
	for {
		t, err := x.next()
		if err != nil || t == nil {
			return err
		}
		se, ok := t.(startTok)
		if !ok || (se.Name.Local != "footnote" && se.Name.Local != "endnote") {
			continue
		}
		if typ := attr(se, "type"); typ != "" && typ != "normal" {
			if err := x.skip(); err != nil {
				return err
			}
			continue
		}
		bs, err := rd.blocks(x)
		if err != nil {
			return err
		}
		into[attr(se, "id")] = bs
	}
}

func (rd *reader) drop(what string) {
	if !slices.Contains(rd.doc.Dropped, what) {
		rd.doc.Dropped = append(rd.doc.Dropped, what)
	}
}

// dropped notes the comments, headers, footers and page numbers the
// document has, which a story leaves out.
func (rd *reader) dropped(rels map[string]rel) error {
	if rd.toc {
		rd.drop("table of contents")
	}
	for _, p := range relOfType(rels, "comments") {
		if rd.a.has(p) {
			n, _, err := rd.scan(p, "comment")
			if err != nil {
				return err
			}
			if n > 0 {
				rd.drop("comments")
			}
		}
	}
	for _, kind := range []string{"header", "footer"} {
		for _, p := range relOfType(rels, kind) {
			if !rd.a.has(p) {
				continue
			}
			n, page, err := rd.scan(p, "t")
			if err != nil {
				return err
			}
			if n > 0 {
				rd.drop(kind + "s")
			}
			if page {
				rd.drop("page numbers")
			}
		}
	}
	return nil
}

// scan counts the elements named local with text or content in a part,
// and reports whether a PAGE field is there.
func (rd *reader) scan(p, local string) (n int, page bool, err error) {
	x, err := rd.a.xml(p)
	if err != nil {
		return 0, false, err
	}
	in := ""
	for {
		t, err := x.next()
		if err != nil {
			return 0, false, err
		}
		switch t := t.(type) {
		case nil:
			return n, page, nil
		case startTok:
			in = t.Name.Local
			if in == local && local != "t" {
				n++
			}
			if in == "fldSimple" && isPageField(attr(t, "instr")) {
				page = true
			}
			if in == "pgNum" {
				page = true
			}
		case text:
			switch {
			case in == "t" && local == "t" && strings.TrimSpace(string(t)) != "":
				n++
			case in == "instrText" && isPageField(string(t)):
				page = true
			}
		}
	}
}

func isPageField(instr string) bool {
	f := strings.Fields(instr)
	return len(f) > 0 && (strings.EqualFold(f[0], "PAGE") || strings.EqualFold(f[0], "NUMPAGES"))
}

// media reads the pictures the document uses, bounded; EMF and WMF are
// listed as not convertible and left out.
func (rd *reader) media() error {
	seen := map[string]bool{}
	for _, img := range rd.images {
		if seen[img.Target] {
			continue
		}
		seen[img.Target] = true
		switch strings.ToLower(path.Ext(img.Target)) {
		case ".emf", ".wmf", ".emz", ".wmz":
			rd.doc.Unconvertible = append(rd.doc.Unconvertible, img.Target)
			continue
		}
		if !rd.a.has(img.Target) {
			continue
		}
		if f := rd.a.files[img.Target]; f.UncompressedSize64 > uint64(rd.a.lim.MaxPictureBytes) {
			return diag.Wrap(ErrTooLarge, "docx-picture-too-big", rd.a.name, img.Target, mb(int64(f.UncompressedSize64)), mb(rd.a.lim.MaxPictureBytes))
		}
		data, err := rd.a.read(img.Target, rd.a.lim.MaxPictureBytes)
		if err != nil {
			return err
		}
		rd.doc.Media[img.Target] = data
	}
	sort.Strings(rd.doc.Unconvertible)
	return nil
}
