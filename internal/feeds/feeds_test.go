package feeds_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/feeds"
	"github.com/jiangninglu/showcase/internal/site"
)

const hostile = `<script>alert(1)</script> & "x"`

func day(d int) time.Time { return time.Date(2021, 1, d, 0, 0, 0, 0, time.UTC) }

func testSite(baseURL string) *site.Site {
	cfg := config.Default()
	cfg.BaseURL = baseURL
	cfg.Title = "江宁路 " + hostile
	cfg.Description = "四年微项目的故事与数字"
	story := func(slug, title string, date time.Time, draft bool) *site.Story {
		cs := &content.Story{Title: title, Slug: slug, Date: date, Draft: draft, Tags: []string{"联席会议", "<b>"}}
		return site.NewStory(cs, site.Rendered{Summary: "摘要 " + hostile})
	}
	return &site.Site{
		Config: cfg,
		Built:  time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		Stories: []*site.Story{ // newest first, as site.New orders them
			story("newest", hostile, day(18), false),
			story("secret", "草稿", day(17), true),
			story("older", "「高跟鞋」", day(10), false),
			story("undated", "无日期", time.Time{}, false),
		},
		Reports: []*site.Report{site.NewReport(&content.Report{Title: "2020", Year: 2020, Date: day(20)}, site.Rendered{})},
		Pages:   []*site.Page{site.NewPage(&content.Page{Title: "关于", Path: "about"}, site.Rendered{}, "/about/")},
	}
}

// wellFormed parses b as XML from start to end.
func wellFormed(t *testing.T, b []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, b)
		}
	}
}

func checkAbsolute(t *testing.T, what, u, prefix string) {
	t.Helper()
	p, err := url.Parse(u)
	if err != nil || !p.IsAbs() || p.Host == "" {
		t.Errorf("%s %q is not an absolute URL", what, u)
	}
	if !strings.HasPrefix(u, prefix) {
		t.Errorf("%s %q does not start with the baseURL %q", what, u, prefix)
	}
}

type feed struct {
	Lang    string `xml:"lang,attr"`
	Title   string `xml:"title"`
	ID      string `xml:"id"`
	Updated string `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		Title     string `xml:"title"`
		ID        string `xml:"id"`
		Updated   string `xml:"updated"`
		Published string `xml:"published"`
		Summary   string `xml:"summary"`
		Link      struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Categories []struct {
			Term string `xml:"term,attr"`
		} `xml:"category"`
	} `xml:"entry"`
}

func TestAtom(t *testing.T) {
	for _, base := range []string{"https://example.org/", "https://example.org/showcase/"} {
		t.Run(base, func(t *testing.T) {
			b, err := feeds.Atom(testSite(base), 20)
			if err != nil {
				t.Fatal(err)
			}
			wellFormed(t, b)
			if bytes.Contains(b, []byte("<script>")) || bytes.Contains(b, []byte("<b>")) {
				t.Errorf("markup from titles is not escaped:\n%s", b)
			}
			var f feed
			if err := xml.Unmarshal(b, &f); err != nil {
				t.Fatal(err)
			}
			if f.Lang != "zh-CN" || f.Title != "江宁路 "+hostile || f.Updated != "2021-01-18T00:00:00Z" {
				t.Errorf("feed: lang %q, title %q, updated %q", f.Lang, f.Title, f.Updated)
			}
			checkAbsolute(t, "feed id", f.ID, base)
			for _, l := range f.Links {
				checkAbsolute(t, "feed link "+l.Rel, l.Href, base)
			}
			if len(f.Links) != 2 || f.Links[0].Href != base+"feed.xml" || f.Links[1].Href != base {
				t.Errorf("feed links %+v, want self %sfeed.xml and alternate %s", f.Links, base, base)
			}
			var got []string
			for _, e := range f.Entries {
				got = append(got, e.Link.Href)
				checkAbsolute(t, "entry id", e.ID, base)
				checkAbsolute(t, "entry link", e.Link.Href, base)
			}
			want := []string{base + "stories/newest/", base + "stories/older/", base + "stories/undated/"}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("entries %v, want %v (no draft)", got, want)
			}
			e := f.Entries[0]
			if e.Title != hostile || e.Summary != "摘要 "+hostile || e.Published != "2021-01-18T00:00:00Z" || len(e.Categories) != 2 || e.Categories[1].Term != "<b>" {
				t.Errorf("first entry %+v", e)
			}
			if u := f.Entries[2]; u.Published != "" || u.Updated != "2021-01-18T00:00:00Z" {
				t.Errorf("an undated story: published %q, updated %q; want none and the feed's", u.Published, u.Updated)
			}
		})
	}
	t.Run("latest n", func(t *testing.T) {
		b, err := feeds.Atom(testSite("https://example.org/"), 1)
		if err != nil {
			t.Fatal(err)
		}
		var f feed
		if err := xml.Unmarshal(b, &f); err != nil {
			t.Fatal(err)
		}
		if len(f.Entries) != 1 || f.Entries[0].ID != "https://example.org/stories/newest/" {
			t.Errorf("got %+v, want the newest story only", f.Entries)
		}
	})
	t.Run("no stories", func(t *testing.T) {
		s := testSite("https://example.org/")
		s.Stories = nil
		b, err := feeds.Atom(s, 20)
		if err != nil {
			t.Fatal(err)
		}
		wellFormed(t, b)
		var f feed
		xml.Unmarshal(b, &f)
		// Made of the content alone, never of the build's time (Built).
		if f.Updated != "1970-01-01T00:00:00Z" || len(f.Entries) != 0 {
			t.Errorf("empty feed: updated %q, %d entries", f.Updated, len(f.Entries))
		}
	})
	t.Run("only undated stories", func(t *testing.T) {
		s := testSite("https://example.org/")
		s.Stories = []*site.Story{
			site.NewStory(&content.Story{Title: "甲", Slug: "a", Year: 2021}, site.Rendered{}),
			site.NewStory(&content.Story{Title: "乙", Slug: "b", Year: 2023}, site.Rendered{}),
		}
		b, err := feeds.Atom(s, 20)
		if err != nil {
			t.Fatal(err)
		}
		var f feed
		xml.Unmarshal(b, &f)
		if f.Updated != "2023-01-01T00:00:00Z" {
			t.Errorf("updated %q, want 1 January of the newest year a story names", f.Updated)
		}
	})
}

// sitemapFile is a sitemap file or a sitemap index: its entries' loc and
// lastmod, from <url> or <sitemap> elements.
type sitemapFile struct {
	XMLName xml.Name
	Entries []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:",any"`
}

