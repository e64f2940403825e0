package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a problem stops the build.
type Severity int

const (
	Error Severity = iota
	Warning
	// Note is neither wrong nor suspicious, but worth knowing: check's
	// list of the files under content/ that are not published.
	Note
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Note:
		return "note"
	}
	return "error"
}

// Pos is a place in a file of the site. Line and Col are 1-based; zero means
// unknown (the whole file, or the whole line).
type Pos struct {
	File string // slash-separated, relative to the site root
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return p.File
}

// Problem is one thing wrong with the site's input.
type Problem struct {
	Pos      Pos
	Field    string // e.g. "metrics.participants"; may be empty
	Severity Severity
	Msg      Msg
}

// Error is the problem in English.
func (p *Problem) Error() string { return p.Format(En) }

// Format writes the problem in lang: the place, the field and the message.
// Positions, field names and values stay as written.
func (p *Problem) Format(lang string) string {
	var b strings.Builder
	b.WriteString(p.Pos.String())
	b.WriteString(": ")
	switch p.Severity {
	case Warning:
		b.WriteString(M("warning-prefix").Format(lang))
	case Note:
		b.WriteString(M("note-prefix").Format(lang))
	}
	if p.Field != "" {
		b.WriteString(M("field-prefix", p.Field).Format(lang))
	}
	b.WriteString(p.Msg.Format(lang))
	return b.String()
}

// New makes an error-severity problem with the catalogue message code.
func New(pos Pos, field, code string, args ...any) *Problem {
	return &Problem{Pos: pos, Field: field, Msg: M(code, args...)}
}

// List collects problems. The zero value is ready to use. A List is not safe
// for concurrent use; give each goroutine its own and Merge them.
type List []*Problem

// Add appends p.
func (l *List) Add(p *Problem) { *l = append(*l, p) }

// Report appends an error-severity problem with the catalogue message code.
func (l *List) Report(pos Pos, field, code string, args ...any) {
	l.Add(New(pos, field, code, args...))
}

// Warn appends a warning with the catalogue message code.
func (l *List) Warn(pos Pos, field, code string, args ...any) {
	p := New(pos, field, code, args...)
	p.Severity = Warning
	l.Add(p)
}

// Merge appends every problem of o.
func (l *List) Merge(o List) { *l = append(*l, o...) }

// HasErrors reports whether any problem is an error (not a warning).
func (l List) HasErrors() bool {
	for _, p := range l {
		if p.Severity == Error {
			return true
		}
	}
	return false
}

// Sort orders problems by file, line and column, so output is stable
// whatever order parallel loaders found them in.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Errors returns only the error-severity problems.
func (l List) Errors() List { return l.only(Error) }

// Notes returns only the notes.
func (l List) Notes() List { return l.only(Note) }

// Warnings returns only the warnings.
func (l List) Warnings() List { return l.only(Warning) }

// only returns the problems of severity sev.
func (l List) only(sev Severity) List {
	var out List
	for _, p := range l {
		if p.Severity == sev {
			out = append(out, p)
		}
	}
	return out
}

// Err returns l as one error when it holds any error-severity problem,
// else nil. The error carries the warnings too, so that they are shown
// beside the errors. Its message has one problem per line.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return &ListError{List: l}
}

// ListError is a non-empty list of problems as an error.
type ListError struct{ List List }

func (e *ListError) Error() string { return e.Format(En) }

// Format writes the problems in lang, one a line.
func (e *ListError) Format(lang string) string {
	var b strings.Builder
	for i, p := range e.List {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Format(lang))
	}
	return b.String()
}

// Problems extracts the problems carried by err, if it is (or wraps) a
// *ListError or a *Problem.
func Problems(err error) List {
	var le *ListError
	if errors.As(err, &le) {
		return le.List
	}
	var p *Problem
	if errors.As(err, &p) {
		return List{p}
	}
	return nil
}

// Nearest returns the candidate closest to s by edit distance, if it is close
// enough to be a plausible misspelling; otherwise "".
func Nearest(s string, candidates []string) string {
	best, bestD := "", -1
	for _, c := range candidates {
		d := distance(strings.ToLower(s), strings.ToLower(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	if bestD < 0 {
		return ""
	}
	limit := max(1, min(3, len([]rune(s))/3))
	if bestD > limit {
		return ""
	}
	return best
}

// distance is the Damerau (optimal string alignment) edit distance in runes,
// so that a swapped pair of letters ("partcipiants") counts as one edit.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// Suggest is Nearest for names that may have been shortened or renamed
// since: a candidate that starts or ends with s (or s with it) wins, then
// the nearest by edit distance.
func Suggest(s string, candidates []string) string {
	if s == "" {
		return ""
	}
	best := ""
	for _, c := range candidates {
		if c != s && (strings.HasPrefix(c, s) || strings.HasPrefix(s, c) || strings.HasSuffix(c, s)) {
			if best == "" || len(c) < len(best) {
				best = c
			}
		}
	}
	if best != "" {
		return best
	}
	return Nearest(s, candidates)
}
