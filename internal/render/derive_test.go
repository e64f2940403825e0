package render

import (
	"bytes"
	"html/template"
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/site"
	"github.com/jiangninglu/showcase/internal/stats"
)

// TestSiteViewHasAllOfSite: every exported field and method of
// *site.Site is a method of *SiteView, so a template reads nothing of the
// site without its page recording it (a field added to site.Site without
// one here is not readable by templates, rather than read unrecorded).
func TestSiteViewHasAllOfSite(t *testing.T) {
	view := reflect.TypeFor[*SiteView]()
	st := reflect.TypeFor[site.Site]()
	for i := range st.NumField() {
		if f := st.Field(i); f.IsExported() {
			if _, ok := view.MethodByName(f.Name); !ok {
				t.Errorf("site.Site.%s has no SiteView method", f.Name)
			}
		}
	}
	sp := reflect.TypeFor[*site.Site]()
	for i := range sp.NumMethod() {
		if _, ok := view.MethodByName(sp.Method(i).Name); !ok {
			t.Errorf("(*site.Site).%s has no SiteView method", sp.Method(i).Name)
		}
	}
}

// TestDerivedKeys: a page's key follows from its data and what its
// template read of the site. A template that prints the number of stories
// records that it read them, and its page's site key changes when a story
// is added; one that reads only the configuration keeps its key; a story
// page's key changes with the story's body and with its neighbour's.
func TestDerivedKeys(t *testing.T) {
	cfg := config.Default()
	fs := fstest.MapFS{
		"i18n/en.yaml":        {Data: []byte("x: x\n")},
		"layouts/baseof.html": {Data: []byte(`{{define "baseof"}}{{.Site.Config.Title}}{{block "main" .}}{{end}}{{end}}`)},
	}
	for _, k := range Kinds {
		fs["layouts/"+k+".html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{end}}`)}
	}
	fs["layouts/home.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{len .Site.Stories}}{{end}}`)}
	fs["layouts/story.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{.Content}}{{end}}`)}
	th, err := LoadTheme([]Layer{{FS: fs}}, "en", Funcs(cfg, nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	story := func(slug, body string) *site.Story {
		return site.NewStory(&content.Story{Slug: slug, Title: slug}, site.Rendered{HTML: template.HTML("<p>" + body + "</p>")})
	}
	var last map[string]Keyed // as serve's builder keeps them
	mk := func(stories ...*site.Story) map[string]Page {
		s := &site.Site{Config: cfg, Stories: stories}
		s.Stats = new(stats.Stats)
		out, next := map[string]Page{}, map[string]Keyed{}
		pages, keys := allPages(Pages(s, th, 1, true))
		for i := range pages {
			var l *Keyed
			if k, ok := last[pages[i].Path]; ok {
				l = &k
			}
			next[pages[i].Path] = keys.Key(&pages[i], l)
			out[pages[i].Path] = pages[i]
		}
		last = next
		return out
	}
	render := func(p Page) (Reads, uint64) {
		var b bytes.Buffer
		r, err := th.Render(&b, p.Data)
		if err != nil {
			t.Fatal(err)
		}
		return r, p.Data.Site.Key(r)
	}
	a, b := story("a", "A"), story("b", "B")
	one := mk(a, b)
	homeReads, homeKey := render(one["index.html"])
	if homeReads.parts&readStories == 0 || homeReads.parts&readConfig == 0 {
		t.Errorf("the home page's reads %+v lack the stories or the configuration", homeReads)
	}
	storyReads, storyKey := render(one["stories/a/index.html"])
	if storyReads.parts != readConfig {
		t.Errorf("a story page read %+v of the site, want the configuration alone", storyReads)
	}
	two := mk(a, b, story("c", "C"))
	if two["index.html"].Key != one["index.html"].Key {
		t.Error("the home page's own data changed with a story added")
	}
	if two["index.html"].Data.Site.Key(homeReads) == homeKey {
		t.Error("the home page's site key did not change with a story added")
	}
	if two["stories/a/index.html"].Data.Site.Key(storyReads) != storyKey {
		t.Error("a story page's site key changed with a story added")
	}
	three := mk(a, story("b", "B, longer"))
	if three["stories/b/index.html"].Key == one["stories/b/index.html"].Key {
		t.Error("a story page's key did not change with its body")
	}
	if three["stories/a/index.html"].Key == one["stories/a/index.html"].Key {
		t.Error("a story page's key did not change with its neighbour's body")
	}
	if mk(a, b)["stories/a/index.html"].Key != one["stories/a/index.html"].Key {
		t.Error("a story page's key changed with nothing changed")
	}
}

// TestFacetPagesTakeStoriesAsTheyRender: a one-off build's facet pages
// (unkeyed) hold none of their stories until they render, and render
// the same bytes as keyed ones, page by page.
func TestFacetPagesTakeStoriesAsTheyRender(t *testing.T) {
	cfg, th := miniTheme(t, "", map[string]string{
		"facet.html": `{{.Pager.Number}}:{{range .Stories}}{{.Slug}},{{end}}{{len .Stories}}`,
	})
	s := &site.Site{Config: cfg}
	for _, slug := range []string{"a", "b", "c", "d", "e"} {
		s.Stories = append(s.Stories, site.NewStory(&content.Story{Slug: slug, Title: slug}, site.Rendered{}))
	}
	s.Stats = &stats.Stats{Facets: []stats.Facet{{Key: "year", Groups: []*stats.Group{
		{Facet: "year", Value: "2020", URLName: "2020", Items: []int{0, 2, 4}},
		{Facet: "year", Value: "2019", URLName: "2019"},
	}}}}
	render := func(keyed bool) map[string]string {
		pages, _ := allPages(Pages(s, th, 1, keyed))
		out := map[string]string{}
		for _, p := range pages {
			if p.Data.Kind != "facet" {
				continue
			}
			if !keyed && p.Data.Stories != nil {
				t.Errorf("%s holds its stories before it renders", p.Path)
			}
			var b bytes.Buffer
			if _, err := th.Render(&b, p.Data); err != nil {
				t.Fatal(err)
			}
			out[p.Path] = b.String()
		}
		return out
	}
	want := map[string]string{"years/2020/index.html": "1:a,c,2", "years/2020/page/2/index.html": "2:e,1", "years/2019/index.html": "1:0"}
	for _, keyed := range []bool{false, true} {
		if got := render(keyed); !reflect.DeepEqual(got, want) {
			t.Errorf("keyed %v: %q, want %q", keyed, got, want)
		}
	}
}

// TestPagesMadeWhenAsked: List makes a story's page, and a list's, a
// new one each time it is asked (nothing holds it for the caller), with
// the same values; its URL and kind are known without making it; the
// story pages are in site order after the story list's, with their
// neighbours, and render their story's body.
func TestPagesMadeWhenAsked(t *testing.T) {
	cfg, th := miniTheme(t, "{{.Kind}}", map[string]string{
		"story.html":   `{{with .Prev}}{{.Slug}}-{{end}}{{.Content}}{{with .Next}}+{{.Slug}}{{end}}`,
		"stories.html": `{{.Title}} {{.Pager.Prev}}|{{.Pager.Next}}:{{range .Stories}}{{.Slug}},{{end}}`,
	})
	s := &site.Site{Config: cfg, Stats: new(stats.Stats)}
	for _, slug := range []string{"a", "b", "c"} {
		s.Stories = append(s.Stories, site.NewStory(&content.Story{Slug: slug, Title: slug}, site.Rendered{HTML: template.HTML(slug + "!")}))
	}
	want := []string{"home", " |/stories/page/2/:a,b,", " (2/2) /stories/|:c,", "a!+b", "a-b!+c", "b-c!", "stats", "search", "404"}
	for _, keyed := range []bool{false, true} {
		l, _ := Pages(s, th, 1, keyed)
		if first, n := l.Stories(); first != 3 || n != 3 || l.Len() != len(want) {
			t.Fatalf("keyed %v: %d pages, stories %d from %d; want %d, 3 from 3", keyed, l.Len(), n, first, len(want))
		}
		for i, w := range want {
			p := l.Page(i)
			again := l.Page(i)
			if !reflect.DeepEqual(again, p) {
				t.Errorf("keyed %v: page %d: asked twice, different values", keyed, i)
			}
			if k := p.Data.Kind; (k == "story" || k == "stories") && (again.Data == p.Data || again.Data.Site == p.Data.Site) {
				t.Errorf("keyed %v: page %d: asked twice, the same objects", keyed, i)
			}
			var b bytes.Buffer
			if _, err := th.Render(&b, p.Data); err != nil {
				t.Fatal(err)
			}
			u, k := l.URL(i)
			if p.Path != OutputPath(p.Data.URL) || u != p.Data.URL || k != p.Data.Kind || b.String() != w {
				t.Errorf("keyed %v: page %d: %s %s %s %q, want %s %q", keyed, i, p.Path, u, k, b.String(), OutputPath(p.Data.URL), w)
			}
		}
	}
}

// allPages is every page of a site, made at once, in order.
func allPages(l *List, ks *Keys) ([]Page, *Keys) {
	var all []Page
	for i := range l.Len() {
		all = append(all, l.Page(i))
	}
	return all, ks
}

// miniTheme loads a theme, with two stories a list page, whose every
// kind's "main" block is kindMain but for the layouts in own (file name
// to its "main" block).
func miniTheme(t *testing.T, kindMain string, own map[string]string) (*config.Config, *Theme) {
	t.Helper()
	cfg := config.Default()
	cfg.Paginate = 2
	fs := fstest.MapFS{
		"i18n/en.yaml":        {Data: []byte("x: x\n")},
		"layouts/baseof.html": {Data: []byte(`{{define "baseof"}}{{block "main" .}}{{end}}{{end}}`)},
	}
	for _, k := range Kinds {
		fs["layouts/"+k+".html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}` + kindMain + `{{end}}`)}
	}
	for name, main := range own {
		fs["layouts/"+name] = &fstest.MapFile{Data: []byte(`{{define "main"}}` + main + `{{end}}`)}
	}
	th, err := LoadTheme([]Layer{{FS: fs}}, "en", Funcs(cfg, nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	return cfg, th
}
