package build

import (
	"bytes"
	"fmt"
	"maps"

	"github.com/jiangninglu/showcase/internal/feeds"
	"github.com/jiangninglu/showcase/internal/render"
	"github.com/jiangninglu/showcase/internal/search"
	"github.com/jiangninglu/showcase/internal/site"
	"github.com/jiangninglu/showcase/internal/stats"
)

// readerFiles are the files other programs read: the search index,
// /feed.xml, /sitemap.xml and /robots.txt. The index and the sitemaps
// are kept between builds while they are the same (see searchIndex and
// sitemaps); a lean build gives the index it has filled.
func (b *Builder) readerFiles(st *site.Site, pages []render.Page, filled *search.Indexer) (map[string][]byte, error) {
	var index map[string][]byte
	if filled != nil {
		var err error
		if index, err = filled.Files(); err != nil {
			return nil, fmt.Errorf("search index: %w", err)
		}
	} else {
		var err error
		if index, err = b.searchIndex(st); err != nil {
			return nil, err
		}
	}
	out := maps.Clone(index)
	urls := make([]string, 0, len(pages))
	for _, p := range pages {
		if k := p.Data.Kind; k != "404" && k != "search" {
			urls = append(urls, p.Data.URL)
		}
	}
	sitemaps, err := b.sitemaps(st, urls)
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

// exportFiles renders the machine-readable statistics: /stats.json,
// /stats.csv and /stories.csv, from the same numbers as the pages.
func exportFiles(st *site.Site, m *minifier) (map[string][]byte, error) {
	items := site.Items(st.Stories)
	out := map[string][]byte{}
	var b bytes.Buffer
	if err := stats.WriteJSON(&b, st.Stats, items); err != nil {
		return nil, err
	}
	data, err := m.buffer("application/json", &b)
	if err != nil {
		return nil, fmt.Errorf("minify stats.json: %w", err)
	}
	out["stats.json"] = bytes.Clone(data)
	b.Reset()
	if err := stats.WriteStatsCSV(&b, st.Stats); err != nil {
		return nil, err
	}
	out["stats.csv"] = bytes.Clone(b.Bytes())
	b.Reset()
	if err := stats.WriteStoriesCSV(&b, st.Stats, items); err != nil {
		return nil, err
	}
	out["stories.csv"] = bytes.Clone(b.Bytes())
	return out, nil
}
