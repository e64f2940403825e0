package ledger

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/diag"
)

// Limits bound what Read reads. A ledger is a few hundred rows; these are
// far above any real one and far below what would hurt the machine.
type Limits struct {
	File     int64 // bytes of the .xlsx file
	Unzipped int64 // bytes of all its parts, unzipped (excelize's UnzipSizeLimit)
	XML      int64 // bytes of one sheet or the shared strings held in memory (UnzipXMLSizeLimit)
	Entries  int   // parts in the zip archive
	Rows     int   // rows of a sheet
	Cols     int   // columns of a sheet
	Cell     int   // characters of one cell
	Sheets   int   // sheets of the workbook
}

// DefaultLimits are the limits of `showcase import`.
var DefaultLimits = Limits{
	File:     32 << 20,
	Unzipped: 64 << 20, // every part but the sheets and shared strings is held in memory
	XML:      16 << 20,
	Entries:  4096,
	Rows:     20000,
	Cols:     256,
	Cell:     4000,
	Sheets:   64,
}

// Options say what to read.
type Options struct {
	// Name is the file as problems name it ("台账.xlsx").
	Name string
	// Sheet is the sheet of projects; "" is the first sheet that is not
	// a sheet of programme figures (指标/数值).
	Sheet string
	// Report is the year whose report a sheet of programme figures fills;
	// 0 takes the year from the sheet's name or title.
	Report int
	// Limits; the zero value is DefaultLimits.
	Limits Limits
}

// Cell is one cell's text and its place.
type Cell struct {
	Pos  diag.Pos // File is "台账.xlsx:Sheet!F7"
	Text string
}

// Value is a figure of a metric, in the metric's own unit.
type Value struct {
	Pos  diag.Pos
	Num  float64
	Text string // the cell as written
}

// Row is one project row of the ledger.
type Row struct {
	Pos     diag.Pos         // the row's first cell
	Fields  map[string]Cell  // story fields: slug, title, project, neighborhood, year...
	Metrics map[string]Value // by metric key; only cells with a figure
}

// Figures are the programme figures of one report, from a 指标/数值 sheet.
type Figures struct {
	Sheet   string
	Year    int
	Pos     diag.Pos // the header cell 指标
	Metrics map[string]Value
	Order   []string // keys in the sheet's order
}

// Ledger is what Read found.
type Ledger struct {
	Sheet   string // the sheet of projects ("" if none)
	Year    int    // the year in its name or title, the default of new stories (0: none)
	Rows    []Row
	Reports []Figures
}

// Read reads a ledger of size bytes from r for the site of cfg. Problems
// (with warnings) come back in the order of the sheets' cells; a file
// that cannot be read at all is one problem naming the file.
func Read(r io.ReaderAt, size int64, cfg *config.Config, opts Options) (*Ledger, diag.List) {
	lim := opts.Limits
	if lim == (Limits{}) {
		lim = DefaultLimits
	}
	var probs diag.List
	file := diag.Pos{File: opts.Name}
	if size > lim.File {
		probs.Report(file, "", "ledger-too-big", mib(size), mib(lim.File))
		return nil, probs
	}
	data := make([]byte, size)
	if _, err := r.ReadAt(data, 0); err != nil && !errors.Is(err, io.EOF) {
		probs.Report(file, "", "ledger-unreadable", err)
		return nil, probs
	}
	if err := checkZip(data, lim); err != nil {
		probs.Add(&diag.Problem{Pos: file, Msg: diag.MsgOf(err)})
		return nil, probs
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    lim.Unzipped,
		UnzipXMLSizeLimit: lim.XML,
	})
	if err != nil {
		probs.Report(file, "", "ledger-unreadable", err)
		return nil, probs
	}
	defer f.Close()

	sheets := f.GetSheetList()
	if len(sheets) > lim.Sheets {
		probs.Report(file, "", "ledger-too-many-sheets", len(sheets), lim.Sheets)
		return nil, probs
	}
	if opts.Sheet != "" && !slices.Contains(sheets, opts.Sheet) {
		probs.Report(file, "", "ledger-no-sheet", diag.Quote(opts.Sheet), diag.Words(sheets))
		return nil, probs
	}
	l := &Ledger{}
	cols := newColumns(cfg)
	for _, name := range sheets {
		if opts.Sheet != "" && name != opts.Sheet {
			continue
		}
		g, err := readGrid(f, name, opts.Name, lim)
		if err != nil {
			var p *diag.Problem
			if errors.As(err, &p) {
				probs.Add(p)
			} else {
				probs.Report(diag.Pos{File: opts.Name + ":" + name}, "", "ledger-unreadable", err)
			}
			continue
		}
		if h, ok := figuresHeader(g); ok {
			fig, ps := readFigures(g, h, cols, opts.Report)
			probs.Merge(ps)
			if fig != nil {
				l.Reports = append(l.Reports, *fig)
			}
			continue
		}
		if l.Sheet != "" {
			continue // the projects are on the first such sheet; the rest are notes
		}
		h, ok := findHeader(g, cols)
		if !ok {
			if opts.Sheet != "" {
				probs.Report(diag.Pos{File: opts.Name + ":" + name}, "", "ledger-no-header")
			}
			continue
		}
		l.Sheet, l.Year = name, sheetYear(g, h.first)
		rows, ps := readRows(g, h, cols)
		l.Rows = rows
		probs.Merge(ps)
	}
	if l.Sheet == "" && len(l.Reports) == 0 && !probs.HasErrors() {
		probs.Report(file, "", "ledger-no-header")
	}
	return l, probs
}

