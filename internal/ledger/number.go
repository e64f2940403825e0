package ledger

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"

	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/stats"
)

// noFigure are cells that plainly say "no figure": read as empty, with a
// warning.
var noFigure = map[string]bool{
	"-": true, "—": true, "——": true, "–": true, "－": true, "/": true, "无": true, "n/a": true, "na": true, "暂无": true, "不详": true,
}

// approx are words that make a figure a guess: an error, because the site
// would print the guess as a count.
var (
	approxBefore = []string{"大约", "约", "近", "超过", "逾", "不少于", "将近", "~", "≈"}
	approxAfter  = []string{"以上", "左右", "余", "多", "+", "余人", "多人"}
)

var reGrouped = regexp.MustCompile(`^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$`)

// numberProblem is why a cell is not a figure.
type numberProblem int

const (
	numOK       numberProblem = iota
	numEmpty                  // nothing changes
	numNone                   // a warning: "—"
	numApprox                 // an error: "约100", "100+"
	numNotANum                // an error
	numNegative               // an error
	numTooLarge               // an error: beyond maxFigure
)

// maxFigure is the largest figure read: a thousand trillion, far above
// any count or amount of a programme, and still exact in a float64.
const maxFigure = 1e15

// report adds the problem p of the cell at pos holding text, if any.
func (p numberProblem) report(probs *diag.List, pos diag.Pos, text string) {
	q := diag.Quote(text)
	switch p {
	case numNone:
		probs.Warn(pos, "", "ledger-no-figure", q)
	case numApprox:
		probs.Report(pos, "", "ledger-approx", q)
	case numNotANum:
		probs.Report(pos, "", "ledger-not-number", q)
	case numNegative:
		probs.Report(pos, "", "ledger-negative", q)
	case numTooLarge:
		probs.Report(pos, "", "ledger-too-large", q)
	}
}

// parseNumber reads a cell as a figure in unit (the metric's), the cell's
// column being in factor units of it (万元 for 元: 10000). It accepts
// numbers stored as text, thousands separators, full-width digits, a
// trailing unit that is the column's or the metric's, and 万/亿.
func parseNumber(s, unit, colUnit string, factor float64) (float64, numberProblem) {
	t := strings.TrimSpace(width.Narrow.String(norm.NFC.String(s)))
	t = strings.ReplaceAll(t, " ", "")
	if t == "" {
		return 0, numEmpty
	}
	if noFigure[strings.ToLower(t)] {
		return 0, numNone
	}
	for _, u := range []string{colUnit, unit} {
		if u != "" && u != "%" {
			t = strings.TrimSuffix(t, u)
		}
	}
	for _, a := range approxBefore {
		if strings.HasPrefix(t, a) {
			return 0, numApprox
		}
	}
	for _, a := range approxAfter {
		if strings.HasSuffix(t, a) && len(t) > len(a) && isDigit(t[len(t)-len(a)-1]) {
			return 0, numApprox
		}
	}
	percent := strings.HasSuffix(t, "%")
	if percent {
		t = strings.TrimSuffix(t, "%")
	}
	mult := factor
	switch {
	case strings.HasSuffix(t, "亿"):
		t, mult = strings.TrimSuffix(t, "亿"), 1e8/unitScale(unit)
	case strings.HasSuffix(t, "万"):
		t, mult = strings.TrimSuffix(t, "万"), 1e4/unitScale(unit)
	}
	if strings.Contains(t, ",") {
		if !reGrouped.MatchString(t) {
			return 0, numNotANum
		}
		t = strings.ReplaceAll(t, ",", "")
	}
	// Excel keeps some numbers as 1.0000000000000001E-2: exponents are
	// numbers; hexadecimal and Go's underscores are not.
	if t == "" || strings.ContainsAny(t, "xXpP_") {
		return 0, numNotANum
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, numNotANum
	}
	if v < 0 {
		return 0, numNegative
	}
	if percent && unit != "%" {
		return 0, numNotANum
	}
	if v*mult > maxFigure {
		return 0, numTooLarge
	}
	return plain(v * mult), numOK
}

// unitScale is how many base units a unit counts: 万元 is 10000.
func unitScale(unit string) float64 {
	switch {
	case strings.HasPrefix(unit, "万"):
		return 1e4
	case strings.HasPrefix(unit, "亿"):
		return 1e8
	}
	return 1
}

// convert returns how many of the metric's unit one of the column's unit
// is: 万元 -> 元 is 10000. ok is false for units that do not convert.
func convert(colUnit, unit string) (float64, bool) {
	colUnit = strings.TrimSpace(colUnit)
	if colUnit == "" || colUnit == unit {
		return 1, true
	}
	for _, p := range []struct {
		prefix string
		n      float64
	}{{"百万", 1e6}, {"千万", 1e7}, {"万", 1e4}, {"亿", 1e8}, {"千", 1e3}} {
		if colUnit == p.prefix+unit && unit != "" {
			return p.n, true
		}
		if unit == p.prefix+colUnit && colUnit != "" {
			return 1 / p.n, true
		}
	}
	return 0, false
}

// plain rounds away the binary noise of a product (1.13 * 10000 is
// 11299.999999999998) to the figure the site writes.
func plain(v float64) float64 {
	r, _ := strconv.ParseFloat(stats.FormatPlain(v), 64)
	return r
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
