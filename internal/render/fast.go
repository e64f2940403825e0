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
	if err := p.write(b, d); err != nil {
		b.Truncate(start)
		return false
	}
	return true
}

// word is the interface word for key (T in templates).
func (p *fastPages) word(key string, args ...any) (string, error) { return p.t.T(key, args...) }

// write is baseof.html with the kind's main block.
func (p *fastPages) write(b *bytes.Buffer, d *Data) error {
	if d.Site == nil {
		return errFallback
	}
	var main func(*bytes.Buffer, *Data) error
	switch d.Kind {
	case "story":
		st := d.Story
		if st == nil {
			return errFallback
		}
		// A summary_en that is not a string prints the way fmt does:
		// leave that to the templates.
		if en, ok := st.Params["summary_en"]; ok {
			if _, ok := en.(string); !ok {
				return errFallback
			}
		}
		main = p.storyMain
	case "stories":
		main = p.storiesMain
	case "facet":
		if d.Facet == nil || d.Group == nil || d.Stats == nil {
			return errFallback
		}
		main = p.facetMain
	default:
		return errFallback
	}
	skip, err := p.word("skipToContent")
	if err != nil {
		return err
	}
	header, err := p.t.partialCached("partials/header.html", d, navCurrent(d))
	if err != nil {
		return err
	}
	footer, err := p.t.partialCached("partials/footer.html", d)
	if err != nil {
		return err
	}
	b.WriteString("<!DOCTYPE html>\n<html lang=\"")
	escapeText(b, d.Lang)
	b.WriteString("\">\n<head>\n")
	if err := p.head(b, d); err != nil {
		return err
	}
	b.WriteString("\n</head>\n<body class=\"kind-")
	escapeText(b, d.Kind)
	b.WriteString("\">\n<a class=\"skip\" href=\"#main\">")
	escapeText(b, skip)
	b.WriteString("</a>\n")
	b.WriteString(string(header))
	b.WriteString("\n<main id=\"main\" tabindex=\"-1\">\n")
	if err := main(b, d); err != nil {
		return err
	}
	b.WriteString("\n</main>\n")
	b.WriteString(string(footer))
	b.WriteString("\n</body>\n</html>")
	return nil
}

// head is partials/head.html with partials/meta.html.
func (p *fastPages) head(b *bytes.Buffer, d *Data) error {
	siteTitle := d.Site.Config.Title
	b.WriteString("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	if d.Kind == "home" {
		escapeText(b, siteTitle)
	} else {
		escapeText(b, d.Title)
		b.WriteString(" · ")
		escapeText(b, siteTitle)
	}
	b.WriteString("</title>\n")
	if d.Description != "" {
		b.WriteString("<meta name=\"description\" content=\"")
		escapeText(b, d.Description)
		b.WriteString("\">")
	}
	b.WriteString("\n<link rel=\"canonical\" href=\"")
	escapeURL(b, p.absURL(d.URL))
	b.WriteString("\">\n")

	// partials/meta.html
	b.WriteString("<meta property=\"og:type\" content=\"")
	if d.Story != nil {
		b.WriteString("article")
	} else {
		b.WriteString("website")
	}
	b.WriteString("\">\n<meta property=\"og:site_name\" content=\"")
	escapeText(b, siteTitle)
	b.WriteString("\">\n<meta property=\"og:title\" content=\"")
	escapeText(b, d.Title)
	b.WriteString("\">\n")
	if d.Description != "" {
		b.WriteString("<meta property=\"og:description\" content=\"")
		escapeText(b, d.Description)
		b.WriteString("\">\n")
	}
	b.WriteString("<meta property=\"og:url\" content=\"")
	escapeText(b, p.absURL(d.URL))
	b.WriteString("\">\n<meta property=\"og:locale\" content=\"")
	if d.Lang == "en" {
		b.WriteString("en_US")
	} else {
		b.WriteString("zh_CN")
	}
	b.WriteString("\">")
	cover := ""
	if st := d.Story; st != nil {
		if !st.Date.IsZero() {
			b.WriteString("\n<meta property=\"article:published_time\" content=\"")
			escapeText(b, st.Date.Format("2006-01-02T15:04:05Z07:00"))
			b.WriteString("\">")
		}
		for _, tag := range st.Tags {
			b.WriteString("\n<meta property=\"article:tag\" content=\"")
			escapeText(b, tag)
			b.WriteString("\">")
		}
		if c := st.Cover; c != "" {
			if c[0] == '/' {
				cover = p.absURL(c)
			} else {
				cover = p.absURL(st.URL + c)
			}
		}
	}
	if cover != "" {
		b.WriteString("\n<meta property=\"og:image\" content=\"")
		escapeText(b, cover)
		b.WriteString("\">")
		if alt := d.Story.CoverAlt; alt != "" {
			b.WriteString("\n<meta property=\"og:image:alt\" content=\"")
			escapeText(b, alt)
			b.WriteString("\">\n<meta name=\"twitter:image:alt\" content=\"")
			escapeText(b, alt)
			b.WriteString("\">")
		}
		b.WriteString("\n<meta name=\"twitter:card\" content=\"summary_large_image\">\n<meta name=\"twitter:image\" content=\"")
		escapeText(b, cover)
		b.WriteString("\">")
	} else {
		b.WriteString("\n<meta name=\"twitter:card\" content=\"summary\">")
	}
	b.WriteString("\n<meta name=\"twitter:title\" content=\"")
	escapeText(b, d.Title)
	b.WriteString("\">")
	if d.Description != "" {
		b.WriteString("\n<meta name=\"twitter:description\" content=\"")
		escapeText(b, d.Description)
		b.WriteString("\">")
	}
	b.WriteString("\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\"")
	escapeText(b, siteTitle)
	b.WriteString("\" href=\"")
	escapeURL(b, p.absURL("/feed.xml"))
	b.WriteString("\">")
	// end of partials/meta.html

	b.WriteString("\n<link rel=\"stylesheet\" href=\"")
	escapeURL(b, p.relURL("/css/style.css"))
	b.WriteString("\">\n<meta name=\"generator\" content=\"showcase\">")
	return nil
}

