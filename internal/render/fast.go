package render

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jiangninglu/showcase/internal/site"
	"github.com/jiangninglu/showcase/internal/stats"
)

// fastPages renders the built-in theme's most numerous pages in Go, byte
// for byte as its templates do: story pages (baseof.html, story.html,
// partials/head.html, meta.html and metrics.html) and the story list and
// facet value pages (stories.html, facet.html, partials/story-card.html,
// pager.html and aggs.html). A site of 10,000 stories is some 14,000 of
// these, and text/template spends most of a page's time calling functions
// and escapers through reflect (about 150 calls and 900 allocations on a
// story page): Go writes the same bytes in a tenth of the time
// (BenchmarkStages/render/KIND).
//
// A kind is written in Go only while every template it uses is the
// built-in theme's: a site that overrides one gets its own templates, as
// always. The header and footer still come from their templates (through
// partialCached), and the words from i18n. Any error falls back to the
// templates, so that messages are theirs. TestFastPages builds the test
// sites both ways and compares every file: a change to one of these
// templates must be made here too.
type fastPages struct {
	t     *Theme
	kinds map[string]bool // the kinds written in Go
	cards bool            // story cards written in Go

	relURL        func(string) string
	absURL        func(string) string
	facetValueURL func(key, value string) string
	facetIndexURL func(string) string
	coverURL      func(*site.Story) string
	date          func(time.Time) string
	num           func(float64) string
	metricsOf     func(*site.Story) []MetricValue
	agg           func(*stats.Group, string) stats.Agg
	value         func(stats.Agg) string
}

// fastFiles are the templates each kind uses besides baseof.html,
// partials/head.html and partials/meta.html.
var fastFiles = map[string][]string{
	"story":   {"story.html", "partials/metrics.html"},
	"stories": {"stories.html", "partials/story-card.html", "partials/pager.html"},
	"facet":   {"facet.html", "partials/story-card.html", "partials/pager.html", "partials/aggs.html"},
}

// newFastPages returns the fastPages of t, or nil when no kind qualifies
// or a function is not the one expected.
func newFastPages(t *Theme, files map[string]Layer, fm template.FuncMap) *fastPages {
	builtin := func(names ...string) bool {
		for _, f := range names {
			if !files[f].Builtin {
				return false
			}
		}
		return true
	}
	if !builtin("baseof.html", "partials/head.html", "partials/meta.html") {
		return nil
	}
	p := &fastPages{t: t, kinds: map[string]bool{}, cards: builtin("partials/story-card.html")}
	for kind, names := range fastFiles {
		if builtin(names...) {
			p.kinds[kind] = true
		}
	}
	var ok [10]bool
	p.relURL, ok[0] = fm["relURL"].(func(string) string)
	p.absURL, ok[1] = fm["absURL"].(func(string) string)
	p.facetValueURL, ok[2] = fm["facetValueURL"].(func(string, string) string)
	p.facetIndexURL, ok[3] = fm["facetIndexURL"].(func(string) string)
	p.coverURL, ok[4] = fm["coverURL"].(func(*site.Story) string)
	p.date, ok[5] = fm["date"].(func(time.Time) string)
	p.num, ok[6] = fm["num"].(func(float64) string)
	p.metricsOf, ok[7] = fm["metricsOf"].(func(*site.Story) []MetricValue)
	p.agg, ok[8] = fm["agg"].(func(*stats.Group, string) stats.Agg)
	p.value, ok[9] = fm["value"].(func(stats.Agg) string)
	for _, o := range ok {
		if !o {
			return nil
		}
	}
	if len(p.kinds) == 0 {
		return nil
	}
	return p
}

// render writes d's page to b, or returns false having written nothing.
func (p *fastPages) render(b *bytes.Buffer, d *Data) bool {
	if !p.kinds[d.Kind] {
		return false
	}
	start := b.Len()
	w := &page{fastPages: p, b: b}
	if w.write(d); w.err != nil {
		b.Truncate(start)
		return false
	}
	return true
}

