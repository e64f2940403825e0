package meta

import (
	"regexp"
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
	if hint, at, ok := lineHint(lines, n, diag.M("hint-colon")); ok {
		return diag.M("yaml-syntax-hint", what, hint), at
	}
	return diag.M("yaml-syntax", what), n
}

// tomlMessages are BurntSushi/toml's commonest messages, which carry what
// the parser found: each pattern's groups are the message's arguments.
var tomlMessages = []struct {
	re   *regexp.Regexp
	code diag.Msg // without its arguments
}{
	{regexp.MustCompile(`^expected '\.' or '=', but got (.*) instead$`), diag.M("toml-expected-equals")},
	{regexp.MustCompile(`^strings cannot contain newlines$`), diag.M("toml-newline")},
	{regexp.MustCompile(`^expected a comma \(','\) or array terminator \(']'\), but got (.*)$`), diag.M("toml-array-end")},
	{regexp.MustCompile(`^expected value but found (.*) instead$`), diag.M("toml-expected-value")},
	{regexp.MustCompile(`^expected a top-level item to end with a newline, comment, or EOF, but got (.*) instead$`), diag.M("toml-item-end")},
	{regexp.MustCompile(`^expected '\.' or '\]' to end table name, but got (.*) instead$`), diag.M("toml-table-name")},
	{regexp.MustCompile(`^expected a comma or an inline table terminator '\}', but got (.*) instead$`), diag.M("toml-inline-end")},
}

// explainTOML is explainYAML for BurntSushi/toml.
func explainTOML(text string, data []byte, n int) (diag.Msg, int) {
	what := diag.M("as-is", text)
	for _, m := range tomlMessages {
		if sub := m.re.FindStringSubmatch(text); sub != nil {
			what = m.code
			for _, a := range sub[1:] {
				what.Args = append(what.Args, a)
			}
			break
		}
	}
	if hint, at, ok := lineHint(strings.Split(string(data), "\n"), n, diag.M("hint-colon-toml")); ok {
		return diag.M("toml-syntax-hint", what, hint), at
	}
	return diag.M("toml-syntax", what), n
}

// lineHint looks for a usual cause on line n (1-based) and the two lines
// before it (the parsers often notice a mistake a line or two late), and
// returns it with the line it is on. colon is the hint for a full-width
// colon, which differs between YAML and TOML.
func lineHint(lines []string, n int, colon diag.Msg) (diag.Msg, int, bool) {
	for i := n; i >= max(n-2, 1); i-- {
		if i > len(lines) {
			continue
		}
		l := lines[i-1]
		switch {
		case strings.ContainsRune(l, '：'):
			return colon, i, true
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

// unclosedQuote reports a line on which a quoted value (one whose quote
// mark comes at the start of a value: after the key's : or =, a [ or {, a
// comma or a list's -) is not closed: a double quote not followed by
// another unescaped one, a single quote not followed by another (” is
// YAML's escaped quote). An apostrophe inside text (it's) opens nothing.
func unclosedQuote(l string) bool {
	for i := 0; i < len(l); i++ {
		q := l[i]
		if q != '"' && q != '\'' {
			continue
		}
		before := strings.TrimRight(l[:i], " ")
		if before != "" && !strings.ContainsAny(before[len(before)-1:], ":=[{,-") {
			continue // a quote inside text, not one that opens a value
		}
		end := closingQuote(l[i+1:], q)
		if end < 0 {
			return true
		}
		i += 1 + end
	}
	return false
}

// closingQuote returns the index in s of the quote q that closes a value opened
// just before s, or -1.
func closingQuote(s string, q byte) int {
	for j := 0; j < len(s); j++ {
		switch {
		case q == '"' && s[j] == '\\':
			j++
		case s[j] == q && q == '\'' && j+1 < len(s) && s[j+1] == '\'':
			j++ // '' inside single quotes
		case s[j] == q:
			return j
		}
	}
	return -1
}