func parseSitemap(t *testing.T, name string, b []byte) sitemapFile {
	t.Helper()
	wellFormed(t, b)
	var f sitemapFile
	if err := xml.Unmarshal(b, &f); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if f.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" {
		t.Errorf("%s: root element %v", name, f.XMLName)
	}
	return f
}

func TestSitemap(t *testing.T) {
	paths := []string{"/", "/stories/", "/stories/newest/", "/stories/secret/", "/stories/older/", "/reports/2020/", "/about/", "/neighborhoods/北京居民区/", "/stories/"}
	for _, base := range []string{"https://example.org/", "https://example.org/showcase/"} {
		t.Run(base, func(t *testing.T) {
			files, err := feeds.Sitemaps(testSite(base), paths)
			if err != nil {
				t.Fatal(err)
			}
			if len(files) != 1 {
				t.Errorf("files %v, want sitemap.xml alone", keys(files))
			}
			set := parseSitemap(t, "sitemap.xml", files["sitemap.xml"])
			if set.XMLName.Local != "urlset" {
				t.Errorf("root element %v", set.XMLName)
			}
			var got []string
			for _, u := range set.Entries {
				checkAbsolute(t, "loc", u.Loc, base)
				got = append(got, strings.TrimPrefix(u.Loc, base)+" "+u.LastMod)
			}
			want := []string{" ", "stories/ ", "stories/newest/ 2021-01-18", "stories/older/ 2021-01-10", "reports/2020/ 2021-01-20", "about/ ",
				"neighborhoods/%E5%8C%97%E4%BA%AC%E5%B1%85%E6%B0%91%E5%8C%BA/ "}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("sitemap lists\n%q\nwant (no draft, no repeat, lastmod where known)\n%q", got, want)
			}
		})
	}
}