// page is one page being written: its buffer, and the first error (a
// missing word, say), after which the page is left to the templates.
type page struct {
	*fastPages
	b   *bytes.Buffer
	err error
	// With mini set, b holds only the part of the page written since the
	// last card, and flush minifies it onto out (see RenderMinified).
	mini Minifier
	out  *bytes.Buffer
}

// flush minifies what b holds onto out.
func (w *page) flush() {
	if w.mini == nil || w.err != nil {
		return
	}
	if err := w.mini(w.out, w.b.Bytes()); err != nil {
		w.err = err
	}
	w.b.Reset()
}

// Minifier minifies HTML from src, appending to dst.
type Minifier func(dst *bytes.Buffer, src []byte) error

// RenderMinified writes d's page, minified by mini, to out, and reports
// whether it did; when it did not, out is as it was and the caller
// renders and minifies the page as usual. It takes the story list and
// facet pages of the built-in theme, whose cards (a few hundred bytes
// each, on some seven lists each) are then minified once rather than on
// every list.
//
// A page minified in parts is the page minified whole when every cut
// lies right after a block-level tag (here <ul class="cards"> and each
// card's </li>): there the minifier drops the white space that follows
// and carries nothing else over (tdewolff/minify's html.Minifier, with
// the options the build uses). TestFastPages compares every page with
// the whole page minified.
func (t *Theme) RenderMinified(out *bytes.Buffer, d *Data, mini Minifier) bool {
	p := t.fast
	if p == nil || !p.kinds[d.Kind] || !p.cards || (d.Kind != "stories" && d.Kind != "facet") {
		return false
	}
	start := out.Len()
	w := &page{fastPages: p, b: new(bytes.Buffer), mini: mini, out: out}
	if w.write(d); w.err == nil {
		w.flush()
	}
	if w.err != nil {
		out.Truncate(start)
		return false
	}
	return true
}

// word is the interface word for key (T in templates).
func (w *page) word(key string, args ...any) string {
	s, err := w.t.T(key, args...)
	if err != nil && w.err == nil {
		w.err = err
	}
	return s
}

// write is baseof.html with the kind's main block.
func (w *page) write(d *Data) {
	if d.Site == nil {
		w.err = errFallback
		return
	}
	var main func(*Data)
	switch d.Kind {
	case "story":
		st := d.Story
		if st == nil {
			w.err = errFallback
			return
		}
		// A summary_en that is not a string prints the way fmt does:
		// leave that to the templates.
		if en, ok := st.Params["summary_en"]; ok {
			if _, ok := en.(string); !ok {
				w.err = errFallback
				return
			}
		}
		main = w.storyMain
	case "stories":
		main = w.storiesMain
	case "facet":
		if d.Facet == nil || d.Group == nil || d.Stats == nil {
			w.err = errFallback
			return
		}
		main = w.facetMain
	default:
		w.err = errFallback
		return
	}
	skip := w.word("skipToContent")
	header, err := w.t.partialCached("partials/header.html", d, navCurrent(d))
	if err != nil {
		w.err = err
		return
	}
	footer, err := w.t.partialCached("partials/footer.html", d)
	if err != nil {
		w.err = err
		return
	}
	w.b.WriteString("<!DOCTYPE html>\n<html lang=\"")
	escapeText(w.b, d.Lang)
	w.b.WriteString("\">\n<head>\n")
	w.head(d)
	w.b.WriteString("\n</head>\n<body class=\"kind-")
	escapeText(w.b, d.Kind)
	w.b.WriteString("\">\n<a class=\"skip\" href=\"#main\">")
	escapeText(w.b, skip)
	w.b.WriteString("</a>\n")
	w.b.WriteString(string(header))
	w.b.WriteString("\n<main id=\"main\" tabindex=\"-1\">\n")
	main(d)
	w.b.WriteString("\n</main>\n")
	w.b.WriteString(string(footer))
	w.b.WriteString("\n</body>\n</html>")
}

