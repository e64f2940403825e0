package render

import (
	"strconv"
	"sync"
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
// A facet value's link is worked out once: many stories share it.
func storyView(cfg *config.Config, relURL func(string) string) func(*site.Story) *StoryView {
	var links facetLinks
	link := func(k facetValue) FacetLink {
		return links.get(k, func() FacetLink {
			value := k.value
			if k.key == "year" {
				value = strconv.Itoa(k.year)
			}
			l := FacetLink{Value: value}
			if cfg.HasFacet(k.key) {
				l.URL = relURL(site.FacetURL(k.key, content.URLName(value)))
			}
			return l
		})
	}
	return func(s *site.Story) *StoryView {
		v := &StoryView{}
		if s.Neighborhood != "" {
			v.Neighborhood = link(facetValue{key: "neighborhood", value: s.Neighborhood})
		}
		if s.Track != "" {
			v.Track = link(facetValue{key: "track", value: s.Track})
		}
		if s.Award != "" {
			v.Award = link(facetValue{key: "award", value: s.Award})
		}
		if s.Year != 0 {
			v.Year = link(facetValue{key: "year", year: s.Year})
		}
		if len(s.Tags) > 0 {
			v.Tags = make([]FacetLink, len(s.Tags))
			for i, t := range s.Tags {
				v.Tags[i] = link(facetValue{key: "tags", value: t})
			}
		}
		if !s.Date.IsZero() {
			v.Date = FormatDate(s.Date, cfg.Language)
			v.DateISO = s.Date.Format(time.DateOnly)
			v.Published = s.Date.Format(time.RFC3339)
		}
		return v
	}
}

// facetValue is a value of a facet: a year, or any other facet's value.
type facetValue struct {
	key, value string
	year       int
}

// facetLinks holds the links of facet values. Safe for concurrent use.
type facetLinks struct {
	mu sync.RWMutex // guards m
	m  map[facetValue]FacetLink
}

func (f *facetLinks) get(k facetValue, newLink func() FacetLink) FacetLink {
	f.mu.RLock()
	l, ok := f.m[k]
	f.mu.RUnlock()
	if ok {
		return l
	}
	l = newLink()
	f.mu.Lock()
	if f.m == nil {
		f.m = map[facetValue]FacetLink{}
	}
	f.m[k] = l
	f.mu.Unlock()
	return l
}
