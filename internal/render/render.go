package render

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/keys"
	"github.com/jiangninglu/showcase/internal/qr"
	"github.com/jiangninglu/showcase/internal/site"
	"github.com/jiangninglu/showcase/internal/stats"
)

// Data is what every template gets as ".". Fields that do not apply to a
// page kind are nil or empty.
type Data struct {
	// Site is the whole site, read through methods that record what a
	// page reads of it (see SiteView).
	Site        *SiteView
	Kind        string
	Title       string
	Description string
	URL         string // site-relative, e.g. /stories/
	Lang        string
	Content     template.HTML // the page's body, for kinds with one
	Story       *site.Story
	Prev, Next  *site.Story // neighbours of a story, in list order
	Page        *site.Page
	Report      *site.Report
	Stories     []*site.Story // a list page's stories
	Pager       *Pager
	Stats       *stats.Stats // the figures a stats, facet or report page shows
	Facet       *stats.Facet // a facet index or facet value page's facet
	Group       *stats.Group // a facet value page's group
	// groupStories says Stories are the Group's, this page's share
	// (Pager), taken as the page renders: a one-off build lists its facet
	// pages before the stream of stories and renders them after, and a
	// large site's lists held every story several times over meanwhile
	// (at 100,000 stories about 570,000 pointers for the garbage
	// collector to follow at every collection). See Pages.
	groupStories bool
}

// Pager describes one page of a paginated list.
type Pager struct {
	Number, Total int
	Prev, Next    string // URLs, empty at the ends
}

// Page is one output file to render.
type Page struct {
	Path string // output path, slash-separated, e.g. stories/a/index.html
	Data *Data
	// Key is the key of the page's data apart from .Site (see keys.Deep):
	// with the key of the parts of the site its last rendering read
	// (Data.Site.Key of the Reads Render returned), it identifies the
	// page's bytes.
	Key uint64
}

