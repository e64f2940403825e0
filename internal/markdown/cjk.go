package markdown

import (
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// This file decides what a soft line break turns into. Goldmark's own
// EastAsianLineBreaks option looks only at the next sibling Text node, so a
// break before a link, code span or emphasis vanishes even between Latin
// words (yuin/goldmark#582); we look at the runes actually rendered on both
// sides instead.

const zeroWidthSpace = '\u200B'

// eastAsianWide reports East Asian Width F, W or H: the characters CSS Text
// treats as wide. Emoji such as 😀 are W; goldmark's util.EastAsianWidth
// calls them narrow, so the table is ours (cjk_emphasis_table.go).
func eastAsianWide(r rune) bool {
	return isIdeograph(r) || // the commonest case, without the table look-up
		r >= 0x1100 && unicode.Is(eastAsianWideTable, r) // nothing below the Hangul Jamo block is F, W or H
}

func isHangul(r rune) bool {
	return r >= 0x1100 && !isIdeograph(r) && unicode.Is(unicode.Hangul, r)
}

// cjkPunct reports full-width and CJK punctuation (，。「」、！ and the
// ideographic space): CSS's space-discarding set intersected with P*.
func cjkPunct(r rune) bool {
	if r < 0x2000 {
		return false
	}
	return (r == '\u3000' || unicode.IsPunct(r)) &&
		(util.IsSpaceDiscardingUnicodeRune(r) || eastAsianWide(r))
}

// keepSoftBreak reports whether a soft line break between before and after
// stays a line break (rendered as white space). It follows the CSS Text 3
// segment break rules (2020 draft), as goldmark's EastAsianLineBreaksCSS3Draft
// does, so a break between a Chinese character and an emoji ("社区\n😀")
// goes, with two differences:
//   - goldmark also drops the break after ASCII punctuation ("Hello,\nworld"
//     -> "Hello,world", an operator-precedence slip); we keep it;
//   - non-ASCII punctuation such as “ ” ‘ ’ — … (East Asian Ambiguous width)
//     beside a Chinese or Japanese character drops the break, because Chinese
//     text uses them without spaces.
func keepSoftBreak(before, after rune) bool {
	if before == zeroWidthSpace || after == zeroWidthSpace {
		return false
	}
	// An emoji presentation selector makes the character before it an
	// emoji: "❤️" is as wide as "😀".
	bw, aw := eastAsianWide(before) || before == '\uFE0F', eastAsianWide(after)
	if bw && aw {
		return isHangul(before) || isHangul(after)
	}
	if cjkPunct(before) || cjkPunct(after) {
		return false
	}
	if bw && !isHangul(before) && after >= utf8.RuneSelf && unicode.IsPunct(after) ||
		aw && !isHangul(after) && before >= utf8.RuneSelf && unicode.IsPunct(before) {
		return false
	}
	return true
}

// softBreakKept decides for the soft line break that ends t.
func softBreakKept(t *ast.Text, src []byte) bool {
	var before rune
	if v := t.Segment.Value(src); len(v) > 0 {
		before, _ = utf8.DecodeLastRune(v)
	} else {
		before = runeBeside(t, src, false)
	}
	if before < 0 {
		return true
	}
	after := runeBeside(t, src, true)
	if after < 0 {
		return true
	}
	return keepSoftBreak(before, after)
}

// runeBeside returns the first rune rendered after n (forward) or the last
// one rendered before it, within n's block, or -1 when the neighbour is not
// text (an image, raw HTML, a footnote mark) or there is none.
func runeBeside(n ast.Node, src []byte, forward bool) rune {
	for {
		s := n.PreviousSibling()
		if forward {
			s = n.NextSibling()
		}
		for ; s != nil; s = sibling(s, forward) {
			if r, ok := edgeRune(s, src, forward); ok {
				return r
			}
		}
		p := n.Parent()
		if p == nil || p.Type() == ast.TypeBlock {
			return -1
		}
		n = p
	}
}

func sibling(n ast.Node, forward bool) ast.Node {
	if forward {
		return n.NextSibling()
	}
	return n.PreviousSibling()
}

// edgeRune returns the first (forward) or last rune n renders. ok is false
// when n renders no text at all, so the search goes on past it; r is -1 for
// nodes that render something other than text.
func edgeRune(n ast.Node, src []byte, forward bool) (r rune, ok bool) {
	var v []byte
	switch n := n.(type) {
	case *ast.Text:
		v = n.Segment.Value(src)
	case *ast.String:
		v = n.Value
	case *ast.AutoLink:
		v = n.Label(src)
	case *ast.Image, *ast.RawHTML:
		return -1, true
	default:
		if !n.HasChildren() {
			return -1, true // footnote marks, task check boxes and the like
		}
		c := n.LastChild()
		if forward {
			c = n.FirstChild()
		}
		for ; c != nil; c = sibling(c, forward) {
			if r, ok := edgeRune(c, src, forward); ok {
				return r, true
			}
		}
		return 0, false
	}
	if len(v) == 0 {
		return 0, false
	}
	if forward {
		r, _ = utf8.DecodeRune(v)
	} else {
		r, _ = utf8.DecodeLastRune(v)
	}
	return r, true
}
