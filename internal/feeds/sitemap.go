package feeds

import (
	"encoding/xml"
	"fmt"
	"time"

	"github.com/jiangninglu/showcase/internal/site"
)

// MaxSitemapURLs is the most URLs one sitemap file may list (sitemaps.org).
const MaxSitemapURLs = 50000

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// Sitemap returns /sitemap.xml listing the given pages, site-relative
// URLs as pages have them (/, /stories/a/, /neighborhoods/北京居民区/), in
// the order given, repeats dropped. Pass the HTML pages a build writes,
// without /404.html. A story, report or standalone page that has a date
// gets it as lastmod; a draft story's page is left out. More than
// MaxSitemapURLs pages is an error: sitemaps.org allows no more in a file.
func Sitemap(s *site.Site, paths []string) ([]byte, error) {
	l, err := newLinks(s)
	if err != nil {
		return nil, err
	}
	dates := map[string]time.Time{}
	drafts := map[string]bool{}
	for _, st := range s.Stories {
		dates[st.URL] = st.Date
		drafts[st.URL] = st.Draft
	}
	for _, r := range s.Reports {
		dates[r.URL] = r.Date
		drafts[r.URL] = r.Draft
	}
	for _, p := range s.Pages {
		if p != nil {
			dates[p.URL] = p.Date
			drafts[p.URL] = p.Draft
		}
	}
	var set urlset
	seen := map[string]bool{}
	for _, p := range paths {
		if seen[p] || drafts[p] {
			continue
		}
		seen[p] = true
		u := sitemapURL{Loc: l.url(p)}
		if d := dates[p]; !d.IsZero() {
			u.LastMod = d.Format("2006-01-02")
		}
		set.URLs = append(set.URLs, u)
	}
	if len(set.URLs) > MaxSitemapURLs {
		return nil, fmt.Errorf("sitemap: %d pages, more than the %d one sitemap file may list", len(set.URLs), MaxSitemapURLs)
	}
	b := header()
	enc := xml.NewEncoder(b)
	enc.Indent("", "  ")
	if err := enc.Encode(set); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// Robots returns /robots.txt: every crawler may read everything, and the
// sitemap's absolute URL when the baseURL has a host. Crawlers read
// robots.txt only at a host's root: a site under a path
// (https://example.org/showcase/) writes it all the same, for a host
// whose root serves the site's folder.
func Robots(s *site.Site) []byte {
	b := []byte("User-agent: *\nAllow: /\n")
	if l, err := newLinks(s); err == nil && l.absolute() {
		b = append(b, "\nSitemap: "+l.url("/"+SitemapPath)+"\n"...)
	}
	return b
}
