package build

import (
	"bytes"
	"fmt"
	"maps"

	"github.com/jiangninglu/showcase/internal/feeds"
	"github.com/jiangninglu/showcase/internal/keys"
	"github.com/jiangninglu/showcase/internal/render"
	"github.com/jiangninglu/showcase/internal/site"
	"github.com/jiangninglu/showcase/internal/stats"
)

// readerFiles are the files other programs read besides the search
// index: /feed.xml, /sitemap.xml and /robots.txt; urls are the pages the
// sitemaps list (see sitemapURLs). The sitemaps are kept between builds
// while their records are the same (see dataCaches).
func (b *Builder) readerFiles(st *site.Site, urls []string) (map[string][]byte, error) {
	out := map[string][]byte{}
	sitemaps, err := b.sitemaps(st.Config.BaseURL, feeds.SitemapEntries(st, urls))
	if err != nil {
		return nil, err
	}
	maps.Copy(out, sitemaps)
	feed, err := feeds.Atom(st, 20)
	if err != nil {
		return nil, err
	}
	if out[feeds.FeedPath], err = b.min.bytes("text/xml", feed); err != nil {
		return nil, fmt.Errorf("minify %s: %w", feeds.FeedPath, err)
	}
	out[feeds.RobotsPath] = feeds.Robots(st)
	return out, nil
}

// sitemapURLs returns the URLs of the pages a sitemap lists, in the
// pages' order: all but the 404 and search pages.
func sitemapURLs(pages *render.List) []string {
	urls := make([]string, 0, pages.Len())
	for i := range pages.Len() {
		if u, k := pages.URL(i); k != "404" && k != "search" {
			urls = append(urls, u)
		}
	}
	return urls
}

// sitemaps returns the sitemap files, minified: the kept ones while the
// base URL and the entries hash the same.
func (b *Builder) sitemaps(base string, entries []feeds.SitemapEntry) (map[string][]byte, error) {
	var key uint64
	if b.data != nil {
		key = b.data.deep.Of(struct {
			Base    string
			Entries []feeds.SitemapEntry
		}{base, entries})
		if files, ok := b.data.sitemaps.get(key); ok {
			return files, nil
		}
	}
	files, err := feeds.SitemapFiles(base, entries)
	if err != nil {
		return nil, err
	}
	for name, data := range files {
		if files[name], err = b.min.bytes("text/xml", data); err != nil {
			return nil, fmt.Errorf("minify %s: %w", name, err)
		}
	}
	if b.data != nil {
		b.data.sitemaps = kept{key, files}
	}
	return files, nil
}

// exportInput is what the exports are made of: the statistics, their
// items, the programme metrics with the reports' organiser figures, and
// whether JSON is written compact; itemKeys are the keys of the items
// (see dataCaches.itemKey), nil in a one-off build, and itemsKey theirs.
type exportInput struct {
	wb       stats.Workbook
	compact  bool
	itemKeys []uint64
	itemsKey uint64
	theme    *render.Theme
}

func (b *Builder) exportInput(st *site.Site, theme *render.Theme) exportInput {
	in := exportInput{wb: stats.Workbook{Stats: st.Stats, Items: site.Items(st.Stories)}, compact: b.min.m != nil, theme: theme}
	if b.data != nil {
		in.itemKeys = make([]uint64, len(st.Stories))
		for i, s := range st.Stories {
			in.itemKeys[i] = b.data.itemKey(s)
		}
		in.itemsKey = b.data.itemsKey(st.Stories)
	}
	for _, r := range st.Reports {
		in.wb.Reported = append(in.wb.Reported, stats.Reported{Year: r.Year, Figures: r.Reported})
	}
	for _, m := range st.Config.Metrics {
		if m.Programme() {
			in.wb.Programme = append(in.wb.Programme, m)
		}
	}
	return in
}

// exportFiles renders the machine-readable statistics: /stats.json,
// /stats.csv, /stories.csv, a CSV file per chart of /stats/ and
// /stats.xlsx, from the same numbers as the pages, and gives each to
// emit as it is made: the tables before the workbook is made, so that a
// large site does not hold tens of megabytes of them meanwhile. A
// Builder that keeps its caches keeps them while their input hashes the
// same, and makes only the changed stories' rows again (see tables);
// with DeferData, a changed workbook is left for later. stats.json is
// written compact, the same bytes as the JSON minifier makes of the
// indented form (TestCompactJSON), and indented when minifying is off.
func (b *Builder) exportFiles(in exportInput, later *Later, emit func(name string, data []byte) error) error {
	tables, err := b.tables(in)
	if err != nil {
		return err
	}
	for name, data := range tables {
		if err := emit(name, data); err != nil {
			return err
		}
	}
	xlsx, err := b.workbook(in, later)
	if err != nil {
		return err
	}
	for name, data := range xlsx {
		if err := emit(name, data); err != nil {
			return err
		}
	}
	return nil
}

