package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/site"
)

// Data is what every template gets as ".". Fields that do not apply to a
// page kind are nil or empty.
type Data struct {
	Site        *site.Site
	Kind        string
	Title       string
	Description string
	URL         string // site-relative, e.g. /stories/
	Lang        string
	Content     template.HTML // the page's body, for kinds with one
	Story       *site.Story
	Prev, Next  *site.Story // neighbours of a story, in list order
	Page        *site.Page
	Report      *site.Report
	Stories     []*site.Story // a list page's stories
	Pager       *Pager
}

// Pager describes one page of a paginated list.
type Pager struct {
	Number, Total int
	Prev, Next    string // URLs, empty at the ends
}

// Page is one output file to render.
type Page struct {
	Path string // output path, slash-separated, e.g. stories/a/index.html
	Data *Data
}

// Pages lists every page of the site, in a stable order.
func Pages(s *site.Site) []Page {
	cfg := s.Config
	lang := cfg.Language
	newData := func(kind, title, url string) *Data {
		return &Data{Site: s, Kind: kind, Title: title, URL: url, Lang: lang, Description: cfg.Description}
	}
	var out []Page
	add := func(d *Data) {
		out = append(out, Page{Path: OutputPath(d.URL), Data: d})
	}

	home := newData("home", cfg.Title, "/")
	if s.Home != nil {
		home.Content = s.Home.HTML
		if s.Home.Summary != "" && cfg.Description == "" {
			home.Description = s.Home.Summary
		}
	}
	add(home)

	// Story list, paginated: /stories/, /stories/page/2/, ...
	per := max(cfg.Paginate, 1)
	total := max((len(s.Stories)+per-1)/per, 1)
	listTitle := words(lang, "stories")
	if s.StoriesIntro != nil && s.StoriesIntro.Title != "" {
		listTitle = s.StoriesIntro.Title
	}
	for n := 1; n <= total; n++ {
		d := newData("stories", listTitle, listURL(n))
		d.Stories = s.Stories[(n-1)*per : min(n*per, len(s.Stories))]
		d.Pager = &Pager{Number: n, Total: total}
		if n > 1 {
			d.Pager.Prev = listURL(n - 1)
			d.Title = fmt.Sprintf("%s (%d/%d)", listTitle, n, total)
		}
		if n < total {
			d.Pager.Next = listURL(n + 1)
		}
		add(d)
	}

	for i, st := range s.Stories {
		d := newData("story", st.Title, st.URL)
		d.Story, d.Content, d.Description = st, st.HTML, st.Summary
		if i > 0 {
			d.Prev = s.Stories[i-1]
		}
		if i+1 < len(s.Stories) {
			d.Next = s.Stories[i+1]
		}
		add(d)
	}
	for _, p := range s.Pages {
		d := newData("page", p.Title, p.URL)
		d.Page, d.Content = p, p.HTML
		if p.Summary != "" {
			d.Description = p.Summary
		}
		add(d)
	}
	if len(s.Reports) > 0 {
		add(newData("reports", words(lang, "reports"), "/reports/"))
	}
	for _, r := range s.Reports {
		d := newData("report", r.Title, r.URL)
		d.Report, d.Content = r, r.HTML
		if r.Summary != "" {
			d.Description = r.Summary
		}
		add(d)
	}
	nf := newData("404", words(lang, "notFound"), "/404.html")
	add(nf)
	return out
}

func listURL(n int) string {
	if n == 1 {
		return "/stories/"
	}
	return "/stories/page/" + strconv.Itoa(n) + "/"
}

// OutputPath maps a site URL to its file: /a/b/ -> a/b/index.html.
func OutputPath(u string) string {
	p := strings.TrimPrefix(u, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

// words gives the few titles the page list needs before templates run.
func words(lang, key string) string {
	en := lang == "en"
	switch key {
	case "stories":
		if en {
			return "Stories"
		}
		return "故事"
	case "reports":
		if en {
			return "Annual reports"
		}
		return "年度报告"
	case "notFound":
		if en {
			return "Page not found"
		}
		return "页面未找到"
	}
	return key
}

// Render executes the template of d.Kind into w.
func (t *Theme) Render(w io.Writer, d *Data) error {
	k := t.kinds[d.Kind]
	if k == nil {
		return fmt.Errorf("no template for page kind %q", d.Kind)
	}
	return k.ExecuteTemplate(w, "baseof", d)
}

// RenderBytes renders into a fresh buffer.
func (t *Theme) RenderBytes(d *Data) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(16 << 10)
	if err := t.Render(&b, d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Card is a story in a list, with the heading level that fits the list.
type Card struct {
	Story *site.Story
	Level int
}

// MetricValue is a metric with its label and unit, for templates.
type MetricValue struct {
	Key, Label, Unit string
	Value            float64
}

// Funcs are the template functions that depend on the site's config.
func Funcs(cfg *config.Config) template.FuncMap {
	base, _ := url.Parse(cfg.BaseURL)
	basePath := "/"
	if base != nil && base.Path != "" {
		basePath = base.Path
	}
	relURL := func(p string) string {
		if strings.HasPrefix(p, "/") {
			return strings.TrimSuffix(basePath, "/") + p
		}
		return p
	}
	absURL := func(p string) string {
		if base == nil || base.Host == "" {
			return relURL(p)
		}
		return strings.TrimSuffix(cfg.BaseURL, "/") + strings.TrimPrefix(relURL(p), strings.TrimSuffix(basePath, "/"))
	}
	metricsFrom := func(vals map[string]float64, order []string) []MetricValue {
		var out []MetricValue
		if cfg.Declared() {
			for _, m := range cfg.Metrics {
				if v, ok := vals[m.Key]; ok {
					out = append(out, MetricValue{Key: m.Key, Label: m.Label, Unit: m.Unit, Value: v})
				}
			}
			return out
		}
		for _, k := range order {
			out = append(out, MetricValue{Key: k, Label: k, Value: vals[k]})
		}
		return out
	}
	return template.FuncMap{
		"relURL": relURL,
		"absURL": absURL,
		"join":   strings.Join,
		"num":    func(v float64) string { return FormatNumber(v, cfg.Language) },
		"date":   func(t time.Time) string { return FormatDate(t, cfg.Language) },
		"metricsOf": func(s *site.Story) []MetricValue {
			keys := make([]string, 0, len(s.Metrics))
			for k := range s.Metrics {
				keys = append(keys, k)
			}
			sortStrings(keys)
			return metricsFrom(s.Metrics, keys)
		},
		"reported": func(r *site.Report) []MetricValue { return metricsFrom(r.Reported, r.ReportedOrder) },
		"card":     func(s *site.Story, level int) Card { return Card{Story: s, Level: level} },
		"coverURL": func(s *site.Story) string {
			if strings.HasPrefix(s.Cover, "/") {
				return relURL(s.Cover)
			}
			return relURL(s.URL + s.Cover)
		},
	}
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// FormatNumber writes v with thousands separators and at most two
// decimals, trailing zeros dropped: 15600 -> "15,600", 66.7 -> "66.7".
func FormatNumber(v float64, lang string) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	s := strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

var enMonths = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// FormatDate writes a date the way readers of lang expect.
func FormatDate(t time.Time, lang string) string {
	if t.IsZero() {
		return ""
	}
	if lang == "en" {
		return fmt.Sprintf("%d %s %d", t.Day(), enMonths[t.Month()-1], t.Year())
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}