// storyMain is story.html's main block.
func (p *fastPages) storyMain(b *bytes.Buffer, d *Data) error {
	st := d.Story
	b.WriteString("\n<article class=\"wrap story\">\n  <header class=\"story-header\">\n    <p class=\"kicker\">")
	if st.Project != "" {
		escapeText(b, st.Project)
	} else {
		w, err := p.word("story")
		if err != nil {
			return err
		}
		escapeText(b, w)
	}
	b.WriteString("</p>\n    <h1>")
	escapeText(b, st.Title)
	b.WriteString("</h1>\n    <p class=\"byline\">")
	if len(st.Leads) > 0 {
		w, err := p.word("leads")
		if err != nil {
			return err
		}
		b.WriteString("<span>")
		escapeText(b, w)
		b.WriteString("：")
		escapeText(b, strings.Join(st.Leads, "、"))
		b.WriteString("</span>")
	}
	if st.Neighborhood != "" {
		b.WriteString("<span>")
		p.facetLink(b, "neighborhood", st.Neighborhood)
		b.WriteString("</span>")
	}
	if !st.Date.IsZero() {
		b.WriteString("<span><time datetime=\"")
		escapeText(b, st.Date.Format("2006-01-02"))
		b.WriteString("\">")
		escapeText(b, p.date(st.Date))
		b.WriteString("</time></span>")
	}
	rt, err := p.word("readingTime", st.ReadingMinutes)
	if err != nil {
		return err
	}
	b.WriteString("\n      <span>")
	escapeText(b, rt)
	b.WriteString("</span>\n    </p>\n    <dl class=\"facts\">\n      ")
	fact := func(key string, values ...string) error {
		w, err := p.word(key)
		if err != nil {
			return err
		}
		b.WriteString("<div><dt>")
		escapeText(b, w)
		b.WriteString("</dt><dd>")
		for i, v := range values {
			if i > 0 {
				b.WriteString("、")
			}
			p.facetLink(b, key, v)
		}
		b.WriteString("</dd></div>")
		return nil
	}
	if st.Year != 0 {
		if err := fact("year", strconv.Itoa(st.Year)); err != nil {
			return err
		}
	}
	b.WriteString("\n      ")
	if st.Track != "" {
		if err := fact("track", st.Track); err != nil {
			return err
		}
	}
	b.WriteString("\n      ")
	if st.Award != "" {
		if err := fact("award", st.Award); err != nil {
			return err
		}
	}
	b.WriteString("\n      ")
	if len(st.Tags) > 0 {
		if err := fact("tags", st.Tags...); err != nil {
			return err
		}
	}
	b.WriteString("\n    </dl>\n    ")

	// partials/metrics.html
	b.WriteString("\n\n")
	if ms := p.metricsOf(st); len(ms) > 0 {
		b.WriteString("\n<dl class=\"metrics\">\n  ")
		for _, m := range ms {
			b.WriteString("\n  <div><dt>")
			escapeText(b, m.Label)
			b.WriteString("</dt><dd><span class=\"num\">")
			escapeText(b, p.num(m.Value))
			b.WriteString("</span>")
			if m.Unit != "" {
				b.WriteString(" <span class=\"unit\">")
				escapeText(b, m.Unit)
				b.WriteString("</span>")
			}
			b.WriteString("</dd></div>\n  ")
		}
		b.WriteString("\n</dl>\n")
	}

	b.WriteString("\n  </header>\n  ")
	if st.CoverHTML != "" {
		b.WriteString("\n  <figure class=\"cover\">")
		b.WriteString(string(st.CoverHTML))
		b.WriteString("</figure>\n  ")
	} else if st.Cover != "" {
		b.WriteString("\n  <figure class=\"cover\"><img src=\"")
		escapeURL(b, p.coverURL(st))
		b.WriteString("\" alt=\"")
		escapeText(b, st.CoverAlt)
		b.WriteString("\"></figure>\n  ")
	}
	b.WriteString("\n  <div class=\"prose\">\n    ")
	b.WriteString(string(st.HTML))
	b.WriteString("\n  </div>\n  ")
	if en, _ := st.Params["summary_en"].(string); en != "" {
		b.WriteString("<p class=\"summary-en\" lang=\"en\">")
		escapeText(b, en)
		b.WriteString("</p>")
	}
	more, err := p.word("moreStories")
	if err != nil {
		return err
	}
	b.WriteString("\n</article>\n<nav class=\"wrap story-nav\" aria-label=\"")
	escapeText(b, more)
	b.WriteString("\">\n  ")
	if d.Prev != nil {
		b.WriteString("<a rel=\"prev\" href=\"")
		escapeURL(b, p.relURL(d.Prev.URL))
		b.WriteString("\">← ")
		escapeText(b, d.Prev.Title)
		b.WriteString("</a>")
	} else {
		b.WriteString("<span></span>")
	}
	b.WriteString("\n  ")
	if d.Next != nil {
		b.WriteString("<a rel=\"next\" href=\"")
		escapeURL(b, p.relURL(d.Next.URL))
		b.WriteString("\">")
		escapeText(b, d.Next.Title)
		b.WriteString(" →</a>")
	}
	b.WriteString("\n</nav>\n")
	return nil
}

