package feeds

import (
	"encoding/xml"
	"strconv"
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

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []sitemapURL `xml:"sitemap"`
}

// SitemapPart is the output path of the nth (from 1) sitemap file a
// sitemap index points to: sitemap-1.xml, sitemap-2.xml, ...
func SitemapPart(n int) string { return "sitemap-" + strconv.Itoa(n) + ".xml" }

// Sitemaps returns the sitemap files by output path, listing the given
// pages: site-relative URLs as pages have them (/, /stories/a/,
// /neighborhoods/北京居民区/), in the order given, repeats dropped. Pass
// the HTML pages a build writes, without /404.html. A story, report or
// standalone page that has a date gets it as lastmod; a draft's page is
// left out. It is SitemapFiles of the site's baseURL and SitemapEntries.
//
// Up to MaxSitemapURLs pages, the only file is SitemapPath. With more
// (sitemaps.org allows no more in one file), SitemapPath is a sitemap
// index pointing to SitemapPart(1), SitemapPart(2), ..., each listing up
// to MaxSitemapURLs of the pages.
func Sitemaps(s *site.Site, paths []string) (map[string][]byte, error) {
	return SitemapFiles(baseURL(s), SitemapEntries(s, paths))
}

// A SitemapEntry is one page of the sitemap: its site-relative URL, and
// its date (zero when it has none).
type SitemapEntry struct {
	Path    string
	LastMod time.Time
}

// SitemapEntries returns the sitemap's entries for the pages at paths
// (see Sitemaps), in their order: repeats and drafts' pages dropped, each
// with its story's, report's or page's date.
func SitemapEntries(s *site.Site, paths []string) []SitemapEntry {
	type dated struct {
		date  time.Time
		draft bool
	}
	byURL := make(map[string]dated, len(s.Stories)+len(s.Reports)+len(s.Pages))
	for _, st := range s.Stories {
		byURL[st.URL] = dated{st.Date, st.Draft}
	}
	for _, r := range s.Reports {
		byURL[r.URL] = dated{r.Date, r.Draft}
	}
	for _, p := range s.Pages {
		if p != nil {
			byURL[p.URL] = dated{p.Date, p.Draft}
		}
	}
	entries := make([]SitemapEntry, 0, len(paths))
	seen := make(map[string]bool, len(paths))
	for _, p := range paths {
		d := byURL[p]
		if seen[p] || d.draft {
			continue
		}
		seen[p] = true
		entries = append(entries, SitemapEntry{Path: p, LastMod: d.date})
	}
	return entries
}

// SitemapFiles returns the sitemap files of the entries under baseURL
// (see Sitemaps): a function of its arguments only, so that their hash
// is the files' key.
func SitemapFiles(baseURL string, entries []SitemapEntry) (map[string][]byte, error) {
	return sitemaps(baseURL, entries, MaxSitemapURLs)
}

// sitemaps is SitemapFiles with at most limit URLs in a file.
func sitemaps(baseURL string, entries []SitemapEntry, limit int) (map[string][]byte, error) {
	l, err := parseLinks(baseURL)
	if err != nil {
		return nil, err
	}
	urls := make([]sitemapURL, len(entries))
	for i, e := range entries {
		urls[i] = sitemapURL{Loc: l.url(e.Path)}
		if !e.LastMod.IsZero() {
			urls[i].LastMod = e.LastMod.Format(time.DateOnly)
		}
	}
	if len(urls) <= limit {
		b, err := encodeXML(urlset{URLs: urls})
		if err != nil {
			return nil, err
		}
		return map[string][]byte{SitemapPath: b}, nil
	}
	files := map[string][]byte{}
	var index sitemapIndex
	for n, start := 1, 0; start < len(urls); n, start = n+1, start+limit {
		end := min(start+limit, len(urls))
		b, err := encodeXML(urlset{URLs: urls[start:end]})
		if err != nil {
			return nil, err
		}
		files[SitemapPart(n)] = b
		entry := sitemapURL{Loc: l.url("/" + SitemapPart(n))}
		var newest time.Time
		for _, e := range entries[start:end] {
			if e.LastMod.After(newest) {
				newest = e.LastMod
			}
		}
		if !newest.IsZero() {
			entry.LastMod = newest.Format(time.DateOnly)
		}
		index.Sitemaps = append(index.Sitemaps, entry)
	}
	b, err := encodeXML(index)
	if err != nil {
		return nil, err
	}
	files[SitemapPath] = b
	return files, nil
}

// encodeXML writes v as an XML file.
func encodeXML(v any) ([]byte, error) {
	b := header()
	enc := xml.NewEncoder(b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
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