// head is partials/head.html with partials/meta.html.
func (w *page) head(d *Data) {
	siteTitle := d.Site.Config.Title
	w.b.WriteString("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	if d.Kind == "home" {
		escapeText(w.b, siteTitle)
	} else {
		escapeText(w.b, d.Title)
		w.b.WriteString(" · ")
		escapeText(w.b, siteTitle)
	}
	w.b.WriteString("</title>\n")
	if d.Description != "" {
		w.b.WriteString("<meta name=\"description\" content=\"")
		escapeText(w.b, d.Description)
		w.b.WriteString("\">")
	}
	w.b.WriteString("\n<link rel=\"canonical\" href=\"")
	escapeURL(w.b, w.absURL(d.URL))
	w.b.WriteString("\">\n")

	// partials/meta.html
	w.b.WriteString("<meta property=\"og:type\" content=\"")
	if d.Story != nil {
		w.b.WriteString("article")
	} else {
		w.b.WriteString("website")
	}
	w.b.WriteString("\">\n<meta property=\"og:site_name\" content=\"")
	escapeText(w.b, siteTitle)
	w.b.WriteString("\">\n<meta property=\"og:title\" content=\"")
	escapeText(w.b, d.Title)
	w.b.WriteString("\">\n")
	if d.Description != "" {
		w.b.WriteString("<meta property=\"og:description\" content=\"")
		escapeText(w.b, d.Description)
		w.b.WriteString("\">\n")
	}
	w.b.WriteString("<meta property=\"og:url\" content=\"")
	escapeText(w.b, w.absURL(d.URL))
	w.b.WriteString("\">\n<meta property=\"og:locale\" content=\"")
	if d.Lang == "en" {
		w.b.WriteString("en_US")
	} else {
		w.b.WriteString("zh_CN")
	}
	w.b.WriteString("\">")
	cover := ""
	if st := d.Story; st != nil {
		if !st.Date.IsZero() {
			w.b.WriteString("\n<meta property=\"article:published_time\" content=\"")
			escapeText(w.b, st.Date.Format("2006-01-02T15:04:05Z07:00"))
			w.b.WriteString("\">")
		}
		for _, tag := range st.Tags {
			w.b.WriteString("\n<meta property=\"article:tag\" content=\"")
			escapeText(w.b, tag)
			w.b.WriteString("\">")
		}
		if c := st.Cover; c != "" {
			if c[0] == '/' {
				cover = w.absURL(c)
			} else {
				cover = w.absURL(st.URL + c)
			}
		}
	}
	if cover != "" {
		w.b.WriteString("\n<meta property=\"og:image\" content=\"")
		escapeText(w.b, cover)
		w.b.WriteString("\">")
		if alt := d.Story.CoverAlt; alt != "" {
			w.b.WriteString("\n<meta property=\"og:image:alt\" content=\"")
			escapeText(w.b, alt)
			w.b.WriteString("\">\n<meta name=\"twitter:image:alt\" content=\"")
			escapeText(w.b, alt)
			w.b.WriteString("\">")
		}
		w.b.WriteString("\n<meta name=\"twitter:card\" content=\"summary_large_image\">\n<meta name=\"twitter:image\" content=\"")
		escapeText(w.b, cover)
		w.b.WriteString("\">")
	} else {
		w.b.WriteString("\n<meta name=\"twitter:card\" content=\"summary\">")
	}
	w.b.WriteString("\n<meta name=\"twitter:title\" content=\"")
	escapeText(w.b, d.Title)
	w.b.WriteString("\">")
	if d.Description != "" {
		w.b.WriteString("\n<meta name=\"twitter:description\" content=\"")
		escapeText(w.b, d.Description)
		w.b.WriteString("\">")
	}
	w.b.WriteString("\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\"")
	escapeText(w.b, siteTitle)
	w.b.WriteString("\" href=\"")
	escapeURL(w.b, w.absURL("/feed.xml"))
	w.b.WriteString("\">")
	// end of partials/meta.html

	w.b.WriteString("\n<link rel=\"stylesheet\" href=\"")
	escapeURL(w.b, w.relURL("/css/style.css"))
	w.b.WriteString("\">\n<meta name=\"generator\" content=\"showcase\">")
}

