package cells

import (
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jiangninglu/showcase/internal/diag"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// Fold makes full-width letters, digits and punctuation half-width,
// composes accents (NFC) and trims spaces (including the ideographic
// space).
func Fold(s string) string {
	return strings.TrimSpace(width.Narrow.String(norm.NFC.String(s)))
}

// Key folds a label for matching: Fold, lower case, no spaces (forms
// space out 标　　题), no trailing colon, no "*" marking it required.
func Key(s string) string {
	s = strings.ToLower(Fold(s))
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	return strings.Trim(strings.TrimRight(s, ":："), "*")
}

// unitBrackets are the brackets a header puts its unit in (after Fold:
// （） is ()).
var unitBrackets = [][2]string{{"(", ")"}, {"[", "]"}, {"【", "】"}, {"〔", "〕"}}

// SplitLabel splits "资金（万元）" into "资金" and "万元", as Word tables'
// left cells and Excel headers write it (also 资金[万元], 资金【万元】);
// a label without brackets has no unit. Both come back Fold-ed, without
// a trailing colon or a "*" marking the field required.
func SplitLabel(s string) (label, unit string) {
	s = strings.Trim(strings.TrimRight(Fold(s), ":"), "* ")
	for _, p := range unitBrackets {
		if strings.HasSuffix(s, p[1]) {
			if i := strings.LastIndex(s, p[0]); i > 0 {
				return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+len(p[0]) : len(s)-len(p[1])])
			}
		}
	}
	return s, ""
}

// Blank reports whether a cell says nothing: empty, or a placeholder
// people type for "none" or "unknown" (无, 暂无, 不详, -, —, –, /, N/A).
func Blank(s string) bool {
	switch strings.ToLower(Fold(s)) {
	case "", "无", "暂无", "没有", "不详", "未知", "-", "--", "—", "——", "–", "/", "n/a", "na", "none":
		return true
	}
	return false
}

