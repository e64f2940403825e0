package ledger

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"

	"github.com/jiangninglu/showcase/internal/cells"
	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/diag"
)

// fieldNames are the header texts of story fields (cells.Fields' labels,
// the Word import's too), folded, and the keys themselves.
var fieldNames = func() map[string]string {
	m := map[string]string{}
	for _, f := range cells.Fields {
		for _, n := range f.Names() {
			m[fold(n)] = f.Key
		}
	}
	return m
}()

// ignoredNames are columns every ledger has that are not the site's.
var ignoredNames = map[string]bool{
	"序号": true, "编号": true, "备注": true, "说明": true, "no": true, "no.": true, "#": true, "remarks": true, "notes": true,
	"联系人": true, "联系电话": true, "电话": true,
}

// totalNames start a row that sums the rows above it.
var totalNames = map[string]bool{"合计": true, "小计": true, "总计": true, "总计数": true, "total": true, "subtotal": true}

// fold writes header and cell text the one way it is compared: NFC,
// full-width letters and digits as ASCII, lower case, no spaces and no
// quote marks. "「高跟鞋」" and "高跟鞋", "参与 人次" and "参与人次" fold
// alike.
func fold(s string) string {
	s = width.Narrow.String(norm.NFC.String(s))
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), strings.ContainsRune("\"'“”‘’「」『』《》〈〉`", r):
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// columns is the site's vocabulary: metrics by folded label and key.
type columns struct {
	metrics map[string]config.Metric
}

func newColumns(cfg *config.Config) *columns {
	c := &columns{metrics: map[string]config.Metric{}}
	for _, m := range cfg.Metrics {
		c.metrics[fold(m.Key)] = m
	}
	for _, m := range cfg.Metrics { // labels win over keys
		if m.Label != "" {
			c.metrics[fold(m.Label)] = m
		}
	}
	return c
}

// col is what a column holds.
type col struct {
	field  string        // a story field, or ""
	metric config.Metric // a metric, when Key != ""
	unit   string        // the header's unit as written
	header diag.Pos      // the header cell
}

// match reads one header text: a field, a metric (with its unit), an
// ignored column (ok, nothing), or not known (ok false).
func (c *columns) match(text string) (col, bool) {
	name, unit := cells.SplitLabel(text)
	k := fold(name)
	if k == "" {
		return col{}, true
	}
	if f, ok := fieldNames[k]; ok && unit == "" {
		return col{field: f}, true
	}
	if m, ok := c.metrics[k]; ok {
		return col{metric: m, unit: unit}, true
	}
	if ignoredNames[k] || ignoredNames[fold(text)] {
		return col{}, true
	}
	return col{}, false
}

// header is where a sheet's header is and what its columns hold.
type header struct {
	first, last int // header rows (0-based); data starts at last+1
	cols        []col
}

// findHeader finds the header row among the first rows: the first row
// with at least two cells naming fields or metrics, one of them a way to
// match stories (slug, title or project). A second header row is taken
// when the first has cells merged across columns or down two rows
// (资金（万元） over 自筹 | 社会组织带入): each column then reads as the
// lower cell, under the upper one's unit, or the upper cell alone.
func findHeader(g *grid, cs *columns) (header, bool) {
	for r := 0; r < min(len(g.rows), 30); r++ {
		known, key := 0, false
		for c := range g.rows[r] {
			m, ok := cs.match(g.cell(r, c))
			if ok && (m.field != "" || m.metric.Key != "") {
				known++
				key = key || m.field == "slug" || m.field == "title" || m.field == "project"
			}
		}
		if known < 2 || !key {
			continue
		}
		h := header{first: r, last: r}
		if twoRows(g, r) {
			h.last = r + 1
		}
		width := 0
		for i := h.first; i <= h.last; i++ {
			width = max(width, len(g.rows[i]))
		}
		h.cols = make([]col, width)
		for c := range width {
			h.cols[c] = columnOf(g, h, c, cs)
		}
		return h, true
	}
	return header{}, false
}

// twoRows reports whether row r's header goes on into row r+1: a cell of
// row r is merged down into r+1, or across columns above text in r+1,
// and every text of r+1 stands under such a cell (in a first data row the
// project's name stands alone).
func twoRows(g *grid, r int) bool {
	if r+1 >= len(g.rows) {
		return false
	}
	split := false
	under := map[int]bool{} // columns of r+1 under a cell of r merged across or down
	for _, m := range g.merged {
		if m.r0 != r {
			continue
		}
		if m.r1 == r+1 {
			split = true
		}
		if m.r1 == r+1 || m.c1 > m.c0 {
			for c := m.c0; c <= min(m.c1, len(g.rows[r+1])); c++ {
				under[c] = true
				split = split || m.c1 > m.c0 && strings.TrimSpace(g.cell(r+1, c)) != ""
			}
		}
	}
	if !split {
		return false
	}
	for c := range g.rows[r+1] {
		if strings.TrimSpace(g.cell(r+1, c)) != "" && !under[c] {
			return false
		}
	}
	return true
}

// columnOf reads column c of the header.
func columnOf(g *grid, h header, c int, cs *columns) col {
	upper, upperAt := headText(g, h.first, c)
	if h.last == h.first {
		m, ok := cs.match(upper)
		return at(m, ok, g, upperAt, upper)
	}
	lower, lowerAt := headText(g, h.last, c)
	if lower == "" || lowerAt == upperAt {
		m, ok := cs.match(upper)
		return at(m, ok, g, upperAt, upper)
	}
	// The lower cell, alone or after the upper one; with the upper one's
	// unit when it has none of its own.
	un, uu := cells.SplitLabel(upper)
	ln, lu := cells.SplitLabel(lower)
	if lu == "" {
		lu = uu
	}
	for _, try := range []string{ln, un + ln} {
		t := try
		if lu != "" {
			t += "(" + lu + ")"
		}
		if m, ok := cs.match(t); ok && (m.field != "" || m.metric.Key != "") {
			return at(m, true, g, lowerAt, lower)
		}
	}
	m, ok := cs.match(lower)
	return at(m, ok, g, lowerAt, lower)
}

// unknownCol marks a column whose header names nothing of the site's.
const unknownCol = "?"

func at(m col, ok bool, g *grid, p [2]int, text string) col {
	m.header = g.pos(p[0], p[1])
	if !ok {
		m.field = unknownCol
		m.unit = text
	}
	return m
}

// headText is the text of header cell (r, c), a merged cell's text for
// every cell it covers, and the cell that holds it.
func headText(g *grid, r, c int) (string, [2]int) {
	if m, ok := g.mergedAt(r, c); ok {
		return strings.TrimSpace(g.cell(m.r0, m.c0)), [2]int{m.r0, m.c0}
	}
	return strings.TrimSpace(g.cell(r, c)), [2]int{r, c}
}