// storyMain is story.html's main block.
func (w *page) storyMain(d *Data) {
	st := d.Story
	w.b.WriteString("\n<article class=\"wrap story\">\n  <header class=\"story-header\">\n    <p class=\"kicker\">")
	if st.Project != "" {
		escapeText(w.b, st.Project)
	} else {
		s := w.word("story")
		escapeText(w.b, s)
	}
	w.b.WriteString("</p>\n    <h1>")
	escapeText(w.b, st.Title)
	w.b.WriteString("</h1>\n    <p class=\"byline\">")
	if len(st.Leads) > 0 {
		s := w.word("leads")
		w.b.WriteString("<span>")
		escapeText(w.b, s)
		w.b.WriteString("：")
		escapeText(w.b, strings.Join(st.Leads, "、"))
		w.b.WriteString("</span>")
	}
	if st.Neighborhood != "" {
		w.b.WriteString("<span>")
		w.facetLink("neighborhood", st.Neighborhood)
		w.b.WriteString("</span>")
	}
	if !st.Date.IsZero() {
		w.b.WriteString("<span><time datetime=\"")
		escapeText(w.b, st.Date.Format("2006-01-02"))
		w.b.WriteString("\">")
		escapeText(w.b, w.date(st.Date))
		w.b.WriteString("</time></span>")
	}
	rt := w.word("readingTime", st.ReadingMinutes)
	w.b.WriteString("\n      <span>")
	escapeText(w.b, rt)
	w.b.WriteString("</span>\n    </p>\n    <dl class=\"facts\">\n      ")
	fact := func(key string, values ...string) {
		s := w.word(key)
		w.b.WriteString("<div><dt>")
		escapeText(w.b, s)
		w.b.WriteString("</dt><dd>")
		for i, v := range values {
			if i > 0 {
				w.b.WriteString("、")
			}
			w.facetLink(key, v)
		}
		w.b.WriteString("</dd></div>")
	}
	if st.Year != 0 {
		fact("year", strconv.Itoa(st.Year))
	}
	w.b.WriteString("\n      ")
	if st.Track != "" {
		fact("track", st.Track)
	}
	w.b.WriteString("\n      ")
	if st.Award != "" {
		fact("award", st.Award)
	}
	w.b.WriteString("\n      ")
	if len(st.Tags) > 0 {
		fact("tags", st.Tags...)
	}
	w.b.WriteString("\n    </dl>\n    ")

	// partials/metrics.html
	w.b.WriteString("\n\n")
	if ms := w.metricsOf(st); len(ms) > 0 {
		w.b.WriteString("\n<dl class=\"metrics\">\n  ")
		for _, m := range ms {
			w.b.WriteString("\n  <div><dt>")
			escapeText(w.b, m.Label)
			w.b.WriteString("</dt><dd><span class=\"num\">")
			escapeText(w.b, w.num(m.Value))
			w.b.WriteString("</span>")
			if m.Unit != "" {
				w.b.WriteString(" <span class=\"unit\">")
				escapeText(w.b, m.Unit)
				w.b.WriteString("</span>")
			}
			w.b.WriteString("</dd></div>\n  ")
		}
		w.b.WriteString("\n</dl>\n")
	}

	w.b.WriteString("\n  </header>\n  ")
	if st.CoverHTML != "" {
		w.b.WriteString("\n  <figure class=\"cover\">")
		w.b.WriteString(string(st.CoverHTML))
		w.b.WriteString("</figure>\n  ")
	} else if st.Cover != "" {
		w.b.WriteString("\n  <figure class=\"cover\"><img src=\"")
		escapeURL(w.b, w.coverURL(st))
		w.b.WriteString("\" alt=\"")
		escapeText(w.b, st.CoverAlt)
		w.b.WriteString("\"></figure>\n  ")
	}
	w.b.WriteString("\n  <div class=\"prose\">\n    ")
	w.b.WriteString(string(st.HTML))
	w.b.WriteString("\n  </div>\n  ")
	if en, _ := st.Params["summary_en"].(string); en != "" {
		w.b.WriteString("<p class=\"summary-en\" lang=\"en\">")
		escapeText(w.b, en)
		w.b.WriteString("</p>")
	}
	more := w.word("moreStories")
	w.b.WriteString("\n</article>\n<nav class=\"wrap story-nav\" aria-label=\"")
	escapeText(w.b, more)
	w.b.WriteString("\">\n  ")
	if d.Prev != nil {
		w.b.WriteString("<a rel=\"prev\" href=\"")
		escapeURL(w.b, w.relURL(d.Prev.URL))
		w.b.WriteString("\">← ")
		escapeText(w.b, d.Prev.Title)
		w.b.WriteString("</a>")
	} else {
		w.b.WriteString("<span></span>")
	}
	w.b.WriteString("\n  ")
	if d.Next != nil {
		w.b.WriteString("<a rel=\"next\" href=\"")
		escapeURL(w.b, w.relURL(d.Next.URL))
		w.b.WriteString("\">")
		escapeText(w.b, d.Next.Title)
		w.b.WriteString(" →</a>")
	}
	w.b.WriteString("\n</nav>\n")
}