// Pages lists every page of the site, in a stable order. Page titles the
// site itself names come from the theme's words. global identifies what
// every page depends on besides its data (theme, configuration, build
// options); each Page's Key adds the page's data, so that a page whose
// Key is unchanged since the last build, and which read the same of the
// site, renders the same bytes and need not be rendered again (serve's
// incremental rebuilds rely on this). The keys are not made here: Keys
// gives each page its key when asked (from the last build's, see Keyed),
// since a story page's key needs the story's rendered body and a list
// page's its stories' summaries (see site.Body). Without keyed (a one-off build, which reuses nothing),
// Keys is nil and the pages have no Key.
//
// The list makes a story's page, and a page of a paginated list, when
// it is asked for (List.Page), and holds none of them: a page's data
// is two objects or more, its output path another. Made up front, a
// site of 100,000 stories held about 550,000 more objects (its story
// pages', and the story lists' and facet pages') through its stream of
// stories, for the garbage collector to follow at every collection.
func Pages(s *site.Site, t *Theme, global uint64, keyed bool) (*List, *Keys) {
	cfg := s.Config
	words := func(key string) string {
		if t == nil {
			return key
		}
		w, _ := t.T(key)
		return w
	}
	h := keys.NewDeep()
	if t != nil {
		h = t.hash // kept between builds
		h.Next()
		// Long strings are remembered (see walk) only where keys are
		// kept: a one-off build's memory would hold every story's HTML.
		h.LongStrings = keyed
	}
	parts := &siteParts{s: s, h: h, latest: map[int]uint64{}}
	if t != nil && keyed {
		parts.since(t.parts)
		t.parts = parts
	}
	l := &List{s: s, parts: parts}
	var ks *Keys
	if keyed {
		ks = &Keys{h: h, global: global}
	}
	add := func(d *Data) {
		l.runs = append(l.runs, pageRun{start: l.n, page: &Page{Path: OutputPath(d.URL), Data: d}})
		l.n++
	}
	// paginate adds the pages of a list: base, base/page/2/, ... of
	// count stories; at gives those from lo to hi, or is nil when the
	// pages take their share of their Group's stories as they render
	// (see Data.groupStories).
	paginate := func(kind, base, title string, count int, at func(lo, hi int) []*site.Story, fill func(*Data)) {
		per := max(cfg.Paginate, 1)
		total := max((count+per-1)/per, 1)
		l.runs = append(l.runs, pageRun{start: l.n, list: &listPages{kind: kind, base: base, title: title, count: count, total: total, at: at, fill: fill}})
		l.n += total
	}

	home := l.newData("home", cfg.Title, "/")
	if s.Home != nil {
		home.Content = s.Home.HTML
		if s.Home.Summary != "" && cfg.Description == "" {
			home.Description = s.Home.Summary
		}
	}
	add(home)

	listTitle := words("stories")
	if s.StoriesIntro != nil && s.StoriesIntro.Title != "" {
		listTitle = s.StoriesIntro.Title
	}
	paginate("stories", "/stories/", listTitle, len(s.Stories), func(lo, hi int) []*site.Story { return s.Stories[lo:hi] }, nil)

	l.storiesAt = l.n
	l.runs = append(l.runs, pageRun{start: l.n, stories: true})
	l.n += len(s.Stories)
	for _, p := range s.Pages {
		d := l.newData("page", p.Title, p.URL)
		d.Page, d.Content = p, p.HTML
		if p.Summary != "" {
			d.Description = p.Summary
		}
		add(d)
	}
	// Facets: an index per facet, a paginated list per value.
	for i := range s.Stats.Facets {
		f := &s.Stats.Facets[i]
		d := l.newData("facets", words("facet_"+f.Key), "/"+site.FacetPath(f.Key)+"/")
		d.Stats, d.Facet = s.Stats, f
		add(d)
		for _, grp := range f.Groups {
			var at func(lo, hi int) []*site.Story
			if keyed { // a page's key is made of its stories
				list := s.StoriesOf(grp)
				at = func(lo, hi int) []*site.Story { return list[lo:hi] }
			}
			paginate("facet", site.FacetURL(f.Key, grp.URLName), grp.Value, len(grp.Items), at, func(d *Data) {
				d.Stats, d.Facet, d.Group = s.Stats, f, grp
			})
		}
	}
	st := l.newData("stats", words("stats"), "/stats/")
	st.Stats = s.Stats
	add(st)

	if len(s.Reports) > 0 {
		add(l.newData("reports", words("reports"), "/reports/"))
	}
	for _, r := range s.Reports {
		d := l.newData("report", r.Title, r.URL)
		d.Report, d.Content, d.Stats = r, r.HTML, r.Stats
		if r.Summary != "" {
			d.Description = r.Summary
		}
		add(d)
	}
	add(l.newData("search", words("search"), "/search/"))
	add(l.newData("404", words("notFound"), "/404.html"))
	return l, ks
}

// List is a site's pages, in the order Pages gives them, each made when
// asked for but the few pages of their own (home, statistics, reports,
// ...). Safe for concurrent use.
type List struct {
	s         *site.Site
	parts     *siteParts
	runs      []pageRun // in order
	n         int       // pages in all
	storiesAt int       // the first story page's index
}

// pageRun is one page, or the pages of a list, or the stories' pages.
type pageRun struct {
	start   int // the index of its first page
	page    *Page
	list    *listPages
	stories bool
}

// listPages are the pages of a paginated list (see Pages).
type listPages struct {
	kind, base, title string
	count, total      int // stories, pages
	at                func(lo, hi int) []*site.Story
	fill              func(*Data)
}

// url is page n's URL.
func (lp *listPages) url(n int) string {
	if n == 1 {
		return lp.base
	}
	return lp.base + "page/" + strconv.Itoa(n) + "/"
}

func (l *List) newData(kind, title, url string) *Data {
	cfg := l.s.Config
	return &Data{Site: &SiteView{s: l.s, parts: l.parts}, Kind: kind, Title: title, URL: url, Lang: cfg.Language, Description: cfg.Description}
}

// Len is how many pages the site has.
func (l *List) Len() int { return l.n }

// Stories says where the stories' pages are: i, i+1, ... i+n-1, story
// by story in site order.
func (l *List) Stories() (i, n int) { return l.storiesAt, len(l.s.Stories) }

