package markdown

import (
	"github.com/jiangninglu/showcase/internal/diag"

	"bytes"
	"encoding/binary"
	"fmt"
	"unicode"
	"unicode/utf8"
)

// A document's render budget. goldmark's work grows faster than the input
// for deep nesting (lists, quotes, brackets), for many footnotes, for wide
// tables (every row is padded to the header's width) and for runs of
// unmatched emphasis and link markup in one paragraph; a file within the
// size limit could take minutes and gigabytes. scanLimits checks these
// counts in one pass over the source before goldmark parses it. Each limit
// is far above what a story needs.
const (
	// MaxNesting bounds lists and block quotes inside one another.
	MaxNesting = 32
	// MaxBracketDepth bounds '[' inside '[' within one paragraph.
	MaxBracketDepth = 64
	// MaxTableColumns bounds the columns of one table.
	MaxTableColumns = 128
	// MaxTableCells bounds the cells of all tables of a document, counted
	// as rows times columns.
	MaxTableCells = 200_000
	// MaxFootnotes bounds the footnote definitions of a document.
	MaxFootnotes = 2_000
	// MaxParagraphMarks bounds the markup in one paragraph, list item,
	// heading or table row: runs of '*', '_', '~' or '`', and each '[',
	// ']' or '<'.
	MaxParagraphMarks = 2_000
	// MaxMarks bounds the same markup in a whole document, with headings
	// and links made from bare URLs.
	MaxMarks = 100_000
	// MaxLines bounds the lines of a document.
	MaxLines = 100_000
	// MaxBlocks bounds the blocks goldmark is asked to open: one for each
	// line that is not blank or code, one more for each container (list
	// item, quote) opened on it.
	MaxBlocks = 200_000
	// MaxHTML bounds the HTML a document renders to, in bytes, or twice
	// the document's length if that is more: 19 MB of '&' and '"' made a
	// 103 MB page (each is five or six bytes of HTML).
	MaxHTML = 8 << 20
)

// Limit names one of the limits above.
type Limit uint8

const (
	NestingLimit Limit = iota
	BracketLimit
	TableColumnsLimit
	TableCellsLimit
	FootnotesLimit
	ParagraphMarksLimit
	MarksLimit
	LinesLimit
	BlocksLimit
	HTMLLimit
)

// limits gives each Limit its number and its message: the one place to
// translate them.
var limits = [...]struct {
	max int
	msg diag.Msg
}{
	NestingLimit:        {MaxNesting, diag.M("md-nesting", MaxNesting)},
	BracketLimit:        {MaxBracketDepth, diag.M("md-brackets", MaxBracketDepth)},
	TableColumnsLimit:   {MaxTableColumns, diag.M("md-table-columns", MaxTableColumns)},
	TableCellsLimit:     {MaxTableCells, diag.M("md-table-cells", MaxTableCells)},
	FootnotesLimit:      {MaxFootnotes, diag.M("md-footnotes", MaxFootnotes)},
	ParagraphMarksLimit: {MaxParagraphMarks, diag.M("md-paragraph-marks", MaxParagraphMarks)},
	MarksLimit:          {MaxMarks, diag.M("md-marks", MaxMarks)},
	LinesLimit:          {MaxLines, diag.M("md-lines", MaxLines)},
	BlocksLimit:         {MaxBlocks, diag.M("md-blocks", MaxBlocks)},
	HTMLLimit:           {MaxHTML, diag.M("md-html", MaxHTML>>20)},
}

// Max is the number the limit allows.
func (l Limit) Max() int { return limits[l].max }

// LimitError is a document that goes beyond a Limit; Render returns it
// before parsing or, when goldmark's parse finds it (guard.go), instead of
// finishing the parse.
type LimitError struct {
	Limit Limit
	Line  int // 1-based, in the source given to Render: where the limit was passed
}

// Message is the error without its position, as a catalogue message.
func (e *LimitError) Message() diag.Msg { return limits[e.Limit].msg }

func (e *LimitError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Message()) }

