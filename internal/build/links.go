package build

import (
	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/linkcheck"
	"github.com/jiangninglu/showcase/internal/markdown"
	"github.com/jiangninglu/showcase/internal/site"
)

// linkProblems checks that internal links and images in Markdown point at
// something this build writes (see linkcheck). With a cache (a Builder
// that keeps its caches), a file whose version and page are the same as in
// the last build keeps its result while the pages and files are the same.
func linkProblems(st *site.Site, out *output, cache *linkcheck.Cache) diag.List {
	t := linkcheck.Targets{Outputs: make([]string, 0, len(out.pages)+len(out.files)+len(out.data))}
	for _, p := range out.pages {
		t.Outputs = append(t.Outputs, p.Path)
	}
	for dest := range out.files {
		t.Outputs = append(t.Outputs, dest)
	}
	for dest := range out.data {
		t.Outputs = append(t.Outputs, dest)
	}
	each := func(f func(src *content.Source, url string, links []markdown.Link, toc []markdown.Heading)) {
		for _, s := range st.Stories {
			f(&s.Source, s.URL, s.Links, s.TOC)
		}
		for _, r := range st.Reports {
			f(&r.Source, r.URL, r.Links, r.TOC)
		}
		for _, p := range append([]*site.Page{st.Home, st.StoriesIntro}, st.Pages...) {
			if p != nil {
				f(&p.Source, p.URL, p.Links, p.TOC)
			}
		}
	}
	each(func(src *content.Source, url string, _ []markdown.Link, _ []markdown.Heading) {
		t.Pages = append(t.Pages, linkcheck.Page{File: src.File, URL: url})
	})
	c := linkcheck.New(t, linkcheck.Options{Warn: st.Config.BrokenLinks == "warning", Cache: cache})
	each(func(src *content.Source, _ string, links []markdown.Link, toc []markdown.Heading) {
		c.Check(linkcheck.Source{File: src.File, BodyLine: src.BodyLine, Version: src.Version, Links: links, Headings: toc})
	})
	return c.Problems()
}
