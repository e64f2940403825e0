package ledger

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/jiangninglu/showcase/internal/cells"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/stats"
)

// checkColumns reads the header's units and reports the columns it cannot
// use. It returns the columns to read.
func checkColumns(g *grid, h header, probs *diag.List) []col {
	cols := append([]col(nil), h.cols...)
	seen := map[string]diag.Pos{}
	for i := range cols {
		c := &cols[i]
		switch {
		case c.field == unknownCol:
			probs.Warn(c.header, "", "ledger-column-unknown", diag.Quote(strings.TrimSpace(c.unit)))
			c.field = ""
			continue
		case c.metric.Key != "":
			if c.metric.Programme() {
				probs.Warn(c.header, "", "ledger-column-programme", diag.Quote(c.metric.Label), c.metric.Key)
				c.metric.Key = ""
				continue
			}
			if _, ok := cells.Scale(c.unit, c.metric.Unit); !ok {
				probs.Report(c.header, "", "ledger-unit", diag.Quote(c.unit), diag.Quote(c.metric.Unit), c.metric.Key)
				c.metric.Key = ""
				continue
			}
		}
		name := c.field
		if c.metric.Key != "" {
			name = "metrics." + c.metric.Key
		}
		if name == "" {
			continue
		}
		if first, ok := seen[name]; ok {
			probs.Report(c.header, "", "ledger-column-twice", name, first.File)
			c.field, c.metric.Key = "", ""
			continue
		}
		seen[name] = c.header
	}
	return cols
}

// readRows reads the project rows under the header and checks the total
// rows (合计, 小计, 总计) against the rows above them.
func readRows(g *grid, h header, cs *columns) ([]Row, diag.List) {
	var probs diag.List
	cols := checkColumns(g, h, &probs)
	var rows []Row
	since := 0            // rows since the last 小计
	bad := map[int]bool{} // columns with a cell in error: their sums mean nothing
	for r := h.last + 1; r < len(g.rows); r++ {
		first := ""
		for c := range g.rows[r] {
			if t := strings.TrimSpace(g.cell(r, c)); t != "" {
				first = t
				break
			}
		}
		if first == "" {
			continue
		}
		if totalNames[fold(first)] {
			upto := rows
			if fold(first) == "小计" || fold(first) == "subtotal" {
				upto = rows[since:]
			}
			checkTotal(g, r, cols, upto, bad, &probs)
			if fold(first) == "小计" || fold(first) == "subtotal" {
				since = len(rows)
			}
			continue
		}
		row := Row{Pos: g.pos(r, 0), Fields: map[string]Cell{}, Metrics: map[string]Value{}}
		for c, cl := range cols {
			text := strings.TrimSpace(g.cell(r, c))
			switch {
			case cl.field != "":
				if text == "" {
					// A field merged down over several projects' rows
					// (one 居民区 for three projects) holds for each.
					if m, ok := g.mergedAt(r, c); ok {
						text = strings.TrimSpace(g.cell(m.r0, m.c0))
					}
				}
				if text != "" {
					row.Fields[cl.field] = Cell{Pos: g.pos(r, c), Text: text}
				}
			case cl.metric.Key != "":
				text = percent(g, r, c, text, cl.metric.Unit)
				v, p, err := parseNumber(text, cl.metric.Unit, cl.unit)
				switch p {
				case numOK:
					row.Metrics[cl.metric.Key] = Value{Pos: g.pos(r, c), Num: v, Text: text}
				default:
					p.report(&probs, g.pos(r, c), text, err)
					bad[c] = bad[c] || (p != numNone && p != numEmpty) // an error: the column's sum means nothing
				}
			}
		}
		if row.Fields["slug"].Text == "" && row.Fields["title"].Text == "" && row.Fields["project"].Text == "" {
			if len(row.Metrics) > 0 {
				probs.Warn(row.Pos, "", "ledger-row-no-name")
			}
			continue // a note under the table
		}
		rows = append(rows, row)
	}
	return rows, probs
}

// percent returns a cell of a % metric as Excel shows it when its number
// format makes 0.35 read 35%: the office typed 35%.
func percent(g *grid, r, c int, text, unit string) string {
	if unit != "%" || text == "" || g.shown == nil {
		return text
	}
	if shown := strings.TrimSpace(g.shown(r, c)); strings.HasSuffix(shown, "%") {
		if v, err := strconv.ParseFloat(text, 64); err == nil {
			return stats.FormatPlain(v*100) + "%"
		}
	}
	return text
}

