package docx

import (
	"regexp"
	"strconv"
	"strings"
)

// style is one w:style of styles.xml, as far as stories need it.
type style struct {
	name, basedOn string
	outline       int // outline level 0-8, -1 if none
	numID         string
	ilvl          int
	hasNum        bool
	left          int // left indent in twips
	bold, italic  int // 1 on, 0 off, -1 unset
	strike        int
}

// styleSheet holds the paragraph and character styles by w:styleId.
type styleSheet map[string]*style

func (a *archive) readStyles(part string) (styleSheet, error) {
	ss := styleSheet{}
	err := a.eachStart(part, func(x *xmlReader, se startTok) error {
		if se.Name.Local != "style" {
			return nil
		}
		s := &style{outline: -1, bold: -1, italic: -1, strike: -1}
		ss[attr(se, "styleId")] = s
		return x.children(func(c startTok) error {
			switch c.Name.Local {
			case "name":
				s.name = attr(c, "val")
			case "basedOn":
				s.basedOn = attr(c, "val")
			case "pPr":
				return x.children(func(p startTok) error {
					switch p.Name.Local {
					case "outlineLvl":
						s.outline = intAttr(p, "val", -1)
					case "ind":
						s.left = indent(p)
					case "numPr":
						s.hasNum = true
						return x.numPr(&s.numID, &s.ilvl)
					}
					return x.skip()
				}, nil)
			case "rPr":
				return x.children(func(r startTok) error {
					switch r.Name.Local {
					case "b":
						s.bold = b2i(on(r))
					case "i":
						s.italic = b2i(on(r))
					case "strike", "dstrike":
						s.strike = b2i(on(r))
					}
					return x.skip()
				}, nil)
			}
			return x.skip()
		}, nil)
	})
	if err != nil {
		return nil, err
	}
	return ss, nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// indent is a w:ind's left (or start) indent in twips.
func indent(se startTok) int {
	for _, k := range []string{"left", "start"} {
		if v := attr(se, k); v != "" {
			n, _ := strconv.Atoi(v)
			return n
		}
	}
	return 0
}

// chain returns the style and those it is based on, nearest first.
func (ss styleSheet) chain(id string) []*style {
	var out []*style
	for i := 0; i < 20 && id != ""; i++ {
		s := ss[id]
		if s == nil {
			break
		}
		out = append(out, s)
		id = s.basedOn
	}
	return out
}

var headingName = regexp.MustCompile(`^(?:heading|标题|見出し)\s*([1-9])$`)

// headingLevel is the heading level a style's name or id says, or 0.
func headingLevel(name, id string) int {
	for _, s := range []string{strings.ToLower(strings.TrimSpace(name)), strings.ToLower(id)} {
		if m := headingName.FindStringSubmatch(s); m != nil {
			return int(m[1][0] - '0')
		}
	}
	return 0
}

func isTitle(name string) bool {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "title", "标题":
		return true
	}
	return false
}

func isQuote(name string) bool {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "quote", "intense quote", "block text", "quotation", "quotations", "引用", "明显引用", "块文本", "引文":
		return true
	}
	return false
}

// isCaption is a picture's or table's caption style.
func isCaption(name string) bool {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "caption", "image caption", "figure caption", "figurecaption", "题注", "图片标题":
		return true
	}
	return false
}

// isTOC is a table of contents entry's style ("toc 1", "目录 1").
func isTOC(name string) bool {
	n := strings.ToLower(strings.TrimSpace(name))
	return strings.HasPrefix(n, "toc ") || strings.HasPrefix(n, "目录 ") || strings.HasPrefix(n, "contents ") || n == "toc heading"
}

// numbering holds numbering.xml: each w:num's levels.
type numbering struct {
	abstract map[string]map[int]*level // abstractNumId -> ilvl -> level
	nums     map[string]numDef
}

type level struct {
	format string
	start  int
}

type numDef struct {
	abstract string
	starts   map[int]int    // startOverride by ilvl
	levels   map[int]*level // a whole level redefined in lvlOverride
}

func (a *archive) readNumbering(part string) (*numbering, error) {
	n := &numbering{abstract: map[string]map[int]*level{}, nums: map[string]numDef{}}
	err := a.eachStart(part, func(x *xmlReader, se startTok) error {
		switch se.Name.Local {
		case "abstractNum":
			levels := map[int]*level{}
			n.abstract[attr(se, "abstractNumId")] = levels
			return x.children(func(c startTok) error {
				if c.Name.Local != "lvl" {
					return x.skip()
				}
				l, err := x.level()
				levels[intAttr(c, "ilvl", 0)] = l
				return err
			}, nil)
		case "num":
			d := numDef{starts: map[int]int{}, levels: map[int]*level{}}
			err := x.children(func(c startTok) error {
				switch c.Name.Local {
				case "abstractNumId":
					d.abstract = attr(c, "val")
				case "lvlOverride":
					il := intAttr(c, "ilvl", 0)
					return x.children(func(o startTok) error {
						switch o.Name.Local {
						case "startOverride":
							d.starts[il] = intAttr(o, "val", 1)
						case "lvl":
							l, err := x.level()
							d.levels[il] = l
							return err
						}
						return x.skip()
					}, nil)
				}
				return x.skip()
			}, nil)
			n.nums[attr(se, "numId")] = d
			return err
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return n, nil
}

// level reads a w:lvl's start and number format, in w:abstractNum and in
// a w:lvlOverride alike.
func (x *xmlReader) level() (*level, error) {
	l := &level{format: "decimal", start: 1}
	return l, x.children(func(p startTok) error {
		switch p.Name.Local {
		case "start":
			l.start = intAttr(p, "val", 1)
		case "numFmt":
			l.format = attr(p, "val")
		}
		return x.skip()
	}, nil)
}

// item describes list numID at level ilvl, or nil when numID is none.
func (n *numbering) item(numID string, ilvl int) *ListItem {
	if numID == "" || numID == "0" {
		return nil
	}
	it := &ListItem{NumID: numID, Level: min(max(ilvl, 0), 8), Start: 1}
	d, ok := n.nums[numID]
	if !ok {
		it.Ordered = false
		return it
	}
	l := d.levels[ilvl]
	if l == nil {
		l = n.abstract[d.abstract][ilvl]
	}
	if l != nil {
		it.Start = l.start
		switch l.format {
		case "bullet", "none", "":
		default:
			it.Ordered = true
		}
	}
	if s, ok := d.starts[ilvl]; ok {
		it.Start = s
	}
	return it
}
