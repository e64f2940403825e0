package meta

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// decodeSimpleYAML decodes front matter written in the plain subset of
// YAML that stories nearly always use, giving the same tree as yaml.v3 and
// fromYAML (node kinds, text, numbers, lines and columns) for a fraction of
// their cost. It returns ok false for anything outside the subset, which
// decodeYAML then leaves to yaml.v3, errors included. The subset:
//   - "key: value" lines at the left margin, keys of ASCII letters, digits,
//     '_' and '-', each key once;
//   - under a "key:" with no value, such lines indented by the same number
//     of spaces (one level deep);
//   - values: a plain scalar on one line, starting with a letter, a digit
//     or '~' and without ": " or '#' but for a trailing " # comment"
//     (resolved as yaml.v3 does for the forms
//     it accepts: text, true/false, null, decimal integers and fractions,
//     dates), '…' and "…" without escapes, [flow, sequences] of those on one
//     line, {} or nothing;
//   - blank lines and whole-line comments.
//
// TestSimpleYAML, TestSimpleYAMLRandom and FuzzSimpleYAML check it against
// yaml.v3.
func decodeSimpleYAML(data []byte, line int) (root *Node, ok bool) {
	if !simpleBytes(data) {
		return nil, false
	}
	// The root, a key and a value a line, and the items of flow lists
	// (one more than their commas) take at most this many nodes and pairs.
	lines := bytes.Count(data, []byte("\n")) + 1
	nodes := 1 + lines + bytes.Count(data, []byte("[")) + bytes.Count(data, []byte(","))
	if nodes > maxSimpleNodes {
		return nil, false // huge: not allocated up front, left to yaml.v3 and its budget
	}
	p := simpleParser{off: line - 1}
	p.slab = make([]Node, 0, nodes)
	root = p.node()
	root.Kind = Map
	root.Map = make([]Pair, 0, lines)
	var (
		pending *Node // the value of the last top-level "key:" without value
		nested  *Node // pending, once a line indented under it made it a map
		indent  int   // of nested's entries
		depth   int   // of the last entry: a line deeper would continue its value
	)
	for ln := 1; len(data) > 0; ln++ {
		var l []byte
		l, data, _ = bytes.Cut(data, []byte("\n"))
		text := bytes.TrimLeft(l, " ")
		if len(text) == 0 {
			continue
		}
		ind := len(l) - len(text)
		open := pending != nil && nested == nil // entries may follow, at any indentation
		if text[0] == '#' {
			if ind > depth && !open {
				return nil, false
			}
			continue
		}
		switch {
		case ind == 0:
			pending, nested = nil, nil
		case open:
			nested, indent = pending, ind
			nested.Kind, nested.Line, nested.Col = Map, ln+p.off, ind+1
		case nested == nil || ind != indent:
			return nil, false
		}
		m := root
		if nested != nil {
			m = nested
		}
		v, ok := p.entry(m, l, ind, ln)
		if !ok {
			return nil, false
		}
		depth = ind
		if ind == 0 && v.Kind == Null && v.Str == "" {
			pending = v
		}
	}
	if len(root.Map) == 0 {
		return nil, false
	}
	root.Line, root.Col = root.Map[0].Line, 1
	return root, true
}

// maxSimpleNodes bounds the nodes decodeSimpleYAML allocates; front matter
// that may need more is rare, and left to yaml.v3.
const maxSimpleNodes = 4096

type simpleParser struct {
	off  int    // added to 1-based lines of data
	slab []Node // nodes are allocated from here
}

func (p *simpleParser) node() *Node {
	if len(p.slab) == cap(p.slab) { // not expected: the slab is sized for all
		p.slab = make([]Node, 0, 16)
	}
	p.slab = p.slab[:len(p.slab)+1]
	return &p.slab[len(p.slab)-1]
}

