package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"slices"
	"strings"

	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/meta"
)

// File is the configuration's file name in the site root.
const File = "showcase.yaml"

// Config is the site configuration.
type Config struct {
	Title       string
	Description string
	BaseURL     string // always ends in "/"
	Language    string // "zh-CN" or "en"
	Paginate    int
	UnsafeHTML  bool
	Metrics     []Metric // declared metrics in display order; empty: every metric seen is summed
	Facets      []string // subset of AllFacets, in display order
	// BrokenLinks is "error" (the default: a broken internal link fails
	// the build) or "warning". A missing picture is an error either way.
	BrokenLinks string
	Images      Images
	// Publisher is the issuing body (主办单位): the footer, the report's
	// cover and the feed's author. "" leaves it out.
	Publisher string
	// Logo and Favicon are files under static/ ("img/logo.svg"); "" means
	// no logo, and the theme's own favicon.
	Logo, Favicon string
	Footer        []Link     // lines under every page, each with an optional link
	Menu          []MenuItem // the header's links in order; nil: the theme's default
	// Filing is the site's ICP and public-security filing numbers.
	Filing Filing
	// Deploy is where `showcase deploy` publishes; the first is the default.
	Deploy []Target
	// ReportPDF says the build also prints each report to
	// /reports/YEAR/report.pdf (build --pdf), so report pages link to it.
	// It is set by the build, not by showcase.yaml.
	ReportPDF bool

	filePos map[string]diag.Pos // where logo and favicon are set, for Load's check
}

// Link is a line of text with an optional URL.
type Link struct {
	Text, URL string
}

// MenuItem is one header link: a built-in page (stories, stats, reports,
// search, home, or a facet index such as neighborhoods) or a content page
// by its path (about), named by Name; or any URL. Label "" is the theme's
// word for a built-in page, the page's title for a content page.
type MenuItem struct {
	Name, URL, Label string
	Line, Col        int // in showcase.yaml, for errors found when pages are known
}

// Images configures what a build does with the photos stories use.
type Images struct {
	Process      bool  // resize, turn upright and strip metadata (default true)
	Widths       []int // default 480, 960, 1600
	Quality      int   // JPEG and WebP quality, 1 to 100 (default 80)
	WebP         bool  // also write WebP (default true)
	KeepOriginal bool  // also publish the original file (default false: it may carry GPS)
}

// Metric is a declared metric.
type Metric struct {
	Key       string
	Label     string
	Unit      string
	Aggregate string // sum, max, min or avg
	// Scope is "story" (the default: a figure stories give, aggregated)
	// or "programme": a figure an organiser states for the whole
	// programme in a report's reported:, never a story metric.
	Scope string
}

// Programme reports whether m is a programme figure (scope: programme).
func (m Metric) Programme() bool { return m.Scope == ScopeProgramme }

// Metric scopes.
const (
	ScopeStory     = "story"
	ScopeProgramme = "programme"
)

// AllFacets are the story fields a site can be browsed by.
var AllFacets = []string{"year", "neighborhood", "award", "track", "tags"}

// Aggregates are the allowed metric aggregates.
var Aggregates = []string{"sum", "max", "min", "avg"}

// Default returns the configuration of a site without showcase.yaml.
func Default() *Config {
	return &Config{
		Title:       "Showcase",
		BaseURL:     "/",
		Language:    "zh-CN",
		Paginate:    20,
		Facets:      slices.Clone(AllFacets),
		BrokenLinks: "error",
		Images:      Images{Process: true, Widths: []int{480, 960, 1600}, Quality: 80, WebP: true},
	}
}

// Declared reports whether the site declares its metrics.
func (c *Config) Declared() bool { return len(c.Metrics) > 0 }

// Metric returns the declared metric with key k.
func (c *Config) Metric(k string) (Metric, bool) {
	for _, m := range c.Metrics {
		if m.Key == k {
			return m, true
		}
	}
	return Metric{}, false
}

// StoryMetrics returns the declared metrics stories give, in order:
// every one but the programme figures.
func (c *Config) StoryMetrics() []Metric {
	var out []Metric
	for _, m := range c.Metrics {
		if !m.Programme() {
			out = append(out, m)
		}
	}
	return out
}

// MetricKeys returns the declared keys in order.
func (c *Config) MetricKeys() []string {
	keys := make([]string, len(c.Metrics))
	for i, m := range c.Metrics {
		keys[i] = m.Key
	}
	return keys
}

// HasFacet reports whether facet f is enabled.
func (c *Config) HasFacet(f string) bool { return slices.Contains(c.Facets, f) }

var topKeys = []string{"title", "description", "baseURL", "language", "paginate", "unsafe_html", "metrics", "facets", "broken_links", "images", "publisher", "logo", "favicon", "footer", "menu", "filing", "deploy"}
var metricKeys = []string{"key", "label", "unit", "aggregate", "scope"}