// storiesMain is stories.html's main block.
func (w *page) storiesMain(d *Data) {
	w.b.WriteString("<div class=\"wrap\">\n  <h1>")
	escapeText(w.b, d.Title)
	w.b.WriteString("</h1>\n  ")
	if intro := d.Site.StoriesIntro; intro != nil {
		w.b.WriteString("<div class=\"prose\">")
		w.b.WriteString(string(intro.HTML))
		w.b.WriteString("</div>")
	}
	w.b.WriteString("\n  ")
	if len(d.Stories) > 0 {
		w.b.WriteString("\n  <ul class=\"cards\">\n    ")
		w.cardList(d.Stories, 2)
		w.b.WriteString("\n  </ul>\n  ")
	} else {
		s := w.word("noStories")
		w.b.WriteString("\n  <p>")
		escapeText(w.b, s)
		w.b.WriteString("</p>\n  ")
	}
	w.b.WriteString("\n  ")
	w.pager(d.Pager)
	w.b.WriteString("\n</div>")
}

// facetMain is facet.html's main block.
func (w *page) facetMain(d *Data) {
	f, g := d.Facet, d.Group
	kicker := w.word("facet_" + f.Key)
	count := w.word("storiesCount", len(g.Items))
	stories := w.word("stories")
	heading := w.word("metricsOfGroup")
	w.b.WriteString("<div class=\"wrap\">\n  <p class=\"kicker\"><a href=\"")
	escapeURL(w.b, w.relURL(w.facetIndexURL(f.Key)))
	w.b.WriteString("\">")
	escapeText(w.b, kicker)
	w.b.WriteString("</a></p>\n  <h1>")
	escapeText(w.b, g.Value)
	w.b.WriteString("</h1>\n  <p class=\"byline\"><span>")
	escapeText(w.b, count)
	w.b.WriteString("</span></p>\n  \n  <ul class=\"cards\" aria-label=\"")
	escapeText(w.b, stories)
	w.b.WriteString("\">")
	w.cardList(d.Stories, 2)
	w.b.WriteString("</ul>\n  ")
	w.pager(d.Pager)
	w.b.WriteString("\n  <section aria-labelledby=\"group-metrics\">\n    <h2 id=\"group-metrics\">")
	escapeText(w.b, heading)
	w.b.WriteString("</h2>\n    ")
	w.aggs(d.Stats, g)
	w.b.WriteString("\n  </section>\n</div>")
}

// pager is partials/pager.html.
func (w *page) pager(pg *Pager) {
	if pg == nil || pg.Total <= 1 {
		return
	}
	label := w.word("pagination")
	prev := w.word("prevPage")
	of := w.word("pageOf", pg.Number, pg.Total)
	next := w.word("nextPage")
	w.b.WriteString("\n<nav class=\"pager\" aria-label=\"")
	escapeText(w.b, label)
	w.b.WriteString("\">\n  ")
	if pg.Prev != "" {
		w.b.WriteString("<a rel=\"prev\" href=\"")
		escapeURL(w.b, w.relURL(pg.Prev))
		w.b.WriteString("\">← ")
		escapeText(w.b, prev)
		w.b.WriteString("</a>")
	} else {
		w.b.WriteString("<span></span>")
	}
	w.b.WriteString("\n  <span class=\"muted\">")
	escapeText(w.b, of)
	w.b.WriteString("</span>\n  ")
	if pg.Next != "" {
		w.b.WriteString("<a rel=\"next\" href=\"")
		escapeURL(w.b, w.relURL(pg.Next))
		w.b.WriteString("\">")
		escapeText(w.b, next)
		w.b.WriteString(" →</a>")
	} else {
		w.b.WriteString("<span></span>")
	}
	w.b.WriteString("\n</nav>\n")
}

