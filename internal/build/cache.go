package build

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/feeds"
	"github.com/jiangninglu/showcase/internal/images"
	"github.com/jiangninglu/showcase/internal/keys"
	"github.com/jiangninglu/showcase/internal/linkcheck"
	"github.com/jiangninglu/showcase/internal/markdown"
	"github.com/jiangninglu/showcase/internal/render"
	"github.com/jiangninglu/showcase/internal/search"
	"github.com/jiangninglu/showcase/internal/site"
	"github.com/jiangninglu/showcase/internal/stats"
)

// Builder builds one site again and again, for serve: between builds it
// keeps the loaded content, the rendered Markdown, the static files and
// every page's bytes with its key, so that a rebuild reads only the files
// that changed and renders only the pages whose key changed. Builds of one
// Builder run one at a time.
type Builder struct {
	opts      Options
	keep      bool      // keep caches between builds (serve); false for one build
	min       *minifier // shared by every build
	leanAbove int       // leanBytes; tests lower it

	mu          sync.Mutex // guards the fields below, and one build at a time
	cfgKey      uint64
	md          *markdown.Renderer
	content     *content.Cache
	rendered    map[string]renderedFile // by file
	pages       map[string]cachedPage
	static      map[string][]byte // output path -> bytes as written
	theme       *render.Theme
	themeAssets uint64 // the assets key the theme was loaded with
	// published records, across builds, the hashed names the templates
	// asked for (see render.Assets).
	published    *render.Assets
	stories      map[string]*site.Story // the last site's, by file (see site.Input.Previous)
	stats        map[int]*stats.Stats   // the last site's statistics (site.Site.AllStats)
	statsKey     uint64
	exports      map[string][]byte
	exportsKey   uint64
	exportParts  *exportParts      // what the exports are joined from
	links        *linkcheck.Cache  // nil when the Builder keeps nothing
	sitemapFiles map[string][]byte // minified
	sitemapKey   uint64
	search       map[string][]byte // the search index's files
	searchKey    uint64
	// With deferSearch (serve), a rebuild keeps the last search index and
	// leaves the new one for its Later, so that a page reloads without
	// waiting for the index of every story.
	deferSearch bool
	// With deferSite (serve), a rebuild leaves some pages of the site's
	// own templates for its Later (see DeferSitePages).
	deferSite bool
	// gen counts builds: work left for after a build is dropped once
	// the next has begun (see Later.Stale). Changed under mu, read
	// without.
	gen atomic.Uint64
	// Each story file's share of the keys above, kept under its version
	// so that a rebuild hashes only the changed stories' fields.
	figures *perFile[storyFigures]
	dated   *perFile[uint64]  // see datedKey
	images  *images.Processor // kept while the configuration is the same
	photos  *photos           // the last build's processed images
}

type mdKey struct {
	file    string
	version uint64
}

type cachedPage struct {
	key   uint64       // the page's data (see render.Page)
	reads render.Reads // what its template read of the site
	site  uint64       // the key of that, when the page rendered
	raw   uint64       // the key of the template's output, before minifying
	data  []byte       // minified
}

// NewBuilder returns a Builder for the site in opts.Source. With keep, it
// keeps what it can between builds.
func NewBuilder(opts Options, keep bool) *Builder {
	return &Builder{opts: opts, keep: keep, min: newMinifier(!opts.NoMinify), leanAbove: leanBytes}
}

// Snapshot is a whole built site in memory: output path -> bytes. It is
// never changed once a build returns it.
type Snapshot map[string][]byte

