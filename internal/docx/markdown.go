package docx

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MarkdownOptions say how Markdown writes what is not text.
type MarkdownOptions struct {
	// Picture returns the file name (beside the story) a picture is
	// written under, given its part name; "" leaves the picture out.
	// Nil leaves every picture out.
	Picture func(target string) string
}

// Markdown writes blocks of doc (its Body, or part of it) as a story's
// Markdown body: headings from ## down (the story's title is the page's
// h1), lists, tables (GFM), quotes, pictures, links, and doc's footnotes
// and endnotes as [^n] notes at the end.
func Markdown(doc *Document, blocks []Block, opts MarkdownOptions) string {
	w := &mdWriter{doc: doc, opts: opts, notes: map[string]int{}, anchors: map[string]string{}, counters: map[string]int{}}
	w.prepare(blocks)
	var b strings.Builder
	w.blocks(&b, blocks)
	for i := 0; i < len(w.noteOrder); i++ { // notes may reference notes
		n := w.noteOrder[i]
		var nb strings.Builder
		inner := &mdWriter{doc: doc, opts: opts, notes: w.notes, noteOrder: w.noteOrder, anchors: w.anchors, counters: map[string]int{}, shift: w.shift}
		inner.blocks(&nb, n.blocks)
		w.noteOrder = inner.noteOrder
		text := strings.TrimSpace(nb.String())
		text = strings.ReplaceAll(text, "\n", "\n    ")
		text = strings.ReplaceAll(text, "\n    \n", "\n\n")
		fmt.Fprintf(&b, "\n[^%d]: %s\n", i+1, text)
	}
	return strings.TrimSpace(b.String()) + "\n"
}

type noteRef struct {
	key    string
	blocks []Block
}

type mdWriter struct {
	doc       *Document
	opts      MarkdownOptions
	shift     int            // added to a Word heading level to get the Markdown level
	notes     map[string]int // "f:ID" or "e:ID" -> index in noteOrder
	noteOrder []noteRef
	anchors   map[string]string // bookmark -> heading id, for the bookmarks links point to
	// list state
	stack    []listLevel
	counters map[string]int // "numID/level" -> last number written
}

type listLevel struct {
	numID   string
	ordered bool
	delim   string // ". " or ") " for ordered lists, "- " or "* " for others
	level   int    // Word's level, 0 outermost
	last    int    // the last number written
	col     int    // column of its items' markers
	content int    // column of its items' content
}

// prepare finds the heading shift and the bookmarks links point to.
func (w *mdWriter) prepare(blocks []Block) {
	minLevel := 0
	wanted := map[string]bool{}
	var walkIns func([]Inline)
	walkIns = func(ins []Inline) {
		for _, in := range ins {
			if l, ok := in.(*Link); ok {
				if l.URL == "" && l.Anchor != "" {
					wanted[l.Anchor] = true
				}
				walkIns(l.Inlines)
			}
		}
	}
	eachPara(blocks, func(p *Para) {
		if p.Heading > 0 && (minLevel == 0 || p.Heading < minLevel) {
			minLevel = p.Heading
		}
		walkIns(p.Inlines)
	})
	for _, notes := range []map[string][]Block{w.doc.Footnotes, w.doc.Endnotes} {
		for _, bs := range notes {
			eachPara(bs, func(p *Para) { walkIns(p.Inlines) })
		}
	}
	if minLevel > 0 {
		w.shift = 2 - minLevel
	}
	used := map[string]bool{}
	eachPara(blocks, func(p *Para) {
		if p.Heading == 0 {
			return
		}
		for _, bm := range p.Bookmarks {
			if wanted[bm] {
				id := anchorID(bm)
				for n := 2; used[id]; n++ {
					id = anchorID(bm) + "-" + strconv.Itoa(n)
				}
				used[id] = true
				w.anchors[bm] = id
			}
		}
	})
}

