package markdown

import (
	"bytes"
	"context"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The guard counts the limits on what goldmark parses, while it parses.
// scanLimits is a quick first look at the bytes, but it can only guess
// Markdown's block structure: a line that looks like a code fence after
// "> ", after four spaces or inside an HTML block made it skip the rest of
// a file that goldmark parsed in full. The guard's parsers sit first in
// goldmark's lists, count what goldmark is about to parse, and stop the
// parse (a panic that parse recovers) at the first limit passed or as soon
// as the render's context is done.

// budget is one parse's counts, kept in goldmark's parser.Context.
type budget struct {
	ctx   context.Context
	src   []byte
	calls int // guard calls, to look at ctx every so often

	blocks    int
	footnotes int
	marks     int
	cells     int
	heading   int      // where the last heading counted starts
	inline    ast.Node // the block whose inline markup para counts
	para      struct{ brackets, marks int }
}

var budgetKey = parser.NewContextKey()

// abort carries a guard's error out of goldmark to parse.
type abort struct{ err error }

func budgetOf(pc parser.Context) *budget {
	b, _ := pc.Get(budgetKey).(*budget)
	return b
}

// stop ends the parse with the limit l passed at byte offset off.
func (b *budget) stop(l Limit, off int) {
	off = min(max(off, 0), len(b.src))
	panic(abort{&LimitError{Limit: l, Line: bytes.Count(b.src[:off], []byte{'\n'}) + 1}})
}

// tick looks at the context every 256 calls.
func (b *budget) tick() {
	if b.calls++; b.calls&255 == 0 {
		if err := b.ctx.Err(); err != nil {
			panic(abort{err})
		}
	}
}

// mark counts one piece of inline markup of block at off.
func (b *budget) mark(block ast.Node, off int) {
	if block != b.inline {
		b.inline, b.para.brackets, b.para.marks = block, 0, 0
	}
	if b.para.marks++; b.para.marks > MaxParagraphMarks {
		b.stop(ParagraphMarksLimit, off)
	}
	if b.marks++; b.marks > MaxMarks {
		b.stop(MarksLimit, off)
	}
}

// blockGuard is called by goldmark before every other block parser, each
// time it tries to open a block: once per line and once more per container
// (list item, quote) opened on the line. It opens nothing.
type blockGuard struct{}

// Every byte but the line feed: goldmark tries the parsers of a line's
// first byte, and those without a trigger only when no parser has one.
var allBytes = func() []byte {
	b := make([]byte, 0, 255)
	for c := range 256 {
		if c != '\n' {
			b = append(b, byte(c))
		}
	}
	return b
}()

func (blockGuard) Trigger() []byte { return allBytes }

func (blockGuard) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	b := budgetOf(pc)
	if b == nil {
		return nil, parser.NoChildren
	}
	b.tick()
	_, seg := reader.Position()
	off := seg.Start
	if b.blocks++; b.blocks > MaxBlocks {
		b.stop(BlocksLimit, off)
	}
	depth := 0
	for n := parent; n != nil; n = n.Parent() {
		switch n.(type) {
		case *ast.Document, *ast.List:
		default: // list items, quotes, footnotes
			if depth++; depth > MaxNesting {
				b.stop(NestingLimit, off)
			}
		}
	}
	line, _ := reader.PeekLine()
	if pos := pc.BlockOffset(); pos >= 0 && pos < len(line) {
		rest := line[pos:]
		switch rest[0] {
		case '#': // a heading counts as markup of the file, once
			if at := off + pos; at != b.heading {
				b.heading = at
				if b.marks++; b.marks > MaxMarks {
					b.stop(MarksLimit, off)
				}
			}
		case '[':
			if bytes.HasPrefix(rest, []byte("[^")) && bytes.Contains(rest, []byte("]:")) {
				if b.footnotes++; b.footnotes > MaxFootnotes {
					b.stop(FootnotesLimit, off)
				}
			}
		}
	}
	return nil, parser.NoChildren
}

func (blockGuard) Continue(ast.Node, text.Reader, parser.Context) parser.State { return parser.Close }
func (blockGuard) Close(ast.Node, text.Reader, parser.Context)                 {}
func (blockGuard) CanInterruptParagraph() bool                                 { return true }
func (blockGuard) CanAcceptIndentedLine() bool                                 { return true }

// inlineGuard is called by goldmark before every other inline parser at
// each byte of markup it parses: runs of '*', '_', '~' and '`', each '[',
// ']', '<', '![' and backslash escape. It parses nothing.
type inlineGuard struct{}

func (inlineGuard) Trigger() []byte { return []byte("*_~`[]<\\!") }

func (inlineGuard) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	b := budgetOf(pc)
	if b == nil {
		return nil
	}
	b.tick()
	line, seg := block.PeekLine()
	if bytes.HasPrefix(line, []byte("![")) {
		line = line[1:] // an image: its '[' is parsed with the '!'
	} else if len(line) > 0 && line[0] == '!' {
		return nil
	}
	b.mark(parent, seg.Start)
	if len(line) > 0 {
		switch line[0] {
		case '[':
			if b.para.brackets++; b.para.brackets > MaxBracketDepth {
				b.stop(BracketLimit, seg.Start)
			}
		case ']':
			b.para.brackets = max(b.para.brackets-1, 0)
		}
	}
	return nil
}

// tableGuard runs before GFM's table transformer on every paragraph that
// ends: it counts the columns and cells of the tables the paragraph holds.
type tableGuard struct{}

func (tableGuard) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	b := budgetOf(pc)
	lines := node.Lines()
	if b == nil || lines.Len() < 2 {
		return
	}
	src := reader.Source()
	for i := 1; i < lines.Len(); i++ {
		seg := lines.At(i)
		text := bytes.TrimRight(seg.Value(src), "\r\n")
		if len(text) == 0 || !mayBeDelimiterRow(text) {
			continue
		}
		n := delimiterRow(text)
		if n > MaxTableColumns {
			b.stop(TableColumnsLimit, seg.Start)
		}
		// the header and every row after the delimiter row
		if b.cells += n * (lines.Len() - i); b.cells > MaxTableCells {
			b.stop(TableCellsLimit, seg.Start)
		}
	}
}

// countedLinkify is GFM's linkify, each link it makes counted as markup.
type countedLinkify struct{ parser.InlineParser }

func (p countedLinkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	_, seg := block.PeekLine()
	n := p.InlineParser.Parse(parent, block, pc)
	if b := budgetOf(pc); n != nil && b != nil {
		b.mark(parent, seg.Start)
	}
	return n
}

// guardExtension puts the guard's parsers first and GFM in, with its
// linkify counted.
type guardExtension struct{}

func (guardExtension) Extend(m goldmark.Markdown) {
	extension.Table.Extend(m)
	extension.Strikethrough.Extend(m)
	extension.TaskList.Extend(m)
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(blockGuard{}, 0)),
		parser.WithInlineParsers(
			util.Prioritized(inlineGuard{}, 0),
			util.Prioritized(countedLinkify{extension.NewLinkifyParser()}, 999), // as extension.Linkify
		),
		parser.WithParagraphTransformers(util.Prioritized(tableGuard{}, 0)), // GFM's table transformer has 200; lower runs first
	)
}
