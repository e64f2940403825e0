package site

import (
	"errors"
	"html/template"
	"reflect"
	"strconv"
	"time"

	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/keys"
	"github.com/jiangninglu/showcase/internal/stats"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/markdown"
)

// Rendered is a Markdown body turned into HTML, with what lists and
// metadata need from it.
type Rendered struct {
	HTML           template.HTML
	TOC            []markdown.Heading
	Links          []markdown.Link // internal and external, for checking
	HTMLHash       uint64          // identifies HTML, for page keys
	Summary        string          // from front matter, else the first paragraph
	Chars          int
	ReadingMinutes int
}

// Story is a story ready for templates. Every field a template reads is
// the Story's own, copied from the embedded content.Story by NewStory:
// text/template finds its own fields with a plain loop, and a field
// promoted from an embedded struct with a breadth-first search that
// allocates at every evaluation. The embedded Story and its Source stay
// for Go (File, Version, Lines). Make Stories with NewStory.
type Story struct {
	*content.Story

	// The front matter, as in content.Story.
	Title        string
	Slug         string
	Date         time.Time
	Year         int
	Leads        []string
	Neighborhood string
	Project      string
	Track        string
	Award        string
	Tags         []string
	Cover        string
	CoverAlt     string
	Draft        bool
	Weight       int
	Metrics      map[string]float64
	Params       map[string]any

	// The rendered body comes through methods (HTML, Summary, TOC,
	// Links, HTMLHash, Chars, ReadingMinutes) from body, which renders it
	// on first demand: see Body.
	body *Body

	URL string // site-relative, e.g. /stories/high-heels/
	// CoverHTML is the processed cover (responsive <img> or <picture>),
	// or "" when the cover is not a processed image.
	CoverHTML template.HTML
	// CoverImage is the site path of the published cover file that social
	// cards show, or "" when the cover is not a processed image (it is
	// then published as it is, at Cover).
	CoverImage string
}

// Rendered returns the story's rendered body, HTML included, rendering
// it if need be (see Body).
func (s *Story) Rendered() (Rendered, error) { return s.body.Get() }

// HTML is the story's body as HTML.
func (s *Story) HTML() (template.HTML, error) {
	r, err := s.body.Get()
	return r.HTML, err
}

// Summary is the front matter's summary, else the body's first paragraph.
func (s *Story) Summary() string {
	if s.Story.Summary != "" {
		return s.Story.Summary
	}
	return s.body.parts().Summary
}

// TOC are the body's headings (rendered again if the build released
// them; see Body).
func (s *Story) TOC() []markdown.Heading {
	r, _ := s.body.Get()
	return r.TOC
}

// Links are the body's links and images, internal and external
// (rendered again if the build released them; see Body).
func (s *Story) Links() []markdown.Link {
	r, _ := s.body.Get()
	return r.Links
}

// HTMLHash identifies the body's HTML.
func (s *Story) HTMLHash() uint64 { return s.body.parts().HTMLHash }

// Chars is how many characters the body's text has.
func (s *Story) Chars() int { return s.body.parts().Chars }

// ReadingMinutes is how long the body takes to read.
func (s *Story) ReadingMinutes() int { return s.body.parts().ReadingMinutes }

// Body gives the story's body.
func (s *Story) Body() *Body { return s.body }

// HasMetric reports whether the story gives metric k.
func (s *Story) HasMetric(k string) bool { _, ok := s.Metrics[k]; return ok }

// Metric returns the story's value for k (0 if not reported; check HasMetric).
func (s *Story) Metric(k string) float64 { return s.Metrics[k] }

// Report is a yearly report ready for templates, its fields its own as
// a Story's are (see Story). Make Reports with NewReport.
type Report struct {
	*content.Report

	// The front matter, as in content.Report.
	Title         string
	Year          int
	Date          time.Time
	Draft         bool
	Reported      map[string]float64
	ReportedOrder []string

	// The rendered body, as in Rendered.
	HTML           template.HTML
	TOC            []markdown.Heading
	Links          []markdown.Link
	HTMLHash       uint64
	Chars          int
	ReadingMinutes int

	URL     string
	Summary string
	Stories []*Story     // the stories of that year
	Stats   *stats.Stats // computed from those stories only
}

// Page is a standalone page (or the home or story-list intro), its
// fields its own as a Story's are (see Story). Make Pages with NewPage.
type Page struct {
	*content.Page

	// The front matter, as in content.Page.
	Path   string
	Title  string
	Date   time.Time
	Draft  bool
	Weight int
	Params map[string]any

	// The rendered body, as in Rendered.
	HTML           template.HTML
	TOC            []markdown.Heading
	Links          []markdown.Link
	HTMLHash       uint64
	Chars          int
	ReadingMinutes int

	URL     string
	Summary string
}

