package content

import (
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
	"unique"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/meta"
)

var storyKeys = []string{"title", "slug", "date", "year", "leads", "neighborhood", "project", "track", "award", "tags", "summary", "cover", "cover_alt", "draft", "weight", "metrics", "params"}
var reportKeys = []string{"title", "year", "date", "summary", "draft", "reported"}
var pageKeys = []string{"title", "slug", "date", "summary", "draft", "weight", "params"}

// requireTitle records a missing title at the front matter's start.
func requireTitle(f meta.Fields, root *meta.Node, title string) {
	if strings.TrimSpace(title) == "" && root.Get("title") == nil {
		line := root.Line
		if line == 0 {
			line = 1
		}
		f.Problems.Report(diag.Pos{File: f.File, Line: line}, "title", "title-missing")
	} else if n := root.Get("title"); n.Kind != meta.String || utf8.RuneCountInString(n.Str) > meta.MaxTextChars {
		// reported by Fields.String
	} else if strings.TrimSpace(title) == "" {
		f.Report(n, "title", "title-empty")
	} else if c := utf8.RuneCountInString(title); c > MaxTitleChars {
		f.Report(n, "title", "title-too-long", c, MaxTitleChars)
	}
}

// MaxTitleChars bounds a title in characters: it is written into every
// page that lists the story, and into the page's <title>. Other texts are
// bounded by meta.MaxTextChars, lists by meta.MaxListItems.
const MaxTitleChars = 200

// front is what the kinds of content file share in their front matter,
// decoded the same way for each: a story, a report and a page each take
// the fields they have, and decode their own keys beside them.
type front struct {
	Title   string
	Slug    string // "" when not given or not valid (reported)
	Date    time.Time
	Year    int // 0 when not given or not valid (reported)
	Summary string
	Draft   bool
	Weight  int
	Params  map[string]any
}

// decodeFront decodes root's keys in the order written: a key of front's
// that the kind has (known lists the kind's keys) goes into the front; any
// other is given to more (nil: none), which decodes the kind's own keys
// and reports whether p was one of them; a key neither takes is reported
// as unknown. With titled, the title is then required.
func decodeFront(f meta.Fields, root *meta.Node, opts Options, known []string, titled bool, more func(p meta.Pair) bool) front {
	var fr front
	for _, p := range root.Map {
		switch {
		case slices.Contains(known, p.Key) && fr.decode(f, p, opts.Location):
		case more != nil && more(p):
		default:
			f.Unknown(p, "", known)
		}
	}
	if titled {
		requireTitle(f, root, fr.Title)
	}
	return fr
}

// decode decodes p if it is one of front's keys, and reports whether it was.
func (fr *front) decode(f meta.Fields, p meta.Pair, loc *time.Location) bool {
	v, k := p.Value, p.Key
	switch k {
	case "title":
		fr.Title, _ = f.String(v, k)
	case "slug":
		if s, ok := f.String(v, k); ok {
			s = nfc(s)
			if err := CheckSlug(s); err != nil {
				f.Report(v, k, "slug-invalid", diag.Quote(s), err)
			} else {
				fr.Slug = s
			}
		}
	case "date":
		fr.Date, _ = f.Date(v, k, loc)
	case "year":
		if y, ok := f.Int(v, k); ok {
			if y < 1900 || y > 2200 {
				f.Report(v, k, "want-year", y)
			} else {
				fr.Year = y
			}
		}
	case "summary":
		fr.Summary, _ = f.String(v, k)
	case "draft":
		fr.Draft, _ = f.Bool(v, k)
	case "weight":
		fr.Weight, _ = f.Int(v, k)
	case "params":
		fr.Params = decodeParams(f, v)
	default:
		return false
	}
	return true
}

