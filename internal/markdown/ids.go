package markdown

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// headingIDs is one document's table of element IDs. A fresh one per Render
// keeps concurrent renders apart. It implements goldmark's parser.IDs, so the
// parser context shares it: any ID goldmark generates lands in the same table.
type headingIDs struct {
	used map[string]struct{}
	// next is, for each base that was taken, the suffix to try first:
	// starting from 1 each time would make n equal headings cost n².
	next   map[string]int
	probes int // IDs tried, for tests of the work done
}

// Generate returns a unique ID for the plain text value.
func (s *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	return s.unique(appendSlug(nil, value))
}

// Put marks value as taken.
func (s *headingIDs) Put(value []byte) {
	s.take(string(value))
}

func (s *headingIDs) take(id string) bool {
	s.probes++
	if s.used == nil {
		s.used = make(map[string]struct{})
	}
	if _, taken := s.used[id]; taken {
		return false
	}
	s.used[id] = struct{}{}
	return true
}

// unique returns base if free, else the first free "base-1", "base-2", ...
func (s *headingIDs) unique(base []byte) []byte {
	if s.take(string(base)) {
		return base
	}
	if s.next == nil {
		s.next = make(map[string]int)
	}
	buf := make([]byte, 0, len(base)+3)
	for i := max(s.next[string(base)], 1); ; i++ {
		buf = append(append(buf[:0], base...), '-')
		buf = strconv.AppendInt(buf, int64(i), 10)
		if s.take(string(buf)) {
			s.next[string(base)] = i + 1
			return buf
		}
	}
}

// appendSlug appends the ID form of a heading's plain text: letters
// lowercased, Unicode letters (Chinese included), digits and combining marks
// kept, every other run of characters one "-", no "-" at either end; text
// with nothing to keep becomes "section".
func appendSlug(dst, text []byte) []byte {
	start := len(dst)
	dash := false
	for len(text) > 0 {
		r, size := utf8.DecodeRune(text)
		text = text[size:]
		switch {
		case r < utf8.RuneSelf:
			switch {
			case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			case 'A' <= r && r <= 'Z':
				r += 'a' - 'A'
			default:
				dash = true
				continue
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
		case unicode.Is(unicode.M, r) && len(dst) > start && !dash:
			// a combining mark stays with the letter it modifies
		default:
			dash = true
			continue
		}
		if dash && len(dst) > start {
			dst = append(dst, '-')
		}
		dash = false
		dst = utf8.AppendRune(dst, r)
	}
	if len(dst) == start {
		dst = append(dst, "section"...)
	}
	return dst
}
