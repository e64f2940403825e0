package unitext

import (
	"unicode"
	"unicode/utf8"
)

// spaceBytes tells, by its first byte, whether a character may be white
// space (unicode.IsSpace, which strings.Fields uses): 1 for ASCII white
// space, 2 for the first byte of U+0085, U+00A0, U+1680, U+2000 to
// U+205F and U+3000, which need a look at the whole character.
var spaceBytes = [256]uint8{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1, 0xC2: 2, 0xE1: 2, 0xE2: 2, 0xE3: 2}

// CollapseSpace makes each run of white space in b one space, and
// removes it at either end: what strings.Join(strings.Fields(string(b)),
// " ") does, in place and in one pass. (These first bytes are never
// inside another character, so a byte-by-byte scan finds the white space
// strings.Fields finds, even in invalid UTF-8.)
func CollapseSpace(b []byte) []byte {
	w := 0         // b[:w] is done
	space := false // white space was met since the last text
	for i := 0; i < len(b); {
		// b[i:j] is not white space; b[j:k] is one white-space character.
		j, k := i, len(b)
		for ; j < len(b); j++ {
			if t := spaceBytes[b[j]]; t == 1 {
				k = j + 1
				break
			} else if t == 2 {
				if r, n := utf8.DecodeRune(b[j:]); unicode.IsSpace(r) {
					k = j + n
					break
				}
			}
		}
		if j > i {
			if space && w > 0 {
				b[w] = ' '
				w++
			}
			space = false
			w += copy(b[w:], b[i:j])
		}
		if j < len(b) {
			space = true
		}
		i = k
	}
	return b[:w]
}

// Ideograph3 reports whether x, three bytes of UTF-8 as one number
// (b0<<16 | b1<<8 | b2), is a CJK Unified Ideograph (U+4E00..U+9FFF):
// within E4 B8 80 and E9 BF BF, with two continuation bytes.
func Ideograph3(x uint32) bool { return x-0xE4B880 <= 0xE9BFBF-0xE4B880 && x&0xC0C0 == 0x8080 }