// Snapshot builds the site into memory, reusing what did not change.
func (b *Builder) Snapshot(ctx context.Context, ch Changes) (Snapshot, *Result, error) {
	snap := Snapshot{}
	var mu sync.Mutex // guards snap
	res, err := b.run(ctx, ch, func(name string, data []byte, stable bool) error {
		if !stable {
			data = bytes.Clone(data)
		}
		mu.Lock()
		snap[name] = data
		mu.Unlock()
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return snap, res, nil
}

// begin starts a build under the configuration identified by cfgKey.
// Everything kept depends on the configuration and the build options:
// when they changed, when a full build is asked for, or when the Builder
// keeps nothing, it starts afresh and returns Changes{All: true}.
func (b *Builder) begin(cfgKey uint64, cfg *config.Config, ch Changes) Changes {
	if b.keep && cfgKey == b.cfgKey && !ch.All && b.md != nil {
		return ch
	}
	b.cfgKey = cfgKey
	b.md = markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML})
	b.content = content.NewCache()
	b.rendered = nil
	b.pages = map[string]cachedPage{}
	b.static = map[string][]byte{}
	b.theme, b.exports, b.stats, b.sitemapFiles, b.stories = nil, nil, nil, nil, nil
	b.exportParts, b.links = &exportParts{keep: b.keep}, nil
	if b.keep {
		b.links = new(linkcheck.Cache)
	}
	b.images, b.photos = nil, nil
	b.figures, b.dated = new(perFile[storyFigures]), new(perFile[uint64])
	return Changes{All: true}
}

// keepTheme keeps the theme (and so its cache of rendered story cards)
// for the next build.
func (b *Builder) keepTheme(t *render.Theme) {
	b.theme = nil
	if b.keep {
		b.theme = t
	}
}

// DeferSearch makes rebuilds (not the first build) keep the last search
// index; their Later's SearchIndex then makes the new one.
func (b *Builder) DeferSearch() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.deferSearch = true
}

// SearchIndex builds the search index the rebuild left out, and returns
// its files; ok is false when there is none to build, or when a newer
// build has begun (it leaves its own). It runs beside builds: the site it
// indexes is immutable.
func (l *Later) SearchIndex() (files map[string][]byte, ok bool, err error) {
	if l == nil || l.site == nil || l.Stale() {
		return nil, false, nil
	}
	index, err := search.Index(l.site)
	if err != nil {
		return nil, false, fmt.Errorf("search index: %w", err)
	}
	b := l.b
	b.mu.Lock()
	defer b.mu.Unlock()
	if l.Stale() {
		return nil, false, nil
	}
	b.search, b.searchKey = index, l.searchKey
	return index, true, nil
}

// searchIndex returns the search index's files for st: the kept ones
// while no story's file, URL or draft state changed. With DeferSearch, a
// rebuild that changed them keeps the last index and leaves st to later.
func (b *Builder) searchIndex(st *site.Site, dated []uint64, later *Later) (map[string][]byte, error) {
	var key uint64
	if b.keep {
		h := keys.New().U64(b.cfgKey)
		for i, s := range st.Stories {
			h.U64(s.Version).U64(dated[i])
		}
		key = h.Sum()
		switch {
		case b.search != nil && key == b.searchKey:
			return b.search, nil
		case b.search != nil && b.deferSearch:
			later.site, later.searchKey = st, key // made by SearchIndex, after the swap
			return b.search, nil
		}
	}
	index, err := search.Index(st)
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	if b.keep {
		b.search, b.searchKey = index, key
	}
	return index, nil
}

// keptStats returns the last site's statistics if they were made from
// stories with the same order, facets and figures as these.
func (b *Builder) keptStats(key uint64) map[int]*stats.Stats {
	if b.keep && b.stats != nil && key == b.statsKey {
		return b.stats
	}
	return nil
}

// keepStats keeps st's statistics for the next build, unless they had
// problems (a build that reused them would not report them).
func (b *Builder) keepStats(st *site.Site, key uint64, probs diag.List) {
	b.stats = nil
	if b.keep && len(probs) == 0 {
		b.stats, b.statsKey = st.AllStats(), key
	}
}

