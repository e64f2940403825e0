package stats

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"

	"github.com/jiangninglu/showcase/internal/config"
)

// Reported are a report's organiser-stated figures, for stats.xlsx.
type Reported struct {
	Year    int
	Figures map[string]float64
}

// Workbook is what stats.xlsx is made of, besides its words: the
// statistics, their items, and the programme metrics with the reports'
// organiser figures.
type Workbook struct {
	Stats     *Stats
	Items     []Item
	Programme []config.Metric
	Reported  []Reported
}

// Words gives the workbook's headers in the site's language: the theme's
// word for key (i18n/*.yaml), formatted with args.
type Words func(key string, args ...any) string

// xlsxTime is the workbook's creation and change time: fixed, so that the
// same site makes the same bytes (a build is reproducible, and serve's
// incremental output equals a full build).
const xlsxTime = "2000-01-01T00:00:00Z"

// WriteXLSX writes /stats.xlsx: a sheet of stories (every field and
// metric, the units in the headers), a sheet per facet (its groups, how
// many stories each has, and for each metric the aggregate and how many
// stories gave it), and a sheet of the organiser's figures by report
// year (programme metrics). Numbers are numbers, formatted with
// separators; header rows are frozen; columns are as wide as their text.
// The bytes are a function of wb and of the words t gives.
func WriteXLSX(w io.Writer, wb Workbook, t Words) error {
	s, items, programme, reports := wb.Stats, wb.Items, wb.Programme, wb.Reported
	f := excelize.NewFile()
	defer f.Close()
	x := &workbook{f: f, t: t, used: map[string]bool{}}
	if err := x.styles(); err != nil {
		return err
	}
	if err := x.stories(s, items); err != nil {
		return err
	}
	for i := range s.Facets {
		if err := x.facet(s, &s.Facets[i]); err != nil {
			return err
		}
	}
	if len(programme) > 0 && len(reports) > 0 {
		if err := x.reported(programme, reports); err != nil {
			return err
		}
	}
	if err := f.SetDocProps(&excelize.DocProperties{Created: xlsxTime, Modified: xlsxTime, Creator: "showcase"}); err != nil {
		return err
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		return err
	}
	return canonicalZip(w, b.Bytes())
}

// canonicalZip writes the zip archive data with its parts in one order
// ([Content_Types].xml first, as Office writes it, then by name):
// excelize writes them in a map's order, which differs from run to run.
// The parts are copied as they are, still compressed.
func canonicalZip(w io.Writer, data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	files := slices.Clone(zr.File)
	rank := func(f *zip.File) string {
		if f.Name == "[Content_Types].xml" {
			return ""
		}
		return f.Name
	}
	slices.SortFunc(files, func(a, b *zip.File) int { return strings.Compare(rank(a), rank(b)) })
	zw := zip.NewWriter(w)
	for _, f := range files {
		if err := zw.Copy(f); err != nil {
			return err
		}
	}
	return zw.Close()
}

type workbook struct {
	f                 *excelize.File
	t                 Words
	head, text, date  int // style IDs
	integer, fraction int
	used              map[string]bool // sheet names
}

func (x *workbook) styles() error {
	var err error
	bold := &excelize.Font{Bold: true}
	if x.head, err = x.f.NewStyle(&excelize.Style{Font: bold, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EEEEEE"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "999999", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}); err != nil {
		return err
	}
	if x.text, err = x.f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}}); err != nil {
		return err
	}
	if x.date, err = x.f.NewStyle(&excelize.Style{NumFmt: 14}); err != nil { // the locale's short date
		return err
	}
	intFmt, fracFmt := "#,##0", "#,##0.0###"
	if x.integer, err = x.f.NewStyle(&excelize.Style{CustomNumFmt: &intFmt}); err != nil {
		return err
	}
	x.fraction, err = x.f.NewStyle(&excelize.Style{CustomNumFmt: &fracFmt})
	return err
}

// sheet makes a new sheet named name (made unique and valid).
func (x *workbook) sheet(name string) (string, *excelize.StreamWriter, error) {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '-'
		}
		return r
	}, name)
	if r := []rune(name); len(r) > 28 {
		name = string(r[:28])
	}
	base := name
	for i := 2; x.used[strings.ToLower(name)]; i++ {
		name = fmt.Sprintf("%s %d", base, i)
	}
	// The first sheet is the new file's own Sheet1, renamed: deleting it
	// afterwards would make excelize parse every sheet written.
	if len(x.used) == 0 {
		if err := x.f.SetSheetName("Sheet1", name); err != nil {
			return "", nil, err
		}
	} else if _, err := x.f.NewSheet(name); err != nil {
		return "", nil, err
	}
	x.used[strings.ToLower(name)] = true
	sw, err := x.f.NewStreamWriter(name)
	return name, sw, err
}

