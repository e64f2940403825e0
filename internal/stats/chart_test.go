package stats

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jiangninglu/showcase/internal/config"
)

// chartString writes a chart as "id[trend]: label=value(share) ... | missing: a b | coverage r/n".
func chartString(c Chart) string {
	var b strings.Builder
	b.WriteString(c.ID)
	if c.Trend {
		b.WriteString(" trend")
	}
	b.WriteString(":")
	for _, bar := range c.Bars {
		fmt.Fprintf(&b, " %s=%v(%.3g)", bar.Group.Value, bar.Value, bar.Share)
	}
	if len(c.Missing) > 0 {
		b.WriteString(" | missing:")
		for _, g := range c.Missing {
			b.WriteString(" " + g.Value)
		}
	}
	fmt.Fprintf(&b, " | %d/%d", c.Reported, c.Stories)
	return b.String()
}

// TestCharts checks which charts the fixture asks for, worked out by hand
// from the table in stats_test.go: years make trends, oldest first; facets
// whose groups are equal in size get no story count; a metric only one
// group gives gets no chart.
func TestCharts(t *testing.T) {
	s := mustCompute(t, fixtureConfig(), fixture())
	var got []string
	for _, c := range Charts(s) {
		got = append(got, chartString(c))
	}
	want := []string{
		"stories-year trend: 2019=1(0.5) 2020=1(0.5) 2021=2(1) | 5/5",
		"participants-year trend: 2019=15(0.0117) 2020=320(0.25) 2021=1280(1) | 4/5",
		"funding-year trend: 2020=15600(1) 2021=5000.5(0.321) | missing: 2019 | 3/5",
		"satisfaction-year trend: 2020=66.7(1) 2021=0.5(0.0075) | missing: 2019 | 3/5",
		"households-year trend: 2020=40(1) 2021=12(0.3) | missing: 2019 | 3/5",
		"stories-neighborhood: 北京居民区=2(1) Old Town=1(0.5) 安远路=1(0.5) | 5/5",
		"participants-neighborhood: 北京居民区=1520(1) 安远路=80(0.0526) Old Town=15(0.00987) | 4/5",
		"funding-neighborhood: 北京居民区=15600(1) 安远路=5000.5(0.321) | missing: Old Town | 3/5",
		"participants-award: 参与奖=1215(1) 优秀奖=400(0.329) | 4/5",
		"satisfaction-award: 优秀奖=66.7(1) 参与奖=0.5(0.0075) | 3/5",
		"households-award: 优秀奖=40(1) 参与奖=12(0.3) | 3/5",
		"participants-track: 适老化=1200(1) 疫后修复=400(0.333) | 4/5",
		"funding-track: 疫后修复=15600(1) 适老化=0(0) | 3/5",
		"satisfaction-track: 疫后修复=66.7(1) 适老化=50.25(0.753) | 3/5",
		"households-track: 疫后修复=40(1) 适老化=12(0.3) | 3/5",
		"stories-tags: 儿童=2(1) 花园=2(1) @home=1(0.5) 楼道=1(0.5) | 5/5",
		"participants-tags: 楼道=1200(1) 花园=400(0.333) 儿童=320(0.267) @home=15(0.0125) | 4/5",
		"funding-tags: 儿童=15600(1) 花园=15600(1) | missing: @home 楼道 | 3/5",
		"satisfaction-tags: 儿童=83.35(1) 花园=66.7(0.8) 楼道=0.5(0.006) | missing: @home | 3/5",
		"households-tags: 花园=40(1) 儿童=25(0.625) 楼道=12(0.3) | missing: @home | 3/5",
	}
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("charts:\n%s\n\nwant:\n%s", g, w)
	}
}

// TestChartsNone: one year, one story per neighbourhood and metrics each
// given by one story (the example site's shape) ask for no chart at all;
// neither does one story's figure repeated in each of its tags.
func TestChartsNone(t *testing.T) {
	cfg := config.Default()
	cfg.Metrics = []config.Metric{
		{Key: "programme", Aggregate: "sum", Scope: config.ScopeProgramme},
		{Key: "salons", Aggregate: "sum"},
		{Key: "days", Aggregate: "max"},
	}
	items := []Item{
		{Slug: "a", Year: 2020, Neighborhood: "北京居民区", Tags: []string{"新社工", "居商共建"}, Metrics: map[string]float64{"days": 571}},
		{Slug: "b", Year: 2020, Neighborhood: "海防村居民区", Metrics: map[string]float64{"salons": 3}},
		{Slug: "c", Year: 2020, Neighborhood: "联宝里居民区"},
	}
	s := mustCompute(t, cfg, items)
	if c := Charts(s); len(c) != 0 {
		t.Errorf("charts = %v, want none", c)
	}
	var keys []string
	for _, m := range s.Metrics {
		keys = append(keys, m.Key)
	}
	if got := strings.Join(keys, ","); got != "salons,days" {
		t.Errorf("metrics = %s; a programme figure is no story metric", got)
	}
}

// TestChartsCut: a facet with more groups than a chart shows keeps the
// largest, and says how many it left out.
func TestChartsCut(t *testing.T) {
	var items []Item
	for i := range 15 {
		for range i + 1 {
			items = append(items, Item{Slug: fmt.Sprint(i), Neighborhood: fmt.Sprintf("n%02d", i)})
		}
	}
	cfg := config.Default()
	cfg.Facets = []string{"neighborhood"}
	cs := Charts(mustCompute(t, cfg, items))
	if len(cs) != 1 {
		t.Fatalf("charts = %d, want 1", len(cs))
	}
	c := cs[0]
	if len(c.Bars) != maxBars || c.More != 3 || c.Bars[0].Group.Value != "n14" || c.Bars[maxBars-1].Group.Value != "n03" {
		t.Errorf("bars = %d (first %s, last %s), more = %d", len(c.Bars), c.Bars[0].Group.Value, c.Bars[len(c.Bars)-1].Group.Value, c.More)
	}
}
