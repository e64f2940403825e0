package render

import (
	"strconv"
	"time"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/site"
)

// StoryView is what a story's page shows of a story beyond its own
// fields: values a template would otherwise work out with a function call
// each (the links of its facet values, its date as people and machines
// read it), worked out in Go by one call of storyView. Held only while
// the page renders.
type StoryView struct {
	Date      string // as readers of the site's language write it; "" without a date
	DateISO   string // 2006-01-02, for <time datetime>
	Published string // RFC 3339, for article:published_time
	// The story's facet values with their pages; zero when the story has
	// no such value.
	Neighborhood, Year, Track, Award FacetLink
	Tags                             []FacetLink
}

// FacetLink is a facet value and its page, with the site's base path; the
// URL is "" when the facet is not enabled (the theme then links nowhere).
// partials/facet-link.html shows it.
type FacetLink struct{ Value, URL string }

// storyView returns the StoryView function of the site's configuration.
func storyView(cfg *config.Config, relURL func(string) string) func(*site.Story) *StoryView {
	valueURL := func(key, value string) string {
		if !cfg.HasFacet(key) {
			return ""
		}
		return relURL(site.FacetURL(key, content.URLName(value)))
	}
	link := func(key, value string) FacetLink {
		if value == "" {
			return FacetLink{}
		}
		return FacetLink{value, valueURL(key, value)}
	}
	return func(s *site.Story) *StoryView {
		v := &StoryView{
			Neighborhood: link("neighborhood", s.Neighborhood),
			Track:        link("track", s.Track),
			Award:        link("award", s.Award),
		}
		if !s.Date.IsZero() {
			v.Date = FormatDate(s.Date, cfg.Language)
			v.DateISO = s.Date.Format(time.DateOnly)
			v.Published = s.Date.Format(time.RFC3339)
		}
		if s.Year != 0 {
			v.Year = link("year", strconv.Itoa(s.Year))
		}
		if len(s.Tags) > 0 {
			v.Tags = make([]FacetLink, len(s.Tags))
			for i, t := range s.Tags {
				v.Tags[i] = FacetLink{t, valueURL("tags", t)}
			}
		}
		return v
	}
}
