package stats

import (
	"math"
	"strconv"
	"strings"
)

// Numbers are rounded on their shortest decimal form, not on the binary
// float: 1.005 is meant as 1.005, so it rounds to 1.01 as a reader expects,
// where strconv's 'f' with a precision would give 1.00.

// decimal is a number's magnitude as decimal digits: Int has no leading
// zeros (but is at least "0"), Frac may be empty.
type decimal struct {
	Neg       bool
	Int, Frac string
}

func toDecimal(v float64) decimal {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	d := decimal{}
	if strings.HasPrefix(s, "-") {
		d.Neg, s = true, s[1:]
	}
	d.Int, d.Frac, _ = strings.Cut(s, ".")
	return d
}

// round keeps at most places fraction digits, rounding half away from zero,
// and drops trailing zeros.
func (d decimal) round(places int) decimal {
	if len(d.Frac) > places {
		up := d.Frac[places] >= '5'
		d.Frac = d.Frac[:places]
		if up {
			digits := []byte(d.Int + d.Frac)
			i := len(digits) - 1
			for ; i >= 0 && digits[i] == '9'; i-- {
				digits[i] = '0'
			}
			if i >= 0 {
				digits[i]++
			} else {
				digits = append([]byte{'1'}, digits...)
			}
			d.Int, d.Frac = string(digits[:len(digits)-places]), string(digits[len(digits)-places:])
		}
	}
	d.Frac = strings.TrimRight(d.Frac, "0")
	if d.Int == "0" && d.Frac == "" {
		d.Neg = false // no "-0"
	}
	return d
}

// shift divides by 10^n.
func (d decimal) shift(n int) decimal {
	in := d.Int
	if len(in) <= n {
		in = strings.Repeat("0", n+1-len(in)) + in
	}
	d.Int, d.Frac = in[:len(in)-n], in[len(in)-n:]+d.Frac
	d.Int = strings.TrimLeft(d.Int, "0")
	if d.Int == "" {
		d.Int = "0"
	}
	return d
}

// String writes the digits plainly, as in CSV and JSON: "-1234.5".
func (d decimal) String() string {
	s := d.Int
	if d.Frac != "" {
		s += "." + d.Frac
	}
	if d.Neg {
		s = "-" + s
	}
	return s
}

// grouped writes the digits with thousands separators: "-1,234.5".
func (d decimal) grouped() string {
	var b strings.Builder
	if d.Neg {
		b.WriteByte('-')
	}
	for i, c := range []byte(d.Int) {
		if i > 0 && (len(d.Int)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(c)
	}
	if d.Frac != "" {
		b.WriteByte('.')
		b.WriteString(d.Frac)
	}
	return b.String()
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// formatResult is the one way the exports write a number: at most 4
// decimals, no exponent, no separators: 66.7 -> "66.7", 1/3 -> "0.3333".
func formatResult(v float64) string {
	if !finite(v) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return toDecimal(v).round(4).String()
}

// FormatPlain writes v as the exports and imports write a figure: at most
// 4 decimals, no exponent, no separators (1.13 万元 is "11300", never
// "11299.999999999998").
func FormatPlain(v float64) string { return formatResult(v) }

// round4 rounds v to at most 4 decimals, as formatResult writes it.
func round4(v float64) float64 {
	if !finite(v) {
		return v
	}
	r, _ := strconv.ParseFloat(formatResult(v), 64)
	return r
}

// FormatNumber writes v for readers: thousands separators, at most 2
// decimals rounded half away from zero, trailing zeros dropped:
// 15600 -> "15,600", 66.7 -> "66.7", 0.5 -> "0.5".
func FormatNumber(v float64) string {
	if !finite(v) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return toDecimal(v).round(2).grouped()
}

// FormatCompact writes v in the language's large-number style. For "zh-CN"
// (or any "zh" language), from 10,000 on it counts in 万 and from 100,000,000
// on in 亿, with at most 2 decimals: 15600 -> "1.56万", 150000 -> "15万",
// 123456789 -> "约1.23亿". Below 10,000, and for any other language, it is
// FormatNumber.
//
// When the compact figure is rounded, so that it could be read as exact, it
// starts with "约" (about): 15650 -> "约1.57万". The caller shows the exact
// figure (FormatNumber) beside it, in a title attribute or a table.
func FormatCompact(v float64, lang string) string {
	if !finite(v) || !strings.HasPrefix(strings.ToLower(lang), "zh") {
		return FormatNumber(v)
	}
	d := toDecimal(v)
	if len(d.round(2).Int) <= 4 { // below 10,000 once rounded as FormatNumber would
		return FormatNumber(v)
	}
	unit, n := "万", 4
	if len(d.Int) > 8 {
		unit, n = "亿", 8
	}
	exact := d.shift(n)
	c := exact.round(2)
	if unit == "万" && len(c.Int) > 4 { // 99,999,999 is 1亿, not 10000万
		unit, n = "亿", 8
		exact = d.shift(n)
		c = exact.round(2)
	}
	s := c.grouped() + unit
	if len(strings.TrimRight(exact.Frac, "0")) > 2 {
		s = "约" + s
	}
	return s
}