// Load reads showcase.yaml from the site's root; a missing file gives the
// defaults. Problems are returned as a diag list error.
func Load(fsys fs.FS) (*Config, error) {
	data, err := fs.ReadFile(fsys, File)
	if errors.Is(err, fs.ErrNotExist) {
		return Default(), nil
	}
	if err != nil {
		return nil, err
	}
	c, err := Parse(data)
	if err != nil {
		return nil, err
	}
	if err := checkStaticFiles(fsys, c); err != nil {
		return nil, err
	}
	return c, nil
}

// Language returns the language messages to the editor are written in:
// showcase.yaml's language, read even when the file has other errors (a
// broken file's errors are shown in its language too), else the default.
func Language(fsys fs.FS) string {
	data, err := fs.ReadFile(fsys, File)
	if err != nil {
		return Default().Language
	}
	data = meta.Normalize(data)
	if root, err := meta.DecodeYAML(data); err == nil {
		if n := root.Get("language"); n != nil && n.Kind == meta.String {
			if l, ok := diag.ParseLang(n.Str); ok {
				return l
			}
		}
		return Default().Language
	}
	// Not YAML: look for the line itself.
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "language:"); ok {
			v, _, _ = strings.Cut(v, "#")
			if l, ok := diag.ParseLang(strings.Trim(strings.TrimSpace(v), `"'`)); ok {
				return l
			}
		}
	}
	return Default().Language
}

// Parse reads the text of showcase.yaml.
func Parse(data []byte) (*Config, error) {
	c := Default()
	var probs diag.List
	f := meta.Fields{File: File, Problems: &probs}
	root, err := meta.DecodeYAML(meta.Normalize(data))
	if err != nil {
		var se *meta.SyntaxError
		if errors.As(err, &se) {
			probs.Report(diag.Pos{File: File, Line: se.Line, Col: se.Col}, "", "as-is", se.Msg)
			return nil, probs.Err()
		}
		return nil, err
	}
	if root.Kind == meta.Null {
		return c, nil
	}
	if root.Kind != meta.Map {
		f.Report(root, "", "config-not-map", root.Describe())
		return nil, probs.Err()
	}
	for _, p := range root.Map {
		v := p.Value
		switch p.Key {
		case "title":
			c.Title, _ = f.String(v, p.Key)
		case "description":
			c.Description, _ = f.String(v, p.Key)
		case "baseURL":
			if s, ok := f.String(v, p.Key); ok {
				u, err := url.Parse(s)
				if err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") || (u.Scheme != "" && u.Host == "") {
					f.Report(v, p.Key, "config-base-url", diag.Quote(s))
					continue
				}
				if !strings.HasSuffix(s, "/") {
					s += "/"
				}
				c.BaseURL = s
				c.setPos(p.Key, v)
			}
		case "language":
			if s, ok := f.String(v, p.Key); ok {
				if l, ok := diag.ParseLang(s); ok {
					c.Language = l
				} else {
					f.Report(v, p.Key, "config-language", diag.Quote(s))
				}
			}
		case "paginate":
			if n, ok := f.Int(v, p.Key); ok {
				if n < 1 {
					f.Report(v, p.Key, "config-paginate", n)
					continue
				}
				c.Paginate = n
			}
		case "unsafe_html":
			c.UnsafeHTML, _ = f.Bool(v, p.Key)
		case "metrics":
			c.Metrics = parseMetrics(f, v)
		case "facets":
			c.Facets = parseFacets(f, v)
		case "images":
			parseImages(f, v, &c.Images)
		case "publisher":
			c.Publisher, _ = f.String(v, p.Key)
		case "logo", "favicon":
			if s, ok := f.String(v, p.Key); ok {
				s = strings.TrimPrefix(s, "/")
				if !fs.ValidPath(s) || s == "." {
					f.Report(v, p.Key, "config-want-static-file", diag.Quote(s))
					continue
				}
				c.setPos(p.Key, v)
				if p.Key == "logo" {
					c.Logo = s
				} else {
					c.Favicon = s
				}
			}
		case "footer":
			c.Footer = parseFooter(f, v)
		case "menu":
			c.Menu = parseMenu(f, v)
		case "filing":
			c.Filing = parseFiling(f, v)
		case "deploy":
			c.Deploy = parseDeploy(f, v)
		case "broken_links":
			if s, ok := f.String(v, p.Key); ok {
				if s != "error" && s != "warning" {
					f.Report(v, p.Key, "config-broken-links", diag.Quote(s))
					continue
				}
				c.BrokenLinks = s
			}
		default:
			f.Unknown(p, "", topKeys)
		}
	}
	return c, probs.Err()
}