// aggs is partials/aggs.html for one group.
func (w *page) aggs(st *stats.Stats, g *stats.Group) {
	var heads [3]string
	for i, k := range []string{"metric", "value", "storiesColumn"} {
		s := w.word(k)
		heads[i] = s
	}
	w.b.WriteString("\n\n<table class=\"numbers aggs\">\n  <thead><tr><th scope=\"col\">")
	escapeText(w.b, heads[0])
	w.b.WriteString("</th><th scope=\"col\" class=\"n\">")
	escapeText(w.b, heads[1])
	w.b.WriteString("</th><th scope=\"col\" class=\"n\">")
	escapeText(w.b, heads[2])
	w.b.WriteString("</th></tr></thead>\n  <tbody>")
	for _, m := range st.Metrics {
		a := w.agg(g, m.Key)
		aggregate := w.word("aggregate_" + a.Aggregate)
		title := w.word("reportedOfTitle", a.Stories, a.Reported)
		of := w.word("reportedOf", a.Reported, a.Stories)
		w.b.WriteString("\n    <tr>\n      <th scope=\"row\">")
		escapeText(w.b, m.Label)
		w.b.WriteString(" <span class=\"muted\">· ")
		escapeText(w.b, aggregate)
		w.b.WriteString("</span></th>\n      <td class=\"n\">")
		if a.OK() {
			w.b.WriteString("<span class=\"num\">")
			escapeText(w.b, w.value(a))
			w.b.WriteString("</span>")
			if m.Unit != "" {
				w.b.WriteString(" ")
				escapeText(w.b, m.Unit)
			}
		} else {
			s := w.word("notReported")
			w.b.WriteString("<span class=\"muted\">")
			escapeText(w.b, s)
			w.b.WriteString("</span>")
		}
		w.b.WriteString("</td>\n      <td class=\"n muted\" title=\"")
		escapeText(w.b, title)
		w.b.WriteString("\">")
		escapeText(w.b, of)
		w.b.WriteString("</td>\n    </tr>")
	}
	w.b.WriteString("\n  </tbody>\n</table>")
}

// cardList writes each story's card (storyCard in templates). When the
// page is minified as it is written, each card is minified once per theme
// and reused on every list that shows it.
func (w *page) cardList(list []*site.Story, level int) {
	if w.mini == nil {
		for _, s := range list {
			w.b.WriteString(string(w.card(s, level)))
		}
		return
	}
	w.flush()
	for _, s := range list {
		k := cardKey{s.Version, s.URL, level}
		if m, ok := w.t.minCards.Load(k); ok {
			w.out.Write(m.([]byte))
			continue
		}
		h := w.card(s, level)
		if w.err != nil {
			return
		}
		var m bytes.Buffer
		if err := w.mini(&m, []byte(h)); err != nil {
			w.err = err
			return
		}
		w.t.minCards.Store(k, m.Bytes())
		w.out.Write(m.Bytes())
	}
}

// card is storyCard, its error kept as the page's.
func (w *page) card(s *site.Story, level int) template.HTML {
	h, err := w.t.storyCard(s, level)
	if err != nil && w.err == nil {
		w.err = err
	}
	return h
}