// eachPara calls f for each paragraph of blocks, in tables too.
func eachPara(blocks []Block, f func(*Para)) {
	for _, b := range blocks {
		switch v := b.(type) {
		case *Para:
			f(v)
		case *Table:
			for _, row := range v.Rows {
				for _, c := range row {
					for _, p := range c.Paras {
						f(p)
					}
				}
			}
		}
	}
}

// anchorID makes a heading id out of a bookmark's name: letters, digits,
// - and _ kept, anything else a "-".
func anchorID(name string) string {
	var b strings.Builder
	for _, r := range name {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	s := strings.Trim(b.String(), "-_")
	if s == "" || !unicode.IsLetter([]rune(s)[0]) {
		s = "h" + s
	}
	return s
}

func (w *mdWriter) blocks(b *strings.Builder, blocks []Block) {
	prevQuote := false
	for _, blk := range blocks {
		switch v := blk.(type) {
		case *Table:
			w.endList(b)
			sep(b)
			w.table(b, v)
			prevQuote = false
		case *Para:
			if v.List != nil && v.Heading == 0 {
				w.listItem(b, v)
				prevQuote = false
				continue
			}
			w.endList(b)
			if v.Heading > 0 {
				text := strings.TrimSpace(w.inlines(unbold(v.Inlines), modeLine))
				if text != "" {
					sep(b)
					level := min(max(v.Heading+w.shift, 2), 6)
					b.WriteString(strings.Repeat("#", level) + " " + text)
					for _, bm := range v.Bookmarks {
						if id, ok := w.anchors[bm]; ok {
							b.WriteString(" {#" + id + "}")
							break
						}
					}
					b.WriteString("\n")
					prevQuote = false
					continue
				}
			}
			text := strings.TrimSpace(w.inlines(v.Inlines, modeBlock))
			if text == "" {
				continue
			}
			if v.Quote {
				if prevQuote {
					b.WriteString(">\n")
				} else {
					sep(b)
				}
				for _, line := range strings.Split(text, "\n") {
					b.WriteString(strings.TrimRight("> "+line, " ") + "\n")
				}
				prevQuote = true
				continue
			}
			sep(b)
			b.WriteString(text + "\n")
			prevQuote = false
		}
	}
	w.endList(b)
}

// unbold is inlines without bold: a heading is bold already.
func unbold(ins []Inline) []Inline {
	out := make([]Inline, len(ins))
	for i, in := range ins {
		if t, ok := in.(*Text); ok && t.Bold {
			c := *t
			c.Bold = false
			in = &c
		}
		out[i] = in
	}
	return out
}

// sep starts a new block: a blank line after what is written.
func sep(b *strings.Builder) {
	s := b.String()
	switch {
	case s == "", strings.HasSuffix(s, "\n\n"):
	case strings.HasSuffix(s, "\n"):
		b.WriteString("\n")
	default:
		b.WriteString("\n\n")
	}
}

func (w *mdWriter) endList(b *strings.Builder) {
	if len(w.stack) > 0 {
		w.stack = w.stack[:0]
		b.WriteString("\n")
	}
}

func (w *mdWriter) listItem(b *strings.Builder, p *Para) {
	it := p.List
	if len(w.stack) == 0 {
		sep(b)
	}
	// Leave the levels deeper than this item; a sibling (or another list
	// at this item's level) takes its place.
	col := 0
	delim := "- "
	if it.Ordered {
		delim = ". "
	}
	for len(w.stack) > 0 {
		top := w.stack[len(w.stack)-1]
		if top.level > it.Level {
			w.stack = w.stack[:len(w.stack)-1]
			continue
		}
		if top.level == it.Level {
			col = top.col
			w.stack = w.stack[:len(w.stack)-1]
			next := w.counters[it.NumID+"/"+strconv.Itoa(it.Level)] + 1
			if _, seen := w.counters[it.NumID+"/"+strconv.Itoa(it.Level)]; !seen {
				next = it.Start
			}
			switch {
			case top.ordered == it.Ordered && (top.numID == it.NumID || !it.Ordered || next == top.last+1):
				// The same list as Word shows it: bullets, or numbers
				// that go on.
				delim = top.delim
			case top.ordered == it.Ordered:
				// Another list right after: Markdown would join them
				// unless the marker differs.
				delim = map[string]string{". ": ") ", ") ": ". ", "- ": "* ", "* ": "- "}[top.delim]
			}
		} else {
			col = top.content
		}
		break
	}
	// Deeper levels of this list start again after this item.
	for k := range w.counters {
		if num, lvl, ok := strings.Cut(k, "/"); ok && num == it.NumID {
			if n, _ := strconv.Atoi(lvl); n > it.Level {
				delete(w.counters, k)
			}
		}
	}
	marker := delim[:1]
	last := 0
	if it.Ordered {
		key := it.NumID + "/" + strconv.Itoa(it.Level)
		n, ok := w.counters[key]
		if !ok {
			n = it.Start
		} else {
			n++
		}
		w.counters[key] = n
		last = n
		marker = strconv.Itoa(n) + delim[:1]
	}
	content := col + len(marker) + 1
	w.stack = append(w.stack, listLevel{numID: it.NumID, ordered: it.Ordered, delim: delim, level: it.Level, last: last, col: col, content: content})
	text := strings.TrimSpace(w.inlines(p.Inlines, modeBlock))
	text = strings.ReplaceAll(text, "\n", "\n"+strings.Repeat(" ", content))
	b.WriteString(strings.Repeat(" ", col) + marker + " " + text + "\n")
}

func (w *mdWriter) table(b *strings.Builder, t *Table) {
	var grid [][]string
	cols := 0
	for _, row := range t.Rows {
		var cells []string
		for _, c := range row {
			text := ""
			if !c.Merge {
				var parts []string
				for _, p := range c.Paras {
					if s := strings.TrimSpace(w.inlines(p.Inlines, modeCell)); s != "" {
						parts = append(parts, s)
					}
				}
				text = strings.Join(parts, " ")
			}
			cells = append(cells, text)
			for i := 1; i < c.Span; i++ {
				cells = append(cells, "")
			}
		}
		cols = max(cols, len(cells))
		grid = append(grid, cells)
	}
	for i, cells := range grid {
		for len(cells) < cols {
			cells = append(cells, "")
		}
		b.WriteString("|")
		for _, c := range cells {
			b.WriteString(" " + c + " |")
		}
		b.WriteString("\n")
		if i == 0 {
			b.WriteString("|" + strings.Repeat(" --- |", cols) + "\n")
		}
	}
}

// Where inline text goes: a paragraph, a line (heading), a table cell.
type inlineMode int

const (
	modeBlock inlineMode = iota
	modeLine
	modeCell
)

// inlines writes inline content as Markdown.
func (w *mdWriter) inlines(ins []Inline, mode inlineMode) string {
	var b strings.Builder
	var open []byte // emphasis open now, outermost first: 'b', 'i', 's'
	marker := map[byte]string{'b': "**", 'i': "*", 's': "~~"}
	want := func(t *Text) []byte {
		var f []byte
		if t.Bold {
			f = append(f, 'b')
		}
		if t.Italic {
			f = append(f, 'i')
		}
		if t.Strike {
			f = append(f, 's')
		}
		return f
	}
	closeAll := func() {
		for i := len(open) - 1; i >= 0; i-- {
			b.WriteString(marker[open[i]])
		}
		open = open[:0]
	}
	// lasts says how many following texts keep format f, to open the
	// longest-lasting emphasis outermost.
	lasts := func(from int, f byte) int {
		n := 0
		for _, in := range ins[from:] {
			t, ok := in.(*Text)
			if !ok || !slices.Contains(want(t), f) {
				break
			}
			n++
		}
		return n
	}
	for i, in := range ins {
		switch v := in.(type) {
		case *Text:
			s := strings.ReplaceAll(v.S, "\n", " ")
			core := strings.TrimSpace(s)
			if core == "" {
				b.WriteString(s)
				continue
			}
			lead := s[:strings.Index(s, core)]
			trail := s[len(lead)+len(core):]
			f := want(v)
			// Close what this text does not have (and what was opened
			// inside it), then open what it adds.
			keep := 0
			for keep < len(open) && slices.Contains(f, open[keep]) {
				keep++
			}
			for j := len(open) - 1; j >= keep; j-- {
				b.WriteString(marker[open[j]])
			}
			open = open[:keep]
			b.WriteString(lead)
			var add []byte
			for _, c := range f {
				if !slices.Contains(open, c) {
					add = append(add, c)
				}
			}
			slices.SortStableFunc(add, func(x, y byte) int { return lasts(i, y) - lasts(i, x) })
			for _, c := range add {
				b.WriteString(marker[c])
				open = append(open, c)
			}
			b.WriteString(escape(core, mode, b.Len() == 0 || strings.HasSuffix(b.String(), "\n")))
			if trail != "" {
				closeAll()
				b.WriteString(trail)
			}
		case *Link:
			closeAll()
			inner := strings.TrimSpace(w.inlines(v.Inlines, mode))
			dest := ""
			switch {
			case v.URL != "" && safeURL(v.URL):
				dest = linkDest(v.URL)
			case v.URL == "" && v.Anchor != "":
				if id, ok := w.anchors[v.Anchor]; ok {
					dest = "#" + id
				}
			}
			switch {
			case dest == "":
				b.WriteString(inner)
			case inner == "":
				b.WriteString("<" + v.URL + ">")
			default:
				b.WriteString("[" + inner + "](" + dest + ")")
			}
		case *Image:
			closeAll()
			name := ""
			if _, ok := w.doc.Media[v.Target]; ok && w.opts.Picture != nil {
				name = w.opts.Picture(v.Target)
			}
			if name == "" {
				continue
			}
			b.WriteString("![" + escape(v.Alt, modeCell, false) + "](" + linkDest(name))
			if v.Caption != "" {
				b.WriteString(" " + strconv.Quote(v.Caption))
			}
			b.WriteString(")")
		case *NoteRef:
			closeAll()
			key := "f:" + v.ID
			notes := w.doc.Footnotes
			if v.Endnote {
				key, notes = "e:"+v.ID, w.doc.Endnotes
			}
			bs, ok := notes[v.ID]
			if !ok {
				continue
			}
			n, ok := w.notes[key]
			if !ok {
				w.noteOrder = append(w.noteOrder, noteRef{key: key, blocks: bs})
				n = len(w.noteOrder) - 1
				w.notes[key] = n
			}
			fmt.Fprintf(&b, "[^%d]", n+1)
		case *Break:
			closeAll()
			if mode == modeBlock {
				b.WriteString("\\\n")
			} else {
				b.WriteString(" ")
			}
		}
	}
	closeAll()
	out := b.String()
	if mode == modeBlock {
		out = strings.TrimSuffix(strings.TrimRight(out, " "), "\\\n")
	}
	return out
}

// safeURL reports whether a link's URL is one a story may link to.
func safeURL(u string) bool {
	l := strings.ToLower(u)
	for _, p := range []string{"http://", "https://", "mailto:", "ftp://"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// linkDest writes a link destination, in <> when it has spaces or
// parentheses.
func linkDest(u string) string {
	if strings.ContainsAny(u, " ()<>") {
		return "<" + strings.NewReplacer(" ", "%20", "<", "%3C", ">", "%3E").Replace(u) + ">"
	}
	return u
}

// escape makes text stand for itself in Markdown. lineStart says the text
// starts a line, where # - + > and "1." would start a block.
func escape(s string, mode inlineMode, lineStart bool) string {
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '~', '|':
			b.WriteByte('\\')
		case '{':
			if mode == modeLine {
				b.WriteByte('\\')
			}
		case '&':
			if i+1 < len(s) {
				if c, _ := utf8.DecodeRuneInString(s[i+1:]); c == '#' || unicode.IsLetter(c) {
					b.WriteByte('\\')
				}
			}
		case '#', '+', '-', '=':
			if i == 0 && lineStart {
				b.WriteByte('\\')
			}
		case '.', ')':
			if lineStart && i > 0 && allDigits(s[:i]) {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}