// Site is everything the templates can see. Read-only after New.
type Site struct {
	Config       *config.Config
	Home         *Page     // may be nil
	StoriesIntro *Page     // may be nil
	Stories      []*Story  // newest first
	Reports      []*Report // newest first
	Pages        []*Page
	Built        time.Time
	Stats        *stats.Stats // every story, grouped by each facet
}

// Input is what New joins.
type Input struct {
	Config  *config.Config
	Content *content.Content
	// Render returns the rendered body of a report or page, by its
	// Source.File.
	Render func(file string) Rendered
	// Body returns the body of Content.Stories[i] (see Body).
	Body func(i int) *Body
	// Cover, if set, gives a story's processed cover HTML, given its URL.
	Cover func(s *content.Story, url string) template.HTML
	// CoverImage, if set, gives the site path of a story's processed
	// cover file for social cards, given its URL; "" if none.
	CoverImage func(s *content.Story, url string) string
	Built      time.Time
	// Previous, if set, are an earlier site's stories by file: a story
	// made of the same values as its earlier self (see keys.Same) is given
	// as that earlier Story, so that what was worked out from it (a
	// page's key, see internal/render) holds still. Stories are read-only.
	Previous map[string]*Story
	// Stats, if set, gives statistics kept from an earlier site for
	// exactly these stories (year 0: the site's; else a report's year),
	// in this order, or nil: New uses them rather than computing them
	// again. They must be what stats.Compute makes of Items(stories)
	// under Config, without problems.
	Stats func(year int, stories []*Story) *stats.Stats
}

// New assembles a Site. The problems it finds (facet values that would
// share a URL) come back as a list; the Site is usable all the same.
func New(in Input) (*Site, diag.List) {
	c := in.Content
	s := &Site{Config: in.Config, Built: in.Built}
	s.Stories = make([]*Story, len(c.Stories))
	// Each story is made in next, and copied out only when it is not the
	// same as its earlier self: a rebuild allocates only the stories that
	// changed.
	next := new(Story)
	for i, cs := range c.Stories {
		*next = storyOf(cs, in.Body(i))
		if in.Cover != nil && cs.Cover != "" {
			next.CoverHTML = in.Cover(cs, next.URL)
		}
		if in.CoverImage != nil && cs.Cover != "" {
			next.CoverImage = in.CoverImage(cs, next.URL)
		}
		if old := in.Previous[cs.File]; old != nil && keys.Same(reflect.ValueOf(old).Elem(), reflect.ValueOf(next).Elem()) {
			s.Stories[i] = old
			continue
		}
		st := new(Story)
		*st = *next
		s.Stories[i] = st
	}
	for _, r := range c.Reports {
		rep := NewReport(r, in.Render(r.File))
		for _, st := range s.Stories {
			if st.Year == r.Year {
				rep.Stories = append(rep.Stories, st)
			}
		}
		// A year's own statistics: its clashes are the site's, reported once.
		if r.Year != 0 && in.Stats != nil {
			rep.Stats = in.Stats(r.Year, rep.Stories)
		}
		if rep.Stats == nil {
			rep.Stats, _ = stats.Compute(in.Config, Items(rep.Stories))
		}
		s.Reports = append(s.Reports, rep)
	}
	page := func(p *content.Page, url string) *Page {
		if p == nil {
			return nil
		}
		return NewPage(p, in.Render(p.File), url)
	}
	s.Home = page(c.Home, "/")
	s.StoriesIntro = page(c.StoriesIndex, "/stories/")
	for _, p := range c.Pages {
		s.Pages = append(s.Pages, page(p, "/"+p.Path+"/"))
	}
	var probs diag.List
	if in.Stats != nil {
		if s.Stats = in.Stats(0, s.Stories); s.Stats != nil {
			return s, nil
		}
	}
	var err error
	s.Stats, err = stats.Compute(in.Config, Items(s.Stories))
	if err != nil {
		probs = s.statsProblems(err)
		if s.Stats == nil {
			s.Stats, _ = stats.Compute(in.Config, nil)
		}
	}
	return s, probs
}

// AllStats returns the site's statistics by report year, 0 being the
// whole site's, for Input.Stats.
func (s *Site) AllStats() map[int]*stats.Stats {
	all := map[int]*stats.Stats{0: s.Stats}
	for _, r := range s.Reports {
		if r.Year != 0 {
			all[r.Year] = r.Stats
		}
	}
	return all
}

// NewStory joins a story with its rendered body (without its processed
// cover).
func NewStory(cs *content.Story, r Rendered) *Story { return NewStoryOf(cs, RenderedBody(r)) }

