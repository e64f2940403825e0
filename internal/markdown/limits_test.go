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
	lines := func(n int, line func(i int) string) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(line(i) + "\n")
		}
		return b.String()
	}
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
		{"long table", strings.Repeat("| a ", MaxTableColumns) + "|\n" + strings.Repeat("|---", MaxTableColumns) + "|\n" + lines(1_000_000, func(int) string { return "a" }),
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
		if Limit(l).Max() <= 0 || limits[l].msg.Args[0] != Limit(l).Max() {
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
		{"escaped", strings.Repeat(`\[`, 1000) + strings.Repeat(`\*`, 3000) + "\n", "[[["},
		{"thematic breaks", "文\n---\n\n- - -\n", "<hr>"},
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
