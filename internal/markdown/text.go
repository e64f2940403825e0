package markdown

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"github.com/jiangninglu/showcase/internal/unitext"
)

// DefaultSummaryLen is the length, in Summarize units (runes), of the summary
// Render takes from a story's first paragraph.
const DefaultSummaryLen = 120

// appendPlain appends the text n's inline descendants render, markup
// stripped: entities and backslash escapes resolved, code span text kept,
// image alt text, raw HTML and footnote marks left out, a soft line break as
// a space or nothing, as in the HTML.
func appendPlain(dst []byte, n ast.Node, src []byte) []byte { return appendText(dst, n, src, false) }

// appendAlt appends the alternative text of img: its plain text, with that
// of any image inside it ("![foo ![bar](/u)](/u2)" -> "foo bar", CommonMark
// example 574).
func appendAlt(dst []byte, img *ast.Image, src []byte) []byte { return appendText(dst, img, src, true) }

func appendText(dst []byte, n ast.Node, src []byte, alt bool) []byte {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(src)
			if c.IsRaw() {
				// code span content: its line endings render as spaces
				for _, b := range v {
					if b == '\n' {
						b = ' '
					}
					if b != '\r' {
						dst = append(dst, b)
					}
				}
				continue
			}
			dst = appendUnescaped(dst, v)
			if c.HardLineBreak() || c.SoftLineBreak() && softBreakKept(c, src) {
				dst = append(dst, ' ')
			}
		case *ast.String:
			dst = append(dst, c.Value...)
		case *ast.AutoLink:
			dst = append(dst, c.Label(src)...)
		case *ast.Image:
			if alt {
				dst = appendText(dst, c, src, alt)
			}
		case *ast.RawHTML:
		default:
			dst = appendText(dst, c, src, alt)
		}
	}
	return dst
}

// appendUnescaped appends Markdown text with backslash escapes and character
// references resolved.
func appendUnescaped(dst, v []byte) []byte {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return append(dst, v...)
	}
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	v = util.ResolveEntityNames(v)
	return append(dst, v...)
}

// Summarize cuts plain text to at most max runes, for a summary or a meta
// description. Every rune is one unit, Chinese or Latin, letter, space or
// punctuation; white space is first collapsed to single spaces and trimmed.
//
// Text that fits is returned whole. Otherwise the cut prefers, within the
// last quarter of the limit, the last sentence end (。！？；, or . ! ? ;
// followed by a space), then the last other punctuation (，、：）」” ..., or
// , : ) followed by a space);
// failing both it cuts at the limit, but never inside a Latin word or a run of
// ASCII letters, digits and punctuation such as "example.org" (unless that
// alone is longer than the limit) nor between a character and the combining
// marks or joiners that follow it. A trailing comma, colon, middle dot, dash
// or opening bracket is dropped, and "…" is appended: the result is at most max
// runes plus the "…". max <= 0 gives "".
func Summarize(text string, max int) string {
	text = string(unitext.CollapseSpace([]byte(text)))
	if max <= 0 {
		return ""
	}
	// end: byte offset just after the max-th rune.
	end, n := 0, 0
	for end < len(text) && n < max {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
		n++
	}
	if end >= len(text) {
		return text
	}
	for end > 0 {
		next, _ := utf8.DecodeRuneInString(text[end:])
		prev, size := utf8.DecodeLastRuneInString(text[:end])
		if !continuesCluster(next) && prev != '\u200D' {
			break
		}
		end -= size
	}

	// Find the best place to cut: punctuation only counts in the last quarter
	// of the limit, a word boundary anywhere.
	windowStart := max - max/4
	sentence, punct, wordBreak := 0, 0, 0
	i := 0
	next, nextSize := utf8.DecodeRuneInString(text)
	for pos := 0; pos < end; i++ {
		r := next
		pos += nextSize
		next, nextSize = utf8.DecodeRuneInString(text[pos:]) // RuneError at the end of text
		if !(joinsWord(r) && joinsWord(next)) && !continuesCluster(next) && r != '\u200D' {
			wordBreak = pos
		}
		if i+1 < windowStart {
			continue
		}
		switch {
		case r < utf8.RuneSelf:
			// only before a space: "3.5" and "example.org" go on
			switch {
			case next != ' ':
			case strings.ContainsRune(".!?;", r):
				sentence = pos
			case strings.ContainsRune(",:)]\"'", r):
				punct = pos
			}
		case isIdeograph(r): // not punctuation: skip the look-ups below
		case strings.ContainsRune("。！？；", r):
			sentence = pos
		case unicode.In(r, unicode.Po, unicode.Pe, unicode.Pf):
			punct = pos
		}
	}
	cut := end
	switch {
	case sentence > 0:
		cut = sentence
	case punct > 0:
		cut = punct
	case wordBreak > 0:
		cut = wordBreak
	}
	out := strings.TrimRightFunc(text[:cut], func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",，、:：·-–—", r) ||
			unicode.In(r, unicode.Ps, unicode.Pi)
	})
	if out == "" {
		out = text[:end]
	}
	return out + "…"
}