// keptExports returns the last build's exports if they were made from
// stories with the same slugs, titles, facets and figures.
func (b *Builder) keptExports(key uint64) map[string][]byte {
	if b.keep && key == b.exportsKey {
		return b.exports
	}
	return nil
}

// keepExports keeps the exports made under key for the next build.
func (b *Builder) keepExports(files map[string][]byte, key uint64) {
	if b.keep {
		b.exports, b.exportsKey = files, key
	}
}

// exportParts are the pieces the exports are joined from (see
// exportFiles). A Builder that keeps its caches keeps them between builds:
// the parts made from the statistics while the statistics' key is the
// same, and each story's row while its file's version and the metric
// columns are.
type exportParts struct {
	keep           bool
	statsKey       uint64 // of head and statsCSV
	head, statsCSV []byte // nil: not made yet
	cols           uint64 // the metric columns of rows
	rows           map[mdKey]stats.StoryRow
}

// statsParts returns stats.json's text before the stories and stats.csv,
// for the statistics s identified by key.
func (p *exportParts) statsParts(s *stats.Stats, items []stats.Item, key uint64) (head, statsCSV []byte, err error) {
	if p.keep && p.head != nil && key == p.statsKey {
		return p.head, p.statsCSV, nil
	}
	if head, err = stats.JSONHead(s, items); err != nil {
		return nil, nil, err
	}
	var b bytes.Buffer
	if err := stats.WriteStatsCSV(&b, s); err != nil {
		return nil, nil, err
	}
	if p.keep {
		p.head, p.statsCSV, p.statsKey = head, b.Bytes(), key
	}
	return head, b.Bytes(), nil
}

// storyRows returns the rows of st's stories (items are their stats
// items), making only those not kept.
func (p *exportParts) storyRows(st *site.Site, items []stats.Item) ([]stats.StoryRow, error) {
	h := keys.New().Int(len(st.Stats.Metrics))
	for _, m := range st.Stats.Metrics {
		h.Str(m.Key)
	}
	kept := p.rows
	if cols := h.Sum(); cols != p.cols || !p.keep {
		kept, p.cols = nil, cols
	}
	var maker *stats.RowMaker
	rows := make([]stats.StoryRow, len(items))
	var next map[mdKey]stats.StoryRow
	if p.keep {
		next = make(map[mdKey]stats.StoryRow, len(items))
	}
	for i, s := range st.Stories {
		k := mdKey{s.File, s.Version}
		r, ok := kept[k]
		if !ok {
			if maker == nil {
				maker = stats.NewRowMaker(st.Stats)
			}
			var err error
			if r, err = maker.Row(items[i]); err != nil {
				return nil, err
			}
		}
		rows[i] = r
		if next != nil {
			next[k] = r
		}
	}
	if p.keep {
		p.rows = next
	}
	return rows, nil
}

// figuresKeys identify what the statistics and the exports are made of:
// every story's slug, facets and figures, in order, under one
// configuration; the exports' key adds the titles. (A one-off build keeps
// nothing and needs no keys.) Each story's share is kept in figures under
// its file's version.
func figuresKeys(cfgKey uint64, stories []*content.Story, figures *perFile[storyFigures]) (statsKey, exportsKey uint64) {
	h := keys.New().U64(cfgKey)
	titles := keys.New()
	for _, s := range stories {
		f := figures.get(&s.Source, func() storyFigures { return figuresOf(s) })
		h.U64(f.figures)
		titles.U64(f.title)
	}
	figures.prune(len(stories))
	statsKey = h.Sum()
	return statsKey, keys.New().U64(statsKey).U64(titles.Sum()).Sum()
}

// storyFigures is a story's share of figuresKeys.
type storyFigures struct{ figures, title uint64 }

