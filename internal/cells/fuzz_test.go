package cells

import (
	"math/big"
	"testing"
)

// FuzzFigure: any text either is refused with a message or reads as a
// plain non-negative decimal no larger than MaxFigure, in every pair of
// units the imports meet.
func FuzzFigure(f *testing.F) {
	for _, s := range []string{"1,024", "１０２４", "1.13万", "约100", "100+", "35%", "1E-2", "1e999", "0x10", "-5", "300人次", "1.5千万元", "∞"} {
		f.Add(s)
	}
	max := new(big.Rat).SetFloat64(MaxFigure)
	f.Fuzz(func(t *testing.T, s string) {
		for _, u := range [][2]string{{"", "人次"}, {"万元", "元"}, {"", "%"}, {"元", "万元"}, {"", ""}} {
			got, err := Figure(s, u[0], u[1])
			if err != nil {
				if got != "" || err.Msg.Code == "" {
					t.Fatalf("Figure(%q) = %q, %v", s, got, err)
				}
				continue
			}
			v, ok := new(big.Rat).SetString(got)
			if !ok || v.Sign() < 0 || v.Cmp(max) > 0 || got[0] == '+' {
				t.Fatalf("Figure(%q, %q, %q) = %q", s, u[0], u[1], got)
			}
		}
	})
}