func parseMetrics(f meta.Fields, v *meta.Node) []Metric {
	if v.Kind == meta.Null {
		return nil
	}
	if v.Kind != meta.List {
		f.Report(v, "metrics", "config-metrics", v.Describe())
		return nil
	}
	var out []Metric
	seen := map[string]int{}
	for i, e := range v.List {
		field := fmt.Sprintf("metrics[%d]", i)
		if e.Kind == meta.String { // a bare key
			e = &meta.Node{Kind: meta.Map, Line: e.Line, Col: e.Col, Map: []meta.Pair{{Key: "key", Line: e.Line, Col: e.Col, Value: e}}}
		}
		if e.Kind != meta.Map {
			f.Report(e, field, "config-metric", e.Describe())
			continue
		}
		m := Metric{Aggregate: "sum", Scope: ScopeStory}
		for _, p := range e.Map {
			switch p.Key {
			case "key":
				if s, ok := f.String(p.Value, field+".key"); ok {
					if !validKey(s) {
						f.Report(p.Value, field+".key", "config-metric-key", diag.Quote(s))
						continue
					}
					m.Key = s
				}
			case "label":
				m.Label, _ = f.String(p.Value, field+".label")
			case "unit":
				m.Unit, _ = f.String(p.Value, field+".unit")
			case "scope":
				if s, ok := f.String(p.Value, field+".scope"); ok {
					switch s {
					case ScopeStory, ScopeProgramme:
						m.Scope = s
					case "program":
						m.Scope = ScopeProgramme
					default:
						f.Report(p.Value, field+".scope", "config-metric-scope", diag.Quote(s))
					}
				}
			case "aggregate":
				if s, ok := f.String(p.Value, field+".aggregate"); ok {
					if !slices.Contains(Aggregates, s) {
						f.Report(p.Value, field+".aggregate", "config-aggregate", diag.Quote(s))
						continue
					}
					m.Aggregate = s
				}
			default:
				f.Unknown(p, field+".", metricKeys)
			}
		}
		if m.Key == "" {
			if e.Get("key") == nil {
				f.Report(e, field+".key", "config-metric-no-key")
			}
			continue
		}
		if line, dup := seen[m.Key]; dup {
			f.Report(e, field+".key", "config-metric-twice", diag.Quote(m.Key), line)
			continue
		}
		seen[m.Key] = e.Line
		if m.Label == "" {
			m.Label = m.Key
		}
		out = append(out, m)
	}
	return out
}

var imageKeys = []string{"process", "widths", "quality", "webp", "keep_original"}

func parseImages(f meta.Fields, v *meta.Node, im *Images) {
	if v.Kind != meta.Map {
		f.Report(v, "images", "config-images", v.Describe())
		return
	}
	for _, p := range v.Map {
		field := "images." + p.Key
		switch p.Key {
		case "process":
			im.Process, _ = f.Bool(p.Value, field)
		case "webp":
			im.WebP, _ = f.Bool(p.Value, field)
		case "keep_original":
			im.KeepOriginal, _ = f.Bool(p.Value, field)
		case "quality":
			if q, ok := f.Int(p.Value, field); ok {
				if q < 1 || q > 100 {
					f.Report(p.Value, field, "config-quality", q)
					continue
				}
				im.Quality = q
			}
		case "widths":
			if p.Value.Kind != meta.List || len(p.Value.List) == 0 {
				f.Report(p.Value, field, "config-widths", p.Value.Describe())
				continue
			}
			var ws []int
			for _, e := range p.Value.List {
				if w, ok := f.Int(e, field); ok {
					if w < 16 || w > 8192 {
						f.Report(e, field, "config-width", w)
						continue
					}
					ws = append(ws, w)
				}
			}
			if len(ws) > 0 {
				im.Widths = ws
			}
		default:
			f.Unknown(p, "images.", imageKeys)
		}
	}
}