// run returns the run of page i.
func (l *List) run(i int) *pageRun {
	k, _ := slices.BinarySearchFunc(l.runs, i, func(r pageRun, i int) int { return cmp.Compare(r.start, i+1) })
	return &l.runs[k-1]
}

// Page returns page i, made now unless it is a page of its own: with the
// same values whenever it is asked for.
func (l *List) Page(i int) Page {
	r := l.run(i)
	switch {
	case r.page != nil:
		return *r.page
	case r.stories:
		return l.storyPage(i - r.start)
	}
	lp, n := r.list, i-r.start+1
	url := lp.url(n)
	d := l.newData(lp.kind, lp.title, url)
	if lp.at != nil {
		per := max(l.s.Config.Paginate, 1)
		d.Stories = lp.at(pageRange(n, per, lp.count))
	} else {
		d.groupStories = true
	}
	d.Pager = &Pager{Number: n, Total: lp.total}
	if n > 1 {
		d.Pager.Prev = lp.url(n - 1)
		d.Title = fmt.Sprintf("%s (%d/%d)", lp.title, n, lp.total)
	}
	if n < lp.total {
		d.Pager.Next = lp.url(n + 1)
	}
	if lp.fill != nil {
		lp.fill(d)
	}
	return Page{Path: OutputPath(url), Data: d}
}

// storyPage returns story i's page.
func (l *List) storyPage(i int) Page {
	stories := l.s.Stories
	st := stories[i]
	d := l.newData("story", st.Title, st.URL)
	// The story's HTML and summary are filled in as the page renders
	// (see Render): a story's body renders when its page is written.
	d.Story = st
	if i > 0 {
		d.Prev = stories[i-1]
	}
	if i+1 < len(stories) {
		d.Next = stories[i+1]
	}
	return Page{Path: OutputPath(st.URL), Data: d}
}

// URL returns page i's URL and kind, without making the page.
func (l *List) URL(i int) (url, kind string) {
	r := l.run(i)
	switch {
	case r.page != nil:
		return r.page.Data.URL, r.page.Data.Kind
	case r.stories:
		return l.s.Stories[i-r.start].URL, "story"
	}
	return r.list.url(i - r.start + 1), r.list.kind
}

// Keys makes the keys of one build's pages (see Pages). Safe for
// concurrent use.
type Keys struct {
	h      *keys.Deep
	global uint64
}

// Keyed is a page's data with its key, as Keys.Key made it: a caller
// that keeps it for the page's next build gives it back to Key then.
type Keyed struct {
	Data   *Data
	Global uint64 // what the key holds besides the data (see Pages)
	Key    uint64
}

// Key sets p's Key, and returns it with p's data for the next build.
// last, if not nil, is what Key returned for the same path in the last
// keyed build: when p's data holds the same values (see sameData), its
// key is last's, and nothing is hashed. A nil Keys (a one-off build)
// does nothing.
func (k *Keys) Key(p *Page, last *Keyed) Keyed {
	if k == nil {
		return Keyed{}
	}
	if last != nil && last.Global == k.global && sameData(last.Data, p.Data) {
		p.Key = last.Key // the same values as last time: the same key
	} else {
		p.Key = dataKey(k.h, k.global, p.Data)
	}
	return Keyed{p.Data, k.global, p.Key}
}

