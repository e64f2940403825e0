package markdown

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// renderGuarded renders with a generous deadline, only so that a
// regression fails the test instead of hanging it.
func renderGuarded(t *testing.T, src string) (Result, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := New(Options{}).RenderWith(ctx, []byte(src), nil)
	if errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("rendering %d bytes did not end within a minute", len(src))
	}
	return res, err
}

// TestLimits renders the inputs of issue 14, each within the 20 MB file
// limit and each minutes or gigabytes of work for goldmark: every one is
// refused before parsing, naming the limit and the line.
func TestLimits(t *testing.T) {
	for _, tc := range []struct {
		name  string
		src   string
		limit Limit
		line  int
	}{
		{"nested list markers", "前言\n\n" + strings.Repeat("- ", 100_000) + "x\n", NestingLimit, 3},
		{"nested ordered markers", strings.Repeat("1. ", 40) + "x\n", NestingLimit, 1},
		{"nested quotes", strings.Repeat(">", 100_000) + " x\n", NestingLimit, 1},
		{"nested list lines", lines(3_000, func(i int) string { return strings.Repeat("  ", i) + "- 社区" }), NestingLimit, MaxNesting + 1},
		{"nested brackets", strings.Repeat("[", 1_000_000) + strings.Repeat("]", 1_000_000) + "\n", BracketLimit, 1},
		{"footnotes", "正文[^1]。\n\n" + lines(50_000, func(i int) string { return fmt.Sprintf("[^%d]: 注%d", i, i) }), FootnotesLimit, 2 + MaxFootnotes + 1},
		{"wide table", strings.Repeat("| a ", 10_000) + "|\n" + strings.Repeat("|---", 10_000) + "|\n", TableColumnsLimit, 2},
		{"long table", strings.Repeat("| a ", MaxTableColumns) + "|\n" + strings.Repeat("|---", MaxTableColumns) + "|\n" + lines(10_000, func(int) string { return "a" }),
			TableCellsLimit, 2 + (MaxTableCells-2*MaxTableColumns)/MaxTableColumns + 1},
		{"unmatched emphasis", strings.Repeat("*a_ ", 20_000) + "\n", ParagraphMarksLimit, 1},
		{"unclosed links", strings.Repeat("[a](b ", 20_000) + "\n", ParagraphMarksLimit, 1},
		{"markup in every paragraph", lines(1_000, func(int) string { return strings.Repeat("*a_ ", 300) + "\n" }), MarksLimit, 2*(MaxMarks/600+1) - 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := renderGuarded(t, tc.src)
			var le *LimitError
			if !errors.As(err, &le) || le.Limit != tc.limit || le.Line != tc.line {
				t.Fatalf("got %v, want line %d: %s", err, tc.line, (&LimitError{Limit: tc.limit}).Message())
			}
		})
	}
}

func TestLimitMessages(t *testing.T) {
	err := &LimitError{Limit: NestingLimit, Line: 7}
	if got, want := err.Error(), "line 7: nesting deeper than 32"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	for l := range len(limits) {
		want := Limit(l).Max()
		if Limit(l) == HTMLLimit {
			want >>= 20 // in MB
		}
		if Limit(l).Max() <= 0 || limits[l].msg.Args[0] != want {
			t.Errorf("limit %d: %+v", l, limits[l])
		}
	}
}

// TestWithinLimits: documents at each limit render, and what looks like
// structure inside code fences is not counted.
func TestWithinLimits(t *testing.T) {
	var nested strings.Builder
	for i := range MaxNesting {
		nested.WriteString(strings.Repeat("  ", i) + "- 社区\n")
	}
	fenced := "```\n" + strings.Repeat("> ", 100) + "[[[[\n" + strings.Repeat("|-", 500) + "|\n```\n\n~~~~ go\n" + strings.Repeat("- ", 100) + "\n~~~~\n"
	for _, tc := range []struct{ name, src, want string }{
		{"nesting", nested.String(), "<li>社区</li>"},
		{"markers", strings.Repeat("- ", MaxNesting) + "x\n", "<li>x</li>"},
		{"brackets", strings.Repeat("[", MaxBracketDepth) + "x" + strings.Repeat("]", MaxBracketDepth) + "\n", "[x]"},
		{"table", strings.Repeat("| a ", MaxTableColumns) + "|\n" + strings.Repeat("|:-:", MaxTableColumns) + "|\n", "<th style=\"text-align:center\">a</th>"},
		{"fences", fenced, "[[[["},
		{"escaped", strings.Repeat(`\[`, 1000) + strings.Repeat(`\*`, 900) + "\n", "[[["},
		{"thematic breaks", "文\n---\n\n- - -\n", "<hr>"},
		{"HTML", strings.Repeat(`"`, 1_000_000), "&quot;&quot;"}, // 6 MB
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := renderGuarded(t, tc.src)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(res.HTML, tc.want) {
				t.Errorf("HTML lacks %q:\n%.500s", tc.want, res.HTML)
			}
		})
	}
}