// scanLimits checks src against the limits, line by line, following just
// enough of Markdown's block structure: container markers at the start of
// a line, fenced code (skipped), blank lines (ending a paragraph) and table
// delimiter rows. Its counts are upper bounds of goldmark's: a list item
// nested by indentation needs at least two more columns than its parent,
// so indentation counts one level per two columns.
//
// It runs on every story before goldmark does, so it allocates nothing and
// reads most bytes once: Chinese text, eight bytes at a time.
func scanLimits(src []byte) error {
	if n := bytes.Count(src, []byte{'\n'}); n >= MaxLines && (n > MaxLines || src[len(src)-1] != '\n') {
		return &LimitError{LinesLimit, MaxLines + 1}
	}
	var (
		fence     []byte // the open code fence's marker, or nil
		prevText  bool   // the previous line had text (a table needs a header)
		tableCols int    // of the open table, or 0
		cells     int
		footnotes int
		marks     int
		para      struct{ brackets, marks int }
	)
	for line := 1; len(src) > 0; line++ {
		l := src
		if k := bytes.IndexByte(src, '\n'); k >= 0 {
			l, src = src[:k], src[k+1:]
		} else {
			src = nil
		}

		// Container markers: block quotes and list items.
		i, cols, markers := 0, 0, 0
	markers:
		for i < len(l) {
			switch c := l[i]; {
			case c == ' ':
				cols++
			case c == '\t':
				cols += 4 - cols%4
			case c == '>':
				markers++
			case c == '-' || c == '+' || c == '*':
				if i+1 < len(l) && l[i+1] != ' ' && l[i+1] != '\t' {
					break markers
				}
				markers++
			case '0' <= c && c <= '9':
				j := i
				for j < len(l) && j-i < 10 && '0' <= l[j] && l[j] <= '9' {
					j++
				}
				if j == len(l) || l[j] != '.' && l[j] != ')' || j+1 < len(l) && l[j+1] != ' ' && l[j+1] != '\t' {
					break markers
				}
				markers++
				i = j
			default:
				break markers
			}
			i++
		}
		text := l[i:]
		for len(text) > 0 && (text[len(text)-1] == ' ' || text[len(text)-1] == '\t') {
			text = text[:len(text)-1]
		}
		if fence != nil {
			if bytes.HasPrefix(text, fence) && len(bytes.Trim(text, string(fence[:1]))) == 0 {
				fence = nil
			}
			continue
		}
		// A marker's own following space is no indentation.
		if markers > 0 && markers+max(cols-markers, 0)/2 > MaxNesting {
			return &LimitError{NestingLimit, line}
		}
		if len(text) == 0 {
			prevText, tableCols, para.brackets, para.marks = false, 0, 0, 0
			continue
		}
		if f := fenceOpener(text); f != nil {
			fence, prevText, tableCols = f, false, 0
			continue
		}
		definition := text[0] == '[' && bytes.Contains(text, []byte("]:"))
		if markers > 0 || definition || text[0] == '#' || text[0] == '|' {
			para.brackets, para.marks = 0, 0 // a block of its own
		}
		if text[0] == '#' { // a heading counts as markup
			if marks++; marks > MaxMarks {
				return &LimitError{MarksLimit, line}
			}
		}
		if definition && bytes.HasPrefix(text, []byte("[^")) {
			if footnotes++; footnotes > MaxFootnotes {
				return &LimitError{FootnotesLimit, line}
			}
		}
		if prevText && tableCols == 0 && mayBeDelimiterRow(text) {
			if n := delimiterRow(text); n > MaxTableColumns {
				return &LimitError{TableColumnsLimit, line}
			} else if n > 0 {
				tableCols = n
				cells += n // the header row
			}
		}
		if cells += tableCols; cells > MaxTableCells {
			return &LimitError{TableCellsLimit, line}
		}
		prevText = true

		for j := 0; j < len(text); j++ {
			j = skipNonASCII(text, j) // markup is ASCII
			if j == len(text) || !markup[text[j]] {
				continue
			}
			switch c := text[j]; c {
			case '\\': // an escape counts, and what it escapes is text
				j++
			case '[':
				if para.brackets++; para.brackets > MaxBracketDepth {
					return &LimitError{BracketLimit, line}
				}
			case ']':
				para.brackets = max(para.brackets-1, 0)
			case '*', '_', '~', '`':
				for j+1 < len(text) && text[j+1] == c {
					j++
				}
			}
			marks++
			if para.marks++; para.marks > MaxParagraphMarks {
				return &LimitError{ParagraphMarksLimit, line}
			}
			if marks > MaxMarks {
				return &LimitError{MarksLimit, line}
			}
		}
	}
	return nil
}

// skipNonASCII returns i moved on past the bytes of b from i that are not
// ASCII, eight at a time: in Chinese text, the bytes where no Markdown or
// HTML syntax can be. It stops at most seven bytes before an ASCII byte.
func skipNonASCII(b []byte, i int) int {
	for i+8 <= len(b) && binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 == 0x8080808080808080 {
		i += 8
	}
	return i
}

// markup marks the bytes that scanLimits counts.
var markup = [256]bool{'\\': true, '[': true, ']': true, '<': true, '*': true, '_': true, '~': true, '`': true}

// fenceOpener returns the marker of a code fence that text opens (three or
// more '`' or '~'), or nil.
func fenceOpener(text []byte) []byte {
	if len(text) < 3 || (text[0] != '`' && text[0] != '~') {
		return nil
	}
	n := 0
	for n < len(text) && text[n] == text[0] {
		n++
	}
	if n < 3 || (text[0] == '`' && bytes.IndexByte(text[n:], '`') >= 0) {
		return nil
	}
	return text[:n]
}

// mayBeDelimiterRow reports whether text, a line after its container
// markers, can be a table delimiter row by its first character: '|', ':',
// '-', or white space that delimiterRow trims. It spares delimiterRow
// nearly every line.
func mayBeDelimiterRow(text []byte) bool {
	switch text[0] {
	case '|', ':', '-':
		return true
	}
	r, _ := utf8.DecodeRune(text)
	return unicode.IsSpace(r)
}

// delimiterRow returns the number of cells of a table delimiter row such as
// "| --- | :-: |", or 0 if text is not one.
func delimiterRow(text []byte) int {
	t := bytes.TrimSpace(text)
	t = bytes.TrimPrefix(t, []byte("|"))
	t = bytes.TrimSuffix(t, []byte("|"))
	if len(t) == 0 {
		return 0
	}
	n := 0
	for cell := range bytes.SplitSeq(t, []byte("|")) {
		c := bytes.TrimSpace(cell)
		c = bytes.TrimPrefix(c, []byte(":"))
		c = bytes.TrimSuffix(c, []byte(":"))
		if len(c) == 0 || len(bytes.Trim(c, "-")) != 0 {
			return 0
		}
		n++
	}
	if n == 1 && !bytes.Contains(text, []byte("|")) {
		return 0 // "---": a thematic break or a setext underline
	}
	return n
}