// writeCard is partials/story-card.html.
func (w *page) writeCard(s *site.Story, level int) {
	l := strconv.Itoa(level)
	w.b.WriteString("\n\n<li class=\"card\">\n  <article>\n    <h")
	w.b.WriteString(l)
	w.b.WriteString(" class=\"card-title\"><a href=\"")
	escapeURL(w.b, w.relURL(s.URL))
	w.b.WriteString("\">")
	escapeText(w.b, s.Title)
	w.b.WriteString("</a></h")
	w.b.WriteString(l)
	w.b.WriteString(">\n    <p class=\"byline\">")
	if len(s.Leads) > 0 {
		w.b.WriteString("<span>")
		escapeText(w.b, strings.Join(s.Leads, "、"))
		w.b.WriteString("</span>")
	}
	if s.Neighborhood != "" {
		w.b.WriteString("<span>")
		escapeText(w.b, s.Neighborhood)
		w.b.WriteString("</span>")
	}
	if s.Year != 0 {
		suffix := w.word("yearSuffix")
		w.b.WriteString("<span>")
		w.b.WriteString(strconv.Itoa(s.Year))
		w.b.WriteString(" ")
		escapeText(w.b, suffix)
		w.b.WriteString("</span>")
	}
	w.b.WriteString("\n    </p>\n    ")
	if s.Summary != "" {
		w.b.WriteString("<p class=\"summary\">")
		escapeText(w.b, s.Summary)
		w.b.WriteString("</p>")
	}
	if s.Award != "" || s.Track != "" {
		w.b.WriteString("\n    <p class=\"chips\">")
		if s.Award != "" {
			w.b.WriteString("<span class=\"chip\">")
			escapeText(w.b, s.Award)
			w.b.WriteString("</span>")
		}
		if s.Track != "" {
			w.b.WriteString("<span class=\"chip\">")
			escapeText(w.b, s.Track)
			w.b.WriteString("</span>")
		}
		w.b.WriteString("</p>")
	}
	w.b.WriteString("\n  </article>\n</li>")
}

// facetLink is <a href="{{relURL (facetValueURL key value)}}">{{value}}</a>.
func (w *page) facetLink(key, value string) {
	w.b.WriteString("<a href=\"")
	escapeURL(w.b, w.relURL(w.facetValueURL(key, value)))
	w.b.WriteString("\">")
	escapeText(w.b, value)
	w.b.WriteString("</a>")
}

type fallback struct{}

func (fallback) Error() string { return "left to the templates" }

var errFallback error = fallback{}

// The escapers below do what html/template's do for plain strings (not
// template.HTML or template.URL values), from Go's html/template/html.go
// and url.go (BSD licence); TestEscapersAgree checks them against
// html/template itself.

// escapeText is html/template's escaper for text, attribute values and
// RCDATA (<title>): the same table for a plain string.
func escapeText(b *bytes.Buffer, s string) {
	written := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			// Only ASCII and NUL are replaced; invalid UTF-8 is copied.
			i++
			continue
		}
		var repl string
		switch c {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			i++
			continue
		}
		b.WriteString(s[written:i])
		b.WriteString(repl)
		i++
		written = i
	}
	b.WriteString(s[written:])
}

// escapeURL is html/template's pipeline for a URL attribute (href, src):
// urlfilter, urlnormalizer, attrescaper.
func escapeURL(b *bytes.Buffer, s string) {
	if !isSafeURL(s) {
		s = "#ZgotmplZ"
	}
	var n strings.Builder
	if normalizeURL(s, &n) {
		s = n.String()
	}
	escapeText(b, s)
}

// isSafeURL: a relative URL, or one with the protocol http, https or mailto.
func isSafeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		if !strings.EqualFold(protocol, "http") && !strings.EqualFold(protocol, "https") && !strings.EqualFold(protocol, "mailto") {
			return false
		}
	}
	return true
}

// normalizeURL writes s to b with every byte that a URL may not hold
// unescaped percent-encoded, and reports whether that changed anything
// (b is then the result).
func normalizeURL(s string, b *strings.Builder) bool {
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']', '-', '.', '_', '~':
			continue
		case '%':
			if i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		default:
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				continue
			}
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		const hex = "0123456789abcdef"
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
		written = i + 1
	}
	if written == 0 {
		return false
	}
	b.WriteString(s[written:])
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
