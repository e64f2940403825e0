package cells

import (
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/jiangninglu/showcase/internal/diag"
	"golang.org/x/text/width"
)

// Fold makes full-width letters, digits and punctuation half-width and
// trims spaces (including the ideographic space).
func Fold(s string) string {
	return strings.TrimSpace(width.Narrow.String(s))
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

var labelUnit = regexp.MustCompile(`^(.*?)\s*[（(]([^（）()]*)[）)]$`)

// SplitLabel splits "资金（万元）" into "资金" and "万元"; a label without
// brackets has no unit.
func SplitLabel(s string) (label, unit string) {
	s = strings.Trim(strings.TrimRight(strings.TrimSpace(s), ":："), "*＊ ")
	if m := labelUnit.FindStringSubmatch(s); m != nil {
		return strings.TrimSpace(m[1]), strings.TrimSpace(m[2])
	}
	return s, ""
}

// Blank reports whether a cell says nothing: empty, or a placeholder
// people type for "none" or "unknown" (无, 暂无, 不详, -, —, /, N/A).
func Blank(s string) bool {
	switch strings.ToLower(Fold(s)) {
	case "", "无", "暂无", "没有", "不详", "未知", "-", "--", "—", "——", "/", "n/a", "na", "none":
		return true
	}
	return false
}

// SplitList splits a list of names on 、，,;； and line breaks, dropping
// empty items.
func SplitList(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune("、，,;；\n", r)
	})
	var out []string
	for _, v := range f {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

var number = regexp.MustCompile(`^([+-]?)(\d[\d,]*(?:\.\d+)?|\.\d+)\s*(.*)$`)
var thousands = regexp.MustCompile(`^\d{1,3}(,\d{3})+(\.\d+)?$`)

// magnitude is what a unit's leading 万, 亿 ... multiply by.
var magnitude = map[rune]int64{'百': 100, '千': 1000, '万': 10_000, '亿': 100_000_000}

// splitMagnitude splits "万元" into 10000 and "元". A lone "万" is 10000
// and "". A unit without such a prefix is 1 and itself.
func splitMagnitude(u string) (*big.Rat, string) {
	f := big.NewRat(1, 1)
	for {
		r := []rune(u)
		if len(r) == 0 {
			return f, u
		}
		m, ok := magnitude[r[0]]
		if !ok {
			return f, u
		}
		f.Mul(f, big.NewRat(m, 1))
		u = string(r[1:])
	}
}

// Figure reads a non-negative figure typed in a cell whose header gives
// unit cellUnit (may be ""), for a metric measured in metricUnit (may be
// ""). The value may carry its own unit ("1.5万元", "35%"). It returns the
// figure in metricUnit as plain decimal text ("11300", "0.5"), or an error
// message (a diag.Msg) saying what is wrong.
func Figure(s, cellUnit, metricUnit string) (string, *diag.MsgError) {
	raw := s
	s = Fold(s)
	s = strings.ReplaceAll(s, "．", ".")
	m := number.FindStringSubmatch(s)
	if m == nil {
		return "", diag.NewError("cell-not-number", diag.Quote(raw))
	}
	if m[1] == "-" {
		return "", diag.NewError("cell-negative", diag.Quote(raw))
	}
	digits := m[2]
	if strings.Contains(digits, ",") {
		if !thousands.MatchString(digits) {
			return "", diag.NewError("cell-not-number", diag.Quote(raw))
		}
		digits = strings.ReplaceAll(digits, ",", "")
	}
	v, ok := new(big.Rat).SetString(digits)
	if !ok {
		return "", diag.NewError("cell-not-number", diag.Quote(raw))
	}
	unit := strings.TrimSpace(m[3])
	if unit == "" {
		unit = cellUnit
	} else if cellUnit != "" {
		// "1.5万" under 资金（元）: the value's 万 scales the column's unit.
		f, rest := splitMagnitude(unit)
		if rest == "" {
			v.Mul(v, f)
			unit = cellUnit
		}
	}
	f, base := splitMagnitude(unit)
	mf, mbase := splitMagnitude(metricUnit)
	switch {
	case unit == metricUnit:
		f = big.NewRat(1, 1)
	case base == mbase || base == "" || mbase == "":
		f.Quo(f, mf)
	default:
		return "", diag.NewError("cell-unit", diag.Quote(raw), diag.Quote(unit), diag.Quote(metricUnit))
	}
	v.Mul(v, f)
	return ratString(v), nil
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
	yearRe  = regexp.MustCompile(`^(\d{4})\s*(?:年度|年)?$`)
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

// Year reads a year as "2021", "2021年" or "2021年度".
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