// NewStoryOf joins a story with its body, as New does (without its
// processed cover).
func NewStoryOf(cs *content.Story, body *Body) *Story {
	st := storyOf(cs, body)
	return &st
}

// storyOf is NewStoryOf's story, as a value.
func storyOf(cs *content.Story, body *Body) Story {
	return Story{
		Story: cs, body: body,
		Title: cs.Title, Slug: cs.Slug, Date: cs.Date, Year: cs.Year, Leads: cs.Leads,
		Neighborhood: cs.Neighborhood, Project: cs.Project, Track: cs.Track, Award: cs.Award,
		Tags: cs.Tags, Cover: cs.Cover, CoverAlt: cs.CoverAlt, Draft: cs.Draft, Weight: cs.Weight,
		Metrics: cs.Metrics, Params: cs.Params,
		URL: "/stories/" + cs.Slug + "/",
	}
}

// NewReport joins a report with its rendered body, as New does (without
// its stories and statistics).
func NewReport(cr *content.Report, r Rendered) *Report {
	return &Report{
		Report: cr,
		Title:  cr.Title, Year: cr.Year, Date: cr.Date, Draft: cr.Draft,
		Reported: cr.Reported, ReportedOrder: cr.ReportedOrder,
		HTML: r.HTML, TOC: r.TOC, Links: r.Links, HTMLHash: r.HTMLHash, Chars: r.Chars, ReadingMinutes: r.ReadingMinutes,
		URL:     "/reports/" + strconv.Itoa(cr.Year) + "/",
		Summary: first(cr.Summary, r.Summary),
	}
}

// NewPage joins a page with its rendered body, at url.
func NewPage(cp *content.Page, r Rendered, url string) *Page {
	return &Page{
		Page: cp,
		Path: cp.Path, Title: cp.Title, Date: cp.Date, Draft: cp.Draft, Weight: cp.Weight, Params: cp.Params,
		HTML: r.HTML, TOC: r.TOC, Links: r.Links, HTMLHash: r.HTMLHash, Chars: r.Chars, ReadingMinutes: r.ReadingMinutes,
		URL:     url,
		Summary: first(cp.Summary, r.Summary),
	}
}

// Items are the stories as statistics see them, in the same order.
func Items(stories []*Story) []stats.Item {
	items := make([]stats.Item, len(stories))
	for i, st := range stories {
		items[i] = stats.Item{
			Slug: st.Slug, Title: st.Title, Year: st.Year,
			Neighborhood: st.Neighborhood, Award: st.Award, Track: st.Track,
			Tags: st.Tags, Metrics: st.Metrics,
			Date: st.Date, Project: st.Project, Leads: st.Leads,
		}
	}
	return items
}

// statsProblems places the errors of stats.Compute in the story files.
func (s *Site) statsProblems(err error) diag.List {
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	var probs diag.List
	for _, e := range errs {
		var ce *stats.CollisionError
		if errors.As(e, &ce) {
			a, b := s.Stories[ce.FirstItem], s.Stories[ce.SecondItem]
			key := ce.Facet
			probs.Report(diag.Pos{File: b.File, Line: b.Lines.Line(key)}, key, "facet-url-collision",
				diag.Quote(ce.Second), diag.Quote(ce.First), a.File, FacetPath(key), ce.URLName)
			continue
		}
		probs.Report(diag.Pos{File: "showcase.yaml"}, "", "as-is", e)
	}
	return probs
}

// FacetPath is the URL folder of a facet: year -> years, tags -> tags.
func FacetPath(key string) string {
	switch key {
	case "year":
		return "years"
	case "neighborhood":
		return "neighborhoods"
	case "award":
		return "awards"
	case "track":
		return "tracks"
	}
	return key
}

// FacetURL is the page of one facet value.
func FacetURL(key, urlName string) string { return "/" + FacetPath(key) + "/" + urlName + "/" }

// StoriesOf returns the stories of a statistics group, in site order.
func (s *Site) StoriesOf(g *stats.Group) []*Story {
	out := make([]*Story, len(g.Items))
	for i, idx := range g.Items {
		out[i] = s.Stories[idx]
	}
	return out
}

// LatestReport returns the newest report, or nil.
func (s *Site) LatestReport() *Report {
	if len(s.Reports) == 0 {
		return nil
	}
	return s.Reports[0]
}

// Latest returns up to n newest stories.
func (s *Site) Latest(n int) []*Story {
	return s.Stories[:min(n, len(s.Stories))]
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// StoriesOf returns the stories of a group of the report's own statistics.
func (r *Report) StoriesOf(g *stats.Group) []*Story {
	out := make([]*Story, len(g.Items))
	for i, idx := range g.Items {
		out[i] = r.Stories[idx]
	}
	return out
}