// storiesMain is stories.html's main block.
func (p *fastPages) storiesMain(b *bytes.Buffer, d *Data) error {
	b.WriteString("<div class=\"wrap\">\n  <h1>")
	escapeText(b, d.Title)
	b.WriteString("</h1>\n  ")
	if intro := d.Site.StoriesIntro; intro != nil {
		b.WriteString("<div class=\"prose\">")
		b.WriteString(string(intro.HTML))
		b.WriteString("</div>")
	}
	b.WriteString("\n  ")
	if len(d.Stories) > 0 {
		b.WriteString("\n  <ul class=\"cards\">\n    ")
		if err := p.cardList(b, d.Stories, 2); err != nil {
			return err
		}
		b.WriteString("\n  </ul>\n  ")
	} else {
		w, err := p.word("noStories")
		if err != nil {
			return err
		}
		b.WriteString("\n  <p>")
		escapeText(b, w)
		b.WriteString("</p>\n  ")
	}
	b.WriteString("\n  ")
	if err := p.pager(b, d.Pager); err != nil {
		return err
	}
	b.WriteString("\n</div>")
	return nil
}

// facetMain is facet.html's main block.
func (p *fastPages) facetMain(b *bytes.Buffer, d *Data) error {
	f, g := d.Facet, d.Group
	kicker, err := p.word("facet_" + f.Key)
	if err != nil {
		return err
	}
	count, err := p.word("storiesCount", len(g.Items))
	if err != nil {
		return err
	}
	stories, err := p.word("stories")
	if err != nil {
		return err
	}
	heading, err := p.word("metricsOfGroup")
	if err != nil {
		return err
	}
	b.WriteString("<div class=\"wrap\">\n  <p class=\"kicker\"><a href=\"")
	escapeURL(b, p.relURL(p.facetIndexURL(f.Key)))
	b.WriteString("\">")
	escapeText(b, kicker)
	b.WriteString("</a></p>\n  <h1>")
	escapeText(b, g.Value)
	b.WriteString("</h1>\n  <p class=\"byline\"><span>")
	escapeText(b, count)
	b.WriteString("</span></p>\n  \n  <ul class=\"cards\" aria-label=\"")
	escapeText(b, stories)
	b.WriteString("\">")
	if err := p.cardList(b, d.Stories, 2); err != nil {
		return err
	}
	b.WriteString("</ul>\n  ")
	if err := p.pager(b, d.Pager); err != nil {
		return err
	}
	b.WriteString("\n  <section aria-labelledby=\"group-metrics\">\n    <h2 id=\"group-metrics\">")
	escapeText(b, heading)
	b.WriteString("</h2>\n    ")
	if err := p.aggs(b, d.Stats, g); err != nil {
		return err
	}
	b.WriteString("\n  </section>\n</div>")
	return nil
}

