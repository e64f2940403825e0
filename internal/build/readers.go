package build

import (
	"bytes"
	"fmt"
	"maps"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/feeds"
	"github.com/jiangninglu/showcase/internal/render"
	"github.com/jiangninglu/showcase/internal/search"
	"github.com/jiangninglu/showcase/internal/site"
	"github.com/jiangninglu/showcase/internal/stats"
)

// datedKeys are each story's datedKey, for the kept files' keys; nil in
// a one-off build.
func (b *Builder) datedKeys(st *site.Site) []uint64 {
	if !b.keep {
		return nil
	}
	dated := make([]uint64, len(st.Stories))
	for i, s := range st.Stories {
		dated[i] = b.datedKey(s)
	}
	b.dated.prune(len(st.Stories))
	return dated
}

// searchFiles returns the search index's files: the kept ones (kept),
// or those of the index the stream filled (filled, see searchIndex).
func (b *Builder) searchFiles(kept map[string][]byte, filled *search.Indexer) (map[string][]byte, error) {
	if filled == nil {
		return kept, nil
	}
	files, err := filled.Files()
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	b.keepSearch(files)
	return files, nil
}

// readerFiles are the other files other programs read: /feed.xml,
// /sitemap.xml and /robots.txt. The sitemaps are kept between builds
// while they are the same (see sitemaps).
func (b *Builder) readerFiles(st *site.Site, pages []render.Page, dated []uint64) (map[string][]byte, error) {
	out := map[string][]byte{}
	urls := make([]string, 0, len(pages))
	for _, p := range pages {
		if k := p.Data.Kind; k != "404" && k != "search" {
			urls = append(urls, p.Data.URL)
		}
	}
	sitemaps, err := b.sitemaps(st, urls, dated)
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
// /stats.csv and /stories.csv, from the same numbers as the pages. The
// parts made from the statistics and each story's row come from parts
// (kept between builds, see exportParts), so that a title edit makes one
// row again and joins. stats.json is written compact, the same bytes as
// the JSON minifier makes of the indented form (TestCompactJSON), and
// indented when minifying is off.
func exportFiles(st *site.Site, parts *exportParts, statsKey uint64, minify bool, theme *render.Theme) (map[string][]byte, error) {
	items := site.Items(st.Stories)
	head, statsCSV, err := parts.statsParts(st.Stats, items, statsKey)
	if err != nil {
		return nil, err
	}
	rows, err := parts.storyRows(st, items)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{"stats.csv": statsCSV}
	var b bytes.Buffer
	write := stats.WriteJSONRows
	if minify {
		write = stats.WriteCompactJSON
	}
	if err := write(&b, head, rows); err != nil {
		return nil, err
	}
	out["stats.json"] = b.Bytes()
	var csv bytes.Buffer
	if err := stats.WriteStoriesCSVRows(&csv, st.Stats, rows); err != nil {
		return nil, err
	}
	out["stories.csv"] = csv.Bytes()
	for _, c := range stats.Charts(st.Stats) {
		var b bytes.Buffer
		if err := stats.WriteChartCSV(&b, st.Stats, c); err != nil {
			return nil, err
		}
		out["stats/"+c.ID+".csv"] = b.Bytes()
	}
	var reported []stats.Reported
	for _, r := range st.Reports {
		reported = append(reported, stats.Reported{Year: r.Year, Figures: r.Reported})
	}
	var programme []config.Metric
	for _, m := range st.Config.Metrics {
		if m.Programme() {
			programme = append(programme, m)
		}
	}
	var xlsx bytes.Buffer
	if err := stats.WriteXLSX(&xlsx, st.Stats, items, programme, reported, themeWords(theme)); err != nil {
		return nil, fmt.Errorf("stats.xlsx: %w", err)
	}
	out["stats.xlsx"] = xlsx.Bytes()
	return out, nil
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