// entry reads the "key: value" at l[ind:] into m and returns the value.
func (p *simpleParser) entry(m *Node, l []byte, ind, ln int) (*Node, bool) {
	i := ind
	for i < len(l) && isKeyByte(l[i]) {
		i++
	}
	if i == ind || l[ind] == '-' || i-ind > 64 || i == len(l) || l[i] != ':' || i+1 < len(l) && l[i+1] != ' ' {
		return nil, false
	}
	key := string(l[ind:i])
	for _, q := range m.Map {
		if q.Key == key {
			return nil, false // yaml.v3's path words the error
		}
	}
	v := p.node()
	v.Line = ln + p.off
	rest := bytes.TrimRight(l[i+1:], " ")
	val := bytes.TrimLeft(rest, " ")
	if len(val) == 0 {
		v.Kind, v.Col = Null, i+2 // the column after the colon
	} else {
		v.Col = i + 1 + len(rest) - len(val) + 1
		if !p.value(v, trimComment(val), l[:v.Col-1]) {
			return nil, false
		}
	}
	m.Map = append(m.Map, Pair{Key: key, Line: ln + p.off, Col: ind + 1, Value: v})
	return v, true
}

// trimComment cuts a trailing comment from a value: a '#' after a space,
// once a plain scalar, a quoted scalar's closing quote or a flow
// sequence's closing bracket has been read ("title: 标题 #1" is 标题).
// What it cannot place is left whole, for value to refuse.
func trimComment(val []byte) []byte {
	end := 0 // where a comment may start
	switch val[0] {
	case '"', '\'':
		q := bytes.IndexByte(val[1:], val[0])
		if q < 0 {
			return val
		}
		end = q + 2
	case '[':
		end = bytes.LastIndexByte(val, ']') + 1
		if end == 0 {
			return val
		}
	case '{', '#':
		return val
	default:
		if c := bytes.Index(val, []byte(" #")); c >= 0 {
			return bytes.TrimRight(val[:c], " ")
		}
		return val
	}
	after := bytes.TrimLeft(val[end:], " ")
	if len(after) > 0 && after[0] == '#' && len(after) < len(val)-end {
		return val[:end]
	}
	return val
}

// value reads a value that starts after prefix on its line.
func (p *simpleParser) value(v *Node, val, prefix []byte) bool {
	switch val[0] {
	case '[':
		if val[len(val)-1] != ']' {
			return false
		}
		v.Kind = List
		inner := val[1 : len(val)-1]
		if len(bytes.TrimLeft(inner, " ")) == 0 {
			return true
		}
		col := utf8.RuneCount(prefix) + 2 // of inner's first byte
		v.List = make([]*Node, 0, bytes.Count(inner, []byte(","))+1)
		for {
			item := bytes.TrimLeft(inner, " ")
			col += len(inner) - len(item)
			if len(item) == 0 {
				return false // [a, ] and [a,,b]: left to yaml.v3
			}
			var end int // of the item in inner
			if item[0] == '"' || item[0] == '\'' {
				end = bytes.IndexByte(item[1:], item[0]) + 2
				if end < 2 {
					return false
				}
			} else {
				end = bytes.IndexAny(item, ",[]{}:")
				if end < 0 {
					end = len(item)
				} else if c := item[end]; c != ',' {
					return false
				}
				end = len(bytes.TrimRight(item[:end], " "))
				if end == 0 {
					return false
				}
			}
			e := p.node()
			e.Line, e.Col = v.Line, col
			if !scalar(e, item[:end], true) {
				return false
			}
			v.List = append(v.List, e)
			after := bytes.TrimLeft(item[end:], " ")
			if len(after) == 0 {
				return true
			}
			if after[0] != ',' {
				return false
			}
			col += utf8.RuneCount(item[:len(item)-len(after)]) + 1
			inner = after[1:]
		}
	case '{':
		if len(bytes.TrimLeft(val[1:], " ")) != 1 || val[len(val)-1] != '}' {
			return false // only {} is simple
		}
		v.Kind = Map
		return true
	}
	return scalar(v, val, false)
}

