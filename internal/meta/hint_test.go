package meta

import (
	"testing"

	"github.com/jiangninglu/showcase/internal/diag"
)

func TestUnclosedQuote(t *testing.T) {
	for _, tc := range []struct {
		line string
		want bool
	}{
		{`title: "楼顶花园`, true},
		{`title: "楼顶花园"`, false},
		{`title: "a \" b`, true},
		{`title: "a \" b"`, false},
		{`title: '楼顶花园`, true},
		{`title: 'it''s'`, false},
		{`title: 'it''s`, true},
		{`title: it's fine`, false}, // an apostrophe in plain text
		{`leads: ["a", "b`, true},
		{`- "a`, true},
		{`title = "A`, true},
		{`title: A`, false},
	} {
		if got := unclosedQuote(tc.line); got != tc.want {
			t.Errorf("unclosedQuote(%q) = %v, want %v", tc.line, got, tc.want)
		}
	}
}

// TestYAMLHints: the hint is found on the line of the cause, which the
// parser may report a line or two later.
func TestYAMLHints(t *testing.T) {
	for _, tc := range []struct {
		src  string
		line int
		code string
	}{
		{"title：A\nyear: 2020\n", 1, "hint-colon"},
		{"title: A\nleads: [a，b\nyear: 2020\n", 2, "hint-comma"},
		{"title: \"A\nyear: 2020\n", 1, "hint-quote"},
		{"title: A\nyear: 2020\n  x: 1\n", 3, ""}, // no usual cause: no hint
	} {
		_, err := decodeYAML([]byte(tc.src), 1)
		se, ok := err.(*SyntaxError)
		if !ok {
			t.Fatalf("%q: got %v, want a SyntaxError", tc.src, err)
		}
		hint := ""
		if se.Msg.Code == "yaml-syntax-hint" {
			hint = se.Msg.Args[1].(diag.Msg).Code
		}
		if se.Line != tc.line || hint != tc.code {
			t.Errorf("%q: line %d, hint %q; want line %d, hint %q", tc.src, se.Line, hint, tc.line, tc.code)
		}
	}
}
