package ledger

import (
	"strconv"
	"strings"

	"github.com/jiangninglu/showcase/internal/cells"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/stats"
)

// numberProblem says what a metric cell holds when it is not a figure.
type numberProblem int

const (
	numOK    numberProblem = iota
	numEmpty               // nothing changes
	numNone                // a warning: "—", 无
	numBad                 // an error: cells.Figure's (约100, 1,02, -5 ...)
)

// parseNumber reads a cell as a figure in unit (the metric's) under a
// header in colUnit (万元 for 元), as cells.Figure reads a Word table's:
// the one reading of a typed figure. A placeholder (cells.Blank) is
// numNone, an empty cell numEmpty.
func parseNumber(s, unit, colUnit string) (float64, numberProblem, *diag.MsgError) {
	if strings.TrimSpace(s) == "" {
		return 0, numEmpty, nil
	}
	if cells.Blank(s) {
		return 0, numNone, nil
	}
	t, err := cells.Figure(s, colUnit, unit)
	if err != nil {
		return 0, numBad, err
	}
	v, perr := strconv.ParseFloat(t, 64)
	if perr != nil { // cells.Figure writes plain decimals within MaxFigure
		return 0, numBad, diag.NewError("cell-not-number", diag.Quote(s))
	}
	return plain(v), numOK, nil
}

// report adds the problem p (err for numBad) of the cell at pos holding
// text, if any.
func (p numberProblem) report(probs *diag.List, pos diag.Pos, text string, err *diag.MsgError) {
	switch p {
	case numNone:
		probs.Warn(pos, "", "ledger-no-figure", diag.Quote(text))
	case numBad:
		probs.Add(&diag.Problem{Pos: pos, Msg: err.Msg})
	}
}

// plain rounds away the binary noise of a sum (1.13 + 0.1 is
// 1.2299999999999998) to the figure the site writes.
func plain(v float64) float64 {
	r, _ := strconv.ParseFloat(stats.FormatPlain(v), 64)
	return r
}
