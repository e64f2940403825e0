package meta

import (
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jiangninglu/showcase/internal/diag"
)

// Fields reads typed values out of nodes, recording a problem that names the
// file, position and field for each value of the wrong type.
type Fields struct {
	File     string
	Problems *diag.List
}

func (f Fields) pos(n *Node) diag.Pos { return diag.Pos{File: f.File, Line: n.Line, Col: n.Col} }

// Report records a problem at n: a catalogue message code and its values.
func (f Fields) Report(n *Node, field, code string, args ...any) {
	f.Problems.Report(f.pos(n), field, code, args...)
}

// Unknown records a key that is not in known, suggesting the nearest one.
func (f Fields) Unknown(p Pair, prefix string, known []string) {
	field := prefix + p.Key
	pos := diag.Pos{File: f.File, Line: p.Line, Col: p.Col}
	if near := diag.Nearest(p.Key, known); near != "" {
		f.Problems.Report(pos, field, "unknown-key-suggest", prefix+near)
		return
	}
	f.Problems.Report(pos, field, "unknown-key", diag.Words(known))
}

// Bounds on one value, so that a story's front matter cannot make the
// output huge: a title is written into every list and facet page that
// shows the story, and a 4.2 MB title with 250 tags made 1.1 GB.
const (
	// MaxTextChars bounds a text value (a summary, a name, a tag) in
	// characters.
	MaxTextChars = 1_000
	// MaxListItems bounds a list of texts (tags, leads).
	MaxListItems = 50
)

// String reads a string. Numbers and booleans written without quotes are
// refused rather than converted, so `title: 2020` is caught, not guessed.
// A string longer than MaxTextChars is refused.
func (f Fields) String(n *Node, field string) (string, bool) {
	if n.Kind == String {
		if !f.CheckText(n, field) {
			return "", false
		}
		return n.Str, true
	}
	f.Report(n, field, "want-text", n.Describe())
	return "", false
}

// CheckText reports a string of more than MaxTextChars characters at n.
func (f Fields) CheckText(n *Node, field string) bool {
	if len(n.Str) > MaxTextChars && utf8.RuneCountInString(n.Str) > MaxTextChars {
		f.Report(n, field, "text-too-long", utf8.RuneCountInString(n.Str), MaxTextChars)
		return false
	}
	return true
}

// Strings reads a list of strings; a single string is taken as a list of
// one. A list of more than MaxListItems is refused, and so is each string
// longer than MaxTextChars.
func (f Fields) Strings(n *Node, field string) ([]string, bool) {
	if n.Kind == String {
		oneString(f, n, field)
		if !f.CheckText(n, field) {
			return nil, false
		}
		return []string{n.Str}, true
	}
	if n.Kind != List {
		f.Report(n, field, "want-text-list", n.Describe())
		return nil, false
	}
	if len(n.List) > MaxListItems {
		f.Report(n, field, "list-too-long", len(n.List), MaxListItems)
		return nil, false
	}
	out := make([]string, 0, len(n.List))
	ok := true
	for _, e := range n.List {
		if e.Kind != String {
			f.Report(e, field, "want-text-in-list", e.Describe())
			ok = false
			continue
		}
		if !f.CheckText(e, field) {
			ok = false
			continue
		}
		if n.Flow {
			fullWidthSeparator(f, e, field)
		}
		out = append(out, e.Str)
	}
	return out, ok
}

// Bool reads true or false.
func (f Fields) Bool(n *Node, field string) (bool, bool) {
	if n.Kind == Bool {
		return n.Bool, true
	}
	f.Report(n, field, "want-bool", n.Describe())
	return false, false
}

// Int reads a whole number.
func (f Fields) Int(n *Node, field string) (int, bool) {
	if (n.Kind == Int || n.Kind == Float) && n.Num == math.Trunc(n.Num) && math.Abs(n.Num) < 1<<53 {
		return int(n.Num), true
	}
	f.Report(n, field, "want-whole-number", n.Describe())
	return 0, false
}

// Metric reads a non-negative, finite number.
func (f Fields) Metric(n *Node, field string) (float64, bool) {
	if (n.Kind == Int || n.Kind == Float) && n.Num >= 0 && !math.IsInf(n.Num, 0) && !math.IsNaN(n.Num) && n.Num < 1e15 {
		return n.Num, true
	}
	f.Report(n, field, "want-non-negative", n.Describe())
	return 0, false
}

// Date reads a date (2021-01-18) or an RFC 3339 date-time; a date alone is
// taken at midnight in loc. Impossible dates such as 2021-02-30 are refused.
func (f Fields) Date(n *Node, field string, loc *time.Location) (time.Time, bool) {
	if n.Kind == String || n.Kind == Time {
		s := strings.TrimSpace(n.Str)
		for _, layout := range []string{time.DateOnly, time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05", "2006-01-02 15:04"} {
			if t, err := time.ParseInLocation(layout, s, loc); err == nil {
				return t, true
			}
		}
	}
	f.Report(n, field, "want-date", n.Describe())
	return time.Time{}, false
}

// fullWidthSeparator warns about an item of a bracketed YAML list that
// holds a full-width comma or an enumeration comma: `[马婷婷，李凯]` is one
// item, "马婷婷，李凯", where the editor meant two. (Typed on a Chinese
// keyboard, the comma is full-width unless switched.)
func fullWidthSeparator(f Fields, e *Node, field string) {
	for _, r := range e.Str {
		if r == '，' || r == '、' {
			f.Problems.Warn(f.pos(e), field, "list-fullwidth-comma", diag.Quote(e.Str), diag.QuoteRune(r))
			return
		}
	}
}

// oneString warns about a list written as one text with separators in it,
// `leads: 马婷婷, 李凯`, which is one item; it shows the list as it would
// be written.
func oneString(f Fields, n *Node, field string) {
	parts := strings.FieldsFunc(n.Str, func(r rune) bool { return r == ',' || r == '，' || r == '、' })
	var items []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			items = append(items, p)
		}
	}
	if len(items) > 1 {
		f.Problems.Warn(f.pos(n), field, "list-one-string", diag.Quote(n.Str), "["+strings.Join(items, ", ")+"]")
	}
}