// SplitList splits a list of names on 、，,;；/ and line breaks (a
// Word cell's paragraphs, Alt+Enter in Excel), dropping empty items.
func SplitList(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune("、，,;；/／\n", r)
	})
	var out []string
	for _, v := range f {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// figureRe is a figure as typed, spaces taken out: words before it
// (约, ¥ ...), a sign, digits with thousands separators, an exponent as
// Excel keeps some numbers (1.0000000000000001E-2), and a unit with no
// digits in it (万元, 人次, %, 余人 ...). "0x10" and "100-200" do not match.
var figureRe = regexp.MustCompile(`^(\D*?)([+-]?)(\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d{1,3}))?(\D*)$`)
var thousands = regexp.MustCompile(`^\d{1,3}(,\d{3})+(\.\d*)?$`)

// approxBefore and approxAfter are the words that make a figure a guess
// (约100, 100余人, 100+): refused, because the site would print the guess
// as a count.
var (
	approxBefore = []string{"大约", "约", "近", "超过", "逾", "不少于", "将近", "~", "≈"}
	approxAfter  = []string{"以上", "左右", "余", "多", "+"}
)

// MaxFigure is the largest figure read: a thousand trillion, far above
// any count or amount of a programme, and still exact in a float64.
const MaxFigure = 1e15

// magnitude is what a unit's leading 万, 亿 ... multiply by.
var magnitude = map[rune]int64{'百': 100, '千': 1000, '万': 10_000, '亿': 100_000_000}

// splitMagnitude splits "万元" into 10000 and "元". A lone "万" is 10000
// and "". A unit without such a prefix is 1 and itself.
func splitMagnitude(u string) (*big.Rat, string) {
	f := big.NewRat(1, 1)
	for {
		r, size := utf8.DecodeRuneInString(u)
		m, ok := magnitude[r]
		if size == 0 || !ok {
			return f, u
		}
		f.Mul(f, big.NewRat(m, 1))
		u = u[size:]
	}
}

// Scale says how many of unit to one of from: 万元 to 元 is 10000, 元 to
// 万元 is 0.0001. A bare number ("") is in unit already; a lone 万 or 亿
// counts unit's own base (万 to 元 is 10000); a metric without a unit
// takes any unit but % and only scales by its 万. ok is false when the
// units measure different things (人 and 人次, % and 元).
func Scale(from, unit string) (f *big.Rat, ok bool) {
	from, unit = strings.TrimSpace(from), strings.TrimSpace(unit)
	if from == "" || from == unit {
		return big.NewRat(1, 1), true
	}
	f, base := splitMagnitude(from)
	mf, mbase := splitMagnitude(unit)
	if base != mbase && base != "" && (mbase != "" || base == "%") {
		return nil, false
	}
	return f.Quo(f, mf), true
}

// Figure reads a non-negative figure typed in a cell whose header gives
// unit cellUnit (may be ""), for a metric measured in metricUnit (may be
// ""). The value may carry its own unit ("1.5万元", "35%"), which wins
// over the header's: "15000元" under 资金（万元） is 15000 元. A lone 万 or
// 亿 counts the header's base unit: "1.13万" under 资金（万元） is 1.13万元,
// not 1.13亿. It returns the figure in metricUnit as plain decimal text
// ("11300", "0.5"), or why the text is not one: cell-approx (约100,
// 100+), cell-not-number, cell-negative, cell-unit, cell-too-large.
// Whether the cell is empty or says 无 is the caller's question (Blank).
func Figure(s, cellUnit, metricUnit string) (string, *diag.MsgError) {
	v, err := figure(s, cellUnit, metricUnit)
	if err != nil {
		return "", err
	}
	return ratString(v), nil
}

func figure(raw, cellUnit, metricUnit string) (*big.Rat, *diag.MsgError) {
	q := diag.Quote(raw)
	s := strings.Join(strings.Fields(Fold(raw)), "")
	s = strings.ReplaceAll(s, "−", "-") // the minus sign
	m := figureRe.FindStringSubmatch(s)
	if m == nil {
		for _, a := range approxBefore {
			if strings.HasPrefix(s, a) {
				return nil, diag.NewError("cell-approx", q)
			}
		}
		return nil, diag.NewError("cell-not-number", q)
	}
	before, sign, digits, exp, unit := m[1], m[2], m[3], m[4], m[5]
	for _, a := range approxBefore {
		if strings.HasPrefix(before, a) {
			return nil, diag.NewError("cell-approx", q)
		}
	}
	for _, a := range approxAfter {
		if strings.Contains(unit, a) {
			return nil, diag.NewError("cell-approx", q)
		}
	}
	if before != "" {
		return nil, diag.NewError("cell-not-number", q)
	}
	if strings.Contains(digits, ",") {
		if !thousands.MatchString(digits) {
			return nil, diag.NewError("cell-not-number", q)
		}
		digits = strings.ReplaceAll(digits, ",", "")
	}
	if exp != "" {
		digits += "e" + exp
	}
	v, ok := new(big.Rat).SetString(digits)
	if !ok {
		return nil, diag.NewError("cell-not-number", q)
	}
	if sign == "-" && v.Sign() != 0 {
		return nil, diag.NewError("cell-negative", q)
	}
	switch f, base := splitMagnitude(unit); {
	case unit == "":
		unit = cellUnit
	case base == "" && cellUnit != "":
		// "1.13万" under 资金（万元）: 1.13万元.
		_, cbase := splitMagnitude(cellUnit)
		v.Mul(v, f)
		unit = cbase
	}
	f, ok := Scale(unit, metricUnit)
	if !ok {
		return nil, diag.NewError("cell-unit", q, diag.Quote(unit), diag.Quote(metricUnit))
	}
	v.Mul(v, f)
	if v.Cmp(new(big.Rat).SetFloat64(MaxFigure)) > 0 {
		return nil, diag.NewError("cell-too-large", q)
	}
	return v, nil
}

// ratString writes r as plain decimal text, exactly when it has at most
// 10 decimals.
func ratString(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	s := r.FloatString(10)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

var (
	cnDate  = regexp.MustCompile(`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$`)
	numDate = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$`)
	yearRe  = regexp.MustCompile(`^(\d{4})(?:\.0+)?\s*(?:年度|年)?$`)
)

// Date reads a date as "2021-01-18", "2021/1/18", "2021.1.18" or
// "2021年1月18日" and returns it as 2021-01-18.
func Date(s string) (string, *diag.MsgError) {
	f := Fold(s)
	m := cnDate.FindStringSubmatch(f)
	if m == nil {
		m = numDate.FindStringSubmatch(f)
	}
	if m == nil {
		return "", diag.NewError("cell-not-date", diag.Quote(s))
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Month() != time.Month(mo) || t.Day() != d {
		return "", diag.NewError("cell-not-date", diag.Quote(s))
	}
	return t.Format(time.DateOnly), nil
}

// Year reads a year as "2021", "2021年" or "2021年度", or as Excel may
// keep a number, "2021.0".
func Year(s string) (int, *diag.MsgError) {
	m := yearRe.FindStringSubmatch(Fold(s))
	if m == nil {
		return 0, diag.NewError("cell-not-year", diag.Quote(s))
	}
	y, _ := strconv.Atoi(m[1])
	if y < 1900 || y > 2200 {
		return 0, diag.NewError("cell-not-year", diag.Quote(s))
	}
	return y, nil
}