// tables are the exports other than the workbook: made of the statistics
// and the items.
func (b *Builder) tables(in exportInput) (map[string][]byte, error) {
	d := b.data
	s, items := in.wb.Stats, in.wb.Items
	var key, metricsKey uint64
	if d != nil {
		metricsKey = d.deep.Of(s.Metrics)
		key = keys.New().U64(d.deep.Of(s)).U64(in.itemsKey).Bool(in.compact).Sum()
		if files, ok := d.tables.get(key); ok {
			return files, nil
		}
	}
	slugs := make([]string, len(items))
	for i, it := range items {
		slugs[i] = it.Slug
	}
	head, statsCSV, err := b.statsHead(s, slugs)
	if err != nil {
		return nil, err
	}
	// Each story's row, made again only when its item or the metrics
	// changed. A one-off build keeps no row after this: its rows go into
	// a few large arenas, not two small slices a story (at 100,000
	// stories, 200,000 objects the collector marks while the stream
	// runs beside).
	var maker *stats.RowMaker
	rows := make([]stats.StoryRow, len(items))
	var next map[uint64]stats.StoryRow
	var arena rowArena
	if d != nil {
		next = make(map[uint64]stats.StoryRow, len(items))
	}
	for i, it := range items {
		var rk uint64
		if d != nil {
			rk = keys.New().U64(in.itemKeys[i]).U64(metricsKey).Sum()
			if r, ok := d.rows[rk]; ok {
				rows[i], next[rk] = r, r
				continue
			}
		}
		if maker == nil {
			maker = stats.NewRowMaker(s)
		}
		if rows[i], err = maker.Row(it); err != nil {
			return nil, err
		}
		if next != nil {
			next[rk] = rows[i]
		} else {
			rows[i] = stats.StoryRow{JSON: arena.copy(rows[i].JSON), CSV: arena.copy(rows[i].CSV)}
		}
	}
	out := map[string][]byte{"stats.csv": statsCSV}
	if in.compact {
		out["stats.json"] = stats.CompactJSON(head, rows)
	} else {
		var buf bytes.Buffer
		if err := stats.WriteJSONRows(&buf, head, rows); err != nil {
			return nil, err
		}
		out["stats.json"] = buf.Bytes()
	}
	// The rows' lines, and room for the header: the buffer is not grown
	// row by row (a few MB at 10,000 stories).
	n := 256
	for _, r := range rows {
		n += len(r.CSV)
	}
	var csv bytes.Buffer
	csv.Grow(n)
	if err := stats.WriteStoriesCSVRows(&csv, s, rows); err != nil {
		return nil, err
	}
	out["stories.csv"] = csv.Bytes()
	for _, c := range stats.Charts(s) {
		var b bytes.Buffer
		if err := stats.WriteChartCSV(&b, s, c); err != nil {
			return nil, err
		}
		out["stats/"+c.ID+".csv"] = b.Bytes()
	}
	if d != nil {
		d.rows, d.tables = next, kept{key, out}
	}
	return out, nil
}

// rowArena holds copies of small byte slices in a few large blocks.
type rowArena struct {
	block []byte
}

// rowArenaBlock is the size of an arena's blocks.
const rowArenaBlock = 1 << 20

// copy returns a copy of b in the arena (a larger b gets a block of its
// own).
func (a *rowArena) copy(b []byte) []byte {
	if len(b) > rowArenaBlock/4 {
		return bytes.Clone(b)
	}
	if len(a.block)+len(b) > cap(a.block) {
		a.block = make([]byte, 0, rowArenaBlock)
	}
	start := len(a.block)
	a.block = append(a.block, b...)
	return a.block[start:len(a.block):len(a.block)]
}

// statsHead returns stats.json's text before the stories, and stats.csv.
func (b *Builder) statsHead(s *stats.Stats, slugs []string) (head, statsCSV []byte, err error) {
	d := b.data
	var key uint64
	if d != nil {
		key = d.deep.Of(struct {
			Stats *stats.Stats
			Slugs []string
		}{s, slugs})
		if d.head.head != nil && d.head.key == key {
			return d.head.head, d.head.statsCSV, nil
		}
	}
	if head, err = stats.JSONHead(s, slugs); err != nil {
		return nil, nil, err
	}
	var buf bytes.Buffer
	if err := stats.WriteStatsCSV(&buf, s); err != nil {
		return nil, nil, err
	}
	if d != nil {
		d.head = keptHead{key, head, buf.Bytes()}
	}
	return head, buf.Bytes(), nil
}

// workbook returns /stats.xlsx: the kept one while its stats.Workbook
// hashes the same and the theme gives the same words it read.
func (b *Builder) workbook(in exportInput, later *Later) (map[string][]byte, error) {
	words := themeWords(in.theme)
	wb := in.wb
	var read wordsRead
	mk := func() (map[string][]byte, error) {
		var x bytes.Buffer
		if err := stats.WriteXLSX(&x, wb, recordWords(words, &read)); err != nil {
			return nil, fmt.Errorf("stats.xlsx: %w", err)
		}
		return map[string][]byte{"stats.xlsx": x.Bytes()}, nil
	}
	d := b.data
	if d == nil {
		return mk()
	}
	// The items are keyed story by story (itemsKey), the rest whole.
	key := keys.New().U64(d.deep.Of(wb.Stats)).U64(in.itemsKey).U64(d.deep.Of(wb.Programme)).U64(d.deep.Of(wb.Reported)).Sum()
	if files, ok := d.workbook.get(key); ok && d.workbook.words.same(words) {
		return files, nil
	}
	return b.deferOrMake(later, d.workbook.files, laterData{
		make:     mk,
		keep:     func(f map[string][]byte) { d.workbook = keptWorkbook{kept{key, f}, read} },
		replaces: func(name string) bool { return name == "stats.xlsx" },
	})
}

// themeWords gives the theme's words to the exports; a word the theme
// lacks (or no theme, when the templates have errors) is its key.
func themeWords(t *render.Theme) stats.Words {
	return func(key string, args ...any) string {
		if t != nil {
			if w, err := t.T(key, args...); err == nil {
				return w
			}
		}
		if len(args) > 0 {
			return fmt.Sprint(append([]any{key}, args...)...)
		}
		return key
	}
}
