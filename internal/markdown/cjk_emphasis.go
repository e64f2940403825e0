package markdown

import (
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// This file makes *, _ and ~ work next to Chinese punctuation. CommonMark
// lets "**" open emphasis before punctuation only when white space or
// punctuation stands on its other side, which Chinese text, written
// without spaces, never has: "这是**“引号”**后面" and "**重点。**然后" keep
// their asterisks. The CJK-friendly amendment to CommonMark (by tats-u,
// https://github.com/tats-u/markdown-cjk-friendly, specification.md) also
// accepts a CJK character there. Our parsers run ahead of goldmark's
// emphasis and strikethrough parsers and differ from them only in how a
// delimiter run's flanking is decided (flanking); goldmark pairs the
// delimiters and builds the nodes as usual.

// cjkEmphasis is the goldmark extension for * and _.
type cjkEmphasis struct{}

// Extend implements goldmark.Extender.
func (cjkEmphasis) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(delimiterParser{[]byte("*_"), emphasisDelimiters{}}, 490), // goldmark's emphasis parser has 500; lower runs first
	))
}

// cjkStrikethrough is the goldmark extension for ~. It needs GFM's
// strikethrough extension, which renders the nodes.
type cjkStrikethrough struct{}

// Extend implements goldmark.Extender.
func (cjkStrikethrough) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(delimiterParser{[]byte("~"), strikethroughDelimiters{}}, 490), // GFM's strikethrough parser has 500
	))
}

// delimiterParser pushes delimiter runs of its processor's characters.
type delimiterParser struct {
	chars []byte
	proc  parser.DelimiterProcessor
}

func (p delimiterParser) Trigger() []byte { return p.chars }

func (p delimiterParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, segment := block.PeekLine()
	d := scanDelimiter(block, line, p.proc)
	if d == nil {
		return nil
	}
	if d.Char == '~' && (d.OriginalLength > 2 || block.PrecendingCharacter() == '~') {
		return nil // as GFM's strikethrough: ~~~ is no delimiter
	}
	d.Segment = segment.WithStop(segment.Start + d.OriginalLength)
	block.Advance(d.OriginalLength)
	pc.PushDelimiter(d)
	return d
}

type emphasisDelimiters struct{}

func (emphasisDelimiters) IsDelimiter(b byte) bool { return b == '*' || b == '_' }

func (emphasisDelimiters) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (emphasisDelimiters) OnMatch(consumes int) ast.Node { return ast.NewEmphasis(consumes) }

type strikethroughDelimiters struct{}

func (strikethroughDelimiters) IsDelimiter(b byte) bool { return b == '~' }

func (strikethroughDelimiters) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (strikethroughDelimiters) OnMatch(int) ast.Node { return extast.NewStrikethrough() }

// scanDelimiter is parser.ScanDelimiter with the amended flanking rule: it
// reads the delimiter run at the start of line, or returns nil if line does
// not start with a delimiter of proc.
func scanDelimiter(block text.Reader, line []byte, proc parser.DelimiterProcessor) *parser.Delimiter {
	if len(line) == 0 || !proc.IsDelimiter(line[0]) {
		return nil
	}
	c := line[0]
	n := 1
	for n < len(line) && line[n] == c {
		n++
	}
	before, after := classBefore(block), classAfter(line[n:])
	left, right := flanking(before, after)
	canOpen, canClose := left, right
	if c == '_' { // no emphasis inside words: snake_case_name
		canOpen = left && (!right || before.punct())
		canClose = right && (!left || after.punct())
	}
	return parser.NewDelimiter(canOpen, canClose, n, c, proc)
}

// flankClass is what the flanking rule needs to know about the character on
// one side of a delimiter run.
type flankClass uint8

const (
	flankOther    flankClass = iota // letters, digits, marks
	flankSpace                      // Unicode white space, or the line's start or end
	flankPunct                      // punctuation or symbol that is not CJK: ( " “ . ! #, emoji
	flankCJK                        // CJK character that is not punctuation: 中 あ 한 Ａ
	flankCJKPunct                   // CJK punctuation: 。 ， 、 ： 「 （ 《 ！
)

func (c flankClass) punct() bool { return c == flankPunct || c == flankCJKPunct }

// flanking reports whether a delimiter run between a character of class
// before and one of class after is left-flanking (can open) and
// right-flanking (can close). CommonMark's rule, with the amendment's
// addition: beside punctuation, a CJK character on the other side counts
// as white space or punctuation does. Without CJK characters on either
// side it is CommonMark's rule.
func flanking(before, after flankClass) (left, right bool) {
	left = after != flankSpace && (after != flankPunct || before != flankOther)
	right = before != flankSpace && (before != flankPunct || after != flankOther)
	return left, right
}

// classBefore classifies the character before the reader's position. A
// variation selector U+FE00-U+FE0E belongs to the character before it:
// "。︀" is CJK punctuation, "葛︀" CJK. An ideographic variation selector
// (U+E0100-U+E01EF) follows an ideograph, so it counts as CJK.
func classBefore(block text.Reader) flankClass {
	r := block.PrecendingCharacter()
	if 0xE0100 <= r && r <= 0xE01EF {
		return flankCJK
	}
	if !textVariationSelector(r) {
		return classify(r)
	}
	_, pos := block.Position()
	src := block.Source()
	start := pos.Start - utf8.RuneLen(r) // where the selector starts
	if start <= 0 || start > len(src) {
		return flankOther // a selector at the start: a mark like any other
	}
	base, _ := utf8.DecodeLastRune(src[:start])
	switch {
	case util.IsSpaceRune(base):
		return flankOther
	case r == 0xFE01 && isQuote(base):
		return flankCJKPunct
	}
	return classify(base)
}

// classAfter classifies the character at the start of rest, the line after
// a delimiter run.
func classAfter(rest []byte) flankClass {
	if len(rest) == 0 {
		return flankSpace
	}
	r, n := utf8.DecodeRune(rest)
	if isQuote(r) {
		if vs, _ := utf8.DecodeRune(rest[n:]); vs == 0xFE01 {
			return flankCJKPunct
		}
	}
	return classify(r)
}

// classify classifies one character, as goldmark does for white space and
// punctuation (Unicode P and S: emoji are punctuation).
func classify(r rune) flankClass {
	switch {
	case isIdeograph(r): // the commonest case, without the table look-ups
		return flankCJK
	case util.IsSpaceRune(r):
		return flankSpace
	case r >= 0x1100 && unicode.Is(cjkTable, r):
		if util.IsPunctRune(r) {
			return flankCJKPunct
		}
		return flankCJK
	case util.IsPunctRune(r):
		return flankPunct
	}
	return flankOther
}

// textVariationSelector reports U+FE00-U+FE0E, the variation selectors
// other than the emoji one (U+FE0F), which leaves an emoji an emoji.
func textVariationSelector(r rune) bool { return 0xFE00 <= r && r <= 0xFE0E }

// isQuote reports the quotation marks ‘ ’ “ ” that U+FE01 asks to show
// full width, as CJK punctuation (StandardizedVariants.txt).
func isQuote(r rune) bool { return r == '‘' || r == '’' || r == '“' || r == '”' }