func parseFacets(f meta.Fields, v *meta.Node) []string {
	list, ok := f.Strings(v, "facets")
	if !ok {
		return slices.Clone(AllFacets)
	}
	var out []string
	for i, s := range list {
		if !slices.Contains(AllFacets, s) {
			n := v
			if v.Kind == meta.List {
				n = v.List[i]
			}
			if near := diag.Nearest(s, AllFacets); near != "" {
				f.Report(n, "facets", "config-facet-suggest", diag.Quote(s), near)
			} else {
				f.Report(n, "facets", "config-facet", diag.Quote(s), diag.Words(AllFacets))
			}
			continue
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func validKey(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case i > 0 && (r == '_' || r >= '0' && r <= '9'):
		default:
			return false
		}
	}
	return true
}

var linkKeys = []string{"text", "url"}

// parseFooter reads footer: a list of lines, each text or {text, url}.
func parseFooter(f meta.Fields, v *meta.Node) []Link {
	if v.Kind == meta.Null {
		return nil
	}
	if v.Kind != meta.List {
		f.Report(v, "footer", "config-footer-list", v.Describe())
		return nil
	}
	var out []Link
	for i, e := range v.List {
		field := fmt.Sprintf("footer[%d]", i)
		var l Link
		switch e.Kind {
		case meta.String:
			l.Text = e.Str
		case meta.Map:
			for _, p := range e.Map {
				switch p.Key {
				case "text":
					l.Text, _ = f.String(p.Value, field+".text")
				case "url":
					l.URL = urlField(f, p.Value, field+".url")
				default:
					f.Unknown(p, field+".", linkKeys)
				}
			}
			if l.Text == "" && e.Get("text") == nil {
				f.Report(e, field+".text", "config-footer-no-text")
				continue
			}
		default:
			f.Report(e, field, "config-footer-line", e.Describe())
			continue
		}
		out = append(out, l)
	}
	return out
}

// urlField reads a link's url: an http(s) URL or a path on the site; ""
// with a problem recorded otherwise.
func urlField(f meta.Fields, v *meta.Node, field string) string {
	s, ok := f.String(v, field)
	if !ok {
		return ""
	}
	if !linkURL(s) {
		f.Report(v, field, "config-want-url", diag.Quote(s))
		return ""
	}
	return s
}

var menuKeys = []string{"name", "url", "label"}

// MenuNames are the built-in pages a menu entry may name besides content
// pages: the facet indexes go by their URL folder.
var MenuNames = []string{"home", "stories", "stats", "reports", "search", "years", "neighborhoods", "awards", "tracks", "tags"}

// parseMenu reads menu: a list of names (stories, about) or
// {name, label} or {url, label}.
func parseMenu(f meta.Fields, v *meta.Node) []MenuItem {
	if v.Kind == meta.Null {
		return nil
	}
	if v.Kind != meta.List {
		f.Report(v, "menu", "config-menu-list", v.Describe())
		return nil
	}
	out := []MenuItem{}
	for i, e := range v.List {
		field := fmt.Sprintf("menu[%d]", i)
		it := MenuItem{Line: e.Line, Col: e.Col}
		unknown := false
		switch e.Kind {
		case meta.String:
			it.Name = e.Str
		case meta.Map:
			for _, p := range e.Map {
				switch p.Key {
				case "name":
					it.Name, _ = f.String(p.Value, field+".name")
				case "label":
					it.Label, _ = f.String(p.Value, field+".label")
				case "url":
					it.URL = urlField(f, p.Value, field+".url")
				default:
					f.Unknown(p, field+".", menuKeys)
					unknown = true
				}
			}
			switch {
			case unknown:
				continue
			case it.Name == "" && it.URL == "":
				f.Report(e, field, "config-menu-no-name")
				continue
			case it.Name != "" && it.URL != "":
				f.Report(e, field, "config-menu-both")
				continue
			case it.URL != "" && it.Label == "":
				f.Report(e, field+".label", "config-menu-no-label")
				continue
			}
		default:
			f.Report(e, field, "config-menu-entry", e.Describe())
			continue
		}
		if it.Name != "" {
			it.Name = strings.Trim(it.Name, "/")
			if !fs.ValidPath(it.Name) || it.Name == "." {
				f.Report(e, field, "config-menu-name", strings.Join(MenuNames, ", "), diag.Quote(it.Name))
				continue
			}
		}
		out = append(out, it)
	}
	return out
}

// linkURL reports whether s is an http(s) URL or a path on the site.
func linkURL(s string) bool {
	if strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//") {
		return true
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func (c *Config) setPos(key string, v *meta.Node) {
	if c.filePos == nil {
		c.filePos = map[string]diag.Pos{}
	}
	c.filePos[key] = diag.Pos{File: File, Line: v.Line, Col: v.Col}
}

// Pos is where showcase.yaml sets a top-level key (baseURL, logo,
// favicon), or the file's first line.
func (c *Config) Pos(key string) diag.Pos {
	if p, ok := c.filePos[key]; ok {
		return p
	}
	return diag.Pos{File: File, Line: 1}
}

// CheckFiles reports, as Load does, a file c names that is not in fsys
// (a logo or favicon not under static/): for a configuration loaded
// before, from the same bytes.
func CheckFiles(fsys fs.FS, c *Config) error { return checkStaticFiles(fsys, c) }

// checkStaticFiles reports a logo or favicon that is not under static/.
func checkStaticFiles(fsys fs.FS, c *Config) error {
	var probs diag.List
	for _, x := range []struct{ key, file string }{{"logo", c.Logo}, {"favicon", c.Favicon}} {
		if x.file == "" {
			continue
		}
		if _, err := fs.Stat(fsys, "static/"+x.file); err != nil {
			probs.Report(c.filePos[x.key], x.key, "config-static-missing", x.file, x.key)
		}
	}
	return probs.Err()
}