// continuesCluster reports runes that belong to the character before them:
// combining marks, variation selectors, emoji modifiers and tags.
func continuesCluster(r rune) bool {
	if isIdeograph(r) {
		return false // the commonest case, without the table look-ups
	}
	return r >= 0x300 && (unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) ||
		r == '\u200D' || (0x1F3FB <= r && r <= 0x1F3FF) || (0xE0020 <= r && r <= 0xE007F))
}

// isIdeograph reports CJK Unified Ideographs (U+4E00..U+9FFF), nearly
// every character of a Chinese story: letters (Lo), never marks or
// punctuation.
func isIdeograph(r rune) bool { return 0x4E00 <= r && r <= 0x9FFF }

// joinsWord reports runes that may not be separated from a neighbour that
// joins words too: word runes and ASCII punctuation, so that "example.org",
// "3.5" and "don't" stay whole.
func joinsWord(r rune) bool {
	return '!' <= r && r <= '~' || isWordRune(r)
}

// isWordRune reports runes that make up space-separated words: letters and
// digits of scripts other than Chinese, Japanese and Korean.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	if 0x3000 <= r && r <= 0x9FFF || 0xFF00 <= r && r <= 0xFFEF { // CJK punctuation, kana, ideographs, full-width forms
		return false
	}
	return (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc)) &&
		!isCJKChar(r)
}

// isCJKChar reports the characters CountChars counts one each: Han, kana,
// Hangul and other full-width or wide letters and digits.
func isCJKChar(r rune) bool {
	if r < 0x1100 {
		return false
	}
	if 0x4E00 <= r && r <= 0x9FFF { // CJK Unified Ideographs: nearly every character of a story
		return true
	}
	if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
		return true
	}
	return eastAsianWide(r) && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// charCounter counts CJK characters and Latin words over text that arrives
// in pieces; a word may continue from one piece into the next.
type charCounter struct {
	cjk, words int
	inWord     bool
}

func (c *charCounter) add(r rune) {
	switch {
	case 0x4E00 <= r && r <= 0x9FFF: // fast path: most of a story
		c.cjk++
		c.inWord = false
	case r < utf8.RuneSelf && !isWordRune(r), // fast path: ASCII and CJK punctuation
		r >= utf8.RuneSelf && (unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r)):
		c.inWord = false
	case isCJKChar(r):
		c.cjk++
		c.inWord = false
	case isWordRune(r):
		if !c.inWord && !unicode.In(r, unicode.Mn, unicode.Mc) {
			c.words++
			c.inWord = true
		}
	default:
		c.inWord = false
	}
}

