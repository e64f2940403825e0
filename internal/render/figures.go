package render

import (
	"html/template"
	"strconv"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/site"
	"github.com/jiangninglu/showcase/internal/stats"
)

// Figure is one metric as a statistics or report page shows it: the
// figure an organiser states (Stated, when HasStated) and the one computed
// from the stories (Agg, which says how many stories gave it), side by
// side where both exist.
type Figure struct {
	Metric    config.Metric
	Stated    float64
	HasStated bool
	Agg       stats.Agg // Agg.OK() is false when no story gives it
}

// Figures are a report's or a group's figures, sorted for display.
type Figures struct {
	// Stated are the organiser's figures, in the declared order (or as
	// written, when no metric is declared), each with the stories' figure
	// for the same metric where some story gives it.
	Stated []Figure
	// Computed are the story metrics some story of the group gives, each
	// with the organiser's figure for the same metric where stated.
	Computed []Figure
	// Missing are the story metrics no story of the group gives: named
	// once, not drawn as rows of "not reported".
	Missing []config.Metric
	Stories int // stories in the group
}

// figuresOf joins a report's stated figures (r may be nil) with the
// aggregates of one statistics group (g may be nil).
func figuresOf(cfg *config.Config, st *stats.Stats, g *stats.Group, r *site.Report) Figures {
	var out Figures
	stated := map[string]float64{}
	if r != nil {
		stated = r.Reported
		order := r.ReportedOrder
		if cfg.Declared() {
			order = cfg.MetricKeys()
		}
		for _, k := range order {
			v, ok := r.Reported[k]
			if !ok {
				continue
			}
			m, ok := cfg.Metric(k)
			if !ok {
				m = config.Metric{Key: k, Label: k, Aggregate: "sum"}
			}
			f := Figure{Metric: m, Stated: v, HasStated: true}
			if g != nil {
				f.Agg, _ = g.Agg(k)
			}
			out.Stated = append(out.Stated, f)
		}
	}
	if st == nil || g == nil {
		return out
	}
	out.Stories = len(g.Items)
	for _, m := range st.Metrics {
		a, _ := g.Agg(m.Key)
		if !a.OK() {
			out.Missing = append(out.Missing, m)
			continue
		}
		v, has := stated[m.Key]
		out.Computed = append(out.Computed, Figure{Metric: m, Stated: v, HasStated: has, Agg: a})
	}
	return out
}

// ChartView is a chart with what its template needs around it.
type ChartView struct {
	*stats.Chart
	Level int // the heading level of its title, or 0 for a caption only
	// CSV is the site path of the chart's numbers (/stats/ID.csv), or ""
	// where the page has no such file (a report's charts are of one year).
	CSV string
}

// FacetView is one facet with the metric list its table follows.
type FacetView struct {
	Stats *stats.Stats
	Facet *stats.Facet
}

// statsFuncs are the template functions of the statistics and report
// pages.
func statsFuncs(cfg *config.Config) template.FuncMap {
	return template.FuncMap{
		// charts are the charts the data of st asks for.
		"charts": func(st *stats.Stats) []stats.Chart {
			if st == nil {
				return nil
			}
			return stats.Charts(st)
		},
		// chartsOf keeps the charts of one facet.
		"chartsOf": func(cs []stats.Chart, facet string) []stats.Chart {
			var out []stats.Chart
			for _, c := range cs {
				if c.Facet == facet {
					out = append(out, c)
				}
			}
			return out
		},
		// share is a bar's length as a CSS custom property, for a style
		// attribute: the theme's CSS turns it into a width or height.
		"share": func(v float64) template.CSS {
			return template.CSS("--share:" + strconv.FormatFloat(v, 'f', 4, 64))
		},
		// figures joins a report's stated figures with a group's computed
		// ones; either may be nil.
		"figures": func(st *stats.Stats, g *stats.Group, r *site.Report) Figures {
			return figuresOf(cfg, st, g, r)
		},
		// statsOf is the overall group of st, or nil.
		"overall": func(st *stats.Stats) *stats.Group {
			if st == nil {
				return nil
			}
			return &st.Overall
		},
		// groupValue is a chart bar's figure for readers: exact, with
		// thousands separators.
		"barValue": func(c *stats.Chart, b stats.Bar) string {
			return stats.FormatNumber(b.Value)
		},
		// compactValue is a figure in the language's large-number style,
		// for columns too narrow for the exact one (the table beside them
		// gives it).
		"compactValue": func(v float64) string { return stats.FormatCompact(v, cfg.Language) },
		"facetView":    func(st *stats.Stats, f *stats.Facet) FacetView { return FacetView{Stats: st, Facet: f} },
		"chartView": func(c stats.Chart, level int, csvDir ...string) ChartView {
			v := ChartView{Chart: &c, Level: level}
			if len(csvDir) > 0 {
				v.CSV = csvDir[0] + c.ID + ".csv"
			}
			return v
		},
		// pdfName is the file name a report's PDF downloads as.
		"reportPDF": func(r *site.Report) string {
			if !cfg.ReportPDF || r == nil {
				return ""
			}
			return r.URL + "report.pdf"
		},
		"add": func(a, b int) int { return a + b },
		// columns is how many columns n cards take on a wide screen, at
		// most most per row, balanced so that no row is left with a lone
		// card: 7 cards are 4 and 3, 8 are 4 and 4.
		"columns": func(n, most int) int {
			if n <= most {
				return max(n, 1)
			}
			rows := (n + most - 1) / most
			return (n + rows - 1) / rows
		},
	}
}
