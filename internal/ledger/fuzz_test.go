package ledger

import (
	"math"
	"strconv"
	"testing"

	"github.com/jiangninglu/showcase/internal/stats"
)

// FuzzParseNumber: any cell text either is refused or reads as a finite,
// non-negative figure that the site writes plainly and reads back the
// same.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"1,024", "１０２４", "1.13", "1.13万", "约100", "100+", "—", "35%", "1E-2", "0x10", "  7 ", "1,02", "-5", "300人次"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, u := range [][2]string{{"人次", ""}, {"元", "万元"}, {"%", ""}} {
			v, p, _ := parseNumber(s, u[0], u[1])
			if p != numOK {
				continue
			}
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				t.Fatalf("parseNumber(%q) = %v", s, v)
			}
			w := stats.FormatPlain(v)
			back, err := strconv.ParseFloat(w, 64)
			if err != nil || stats.FormatPlain(back) != w {
				t.Fatalf("parseNumber(%q) = %v, written %q, read back %v (%v)", s, v, w, back, err)
			}
		}
	})
}