// checkTotal compares each figure of total row r with the sum of rows.
func checkTotal(g *grid, r int, cols []col, rows []Row, bad map[int]bool, probs *diag.List) {
	for c, cl := range cols {
		if cl.metric.Key == "" || bad[c] {
			continue
		}
		text := strings.TrimSpace(g.cell(r, c))
		want, p, err := parseNumber(text, cl.metric.Unit, cl.unit)
		if p == numEmpty || p == numNone {
			continue
		}
		if p != numOK {
			p.report(probs, g.pos(r, c), text, err)
			continue
		}
		sum := 0.0
		for _, row := range rows {
			sum += row.Metrics[cl.metric.Key].Num
		}
		sum = plain(sum)
		if math.Abs(sum-want) > 1e-9*math.Max(1, math.Abs(want)) {
			probs.Warn(g.pos(r, c), "", "ledger-total-differs", strings.TrimSpace(g.cell(r, firstText(g, r))), stats.FormatPlain(want), stats.FormatPlain(sum), cl.metric.Key)
		}
	}
}

func firstText(g *grid, r int) int {
	for c := range g.rows[r] {
		if strings.TrimSpace(g.cell(r, c)) != "" {
			return c
		}
	}
	return 0
}

// figuresHeader finds a 指标 | 数值 header row: a sheet of programme
// figures. It returns the header with cols[0..2] the name, value and unit
// columns (-1 for none).
func figuresHeader(g *grid) (figHeader, bool) {
	for r := 0; r < min(len(g.rows), 30); r++ {
		h := figHeader{row: r, name: -1, value: -1, unit: -1}
		for c := range g.rows[r] {
			switch fold(g.cell(r, c)) {
			case "指标", "指标名称", "metric":
				h.name = c
			case "数值", "数量", "数字", "value":
				h.value = c
			case "单位", "unit":
				h.unit = c
			}
		}
		if h.name >= 0 && h.value >= 0 {
			return h, true
		}
	}
	return figHeader{}, false
}

type figHeader struct{ row, name, value, unit int }

var reYear = regexp.MustCompile(`(19|20)[0-9]{2}`)

// sheetYear is the year a sheet is about: the first year in its name, else
// in the title rows above its header row (0: none).
func sheetYear(g *grid, header int) int {
	texts := []string{g.sheet}
	for r := 0; r < header; r++ {
		texts = append(texts, strings.Join(g.rows[r], " "))
	}
	for _, t := range texts {
		if y := reYear.FindString(t); y != "" {
			n, _ := strconv.Atoi(y)
			return n
		}
	}
	return 0
}

// readFigures reads a sheet of programme figures for the report of year
// (0: the year in the sheet's name, else in its title rows).
func readFigures(g *grid, h figHeader, cs *columns, year int) (*Figures, diag.List) {
	var probs diag.List
	fig := &Figures{Sheet: g.sheet, Year: year, Pos: g.pos(h.row, h.name), Metrics: map[string]Value{}}
	if fig.Year == 0 {
		fig.Year = sheetYear(g, h.row)
	}
	if fig.Year == 0 {
		probs.Report(fig.Pos, "", "ledger-figures-year", diag.Quote(g.sheet))
		return nil, probs
	}
	for r := h.row + 1; r < len(g.rows); r++ {
		label := strings.TrimSpace(g.cell(r, h.name))
		text := strings.TrimSpace(g.cell(r, h.value))
		if label == "" && text == "" {
			continue
		}
		name, unit := cells.SplitLabel(label)
		if h.unit >= 0 {
			if u := strings.TrimSpace(g.cell(r, h.unit)); u != "" {
				unit = u
			}
		}
		m, ok := cs.metrics[fold(name)]
		if !ok {
			if label != "" {
				probs.Warn(g.pos(r, h.name), "", "ledger-figure-unknown", diag.Quote(label))
			}
			continue
		}
		if _, ok := cells.Scale(unit, m.Unit); !ok {
			probs.Report(g.pos(r, h.name), "", "ledger-unit", diag.Quote(unit), diag.Quote(m.Unit), m.Key)
			continue
		}
		if _, dup := fig.Metrics[m.Key]; dup {
			probs.Report(g.pos(r, h.name), "", "ledger-figure-twice", m.Key)
			continue
		}
		v, p, err := parseNumber(text, m.Unit, unit)
		switch p {
		case numOK:
			fig.Metrics[m.Key] = Value{Pos: g.pos(r, h.value), Num: v, Text: text}
			fig.Order = append(fig.Order, m.Key)
		default:
			p.report(&probs, g.pos(r, h.value), text, err)
		}
	}
	return fig, probs
}
