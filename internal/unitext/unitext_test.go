package unitext

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestCollapseSpace: CollapseSpace gives what strings.Fields and a join
// give, on text mixing every kind of white space with Chinese, invalid
// UTF-8 and cut characters.
func TestCollapseSpace(t *testing.T) {
	pieces := []string{" ", "  ", "\t", "\n", "a", "社区", "花园", "\u0085", "\u00a0", "\u1680", "\u2000", "\u200a",
		"\u2028", "\u202f", "\u205f", "\u3000", "\u3001", "\u180e", "\xc2", "\xe3\x80", "\x85", "\xa0", "\xe2", "é", "😀"}
	rnd := rand.New(rand.NewPCG(2, 2))
	for range 50000 {
		var b strings.Builder
		for n := rnd.IntN(10); n >= 0; n-- {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := string(CollapseSpace([]byte(s))), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("CollapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestIdeograph3: the three-byte test answers as decoding the rune and
// comparing it with U+4E00..U+9FFF does, for every three bytes that lead
// with E0 to EF.
func TestIdeograph3(t *testing.T) {
	for b0 := 0xE0; b0 <= 0xEF; b0++ {
		for b1 := 0; b1 < 256; b1++ {
			for b2 := 0; b2 < 256; b2++ {
				p := []byte{byte(b0), byte(b1), byte(b2)}
				r, n := utf8.DecodeRune(p)
				want := n == 3 && r >= 0x4E00 && r <= 0x9FFF
				if got := Ideograph3(uint32(b0)<<16 | uint32(b1)<<8 | uint32(b2)); got != want {
					t.Fatalf("Ideograph3(% x) = %v, want %v", p, got, want)
				}
			}
		}
	}
}