// OutputPath maps a site URL to its file: /a/b/ -> a/b/index.html.
func OutputPath(u string) string {
	p := strings.TrimPrefix(u, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

// Render executes the template of d.Kind into w, and returns what it
// read of the site (see SiteView).
func (t *Theme) Render(w io.Writer, d *Data) (Reads, error) {
	k := t.kinds[d.Kind]
	if k == nil {
		return Reads{}, diag.NewError("theme-no-kind-page", diag.Quote(d.Kind))
	}
	if d.Kind == "story" && d.Story != nil {
		// A story page's body and description, from the story's body
		// (see site.Body), on a copy: the page's data stays as listed.
		html, err := d.Story.HTML()
		if err != nil {
			return Reads{}, err
		}
		dd := *d
		dd.Content, dd.Description = html, d.Story.Summary()
		d = &dd
	}
	if d.groupStories && d.Site != nil {
		// A facet page's share of its group's stories, on a copy.
		dd := *d
		lo, hi := pageRange(d.Pager.Number, max(d.Site.s.Config.Paginate, 1), len(d.Group.Items))
		dd.Stories, dd.groupStories = make([]*site.Story, hi-lo), false
		for i, idx := range d.Group.Items[lo:hi] {
			dd.Stories[i] = d.Site.s.Stories[idx]
		}
		d = &dd
	}
	if d.Site != nil {
		d.Site.reads = Reads{}
	}
	err := k.ExecuteTemplate(w, "baseof", d)
	if err != nil && t.written != nil {
		// The message of the templates as written names their lines.
		if _, werr := t.written.Render(io.Discard, d); werr != nil {
			err = werr
		}
	}
	if d.Site == nil {
		return Reads{}, err
	}
	return d.Site.reads, err
}

// pageRange returns where page n of a list of count items, per a page,
// starts and ends.
func pageRange(n, per, count int) (lo, hi int) {
	return (n - 1) * per, min(n*per, count)
}

// Card is a story in a list, with the heading level that fits the list.
type Card struct {
	Story *site.Story
	Level int
}

// storyCard renders partials/story-card.html for a story at a heading
// level, once per theme and card: a story appears in the story list, its
// year, neighbourhood, tags and other facet pages, and the card is given
// the story alone (no .Site), so every later use is a copy of the first.
// The card itself is the key: a story is read-only, and serve gives the
// same *site.Story again only while it is made of the same values (see
// site.Input.Previous); the cache holds the story, so its address is
// never another's.
func (t *Theme) storyCard(s *site.Story, level int) (template.HTML, error) {
	c := Card{Story: s, Level: level}
	return t.cards.get(c, func(b *bytes.Buffer) error {
		return t.base.ExecuteTemplate(b, "partials/story-card.html", c)
	})
}

// storyCards is the cards of stories, one after another, as storyCard
// renders each: one template call for a list rather than one a card.
func (t *Theme) storyCards(list []*site.Story, level int) (template.HTML, error) {
	cards := make([]template.HTML, len(list))
	n := 0
	for i, s := range list {
		h, err := t.storyCard(s, level)
		if err != nil {
			return "", err
		}
		cards[i], n = h, n+len(h)
	}
	var b strings.Builder
	b.Grow(n)
	for _, h := range cards {
		b.WriteString(string(h))
	}
	return template.HTML(b.String()), nil
}

// facetLink renders partials/facet-link.html for a facet value, once per
// theme: a value's link shows on the page of every story that has it.
func (t *Theme) facetLink(l FacetLink) (template.HTML, error) {
	return t.links.get(l, func(b *bytes.Buffer) error {
		return t.base.ExecuteTemplate(b, "partials/facet-link.html", l)
	})
}

// groupAggs renders partials/aggs.html for a group (see GroupView), once
// per theme and data: every page of a facet value (one per 20 stories)
// shows its figures. The data is the key, as a story card's is: the
// statistics are read-only, and serve keeps them while they are the same.
func (t *Theme) groupAggs(st *stats.Stats, g *stats.Group) (template.HTML, error) {
	v := GroupView{Stats: st, Group: g}
	return t.aggs.get(v, func(b *bytes.Buffer) error {
		return t.base.ExecuteTemplate(b, "partials/aggs.html", v)
	})
}

// fragments holds rendered template fragments by what they show. A large
// site has a card for every story, held from the first list page to the
// last: a plain map takes about 90 bytes a card besides its HTML, where a
// sync.Map took 190 (a boxed key and value, and an entry node, each).
// Safe for concurrent use.
type fragments[K comparable] struct {
	mu sync.RWMutex // guards m
	m  map[K]template.HTML
}

// get returns the fragment of k, rendering it with render the first time.
// (Two goroutines may both render a fragment; the copies are equal.)
func (f *fragments[K]) get(k K, render func(*bytes.Buffer) error) (template.HTML, error) {
	f.mu.RLock()
	h, ok := f.m[k]
	f.mu.RUnlock()
	if ok {
		return h, nil
	}
	var b bytes.Buffer
	if err := render(&b); err != nil {
		return "", err
	}
	h = template.HTML(b.String())
	f.mu.Lock()
	if f.m == nil {
		f.m = map[K]template.HTML{}
	}
	f.m[k] = h
	f.mu.Unlock()
	return h, nil
}

type partialKey struct {
	name    string
	variant string
}

// cachedPartial is a partial's output with what it read of the site, and
// the key of that when it rendered.
type cachedPartial struct {
	html  template.HTML
	reads Reads
	site  uint64
}

// partialCached renders a partial once per variant and reuses it, like
// Hugo's partialCached: for partials that show only what every page
// shares (the header, the footer), given, as Hugo asks, variants that
// say whatever else of the page they show. What the partial read of the
// site is recorded: the output is reused while that is the same, and
// counts as read by every page that shows it.
func (t *Theme) partialCached(name string, d *Data, variants ...string) (template.HTML, error) {
	k := partialKey{name, strings.Join(variants, "\x00")}
	t.pmu.Lock()
	c, ok := t.partials[k]
	t.pmu.Unlock()
	if ok && d.Site.Key(c.reads) == c.site {
		d.Site.reads.merge(c.reads)
		return c.html, nil
	}
	// The partial runs on its own copy of the page's data, to record
	// what it alone reads.
	dd, view := *d, *d.Site
	view.reads = Reads{}
	dd.Site = &view
	var b bytes.Buffer
	if err := t.base.ExecuteTemplate(&b, name, &dd); err != nil {
		return "", err
	}
	c = cachedPartial{html: template.HTML(b.String()), reads: view.reads, site: d.Site.Key(view.reads)}
	t.pmu.Lock()
	if t.partials == nil {
		t.partials = map[partialKey]cachedPartial{}
	}
	t.partials[k] = c
	t.pmu.Unlock()
	d.Site.reads.merge(c.reads)
	return c.html, nil
}

// navCurrent names the navigation entry a page belongs to, the only thing
// in the header that differs between pages.
func navCurrent(d *Data) string {
	switch d.Kind {
	case "stories", "story":
		return "stories"
	case "stats", "facets", "facet":
		return "stats"
	case "reports", "report":
		return "reports"
	case "page":
		return d.URL
	}
	return d.Kind
}

// GroupView is one group's figures with the metric list they follow.
type GroupView struct {
	Stats *stats.Stats
	Group *stats.Group
}

// MetricValue is a metric with its label and unit, for templates.
type MetricValue struct {
	Key, Label, Unit string
	Value            float64
	Text             string // Value for readers, as num writes it
}

// Funcs are the template functions that depend on the site's config.
// assets (nil: none) maps a site-relative path a page links
// ("/css/style.css") to the name the file is published under
// ("/css/style.3f2a9c1e.css", a hash of its bytes): relURL, absURL and
// staticURL give that name instead. A template's literal path is folded
// when the theme loads (see Pure), so a theme is loaded again when the
// name of one it folded changes.
func Funcs(cfg *config.Config, assets *Assets) template.FuncMap {
	base, _ := url.Parse(cfg.BaseURL)
	basePath := "/"
	if base != nil && base.Path != "" {
		basePath = base.Path
	}
	prefix := strings.TrimSuffix(basePath, "/")
	// relURL puts the site's base path before a site-relative URL; a URL
	// that already has it (from relURL or coverURL) is left alone.
	relURL := Pure(func(p string) string {
		if a, ok := assets.name(p); ok {
			p = a
		}
		if !strings.HasPrefix(p, "/") || (prefix != "" && (p == prefix || strings.HasPrefix(p, prefix+"/"))) {
			return p
		}
		return prefix + p
	})
	absURL := Pure(func(p string) string {
		if base == nil || base.Host == "" {
			return relURL(p)
		}
		return strings.TrimSuffix(cfg.BaseURL, "/") + strings.TrimPrefix(relURL(p), strings.TrimSuffix(basePath, "/"))
	})
	metricsFrom := func(vals map[string]float64, order []string) []MetricValue {
		var out []MetricValue
		if cfg.Declared() {
			for _, m := range cfg.Metrics {
				if v, ok := vals[m.Key]; ok {
					out = append(out, MetricValue{Key: m.Key, Label: m.Label, Unit: m.Unit, Value: v, Text: stats.FormatNumber(v)})
				}
			}
			return out
		}
		for _, k := range order {
			out = append(out, MetricValue{Key: k, Label: k, Value: vals[k], Text: stats.FormatNumber(vals[k])})
		}
		return out
	}
	fm := template.FuncMap{
		"relURL": relURL,
		"absURL": absURL,
		"join":   strings.Join,
		"num":    stats.FormatNumber,
		"date":   func(t time.Time) string { return FormatDate(t, cfg.Language) },
		"metricsOf": func(s *site.Story) []MetricValue {
			keys := make([]string, 0, len(s.Metrics))
			for k := range s.Metrics {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			return metricsFrom(s.Metrics, keys)
		},
		"reported":   func(r *site.Report) []MetricValue { return metricsFrom(r.Reported, r.ReportedOrder) },
		"navCurrent": navCurrent,
		"groupView":  func(st *stats.Stats, g *stats.Group) GroupView { return GroupView{Stats: st, Group: g} },
		"agg": func(g *stats.Group, key string) stats.Agg {
			a, _ := g.Agg(key)
			return a
		},
		"value": func(a stats.Agg) string {
			if !a.OK() {
				return ""
			}
			return stats.FormatNumber(a.Result)
		},
		"compact":  func(v float64) string { return stats.FormatCompact(v, cfg.Language) },
		"facetURL": func(key string, g *stats.Group) string { return site.FacetURL(key, g.URLName) },
		// facetValueURL links a story's value to its facet page, or "" when
		// that facet is not enabled (the template then links nowhere).
		"facetValueURL": func(key, value string) string {
			if !cfg.HasFacet(key) {
				return ""
			}
			return site.FacetURL(key, content.URLName(value))
		},
		"storyView":     storyView(cfg, relURL),
		"facetIndexURL": Pure(func(key string) string { return "/" + site.FacetPath(key) + "/" }),
		"reportedIn": func(f *stats.Facet, key string) bool {
			for _, g := range f.Groups {
				if a, _ := g.Agg(key); a.OK() {
					return true
				}
			}
			return false
		},
		"coverURL": func(s *site.Story) string {
			if strings.HasPrefix(s.Cover, "/") {
				return relURL(s.Cover)
			}
			return relURL(s.URL + s.Cover)
		},
	}
	// qrcode draws a QR code of a page's online address (SVG, inline),
	// labelled label; "" when the site has no absolute baseURL, so no
	// online address.
	fm["qrcode"] = func(p, label string) (template.HTML, error) {
		if base == nil || base.Host == "" {
			return "", nil
		}
		svg, err := qr.SVG(qr.Address(absURL(p)), label)
		return template.HTML(svg), err
	}
	for k, v := range statsFuncs(cfg) {
		fm[k] = v
	}
	for k, v := range curateFuncs(cfg) {
		fm[k] = v
	}
	for k, v := range siteFuncs(cfg, relURL) {
		fm[k] = v
	}
	return fm
}

var enMonths = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// FormatDate writes a date the way readers of lang expect.
func FormatDate(t time.Time, lang string) string {
	if t.IsZero() {
		return ""
	}
	b := make([]byte, 0, 32)
	if lang == "en" {
		b = strconv.AppendInt(b, int64(t.Day()), 10)
		b = append(b, ' ')
		b = append(b, enMonths[t.Month()-1]...)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(t.Year()), 10)
		return string(b)
	}
	b = strconv.AppendInt(b, int64(t.Year()), 10)
	b = append(b, "年"...)
	b = strconv.AppendInt(b, int64(t.Month()), 10)
	b = append(b, "月"...)
	b = strconv.AppendInt(b, int64(t.Day()), 10)
	b = append(b, "日"...)
	return string(b)
}
