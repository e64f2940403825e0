package docx

// Document is what Read found in a Word document: its body as blocks, the
// text of its notes, its pictures, and what it had that a story cannot
// hold (Dropped).
type Document struct {
	Body      []Block
	Footnotes map[string][]Block // by w:id
	Endnotes  map[string][]Block // by w:id
	// Media are the pictures the body uses, by their part name in the zip
	// ("word/media/image1.png"), read and bounded.
	Media map[string][]byte
	// Dropped names the kinds of content left out, in the order found:
	// "comments", "headers", "footers", "page numbers", "table of
	// contents", "linked pictures" (pictures the file links to but does
	// not hold).
	Dropped []string
	// Unconvertible lists pictures that are not photos a browser shows
	// (EMF, WMF...): their part names.
	Unconvertible []string
}

// Block is a *Para or a *Table.
type Block interface{ block() }

// Para is a paragraph with its style resolved.
type Para struct {
	Heading int  // 1-9 for a heading, else 0
	Title   bool // the Title style
	Quote   bool // a Quote style or a left indent without numbering
	Caption bool // a Caption style
	List    *ListItem
	Inlines []Inline
	// Bookmarks are the names of bookmarks that start in this paragraph.
	Bookmarks []string
}

// ListItem says a paragraph is an item of list NumID at level Level (0 is
// the outermost).
type ListItem struct {
	NumID   string
	Level   int
	Ordered bool
	Start   int // the level's first number
}

// Table is a table; Rows hold the cells as laid out, merged cells marked.
type Table struct{ Rows [][]*Cell }

// Cell is one table cell.
type Cell struct {
	Paras []*Para
	Span  int  // columns it spans (gridSpan), at least 1
	Merge bool // it continues the cell above (vMerge continue)
}

func (*Para) block()  {}
func (*Table) block() {}

// Inline is a *Text, *Link, *Image, *NoteRef or *Break.
type Inline interface{ inline() }

// Text is a run of text in one format.
type Text struct {
	S                    string
	Bold, Italic, Strike bool
}

// Link is a hyperlink: to URL, or to a bookmark in the document (Anchor).
type Link struct {
	URL, Anchor string
	Inlines     []Inline
}

// Image is a picture: Target is its part name, Alt its description.
type Image struct {
	Target   string
	Alt      string
	Caption  string // the caption paragraph under it, if any
	Floating bool   // anchored (wp:anchor), not in the line of text
}

// NoteRef is a footnote or endnote reference.
type NoteRef struct {
	Endnote bool
	ID      string
}

// Break is a line break within a paragraph.
type Break struct{}

func (*Text) inline()    {}
func (*Link) inline()    {}
func (*Image) inline()   {}
func (*NoteRef) inline() {}
func (*Break) inline()   {}

// PlainText is the text of inlines, markup and pictures left out.
func PlainText(ins []Inline) string {
	var b []byte
	var walk func([]Inline)
	walk = func(ins []Inline) {
		for _, in := range ins {
			switch v := in.(type) {
			case *Text:
				b = append(b, v.S...)
			case *Link:
				walk(v.Inlines)
			case *Break:
				b = append(b, ' ')
			}
		}
	}
	walk(ins)
	return string(b)
}

// Images lists the pictures of blocks, in tables too, in order.
func Images(blocks []Block) []*Image {
	var out []*Image
	var walk func([]Inline)
	walk = func(ins []Inline) {
		for _, in := range ins {
			switch v := in.(type) {
			case *Image:
				out = append(out, v)
			case *Link:
				walk(v.Inlines)
			}
		}
	}
	for _, b := range blocks {
		switch v := b.(type) {
		case *Para:
			walk(v.Inlines)
		case *Table:
			for _, row := range v.Rows {
				for _, c := range row {
					for _, p := range c.Paras {
						walk(p.Inlines)
					}
				}
			}
		}
	}
	return out
}