func decodeStory(f meta.Fields, root *meta.Node, cfg *config.Config, opts Options, src Source, j job) *Story {
	s := &Story{Source: src, Bundle: j.bundle, Lines: keyLines(root)}
	fr := decodeFront(f, root, opts, storyKeys, true, func(p meta.Pair) bool {
		v, k := p.Value, p.Key
		switch k {
		case "leads":
			s.Leads, _ = f.Strings(v, k)
			for i, l := range s.Leads {
				s.Leads[i] = intern(l)
			}
		case "neighborhood":
			s.Neighborhood = facetString(f, v, k)
		case "project":
			s.Project, _ = f.String(v, k)
		case "track":
			s.Track = facetString(f, v, k)
		case "award":
			s.Award = facetString(f, v, k)
		case "tags":
			if tags, ok := f.Strings(v, k); ok {
				for _, t := range tags {
					if t = facetValue(f, v, k, strings.TrimSpace(t)); t != "" {
						s.Tags = append(s.Tags, intern(t))
					}
				}
			}
		case "cover":
			if str, ok := f.String(v, k); ok {
				s.Cover = str
				if strings.Contains(str, "..") || strings.HasPrefix(str, "//") || strings.Contains(str, ":") || strings.ContainsAny(str, "\\<>\"'") {
					f.Report(v, k, "want-image-path", diag.Quote(str))
				}
			}
		case "cover_alt":
			s.CoverAlt, _ = f.String(v, k)
		case "metrics":
			s.Metrics = decodeMetrics(f, v, cfg, "metrics")
		default:
			if _, isMetric := cfg.Metric(k); !isMetric {
				return false
			}
			// The commonest indentation slip: a metric under metrics:
			// written without its two spaces.
			f.Problems.Report(diag.Pos{File: f.File, Line: p.Line, Col: p.Col}, k, "metric-unindented", k)
		}
		return true
	})
	s.Title, s.Slug, s.Date, s.Year = fr.Title, fr.Slug, fr.Date, fr.Year
	s.Summary, s.Draft, s.Weight, s.Params = fr.Summary, fr.Draft, fr.Weight, fr.Params
	if s.Slug == "" {
		name := path.Base(src.File)
		if j.bundle != "" {
			name = path.Base(j.bundle)
		} else {
			name = strings.TrimSuffix(name, ".md")
		}
		name = nfc(name) // a Mac may spell file names decomposed (NFD)
		s.Slug = defaultSlug(name)
		if err := CheckSlug(s.Slug); err != nil {
			f.Problems.Report(diag.Pos{File: src.File}, "slug", "slug-file-name", diag.Quote(name), err)
		}
	}
	if s.Year == 0 && !s.Date.IsZero() {
		s.Year = s.Date.Year()
	}
	if s.Cover != "" && s.CoverAlt == "" {
		f.Problems.Warn(diag.Pos{File: src.File, Line: root.Get("cover").Line, Col: root.Get("cover").Col}, "cover_alt", "cover-no-alt")
	}
	return s
}

// keyLines lists root's keys with their lines, each metrics.KEY after
// metrics, in the order written.
func keyLines(root *meta.Node) KeyLines {
	var enc []byte
	for _, p := range root.Map {
		enc = appendKeyLine(enc, p.Key, false, p.Line)
		if p.Key == "metrics" {
			for _, m := range p.Value.Map {
				enc = appendKeyLine(enc, m.Key, true, m.Line)
			}
		}
	}
	return KeyLines{string(enc)}
}

// facetString reads a facet value: text, trimmed, inner spaces collapsed.
func facetString(f meta.Fields, v *meta.Node, k string) string {
	s, ok := f.String(v, k)
	if !ok {
		return ""
	}
	return intern(facetValue(f, v, k, strings.TrimSpace(s)))
}

// intern returns s, sharing the bytes of every equal string interned: a
// facet value, a lead's name or a metric's key is written in many
// stories, and a large site would otherwise hold a copy per story.
func intern(s string) string {
	if s == "" {
		return ""
	}
	return unique.Make(s).Value()
}

func decodeMetrics(f meta.Fields, v *meta.Node, cfg *config.Config, field string) map[string]float64 {
	out, _ := decodeMetricsOrdered(f, v, cfg, field)
	return out
}

func decodeMetricsOrdered(f meta.Fields, v *meta.Node, cfg *config.Config, field string) (map[string]float64, []string) {
	if v.Kind == meta.Null {
		return nil, nil
	}
	if v.Kind != meta.Map {
		f.Report(v, field, "want-metrics-map", v.Describe())
		return nil, nil
	}
	out := make(map[string]float64, len(v.Map))
	var order []string
	declared := cfg.MetricKeys()
	for _, p := range v.Map {
		name := field + "." + p.Key
		if cfg.Declared() {
			if _, ok := cfg.Metric(p.Key); !ok {
				pos := diag.Pos{File: f.File, Line: p.Line, Col: p.Col}
				if near := diag.Nearest(p.Key, declared); near != "" {
					f.Problems.Report(pos, name, "metric-undeclared-suggest", near)
				} else {
					f.Problems.Report(pos, name, "metric-undeclared", diag.Words(declared))
				}
				continue
			}
			if m, _ := cfg.Metric(p.Key); m.Programme() && field == "metrics" {
				f.Problems.Report(diag.Pos{File: f.File, Line: p.Line, Col: p.Col}, name, "metric-programme-in-story")
				continue
			}
		}
		if p.Value.Kind == meta.Null {
			continue // written but left empty: not reported
		}
		if n, ok := f.Metric(p.Value, name); ok {
			k := intern(p.Key)
			out[k] = n
			order = append(order, k)
		}
	}
	return out, order
}