// pager is partials/pager.html.
func (p *fastPages) pager(b *bytes.Buffer, pg *Pager) error {
	if pg == nil || pg.Total <= 1 {
		return nil
	}
	label, err := p.word("pagination")
	if err != nil {
		return err
	}
	prev, err := p.word("prevPage")
	if err != nil {
		return err
	}
	of, err := p.word("pageOf", pg.Number, pg.Total)
	if err != nil {
		return err
	}
	next, err := p.word("nextPage")
	if err != nil {
		return err
	}
	b.WriteString("\n<nav class=\"pager\" aria-label=\"")
	escapeText(b, label)
	b.WriteString("\">\n  ")
	if pg.Prev != "" {
		b.WriteString("<a rel=\"prev\" href=\"")
		escapeURL(b, p.relURL(pg.Prev))
		b.WriteString("\">← ")
		escapeText(b, prev)
		b.WriteString("</a>")
	} else {
		b.WriteString("<span></span>")
	}
	b.WriteString("\n  <span class=\"muted\">")
	escapeText(b, of)
	b.WriteString("</span>\n  ")
	if pg.Next != "" {
		b.WriteString("<a rel=\"next\" href=\"")
		escapeURL(b, p.relURL(pg.Next))
		b.WriteString("\">")
		escapeText(b, next)
		b.WriteString(" →</a>")
	} else {
		b.WriteString("<span></span>")
	}
	b.WriteString("\n</nav>\n")
	return nil
}

// aggs is partials/aggs.html for one group.
func (p *fastPages) aggs(b *bytes.Buffer, st *stats.Stats, g *stats.Group) error {
	var heads [3]string
	for i, k := range []string{"metric", "value", "storiesColumn"} {
		w, err := p.word(k)
		if err != nil {
			return err
		}
		heads[i] = w
	}
	b.WriteString("\n\n<table class=\"numbers aggs\">\n  <thead><tr><th scope=\"col\">")
	escapeText(b, heads[0])
	b.WriteString("</th><th scope=\"col\" class=\"n\">")
	escapeText(b, heads[1])
	b.WriteString("</th><th scope=\"col\" class=\"n\">")
	escapeText(b, heads[2])
	b.WriteString("</th></tr></thead>\n  <tbody>")
	for _, m := range st.Metrics {
		a := p.agg(g, m.Key)
		aggregate, err := p.word("aggregate_" + a.Aggregate)
		if err != nil {
			return err
		}
		title, err := p.word("reportedOfTitle", a.Stories, a.Reported)
		if err != nil {
			return err
		}
		of, err := p.word("reportedOf", a.Reported, a.Stories)
		if err != nil {
			return err
		}
		b.WriteString("\n    <tr>\n      <th scope=\"row\">")
		escapeText(b, m.Label)
		b.WriteString(" <span class=\"muted\">· ")
		escapeText(b, aggregate)
		b.WriteString("</span></th>\n      <td class=\"n\">")
		if a.OK() {
			b.WriteString("<span class=\"num\">")
			escapeText(b, p.value(a))
			b.WriteString("</span>")
			if m.Unit != "" {
				b.WriteString(" ")
				escapeText(b, m.Unit)
			}
		} else {
			w, err := p.word("notReported")
			if err != nil {
				return err
			}
			b.WriteString("<span class=\"muted\">")
			escapeText(b, w)
			b.WriteString("</span>")
		}
		b.WriteString("</td>\n      <td class=\"n muted\" title=\"")
		escapeText(b, title)
		b.WriteString("\">")
		escapeText(b, of)
		b.WriteString("</td>\n    </tr>")
	}
	b.WriteString("\n  </tbody>\n</table>")
	return nil
}