// table writes a sheet: a frozen header row, then n rows made by row
// (into dst, reused); widths from the text, numbers formatted by whether
// their column holds fractions. Rows are made twice, to measure and to
// write, rather than held: a site may have 100,000 stories.
func (x *workbook) table(name string, head []string, n int, row func(i int, dst []any) []any, freezeCols int) error {
	_, sw, err := x.sheet(name)
	if err != nil {
		return err
	}
	widths := make([]int, len(head))
	frac := make([]bool, len(head))
	for i, h := range head {
		widths[i] = TextWidth(h)
	}
	var r []any
	for k := range n {
		r = row(k, r[:0])
		for i, v := range r {
			switch v := v.(type) {
			case string:
				widths[i] = max(widths[i], TextWidth(v))
			case float64:
				widths[i] = max(widths[i], len(FormatNumber(v)))
				frac[i] = frac[i] || v != math.Trunc(v)
			case int:
				widths[i] = max(widths[i], len(FormatNumber(float64(v))))
			case time.Time:
				widths[i] = max(widths[i], 10)
			}
		}
	}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, float64(min(max(wd, 6), 48)+2)); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: freezeCols, YSplit: 1, TopLeftCell: cellName(freezeCols, 1), ActivePane: pane(freezeCols)}); err != nil {
		return err
	}
	hr := make([]any, len(head))
	for i, h := range head {
		hr[i] = excelize.Cell{StyleID: x.head, Value: h}
	}
	if err := sw.SetRow("A1", hr); err != nil {
		return err
	}
	cells := make([]any, len(head))
	for k := range n {
		r = row(k, r[:0])
		for i := range cells {
			cells[i] = nil
			if i >= len(r) {
				continue
			}
			switch v := r[i].(type) {
			case float64:
				st := x.integer
				if frac[i] {
					st = x.fraction
				}
				cells[i] = excelize.Cell{StyleID: st, Value: v}
			case int:
				cells[i] = excelize.Cell{StyleID: x.integer, Value: v}
			case string:
				if v != "" {
					cells[i] = excelize.Cell{StyleID: x.text, Value: v}
				}
			case nil:
			default:
				cells[i] = excelize.Cell{StyleID: x.date, Value: v}
			}
		}
		if err := sw.SetRow(cellName(0, k+1), cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func cellName(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col+1, row+1)
	return c
}

func pane(freezeCols int) string {
	if freezeCols > 0 {
		return "bottomRight"
	}
	return "bottomLeft"
}

// withUnit is a metric's header: its label, and its unit in brackets.
func (x *workbook) withUnit(m config.Metric) string {
	if m.Unit == "" {
		return m.Label
	}
	return x.t("withUnit", m.Label, m.Unit)
}

func (x *workbook) stories(s *Stats, items []Item) error {
	head := []string{x.t("xlsxSlug"), x.t("xlsxTitle"), x.t("xlsxDate"), x.t("year"), x.t("facetNoun_neighborhood"),
		x.t("xlsxProject"), x.t("leads"), x.t("facetNoun_track"), x.t("facetNoun_award"), x.t("facetNoun_tags")}
	for _, m := range s.Metrics {
		head = append(head, x.withUnit(m))
	}
	sep := x.t("listSep")
	return x.table(x.t("xlsxStories"), head, len(items), func(i int, r []any) []any {
		it := &items[i]
		var date, year any
		if !it.Date.IsZero() {
			date = it.Date
		}
		if it.Year != 0 {
			year = it.Year
		}
		r = append(r, it.Slug, it.Title, date, year, it.Neighborhood, it.Project, strings.Join(it.Leads, sep), it.Track, it.Award, strings.Join(it.Tags, sep))
		for _, m := range s.Metrics {
			if v, ok := it.Metrics[m.Key]; ok {
				r = append(r, round4(v))
			} else {
				r = append(r, nil)
			}
		}
		return r
	}, 2)
}

func (x *workbook) facet(s *Stats, f *Facet) error {
	head := []string{x.t("facetNoun_" + f.Key), x.t("xlsxStoriesCount")}
	for _, m := range s.Metrics {
		head = append(head, x.withUnit(m)+" · "+x.t("aggregate_"+m.Aggregate), x.t("xlsxGave", m.Label))
	}
	groups := append([]*Group{&s.Overall}, f.Groups...)
	return x.table(x.t("facet_"+f.Key), head, len(groups), func(i int, r []any) []any {
		g := groups[i]
		name := g.Value
		if g == &s.Overall {
			name = x.t("overall")
		}
		r = append(r, name, len(g.Items))
		for _, a := range g.Aggs {
			if a.OK() {
				r = append(r, a.Result, a.Reported)
			} else {
				r = append(r, nil, 0)
			}
		}
		return r
	}, 1)
}

func (x *workbook) reported(programme []config.Metric, reports []Reported) error {
	head := []string{x.t("year")}
	for _, m := range programme {
		head = append(head, x.withUnit(m))
	}
	var rows [][]any
	for _, r := range reports {
		row := []any{r.Year}
		given := false
		for _, m := range programme {
			if v, ok := r.Figures[m.Key]; ok {
				row = append(row, v)
				given = true
			} else {
				row = append(row, nil)
			}
		}
		if given {
			rows = append(rows, row)
		}
	}
	if len(rows) == 0 {
		return nil
	}
	return x.table(x.t("reportedTotals"), head, len(rows), func(i int, r []any) []any { return append(r, rows[i]...) }, 1)
}

// textWidth is how many columns text takes in a spreadsheet: a Chinese
// character two.
func TextWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}
