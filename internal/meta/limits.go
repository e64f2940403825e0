package meta

import "github.com/jiangninglu/showcase/internal/diag"

// Limits on one front-matter block (or showcase.yaml). A scan of the bytes
// checks them before any decoder runs: BurntSushi/toml recurses once per
// level of nesting (a million '[' overflow the stack) and spends memory
// quadratic in the depth of nested inline tables and dotted keys, and every
// decoder builds a value per element however many there are. Real front
// matter nests two or three levels and holds a few dozen values.
const (
	// MaxDepth bounds nesting: lists and maps inside one another, the
	// front matter's own map counting as one, and each part of a TOML
	// dotted key or table name as one more.
	MaxDepth = 64
	// maxNodes bounds the values one document may hold or, through YAML
	// aliases, expand to.
	maxNodes = 100_000
)

func tooDeep(line, col int) *SyntaxError {
	return &SyntaxError{Line: line, Col: col, Msg: diag.M("fm-too-deep", MaxDepth)}
}

func tooLarge(line, col int) *SyntaxError {
	return &SyntaxError{Line: line, Col: col, Msg: diag.M("fm-too-large", maxNodes)}
}

// scanner walks front matter byte by byte, keeping the file position, for
// the limit checks. line is the file line on which data starts.
type scanner struct {
	data      []byte
	i         int
	line      int
	lineStart int
}

// pos is the file position of byte i.
func (s *scanner) pos(i int) (int, int) { return s.line, i - s.lineStart + 1 }

// next returns the byte at i and moves past it, counting lines.
func (s *scanner) next() byte {
	c := s.data[s.i]
	s.i++
	if c == '\n' {
		s.line++
		s.lineStart = s.i
	}
	return c
}

func (s *scanner) has(prefix string) bool {
	return len(s.data)-s.i >= len(prefix) && string(s.data[s.i:s.i+len(prefix)]) == prefix
}

// skipString moves past a string whose opening quote q (one or three
// characters) was just read; escapes says whether backslash escapes apply.
func (s *scanner) skipString(q string, escapes bool) {
	for s.i < len(s.data) {
		if s.has(q) {
			s.i += len(q)
			return
		}
		c := s.next()
		if escapes && c == '\\' && s.i < len(s.data) {
			s.next()
		}
		if c == '\n' && len(q) == 1 {
			return // an unclosed one-line string: the decoder will say so
		}
	}
}

// checkTOML checks a TOML document against the limits. Nesting is counted
// from brackets and braces outside strings and comments, plus the dots of a
// key or table name (a float's dot adds one level too: harmless, as the
// limit is far above real use). A key's dots stay counted while the array
// or inline table that is its value is open: in "a.b = {c.d = {...}}"
// every part is a level. Values are counted as '=', ',', '[' and '{':
// never fewer than the decoded values.
func checkTOML(data []byte, line int) error {
	s := scanner{data: data, line: line}
	var (
		brackets int   // open [ and { in values
		table    int   // levels of the last [table] or [[array]] header
		dots     int   // since the last separator
		keyDots  int   // of the key whose value comes next, until '[' or '{' takes them
		carried  []int // keyDots taken by each open '[' and '{'
		inValues int   // sum of carried
		values   int
		lineHead = true // only spaces so far on this line
	)
	for s.i < len(s.data) {
		at := s.i
		if lineHead && brackets == 0 && s.data[at] == '[' {
			// A table header: its levels apply to the keys below it.
			table = 0
			values++
			for s.i < len(s.data) && s.data[s.i] != '\n' && s.data[s.i] != '#' {
				switch c := s.next(); c {
				case '.', '[': // [[array]]: the list, then its map
					table++
				case '"', '\'':
					s.skipString(string(c), c == '"')
				}
				if table+1 > MaxDepth {
					return tooDeep(s.pos(s.i - 1))
				}
			}
			lineHead = false
			continue
		}
		c := s.next()
		if c != ' ' && c != '\t' {
			lineHead = false
		}
		switch c {
		case '\n':
			lineHead, dots = true, 0
			if brackets == 0 {
				keyDots = 0
			}
		case '#':
			for s.i < len(s.data) && s.data[s.i] != '\n' {
				s.i++
			}
		case '"', '\'':
			q := string(c)
			if s.has(q + q) {
				s.i += 2
				q += q + q
			}
			s.skipString(q, c == '"')
		case '.':
			dots++
		case '=':
			values++
			keyDots, dots = dots, 0
		case ',':
			values++
			keyDots, dots = 0, 0
		case '[', '{':
			values++
			brackets++
			carried = append(carried, keyDots)
			inValues += keyDots
			keyDots, dots = 0, 0
		case ']', '}':
			brackets = max(brackets-1, 0)
			if n := len(carried); n > 0 {
				inValues -= carried[n-1]
				carried = carried[:n-1]
			}
			keyDots, dots = 0, 0
		}
		// The front matter's map is one level; keys add theirs.
		if 1+table+inValues+brackets+dots > MaxDepth {
			return tooDeep(s.pos(at))
		}
		if values > maxNodes {
			return tooLarge(s.pos(at))
		}
	}
	return nil
}

// checkJSON checks a JSON document against the limits, counting '[' and
// '{' outside strings for nesting and ',' and openings for values.
func checkJSON(data []byte, line int) error {
	s := scanner{data: data, line: line}
	depth, values := 0, 1
	for s.i < len(s.data) {
		at := s.i
		switch s.next() {
		case '"':
			s.skipString(`"`, true)
		case '[', '{':
			depth++
			values++
			if depth > MaxDepth {
				return tooDeep(s.pos(at))
			}
		case ']', '}':
			depth = max(depth-1, 0)
		case ',':
			values++
		}
		if values > maxNodes {
			return tooLarge(s.pos(at))
		}
	}
	return nil
}

// checkYAML bounds the values of a YAML document before yaml.v3 builds a
// node for each. YAML's quoting and block scalars are too rich to follow
// in a scan; instead it counts every byte that can start a value: line
// feeds, ',', '[', '{', '-' and '?'. Text full of these is overcounted,
// which only matters past maxNodes of them. Nesting is checked on the
// decoded tree (fromYAML): yaml.v3 itself stops at 10,000 levels, cheaply.
func checkYAML(data []byte, line int) error {
	s := scanner{data: data, line: line}
	values := 0
	for s.i < len(s.data) {
		at := s.i
		switch s.next() {
		case '\n', ',', '[', '{', '-', '?':
			values++
			if values > maxNodes {
				return tooLarge(s.pos(at))
			}
		}
	}
	return nil
}