// cardList writes each story's card (storyCard in templates).
func (p *fastPages) cardList(b *bytes.Buffer, list []*site.Story, level int) error {
	for _, s := range list {
		h, err := p.card(s, level)
		if err != nil {
			return err
		}
		b.WriteString(string(h))
	}
	return nil
}

// card is storyCard: from the theme's cache of cards, else written in Go
// when partials/story-card.html is the built-in one, else by the template.
func (p *fastPages) card(s *site.Story, level int) (template.HTML, error) {
	if !p.cards {
		return p.t.storyCard(s, level)
	}
	k := cardKey{s.Version, s.URL, level}
	if h, ok := p.t.cards.Load(k); ok {
		return h.(template.HTML), nil
	}
	var b bytes.Buffer
	if err := p.writeCard(&b, s, level); err != nil {
		return "", err
	}
	h := template.HTML(b.String())
	p.t.cards.Store(k, h)
	return h, nil
}

// writeCard is partials/story-card.html.
func (p *fastPages) writeCard(b *bytes.Buffer, s *site.Story, level int) error {
	l := strconv.Itoa(level)
	b.WriteString("\n\n<li class=\"card\">\n  <article>\n    <h")
	b.WriteString(l)
	b.WriteString(" class=\"card-title\"><a href=\"")
	escapeURL(b, p.relURL(s.URL))
	b.WriteString("\">")
	escapeText(b, s.Title)
	b.WriteString("</a></h")
	b.WriteString(l)
	b.WriteString(">\n    <p class=\"byline\">")
	if len(s.Leads) > 0 {
		b.WriteString("<span>")
		escapeText(b, strings.Join(s.Leads, "、"))
		b.WriteString("</span>")
	}
	if s.Neighborhood != "" {
		b.WriteString("<span>")
		escapeText(b, s.Neighborhood)
		b.WriteString("</span>")
	}
	if s.Year != 0 {
		w, err := p.word("yearSuffix")
		if err != nil {
			return err
		}
		b.WriteString("<span>")
		b.WriteString(strconv.Itoa(s.Year))
		b.WriteString(" ")
		escapeText(b, w)
		b.WriteString("</span>")
	}
	b.WriteString("\n    </p>\n    ")
	if s.Summary != "" {
		b.WriteString("<p class=\"summary\">")
		escapeText(b, s.Summary)
		b.WriteString("</p>")
	}
	if s.Award != "" || s.Track != "" {
		b.WriteString("\n    <p class=\"chips\">")
		if s.Award != "" {
			b.WriteString("<span class=\"chip\">")
			escapeText(b, s.Award)
			b.WriteString("</span>")
		}
		if s.Track != "" {
			b.WriteString("<span class=\"chip\">")
			escapeText(b, s.Track)
			b.WriteString("</span>")
		}
		b.WriteString("</p>")
	}
	b.WriteString("\n  </article>\n</li>")
	return nil
}

// facetLink is <a href="{{relURL (facetValueURL key value)}}">{{value}}</a>.
func (p *fastPages) facetLink(b *bytes.Buffer, key, value string) {
	b.WriteString("<a href=\"")
	escapeURL(b, p.relURL(p.facetValueURL(key, value)))
	b.WriteString("\">")
	escapeText(b, value)
	b.WriteString("</a>")
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