func figuresOf(s *content.Story) storyFigures {
	h := keys.New()
	h.Str(s.Slug).Int(s.Year).Str(s.Neighborhood).Str(s.Award).Str(s.Track)
	h.Int(len(s.Tags))
	for _, t := range s.Tags {
		h.Str(t)
	}
	h.Int(len(s.Metrics))
	for _, k := range slices.Sorted(maps.Keys(s.Metrics)) {
		h.Str(k).Float(s.Metrics[k])
	}
	// The rest of what stats.xlsx shows of the story.
	rest := keys.New().Str(s.Title).Str(s.Project).Bytes(s.Date.AppendFormat(nil, time.RFC3339)).Int(len(s.Leads))
	for _, l := range s.Leads {
		rest.Str(l)
	}
	return storyFigures{figures: h.Sum(), title: rest.Sum()}
}

// exportsKey adds to the stories' key what else the exports show: the
// reports' organiser figures (stats.xlsx) and the theme's words (its
// headers).
func exportsKey(stories uint64, reports []*content.Report, theme *render.Theme) uint64 {
	h := keys.New().U64(stories).Int(len(reports))
	for _, r := range reports {
		h.Int(r.Year).Int(len(r.ReportedOrder))
		for _, k := range r.ReportedOrder {
			h.Str(k).Float(r.Reported[k])
		}
	}
	if theme != nil {
		h.U64(theme.Version())
	}
	return h.Sum()
}

// datedKey is a story's share of the sitemaps' and the search index's
// keys: its URL, date and draft state, kept under its file's version (its
// URL follows from its file under one configuration).
func (b *Builder) datedKey(s *site.Story) uint64 {
	return b.dated.get(&s.Source, func() uint64 {
		return keys.New().Str(s.URL).Bytes(s.Date.AppendFormat(nil, time.RFC3339)).Bool(s.Draft).Sum()
	})
}

// perFile keeps a value made from each content file, under the file's
// version, between a Builder's builds.
type perFile[V any] struct {
	m map[string]versioned[V]
}

type versioned[V any] struct {
	version uint64
	v       V
}

// get returns the value kept for src's version, or mk's.
func (p *perFile[V]) get(src *content.Source, mk func() V) V {
	if e, ok := p.m[src.File]; ok && e.version == src.Version {
		return e.v
	}
	if p.m == nil {
		p.m = map[string]versioned[V]{}
	}
	v := mk()
	p.m[src.File] = versioned[V]{src.Version, v}
	return v
}

// prune lets go of the files deleted since, once they are many: files is
// how many the last build had.
func (p *perFile[V]) prune(files int) {
	if len(p.m) > 2*files+64 {
		p.m = nil
	}
}

// sitemaps returns the sitemap files, minified: the kept ones while the
// pages and the dates and draft states of stories, reports and pages are
// the same.
func (b *Builder) sitemaps(st *site.Site, urls []string, dated []uint64) (map[string][]byte, error) {
	var key uint64
	if b.keep {
		h := keys.New().U64(b.cfgKey).Int(len(urls))
		for _, u := range urls {
			h.Str(u)
		}
		for _, d := range dated { // the stories' (see datedKey)
			h.U64(d)
		}
		var date []byte
		for _, r := range st.Reports {
			date = r.Date.AppendFormat(date[:0], time.RFC3339)
			h.Str(r.URL).Bytes(date).Bool(r.Draft)
		}
		for _, p := range st.Pages {
			if p != nil {
				date = p.Date.AppendFormat(date[:0], time.RFC3339)
				h.Str(p.URL).Bytes(date).Bool(p.Draft)
			}
		}
		if key = h.Sum(); b.sitemapFiles != nil && key == b.sitemapKey {
			return b.sitemapFiles, nil
		}
	}
	files, err := feeds.Sitemaps(st, urls)
	if err != nil {
		return nil, err
	}
	for name, data := range files {
		if files[name], err = b.min.bytes("text/xml", data); err != nil {
			return nil, fmt.Errorf("minify %s: %w", name, err)
		}
	}
	if b.keep {
		b.sitemapFiles, b.sitemapKey = files, key
	}
	return files, nil
}