// TestRepeatedHeadings: 30,000 equal headings get IDs -1 to -29999 with
// one probe each, not one for every earlier heading.
func TestRepeatedHeadings(t *testing.T) {
	const n = 30_000
	res, err := renderGuarded(t, strings.Repeat("## 社区花园\n", n))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.TOC) != n || res.TOC[n-1].ID != fmt.Sprintf("社区花园-%d", n-1) {
		t.Fatalf("%d headings, last %+v", len(res.TOC), res.TOC[len(res.TOC)-1])
	}
	ids := &headingIDs{}
	ids.Put([]byte("x-3")) // taken by a {#x-3} attribute
	for range n {
		ids.unique([]byte("x"))
	}
	if got := string(ids.unique([]byte("x"))); got != fmt.Sprintf("x-%d", n+1) {
		t.Errorf("next ID %s", got)
	}
	if ids.probes > 2*n+10 {
		t.Errorf("%d probes for %d IDs", ids.probes, n)
	}
}

func TestRenderCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := New(Options{}).RenderWith(ctx, []byte("# 社区\n"), nil); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

// TestLimitsAfterFakeFences renders the inputs of issue 23: a line that
// only looks like a code fence (after "> ", "- ", four spaces, inside an
// HTML block) made the first look at the bytes skip the rest of the file,
// which goldmark parsed in full, in minutes. goldmark's own parse counts
// the limits now (guard.go): each is refused at once, at its line.
func TestLimitsAfterFakeFences(t *testing.T) {
	table := strings.Repeat("| a ", 10_000) + "|\n" + strings.Repeat("|---", 10_000) + "|\n"
	nested := strings.Repeat("- ", 200_000) + "x\n"
	for _, tc := range []struct {
		name  string
		src   string
		limit Limit
		line  int
	}{
		{"nested list after a quoted fence", "> ```\n\n" + nested, NestingLimit, 3},
		{"nested list after a listed fence", "- ```\n\n" + nested, NestingLimit, 3},
		{"nested lines after a quoted fence", "> ```\n\n" + lines(3_000, func(i int) string { return strings.Repeat("  ", i) + "- 社区" }), NestingLimit, 2 + MaxNesting + 1},
		{"brackets after an indented fence", "    ```\n" + strings.Repeat("[", 5_000_000) + "\n", BracketLimit, 2},
		{"table after an HTML block and a fence", "<div>\n```\n\n" + table, TableColumnsLimit, 5},
		{"table after a comment", "<!--\n\n```\n-->\n\n" + table, TableColumnsLimit, 7},
		{"footnotes after a fence in a list", "- ```\n\n" + lines(50_000, func(i int) string { return fmt.Sprintf("[^%d]: 注%d", i, i) }), FootnotesLimit, 2 + MaxFootnotes + 1},
		{"emphasis after a fence in a quote", "> ~~~\n\n" + strings.Repeat("*a_ ", 20_000) + "\n", ParagraphMarksLimit, 3},
		{"escapes", strings.Repeat(`\*`, 2_001) + "\n", ParagraphMarksLimit, 1},
		{"bare URLs", strings.Repeat("www.a.b ", 2_300_000) + "\n", ParagraphMarksLimit, 1},
		{"bare URLs after Chinese", strings.Repeat("见www.a.b ", 3_000) + "\n", ParagraphMarksLimit, 1},
		{"headings", strings.Repeat("# a\n", 4_500_000), LinesLimit, MaxLines + 1},
		// goldmark reads every line (50,000 headings) before the inline markup
		// (two runs of '*' a line).
		{"headings after a fence in a list", "- ```\n\n" + strings.Repeat("# a *b*\n", 50_000), MarksLimit, 2 + (MaxMarks-50_000)/2 + 1},
		{"blocks", strings.Repeat("- - - - - - - - - - a\n", MaxLines/2), BlocksLimit, 0},
		// 19 MB of '&' and '"' made a 103 MB page.
		{"HTML", strings.Repeat(strings.Repeat(`&"`, 2_000)+"\n\n", 4_700), HTMLLimit, 1},
		{"HTML of a short file", strings.Repeat(`"`, 1_500_000), HTMLLimit, 1}, // 9 MB of &quot;
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := renderGuarded(t, tc.src)
			var le *LimitError
			if !errors.As(err, &le) || le.Limit != tc.limit || tc.line != 0 && le.Line != tc.line {
				t.Fatalf("got %v, want line %d: %s", err, tc.line, (&LimitError{Limit: tc.limit}).Message())
			}
		})
	}
}

func lines(n int, line func(i int) string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(line(i) + "\n")
	}
	return b.String()
}

// countdown is a context whose Err turns to Canceled after n calls: a
// render cancelled in the middle of goldmark's parse, without timing.
type countdown struct {
	context.Context
	n int
}

func (c *countdown) Err() error {
	if c.n--; c.n < 0 {
		return context.Canceled
	}
	return nil
}

// TestRenderCancelledWhileParsing: the guard looks at the context while
// goldmark parses, so a long render ends soon after it is cancelled.
func TestRenderCancelledWhileParsing(t *testing.T) {
	src := lines(50_000, func(i int) string { return fmt.Sprintf("第%d段 *社区* 花园\n", i) })
	ctx := &countdown{Context: context.Background(), n: 2}
	if _, err := New(Options{}).RenderWith(ctx, []byte(src), nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if ctx.n < -2 {
		t.Errorf("the render looked at the context %d times after it was cancelled", -ctx.n)
	}
}
