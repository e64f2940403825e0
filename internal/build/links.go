package build

import (
	"maps"
	"slices"

	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/linkcheck"
	"github.com/jiangninglu/showcase/internal/markdown"
	"github.com/jiangninglu/showcase/internal/render"
	"github.com/jiangninglu/showcase/internal/site"
)

// newLinkCheck begins the check that internal links and images in
// Markdown point at something this build writes (see linkcheck), with
// what the build is known to write before the stories stream: the pages
// (the stories' as Written: they are made as they render, see
// render.List) and the copied files (the data files are published
// to it once made).
// It checks the reports' and pages' links at once; the stream gives it
// each story's as its Markdown is rendered (checkStory). With a cache (a
// Builder that keeps its caches), a file whose version and page are the
// same as in the last build keeps its result while the pages and files
// are the same.
func newLinkCheck(st *site.Site, pages *render.List, files map[string]file, cache *linkcheck.Cache) *linkcheck.Checker {
	first, n := pages.Stories()
	t := linkcheck.Targets{Outputs: make([]string, 0, pages.Len()-n+len(files))}
	for i := range pages.Len() {
		if i < first || i >= first+n {
			u, _ := pages.URL(i)
			t.Outputs = append(t.Outputs, render.OutputPath(u))
		}
	}
	t.Outputs = slices.AppendSeq(t.Outputs, maps.Keys(files))
	others := append([]*site.Page{st.Home, st.StoriesIntro}, st.Pages...)
	t.Pages = make([]linkcheck.Page, 0, len(st.Stories)+len(st.Reports)+len(others))
	for _, s := range st.Stories {
		t.Pages = append(t.Pages, linkcheck.Page{File: s.File, URL: s.URL, Written: true})
	}
	for _, r := range st.Reports {
		t.Pages = append(t.Pages, linkcheck.Page{File: r.File, URL: r.URL})
	}
	for _, p := range others {
		if p != nil {
			t.Pages = append(t.Pages, linkcheck.Page{File: p.File, URL: p.URL})
		}
	}
	c := linkcheck.New(t, linkcheck.Options{Warn: st.Config.BrokenLinks == "warning", Cache: cache})
	for _, r := range st.Reports {
		checkLinks(c, &r.Source, r.Links, r.TOC)
	}
	for _, p := range others {
		if p != nil {
			checkLinks(c, &p.Source, p.Links, p.TOC)
		}
	}
	return c
}

// checkStory gives c the links and headings of a story whose body has
// rendered.
func checkStory(c *linkcheck.Checker, s *site.Story) {
	checkLinks(c, &s.Source, s.Links(), s.TOC())
}

func checkLinks(c *linkcheck.Checker, src *content.Source, links []markdown.Link, toc []markdown.Heading) {
	c.Check(linkcheck.Source{File: src.File, BodyLine: src.BodyLine, Version: src.Version, Links: links, Headings: toc})
}
