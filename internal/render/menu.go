package render

import (
	"fmt"
	"html/template"
	"slices"
	"strings"

	"github.com/jiangninglu/showcase/internal/config"
)

// MenuLink is one header link. Label is the text; when it is "", the
// template shows the theme's word Word.
type MenuLink struct {
	URL, Label, Word string
	Current          bool
}

// builtinPages are the pages a menu may name, with their URL and the
// theme's word for them; facet indexes need their facet enabled.
var builtinPages = map[string]struct{ url, word, facet string }{
	"home":          {"/", "home", ""},
	"stories":       {"/stories/", "stories", ""},
	"stats":         {"/stats/", "stats", ""},
	"reports":       {"/reports/", "reports", ""},
	"search":        {"/search/", "search", ""},
	"years":         {"/years/", "facet_year", "year"},
	"neighborhoods": {"/neighborhoods/", "facet_neighborhood", "neighborhood"},
	"awards":        {"/awards/", "facet_award", "award"},
	"tracks":        {"/tracks/", "facet_track", "track"},
	"tags":          {"/tags/", "facet_tags", "tags"},
}

// menu resolves showcase.yaml's menu (or the default one: stories,
// statistics, reports, search, then the content pages) against the site.
// A name that is neither a built-in page nor a content page is an error
// naming its line; "reports" on a site without reports is left out.
func menu(s *SiteView, current string) ([]MenuLink, error) {
	cfg := s.Config()
	pages, reports := s.menuPages()
	items := cfg.Menu
	if items == nil {
		items = []config.MenuItem{{Name: "stories"}, {Name: "stats"}, {Name: "reports"}, {Name: "search"}}
		for _, p := range pages {
			items = append(items, config.MenuItem{Name: strings.Trim(p.URL, "/")})
		}
	}
	var out []MenuLink
	for _, it := range items {
		if it.URL != "" {
			out = append(out, MenuLink{URL: it.URL, Label: it.Label, Current: it.URL == current})
			continue
		}
		if b, ok := builtinPages[it.Name]; ok {
			if (it.Name == "reports" && !reports) || (b.facet != "" && !cfg.HasFacet(b.facet)) {
				continue
			}
			out = append(out, MenuLink{URL: b.url, Label: it.Label, Word: b.word, Current: it.Name == current || b.url == current})
			continue
		}
		i := slices.IndexFunc(pages, func(p menuPage) bool { return strings.Trim(p.URL, "/") == it.Name })
		if i < 0 {
			return nil, fmt.Errorf("%s:%d:%d: menu: no page %q; name a built-in page (%s) or a content page such as about",
				config.File, it.Line, it.Col, it.Name, strings.Join(config.MenuNames, ", "))
		}
		p := pages[i]
		label := it.Label
		if label == "" {
			label = p.Title
		}
		out = append(out, MenuLink{URL: p.URL, Label: label, Current: p.URL == current})
	}
	return out, nil
}

// siteFuncs are the template functions of what every page shares: the
// header's menu, the footer, the favicon and the logo.
func siteFuncs(cfg *config.Config, relURL func(string) string) template.FuncMap {
	return template.FuncMap{
		"menu": func(d *Data) ([]MenuLink, error) {
			return menu(d.Site, navCurrent(d))
		},
		// staticURL is the URL of a file under static/.
		"staticURL": Pure(func(p string) string { return relURL("/" + strings.TrimPrefix(p, "/")) }),
		// faviconURL is the site's favicon, or the theme's.
		"faviconURL": func() string {
			if cfg.Favicon != "" {
				return relURL("/" + cfg.Favicon)
			}
			return relURL("/favicon.svg")
		},
	}
}
