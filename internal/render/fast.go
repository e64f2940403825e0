package render

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jiangninglu/showcase/internal/site"
)

// storyPager renders story pages in Go, byte for byte as the built-in
// templates baseof.html, story.html and partials/head.html, meta.html and
// metrics.html do. A site of 10,000 stories is mostly story pages, and
// text/template spends most of a page's time calling functions and
// escapers through reflect (about 150 calls, 900 allocations a page): this
// writes the same bytes in a tenth of the time (BenchmarkStages/render/story).
//
// It is used only while those five files are the built-in theme's: a site
// that overrides any of them gets its own templates, as always. The header
// and footer still come from their templates (through partialCached), and
// the words from i18n. Any error falls back to the templates, so that
// messages are theirs. TestStoryFastPath renders every story page of the
// test sites both ways and compares them: a change to one of the five
// templates must be made here too.
type storyPager struct {
	t             *Theme
	relURL        func(string) string
	absURL        func(string) string
	facetValueURL func(key, value string) string
	coverURL      func(*site.Story) string
	date          func(time.Time) string
	num           func(float64) string
	metricsOf     func(*site.Story) []MetricValue
}

// storyFiles are the templates storyPager stands for.
var storyFiles = []string{"baseof.html", "story.html", "partials/head.html", "partials/meta.html", "partials/metrics.html"}

// newStoryPager returns a storyPager for t, or nil when the site overrides
// one of storyFiles or a function is not the one it expects.
func newStoryPager(t *Theme, files map[string]Layer, fm template.FuncMap) *storyPager {
	for _, f := range storyFiles {
		if !files[f].Builtin {
			return nil
		}
	}
	p := &storyPager{t: t}
	var ok [7]bool
	p.relURL, ok[0] = fm["relURL"].(func(string) string)
	p.absURL, ok[1] = fm["absURL"].(func(string) string)
	p.facetValueURL, ok[2] = fm["facetValueURL"].(func(string, string) string)
	p.coverURL, ok[3] = fm["coverURL"].(func(*site.Story) string)
	p.date, ok[4] = fm["date"].(func(time.Time) string)
	p.num, ok[5] = fm["num"].(func(float64) string)
	p.metricsOf, ok[6] = fm["metricsOf"].(func(*site.Story) []MetricValue)
	for _, o := range ok {
		if !o {
			return nil
		}
	}
	return p
}

// render writes d's page to b, or returns false having written nothing.
func (p *storyPager) render(b *bytes.Buffer, d *Data) bool {
	start := b.Len()
	if err := p.write(b, d); err != nil {
		b.Truncate(start)
		return false
	}
	return true
}

// word is the interface word for key (T in templates).
func (p *storyPager) word(key string, args ...any) (string, error) { return p.t.T(key, args...) }

// write is baseof.html with story.html as its main block.
func (p *storyPager) write(b *bytes.Buffer, d *Data) error {
	st := d.Story
	if st == nil || d.Site == nil {
		return errFallback
	}
	// A summary_en that is not a string prints the way fmt does: leave
	// that to the templates.
	en, hasEn := st.Params["summary_en"]
	if hasEn {
		if _, ok := en.(string); !ok {
			return errFallback
		}
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
	if err := p.main(b, d, st); err != nil {
		return err
	}
	b.WriteString("\n</main>\n")
	b.WriteString(string(footer))
	b.WriteString("\n</body>\n</html>")
	return nil
}

// head is partials/head.html with partials/meta.html.
func (p *storyPager) head(b *bytes.Buffer, d *Data) error {
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

// main is story.html's main block.
func (p *storyPager) main(b *bytes.Buffer, d *Data, st *site.Story) error {
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

// facetLink is <a href="{{relURL (facetValueURL key value)}}">{{value}}</a>.
func (p *storyPager) facetLink(b *bytes.Buffer, key, value string) {
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
