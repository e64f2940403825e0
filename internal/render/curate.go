package render

import (
	"html/template"
	"math"
	"strings"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/stats"
)

// Fig is a figure as a card or a chart shows it: in 万元 or 亿元 for large
// money on a Chinese site, with the exact figure beside it when that
// differs (tables and exports always give the exact one).
type Fig struct {
	Num    string // "1,480.6"
	Unit   string // "万元"
	Approx bool   // Num is rounded: show "约"
	Exact  string // "14,806,000 元" when Num and Unit are not that; else ""
}

// moneyScale is the scale Chinese official writing counts an amount in
// 元 in, judged by ref (a chart's largest bar, or the amount itself):
// 万元 from 10,000, 亿元 from 100,000,000; 1 and "" otherwise, and on a
// site in any other language.
func moneyScale(lang, unit string, ref float64) (float64, string) {
	if unit != "元" || !strings.HasPrefix(strings.ToLower(lang), "zh") {
		return 1, ""
	}
	switch {
	case ref >= 1e8:
		return 1e8, "亿"
	case ref >= 1e4:
		return 1e4, "万"
	}
	return 1, ""
}

// figure writes v of metric m on the scale ref asks for.
func figure(lang string, v, ref float64, m config.Metric) Fig {
	scale, prefix := moneyScale(lang, m.Unit, ref)
	if scale == 1 {
		return Fig{Num: stats.FormatNumber(v), Unit: m.Unit}
	}
	scaled := v / scale
	rounded := math.Round(scaled*100) / 100
	f := Fig{Num: stats.FormatNumber(rounded), Unit: prefix + m.Unit, Exact: stats.FormatNumber(v) + " " + m.Unit}
	f.Approx = math.Abs(rounded-scaled) > 1e-9*math.Max(1, math.Abs(scaled))
	return f
}

// FacetNote says what a chart by one facet leaves out or counts twice.
type FacetNote struct {
	// Without is how many stories have no value of the facet (no award):
	// they are in no bar.
	Without int
	// Overlap: a story may be in several groups (tags), so the groups add
	// up to more than the stories.
	Overlap bool
}

// curateFuncs are the template functions of the curated statistics page.
func curateFuncs(cfg *config.Config) template.FuncMap {
	return template.FuncMap{
		// fig is v of metric m as a figure card shows it.
		"fig": func(v float64, m config.Metric) Fig { return figure(cfg.Language, v, v, m) },
		// barFig is a chart's bar as the chart shows it: every bar on the
		// scale of the chart's largest, so that 万元 is not mixed with 元.
		"barFig": func(c *stats.Chart, b stats.Bar) Fig {
			top := 0.0
			for _, x := range c.Bars {
				top = max(top, x.Value)
			}
			return figure(cfg.Language, b.Value, top, c.Metric)
		},
		"facetNote": func(st *stats.Stats, key string) FacetNote {
			var n FacetNote
			if st == nil {
				return n
			}
			f := st.Facet(key)
			if f == nil {
				return n
			}
			seen := map[int]bool{}
			sum := 0
			for _, g := range f.Groups {
				sum += len(g.Items)
				for _, i := range g.Items {
					seen[i] = true
				}
			}
			n.Without = len(st.Overall.Items) - len(seen)
			n.Overlap = sum > len(seen)
			return n
		},
	}
}