// scalar sets v to the scalar s, or returns false if s is not a scalar of
// the subset. Inside a flow sequence (flow), plain scalars may not hold
// , ? [ ] { } or : (yaml.v3 ends a plain scalar at ? there: [x?] is an
// error to it).
func scalar(v *Node, s []byte, flow bool) bool {
	switch c := s[0]; {
	case c == '"' || c == '\'':
		// quoted: always text; no escapes, no quote inside
		if len(s) < 2 || s[len(s)-1] != c || bytes.IndexByte(s[1:len(s)-1], c) >= 0 ||
			c == '"' && bytes.IndexByte(s, '\\') >= 0 {
			return false
		}
		v.Kind, v.Str = String, string(s[1:len(s)-1])
		return true
	case c >= utf8.RuneSelf, 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '~':
	default:
		return false // indicators, signs, '.' and the rest: left to yaml.v3
	}
	if bytes.IndexByte(s, '#') >= 0 || s[len(s)-1] == ':' || bytes.Contains(s, []byte(": ")) ||
		flow && bytes.ContainsAny(s, ",?[]{}:") {
		return false
	}
	v.Str = string(s)
	// yaml.v3's resolve: only a leading sign, digit, '.', '~' or one of
	// yYnNtTfFoO can make a plain scalar anything but text.
	switch c := s[0]; {
	case '0' <= c && c <= '9':
		return number(v, s)
	case c == 'y' || c == 'Y' || c == 'n' || c == 'N' || c == 't' || c == 'T' ||
		c == 'f' || c == 'F' || c == 'o' || c == 'O' || c == '~':
		switch v.Str {
		case "true", "True", "TRUE":
			v.Kind, v.Bool = Bool, true
			return true
		case "false", "False", "FALSE":
			v.Kind = Bool
			return true
		case "~", "null", "Null", "NULL":
			v.Kind = Null
			return true
		}
	}
	v.Kind = String
	return true
}

// number resolves a plain scalar that starts with a digit: decimal
// integers without leading zeros (octal to yaml.v3), fractions such as
// 66.7, and dates such as 2021-01-18. Anything else, including 2021-02-30
// (text to yaml.v3), is not simple.
func number(v *Node, s []byte) bool {
	digits := 0
	for digits < len(s) && '0' <= s[digits] && s[digits] <= '9' {
		digits++
	}
	switch {
	case digits == len(s):
		if len(s) > 18 || len(s) > 1 && s[0] == '0' {
			return false
		}
		n, err := strconv.ParseInt(v.Str, 10, 64)
		if err != nil {
			return false
		}
		v.Kind, v.Num = Int, float64(n)
		return true
	case s[digits] == '.':
		frac := digits + 1
		for frac < len(s) && '0' <= s[frac] && s[frac] <= '9' {
			frac++
		}
		if frac != len(s) || frac == digits+1 || len(s) > 24 {
			return false
		}
		f, err := strconv.ParseFloat(v.Str, 64)
		if err != nil {
			return false
		}
		v.Kind, v.Num = Float, f
		return true
	case digits == 4 && len(s) == 10 && s[4] == '-' && s[7] == '-':
		y, m, d := atoi(s[:4]), atoi(s[5:7]), atoi(s[8:])
		if m < 1 || m > 12 || d < 1 || d > daysIn(m, y) {
			return false // not a date (yaml.v3's time.Parse fails), or not digits (-1)
		}
		v.Kind = Time
		return true
	}
	return false
}

// atoi reads the digits b, or returns -1.
func atoi(b []byte) int {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// daysIn is the number of days in month m of year y, as time.Parse has it.
func daysIn(m, y int) int {
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		return 29
	}
	return int("\x1f\x1c\x1f\x1e\x1f\x1e\x1f\x1f\x1e\x1f\x1e\x1f"[m-1])
}

func isKeyByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

// simpleBytes reports whether data is valid UTF-8 without anything that
// yaml.v3 refuses or reads specially: control characters (tab and CR
// included), C1 controls and NEL, the line and paragraph separators, byte
// order marks and the non-characters U+FFFE and U+FFFF.
func simpleBytes(data []byte) bool {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c < ' ' && c != '\n' || c == 0x7F {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 || r < 0xA0 || r == '\u2028' || r == '\u2029' ||
			r == '\uFEFF' || r == '\uFFFE' || r == '\uFFFF' {
			return false
		}
		i += size
	}
	return true
}