// decodeParams converts free-form params into plain Go values for templates.
func decodeParams(f meta.Fields, v *meta.Node) map[string]any {
	if v.Kind != meta.Map {
		f.Report(v, "params", "want-map", v.Describe())
		return nil
	}
	if !checkTexts(f, v, "params") {
		return nil
	}
	m, _ := plain(v).(map[string]any)
	return m
}

// checkTexts reports every string under n longer than meta.MaxTextChars.
func checkTexts(f meta.Fields, n *meta.Node, field string) bool {
	switch n.Kind {
	case meta.String:
		return f.CheckText(n, field)
	case meta.List:
		ok := true
		for _, e := range n.List {
			ok = checkTexts(f, e, field) && ok
		}
		return ok
	case meta.Map:
		ok := true
		for _, p := range n.Map {
			ok = checkTexts(f, p.Value, field+"."+p.Key) && ok
		}
		return ok
	}
	return true
}

func plain(n *meta.Node) any {
	switch n.Kind {
	case meta.Bool:
		return n.Bool
	case meta.Int:
		return int64(n.Num)
	case meta.Float:
		return n.Num
	case meta.String, meta.Time:
		return n.Str
	case meta.List:
		out := make([]any, len(n.List))
		for i, e := range n.List {
			out[i] = plain(e)
		}
		return out
	case meta.Map:
		out := make(map[string]any, len(n.Map))
		for _, p := range n.Map {
			out[p.Key] = plain(p.Value)
		}
		return out
	}
	return nil
}

func decodeReport(f meta.Fields, root *meta.Node, cfg *config.Config, opts Options, src Source) *Report {
	r := &Report{Source: src}
	fr := decodeFront(f, root, opts, reportKeys, true, func(p meta.Pair) bool {
		if p.Key != "reported" {
			return false
		}
		r.Reported, r.ReportedOrder = decodeMetricsOrdered(f, p.Value, cfg, "reported")
		return true
	})
	r.Title, r.Year, r.Date, r.Summary, r.Draft = fr.Title, fr.Year, fr.Date, fr.Summary, fr.Draft
	if root.Get("year") == nil {
		f.Problems.Report(diag.Pos{File: f.File, Line: max(root.Line, 1)}, "year", "report-year-missing")
	}
	if name := strings.TrimSuffix(path.Base(src.File), ".md"); r.Year != 0 && name != strconv.Itoa(r.Year) {
		f.Problems.Report(diag.Pos{File: f.File}, "year", "report-year-file", r.Year, r.Year)
	}
	return r
}

func decodePage(f meta.Fields, root *meta.Node, opts Options, src Source, kind fileKind) *Page {
	fr := decodeFront(f, root, opts, pageKeys, kind == kindPage, nil)
	p := &Page{Source: src, Title: fr.Title, Date: fr.Date, Summary: fr.Summary, Draft: fr.Draft, Weight: fr.Weight, Params: fr.Params}
	if kind == kindPage {
		slug := fr.Slug
		rel := nfc(strings.TrimSuffix(strings.TrimPrefix(src.File, Dir+"/"), ".md"))
		if path.Base(rel) == "index" || path.Base(rel) == "_index" {
			rel = path.Dir(rel)
		}
		if slug != "" {
			rel = path.Join(path.Dir(rel), slug)
		}
		for _, part := range strings.Split(rel, "/") {
			if err := CheckSlug(defaultSlug(part)); err != nil && slug == "" {
				f.Problems.Report(diag.Pos{File: src.File}, "slug", "slug-file-name", diag.Quote(part), err)
			}
		}
		p.Path = strings.Trim(defaultSlug(rel), "/")
	}
	return p
}
