package stats

import (
	"cmp"
	"slices"

	"github.com/jiangninglu/showcase/internal/config"
)

// Chart is a bar chart the data asked for: one metric, or the number of
// stories, over the groups of one facet. Templates draw it (the theme's
// partials/chart.html); here is only what it shows.
type Chart struct {
	ID     string        // unique among a page's charts: "stories-year", "salons-neighborhood"
	Facet  string        // the facet whose groups are the bars
	Metric config.Metric // the zero Metric (Key "") for the number of stories
	// Trend: the bars are years, oldest first, to be read as a line
	// through time.
	Trend bool
	Bars  []Bar
	// Missing are the groups that give no figure for the metric, in the
	// facet's order: named once under the chart, not drawn as empty rows.
	Missing []*Group
	// More is how many groups with a figure were left out to keep the
	// chart short (they are all in the full tables).
	More int
	// Reported and Stories are the coverage over the whole set: how many
	// of its stories give the metric, out of how many.
	Reported, Stories int
}

// Count reports whether the chart counts stories rather than a metric.
func (c *Chart) Count() bool { return c.Metric.Key == "" }

// Bar is one group of a chart with its figure.
type Bar struct {
	Group *Group
	Value float64 // the aggregate, or the number of stories
	// Share is Value over the chart's largest value, 0 to 1: the bar's
	// length. A value above zero gets at least 0.005, so that it shows.
	Share float64
	Agg   Agg // the group's aggregate (zero for a story count)
}

// Chart limits: a chart reads at a glance, the full tables hold the rest.
const (
	maxBars         = 12 // groups per chart
	maxMetricCharts = 4  // metric charts per facet, beside the story count
)

// Charts chooses the charts worth drawing from s, in reading order:
// first the trends across years (when there are two years or more), then,
// for every other facet with two groups or more, the number of stories per
// group (when the groups differ in size: equal bars say nothing) and the
// metrics that at least two groups and two stories give, those most
// stories give first, up to four per facet. A facet with one group, and a
// metric no group or only one group or story gives, get no chart: their
// figures stand in the tables.
func Charts(s *Stats) []Chart {
	var out []Chart
	for i := range s.Facets {
		f := &s.Facets[i]
		if len(f.Groups) < 2 {
			continue
		}
		groups := f.Groups
		trend := f.Key == "year"
		if trend { // oldest first
			groups = slices.Clone(groups)
			slices.Reverse(groups)
		}
		if c := storyChart(f, groups, trend, len(s.Overall.Items)); c != nil {
			out = append(out, *c)
		}
		var metrics []Chart
		for _, m := range s.Metrics {
			if c := metricChart(f, groups, m, trend, s.Overall); c != nil {
				metrics = append(metrics, *c)
			}
		}
		slices.SortStableFunc(metrics, func(a, b Chart) int { return cmp.Compare(b.Reported, a.Reported) })
		out = append(out, metrics[:min(len(metrics), maxMetricCharts)]...)
	}
	return out
}

func storyChart(f *Facet, groups []*Group, trend bool, stories int) *Chart {
	differ := false
	for _, g := range groups {
		differ = differ || len(g.Items) != len(groups[0].Items)
	}
	if !differ && !trend {
		return nil
	}
	c := &Chart{ID: "stories-" + f.Key, Facet: f.Key, Trend: trend, Reported: stories, Stories: stories}
	for _, g := range groups {
		c.Bars = append(c.Bars, Bar{Group: g, Value: float64(len(g.Items))})
	}
	c.cut()
	return c
}

func metricChart(f *Facet, groups []*Group, m config.Metric, trend bool, overall Group) *Chart {
	c := &Chart{ID: m.Key + "-" + f.Key, Facet: f.Key, Metric: m, Trend: trend}
	for _, g := range groups {
		a, _ := g.Agg(m.Key)
		if !a.OK() {
			c.Missing = append(c.Missing, g)
			continue
		}
		c.Bars = append(c.Bars, Bar{Group: g, Value: a.Result, Agg: a})
	}
	if a, ok := overall.Agg(m.Key); ok {
		c.Reported, c.Stories = a.Reported, a.Stories
	}
	// One story's figure in several groups (its tags) compares nothing.
	if len(c.Bars) < 2 || c.Reported < 2 {
		return nil
	}
	if !trend {
		slices.SortStableFunc(c.Bars, func(a, b Bar) int { return cmp.Compare(b.Value, a.Value) })
	}
	c.cut()
	return c
}

// cut keeps the first maxBars bars (a trend keeps its latest years) and
// sets their shares.
func (c *Chart) cut() {
	if n := len(c.Bars); n > maxBars {
		c.More = n - maxBars
		if c.Trend {
			c.Bars = c.Bars[n-maxBars:]
		} else {
			c.Bars = c.Bars[:maxBars]
		}
	}
	top := 0.0
	for _, b := range c.Bars {
		top = max(top, b.Value)
	}
	for i := range c.Bars {
		if v := c.Bars[i].Value; top > 0 && v > 0 {
			c.Bars[i].Share = max(v/top, 0.005)
		}
	}
}
