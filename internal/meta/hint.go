package meta

import (
	"bytes"
	"strings"

	"github.com/jiangninglu/showcase/internal/diag"
)

// The parsers word their errors in English and for programmers; most of
// an office's front-matter mistakes come from typing on a Chinese
// keyboard. Here the commonest messages are said in the site's language,
// and the line is read for the usual causes: a full-width colon or comma,
// a tab, a quote that is not closed.

// yamlMessages are the catalogue messages of yaml.v3's commonest messages.
var yamlMessages = map[string]diag.Msg{
	"could not find expected ':'":                            diag.M("yaml-expected-colon"),
	"did not find expected key":                              diag.M("yaml-expected-key"),
	"mapping values are not allowed in this context":         diag.M("yaml-mapping-values"),
	"found character that cannot start any token":            diag.M("yaml-bad-token"),
	"did not find expected ',' or ']'":                       diag.M("yaml-flow-end"),
	"did not find expected ',' or '}'":                       diag.M("yaml-map-end"),
	"found unexpected end of stream":                         diag.M("yaml-unclosed-quote"),
	"block sequence entries are not allowed in this context": diag.M("yaml-block-entries"),
	"did not find expected node content":                     diag.M("yaml-node-content"),
	"found a tab character that violates indentation":        diag.M("yaml-tab-indent"),
}

// explainYAML returns yaml.v3's message text as a catalogue message, with
// a hint when a line near n (1-based in data; 0: unknown) shows a usual
// cause, and the line to report: for a quote never closed, the line where
// it opens rather than the end of the block.
func explainYAML(text string, data []byte, n int) (diag.Msg, int) {
	what := diag.M("as-is", text)
	if m, ok := yamlMessages[text]; ok {
		what = m
	}
	lines := strings.Split(string(data), "\n")
	if text == "found unexpected end of stream" {
		for i, l := range lines {
			if unclosedQuote(l) {
				return diag.M("yaml-syntax-hint", what, diag.M("hint-quote")), i + 1
			}
		}
	}
	if hint, at, ok := lineHint(lines, n, "hint-colon"); ok {
		return diag.M("yaml-syntax-hint", what, hint), at
	}
	return diag.M("yaml-syntax", what), n
}

// explainTOML is explainYAML for BurntSushi/toml, whose messages stay as
// the library words them.
func explainTOML(text string, data []byte, n int) (diag.Msg, int) {
	if hint, at, ok := lineHint(strings.Split(string(data), "\n"), n, "hint-colon-toml"); ok {
		return diag.M("toml-syntax-hint", text, hint), at
	}
	return diag.M("toml-syntax", text), n
}

// lineHint looks for a usual cause on line n (1-based) and the two lines
// before it (the parsers often notice a mistake a line or two late), and
// returns it with the line it is on. colon is the hint for a full-width
// colon, which differs between YAML and TOML.
func lineHint(lines []string, n int, colon string) (diag.Msg, int, bool) {
	for i := n; i >= max(n-2, 1); i-- {
		if i > len(lines) {
			continue
		}
		l := lines[i-1]
		switch {
		case strings.ContainsRune(l, '：'):
			return diag.M(colon), i, true
		case strings.ContainsRune(l, '，'):
			return diag.M("hint-comma"), i, true
		case strings.ContainsRune(l, '\t'):
			return diag.M("hint-tab"), i, true
		case unclosedQuote(l):
			return diag.M("hint-quote"), i, true
		}
	}
	return diag.Msg{}, n, false
}

// unclosedQuote reports a line whose first quote mark (" or ') is not
// closed on it: a double quote not followed by another unescaped one, or
// an odd number of single quotes (” is YAML's escaped quote). A line
// whose text only contains an apostrophe (it's) is not a value in quotes.
func unclosedQuote(l string) bool {
	i := strings.IndexAny(l, `"'`)
	if i < 0 {
		return false
	}
	before := strings.TrimRight(l[:i], " ")
	if before != "" && !strings.HasSuffix(before, ":") && !strings.HasSuffix(before, "=") &&
		!strings.HasSuffix(before, "[") && !strings.HasSuffix(before, ",") && !strings.HasSuffix(before, "-") {
		return false // a quote inside text, not one that opens a value
	}
	rest := []byte(l[i+1:])
	if l[i] == '\'' {
		return bytes.Count(rest, []byte("'"))%2 == 0
	}
	for j := 0; j < len(rest); j++ {
		switch rest[j] {
		case '\\':
			j++
		case '"':
			return false
		}
	}
	return true
}