// TestSitemapIndex: past the limit, sitemap.xml is an index of numbered
// sitemap files that together list every page once, in order.
func TestSitemapIndex(t *testing.T) {
	base := "https://example.org/showcase/"
	paths := []string{"/", "/stories/", "/stories/newest/", "/stories/secret/", "/stories/older/", "/reports/2020/", "/about/", "/stories/"}
	files, err := feeds.SitemapsLimit(testSite(base), paths, 2)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := keys(files), "sitemap-1.xml sitemap-2.xml sitemap-3.xml sitemap.xml"; got != want {
		t.Fatalf("files %s, want %s", got, want)
	}
	index := parseSitemap(t, "sitemap.xml", files["sitemap.xml"])
	if index.XMLName.Local != "sitemapindex" {
		t.Errorf("sitemap.xml root element %v, want sitemapindex", index.XMLName)
	}
	var got, parts []string
	for _, e := range index.Entries {
		got = append(got, e.Loc+" "+e.LastMod)
		name := strings.TrimPrefix(e.Loc, base)
		set := parseSitemap(t, name, files[name])
		if set.XMLName.Local != "urlset" {
			t.Errorf("%s root element %v", name, set.XMLName)
		}
		for _, u := range set.Entries {
			parts = append(parts, strings.TrimPrefix(u.Loc, base))
		}
	}
	want := []string{base + "sitemap-1.xml ", base + "sitemap-2.xml 2021-01-18", base + "sitemap-3.xml 2021-01-20"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("index lists\n%q\nwant (lastmod: the newest of its pages)\n%q", got, want)
	}
	if got, want := strings.Join(parts, " "), " stories/ stories/newest/ stories/older/ reports/2020/ about/"; got != want {
		t.Errorf("sitemap files list %q, want %q", got, want)
	}
}

// TestSitemapThreshold: MaxSitemapURLs pages fit one file; one more makes
// an index of two.
func TestSitemapThreshold(t *testing.T) {
	many := make([]string, feeds.MaxSitemapURLs+1)
	for i := range many {
		many[i] = "/p/" + strconv.Itoa(i) + "/"
	}
	files, err := feeds.Sitemaps(testSite("https://example.org/"), many[:feeds.MaxSitemapURLs])
	if err != nil {
		t.Fatal(err)
	}
	if got := keys(files); got != "sitemap.xml" {
		t.Errorf("%d pages: files %s, want sitemap.xml alone", feeds.MaxSitemapURLs, got)
	}
	files, err = feeds.Sitemaps(testSite("https://example.org/"), many)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := keys(files), "sitemap-1.xml sitemap-2.xml sitemap.xml"; got != want {
		t.Errorf("%d pages: files %s, want %s", len(many), got, want)
	}
	if n := strings.Count(string(files["sitemap-1.xml"]), "<url>"); n != feeds.MaxSitemapURLs {
		t.Errorf("sitemap-1.xml lists %d pages, want %d", n, feeds.MaxSitemapURLs)
	}
	if n := strings.Count(string(files["sitemap-2.xml"]), "<url>"); n != 1 {
		t.Errorf("sitemap-2.xml lists %d pages, want 1", n)
	}
}

func keys(m map[string][]byte) string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func TestRobots(t *testing.T) {
	tests := []struct{ base, want string }{
		{"https://example.org/", "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n"},
		{"https://example.org/showcase/", "User-agent: *\nAllow: /\n\nSitemap: https://example.org/showcase/sitemap.xml\n"},
		{"/", "User-agent: *\nAllow: /\n"}, // no host: no sitemap line rather than a relative one
	}
	for _, tt := range tests {
		if got := string(feeds.Robots(testSite(tt.base))); got != tt.want {
			t.Errorf("Robots(%s) = %q, want %q", tt.base, got, tt.want)
		}
	}
}

// TestNoHost: with the default baseURL "/" links cannot be absolute; the
// files are still well-formed, with site-relative links.
func TestNoHost(t *testing.T) {
	s := testSite("/sub/")
	b, err := feeds.Atom(s, 5)
	if err != nil {
		t.Fatal(err)
	}
	wellFormed(t, b)
	if !bytes.Contains(b, []byte(`<id>/sub/stories/newest/</id>`)) {
		t.Errorf("want site-relative ids under /sub/:\n%s", b)
	}
	files, err := feeds.Sitemaps(s, []string{"/"})
	if err != nil {
		t.Fatal(err)
	}
	b = files[feeds.SitemapPath]
	wellFormed(t, b)
	if !bytes.Contains(b, []byte(`<loc>/sub/</loc>`)) {
		t.Errorf("want /sub/:\n%s", b)
	}
}