// write counts b as add would count its runes, one at a time (invalid
// UTF-8 as utf8.RuneError, byte by byte).
func (c *charCounter) write(b []byte) {
	// Runs of CJK Unified Ideographs (U+4E00..U+9FFF: E4 B8 80 to
	// E9 BF BF) are counted in a tight loop, and what add does with ASCII
	// and the punctuation stories use (U+3000..U+303F: E3 80 xx;
	// U+FF00..U+FF7F: EF BC xx, EF BD xx) is looked up: several times
	// faster than decoding each rune and asking package unicode.
	cjk, words, inWord := c.cjk, c.words, c.inWord
	for i := 0; i < len(b); {
		run := b[i:]
		for len(run) >= 3 {
			// the three bytes as one number: a range and two continuation bytes
			x := uint32(run[0])<<16 | uint32(run[1])<<8 | uint32(run[2])
			if !unitext.Ideograph3(x) {
				break
			}
			run = run[3:]
		}
		if n := len(b) - i - len(run); n > 0 {
			cjk += n / 3
			inWord = false
			i += n
			continue
		}
		b0 := b[i]
		cl, size := classSlow, 1
		switch {
		case b0 < utf8.RuneSelf:
			cl = asciiClass[b0]
		case i+2 >= len(b) || b[i+1]&0xC0 != 0x80 || b[i+2]&0xC0 != 0x80:
		case b0 == 0xE3 && b[i+1] == 0x80:
			cl, size = cjkSymbolClass[b[i+2]&0x3F], 3
		case b0 == 0xEF && (b[i+1] == 0xBC || b[i+1] == 0xBD):
			cl, size = fullWidthClass[int(b[i+1]-0xBC)<<6|int(b[i+2]&0x3F)], 3
		}
		switch cl {
		case classBreak:
			inWord = false
		case classCJK:
			cjk++
			inWord = false
		case classWord:
			if !inWord {
				words++
				inWord = true
			}
		case classSlow:
			var r rune
			r, size = utf8.DecodeRune(b[i:])
			c.cjk, c.words, c.inWord = cjk, words, inWord
			c.add(r)
			cjk, words, inWord = c.cjk, c.words, c.inWord
		}
		i += size
	}
	c.cjk, c.words, c.inWord = cjk, words, inWord
}

// A runeClass is what add does with a rune.
type runeClass uint8

const (
	classBreak runeClass = iota // ends a word
	classCJK                    // counts one and ends a word
	classWord                   // starts a word or goes on with one
	classMark                   // nothing: a combining mark
	classSlow                   // not looked up: ask add
)

// classOf finds out what add does with r.
func classOf(r rune) runeClass {
	in, out := charCounter{inWord: true}, charCounter{}
	in.add(r)
	out.add(r)
	switch {
	case in.cjk == 1:
		return classCJK
	case out.words == 1:
		return classWord
	case in.inWord:
		return classMark
	}
	return classBreak
}

var asciiClass, cjkSymbolClass, fullWidthClass = func() (ascii [utf8.RuneSelf]runeClass, sym [0x40]runeClass, full [0x80]runeClass) {
	for r := range ascii {
		ascii[r] = classOf(rune(r))
	}
	for i := range sym {
		sym[i] = classOf(0x3000 + rune(i))
	}
	for i := range full {
		full[i] = classOf(0xFF00 + rune(i))
	}
	return
}()

// brk ends the current word: a line break, a block end.
func (c *charCounter) brk() { c.inWord = false }

// CountChars returns the length of text as readers feel it: each CJK
// character (Han, Hiragana, Katakana, Hangul, full-width letters and digits)
// counts one, each run of other letters and digits (a Latin word, "2021")
// counts one, and punctuation, symbols, emoji and white space count nothing.
// "2021年社区花园 opened" counts 1 + 5 + 1 = 7.
func CountChars(text string) int {
	var c charCounter
	for _, r := range text {
		c.add(r)
	}
	return c.cjk + c.words
}

// ReadingMinutes estimates reading time for cjkChars CJK characters and
// latinWords Latin words: about 400 characters or 200 words a minute, rounded
// up. It is at least 1 when there is anything to read and 0 when there is
// nothing; negative counts count as 0.
func ReadingMinutes(cjkChars, latinWords int) int {
	units := max(cjkChars, 0) + 2*max(latinWords, 0) // in 1/400 minute
	if units == 0 {
		return 0
	}
	return (units + 399) / 400
}