// checkZip refuses an archive with too many parts, or whose parts would
// unzip to more than the limit, before excelize reads a byte of them.
// The sizes are the archive's own claims; archive/zip fails a part that
// unzips to more than its claim, so a lying zip bomb stops there.
func checkZip(data []byte, lim Limits) error {
	if bytes.HasPrefix(data, []byte{0xd0, 0xcf, 0x11, 0xe0}) {
		return diag.NewError("ledger-xls")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return diag.NewError("ledger-not-xlsx")
	}
	if len(zr.File) > lim.Entries {
		return diag.NewError("ledger-too-many-parts", len(zr.File), lim.Entries)
	}
	var total uint64
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		if total > uint64(lim.Unzipped) {
			return diag.NewError("ledger-unzips-too-big", mib(int64(min(total, 1<<62))), mib(lim.Unzipped))
		}
	}
	return nil
}

// mib writes a size for messages: 512 B, 20 KiB, 1.5 MiB.
func mib(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}

// maxMerged bounds a sheet's merged ranges, each looked at for every
// empty cell of a field: a ledger merges tens.
const maxMerged = 2000

// grid is a sheet's cells as text, merged cells' ranges beside.
type grid struct {
	file, sheet string
	rows        [][]string // rows[i] is sheet row i+1
	merged      []mergeRange
	// shown is a cell's text as Excel shows it (its number format
	// applied): 35% where the cell holds 0.35.
	shown func(r, c int) string
}

type mergeRange struct{ r0, c0, r1, c1 int } // 0-based, inclusive

// pos names the cell at row r, column c (0-based).
func (g *grid) pos(r, c int) diag.Pos {
	return diag.Pos{File: g.file + ":" + g.sheet + "!" + cellName(r, c)}
}

func cellName(r, c int) string {
	name, _ := excelize.CoordinatesToCellName(c+1, r+1)
	return name
}

func (g *grid) cell(r, c int) string {
	if r < 0 || r >= len(g.rows) || c < 0 || c >= len(g.rows[r]) {
		return ""
	}
	return g.rows[r][c]
}

// mergedAt returns the merged range holding (r, c), if any.
func (g *grid) mergedAt(r, c int) (mergeRange, bool) {
	for _, m := range g.merged {
		if r >= m.r0 && r <= m.r1 && c >= m.c0 && c <= m.c1 {
			return m, true
		}
	}
	return mergeRange{}, false
}

// readGrid reads a sheet row by row, stopping at the limits.
func readGrid(f *excelize.File, sheet, file string, lim Limits) (*grid, error) {
	g := &grid{file: file, sheet: sheet}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
		if n > lim.Rows {
			return nil, diag.New(g.pos(n-1, 0), "", "ledger-too-many-rows", lim.Rows)
		}
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		for len(cells) > 0 && strings.TrimSpace(cells[len(cells)-1]) == "" {
			cells = cells[:len(cells)-1]
		}
		if len(cells) > lim.Cols {
			return nil, diag.New(g.pos(n-1, lim.Cols), "", "ledger-too-many-cols", lim.Cols)
		}
		for c, s := range cells {
			if len(s) > lim.Cell && utf8.RuneCountInString(s) > lim.Cell {
				return nil, diag.New(g.pos(n-1, c), "", "ledger-cell-too-long", utf8.RuneCountInString(s), lim.Cell)
			}
		}
		for len(g.rows) < n-1 {
			g.rows = append(g.rows, nil)
		}
		g.rows = append(g.rows, cells)
	}
	if err := rows.Error(); err != nil {
		if errors.Is(err, excelize.ErrMaxRows) {
			return nil, diag.New(g.pos(len(g.rows), 0), "", "ledger-too-many-rows", lim.Rows)
		}
		return nil, err
	}
	// Rows numbered far apart come back as the numbers say: count them.
	if len(g.rows) > lim.Rows {
		return nil, diag.New(g.pos(lim.Rows, 0), "", "ledger-too-many-rows", lim.Rows)
	}
	g.shown = func(r, c int) string {
		v, _ := f.GetCellValue(sheet, cellName(r, c))
		return v
	}
	merged, err := f.GetMergeCells(sheet, true)
	if err != nil {
		return nil, err
	}
	if len(merged) > maxMerged {
		return nil, diag.New(diag.Pos{File: file + ":" + sheet}, "", "ledger-too-many-merged", len(merged), maxMerged)
	}
	for _, m := range merged {
		c0, r0, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c1, r1, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		g.merged = append(g.merged, mergeRange{r0 - 1, c0 - 1, r1 - 1, c1 - 1})
	}
	return g, nil
}
