package feeds

import (
	"encoding/xml"
	"time"

	"github.com/jiangninglu/showcase/internal/site"
)

// atomFeed and its parts are RFC 4287. encoding/xml escapes every text
// and attribute, so a title like <script> is text in the feed.
type atomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	Title     atomText    `xml:"title"`
	Subtitle  *atomText   `xml:"subtitle,omitempty"`
	ID        string      `xml:"id"`
	Updated   string      `xml:"updated"`
	Links     []atomLink  `xml:"link"`
	Author    atomPerson  `xml:"author"`
	Generator string      `xml:"generator"`
	Entries   []atomEntry `xml:"entry"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomEntry struct {
	Title      atomText       `xml:"title"`
	Links      []atomLink     `xml:"link"`
	ID         string         `xml:"id"`
	Published  string         `xml:"published,omitempty"`
	Updated    string         `xml:"updated"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Categories []atomCategory `xml:"category"`
}

// Atom returns the Atom feed of the site's latest n stories (drafts left
// out), newest first, as /feed.xml. Links and ids are the stories'
// absolute URLs; the feed's updated time is the newest story's date (when
// no story has one, 1 January of the newest year named, else the epoch),
// which a story without a date shares: the feed is made of the content
// alone, so that rebuilding an unchanged site does not change it.
func Atom(s *site.Site, n int) ([]byte, error) {
	l, err := newLinks(s)
	if err != nil {
		return nil, err
	}
	cfg := s.Config
	f := atomFeed{
		Lang:  cfg.Language,
		Title: atomText{Type: "text", Text: cfg.Title},
		ID:    l.url("/"),
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: l.url("/" + FeedPath)},
			{Rel: "alternate", Type: "text/html", Href: l.url("/")},
		},
		Author:    atomPerson{Name: cfg.Title, URI: l.url("/")},
		Generator: "showcase",
	}
	if cfg.Publisher != "" { // the issuing body, when the site names one
		f.Author.Name = cfg.Publisher
	}
	if cfg.Description != "" {
		f.Subtitle = &atomText{Type: "text", Text: cfg.Description}
	}
	all := stories(s)
	latest := all[:min(max(n, 0), len(all))]
	var newest time.Time
	for _, st := range latest {
		if st.Date.After(newest) {
			newest = st.Date
		}
	}
	if newest.IsZero() {
		// No story has a date: 1 January of the newest year a story
		// names, else the epoch (stamp). Never the build's time: the feed
		// is made of the content alone, so that serve's feed and a
		// build's, or two builds of the same files, are the same bytes.
		year := 0
		for _, st := range latest {
			year = max(year, st.Year)
		}
		if year > 0 {
			newest = time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC)
		}
	}
	f.Updated = stamp(newest)
	for _, st := range latest {
		date := st.Date
		if date.IsZero() {
			date = newest
		}
		e := atomEntry{
			Title:   atomText{Type: "text", Text: st.Title},
			Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: l.url(st.URL)}},
			ID:      l.url(st.URL),
			Updated: stamp(date),
		}
		if !st.Date.IsZero() {
			e.Published = stamp(st.Date)
		}
		if sum := st.Summary(); sum != "" {
			e.Summary = &atomText{Type: "text", Text: sum}
		}
		for _, t := range st.Tags {
			e.Categories = append(e.Categories, atomCategory{Term: t})
		}
		f.Entries = append(f.Entries, e)
	}
	b := header()
	enc := xml.NewEncoder(b)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// stamp writes a time as Atom wants it (RFC 3339).
func stamp(t time.Time) string {
	if t.IsZero() {
		t = time.Unix(0, 0).UTC()
	}
	return t.Format(time.RFC3339)
}
