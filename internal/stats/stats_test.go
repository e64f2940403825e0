package stats

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/jiangninglu/showcase/internal/config"
)

// fixtureConfig declares one metric per aggregate.
func fixtureConfig() *config.Config {
	cfg := config.Default()
	cfg.Metrics = []config.Metric{
		{Key: "participants", Label: "参与人次", Unit: "人次", Aggregate: "sum"},
		{Key: "funding", Label: "资金", Unit: "元", Aggregate: "max"},
		{Key: "satisfaction", Label: "满意度", Unit: "%", Aggregate: "avg"},
		{Key: "households", Label: "户数", Aggregate: "min"},
	}
	return cfg
}

// fixture is five stories with missing metrics, decimals, a reported zero,
// a story in two tag groups, a story without year and a formula title:
//
//	#  slug     year  neighborhood  award   track     tags       participants funding satisfaction households
//	0  lvdi     2020  北京居民区      优秀奖   疫后修复   花园, 儿童   320          15600   66.7         40
//	1  loudao   2021  北京居民区      参与奖   适老化     楼道        1200         -       0.5          12
//	2  formula  2021  安远路         优秀奖   疫后修复   花园        80           5000.5  -            -
//	3  nianfen  -     -             -       适老化     儿童        -            0       100          25
//	4  oldtown  2019  Old Town      参与奖   -         @home      15           -       -            -
func fixture() []Item {
	return []Item{
		{Slug: "lvdi", Title: "旧城新绿", Year: 2020, Neighborhood: "北京居民区", Award: "优秀奖", Track: "疫后修复",
			Tags:    []string{"花园", "儿童"},
			Metrics: map[string]float64{"participants": 320, "funding": 15600, "satisfaction": 66.7, "households": 40}},
		{Slug: "loudao", Title: "楼道微更新", Year: 2021, Neighborhood: "北京居民区", Award: "参与奖", Track: "适老化",
			Tags:    []string{"楼道"},
			Metrics: map[string]float64{"participants": 1200, "satisfaction": 0.5, "households": 12}},
		{Slug: "formula", Title: `=HYPERLINK("http://x","y")`, Year: 2021, Neighborhood: "安远路", Award: "优秀奖", Track: "疫后修复",
			Tags:    []string{"花园"},
			Metrics: map[string]float64{"participants": 80, "funding": 5000.5}},
		{Slug: "nianfen", Title: "无年份的故事", Track: "适老化",
			Tags:    []string{"儿童"},
			Metrics: map[string]float64{"funding": 0, "satisfaction": 100, "households": 25}},
		{Slug: "oldtown", Title: "Old Town", Year: 2019, Neighborhood: "Old Town", Award: "参与奖",
			Tags:    []string{"@home"},
			Metrics: map[string]float64{"participants": 15}},
	}
}

func mustCompute(t testing.TB, cfg *config.Config, items []Item) *Stats {
	t.Helper()
	s, err := Compute(cfg, items)
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	return s
}

// aggString writes an aggregate as "result/reported/stories", "-" for a
// result that is not reported.
func aggString(a Agg) string {
	r := "-"
	if a.OK() {
		r = fmt.Sprint(a.Result)
	}
	return fmt.Sprintf("%s/%d/%d", r, a.Reported, a.Stories)
}

func TestCompute(t *testing.T) {
	s := mustCompute(t, fixtureConfig(), fixture())

	// Each group: its items, then participants (sum), funding (max),
	// satisfaction (avg), households (min), worked out by hand from the table
	// above.
	type want struct {
		value, urlName string
		items          []int
		aggs           [4]string
	}
	tests := []struct {
		facet  string
		groups []want
	}{
		{"all", []want{
			{"", "", []int{0, 1, 2, 3, 4}, [4]string{"1615/4/5", "15600/3/5", "55.7333/3/5", "12/3/5"}}, // (66.7+0.5+100)/3
		}},
		{"year", []want{ // newest first; story 3 has no year and is in no group
			{"2021", "2021", []int{1, 2}, [4]string{"1280/2/2", "5000.5/1/2", "0.5/1/2", "12/1/2"}},
			{"2020", "2020", []int{0}, [4]string{"320/1/1", "15600/1/1", "66.7/1/1", "40/1/1"}},
			{"2019", "2019", []int{4}, [4]string{"15/1/1", "-/0/1", "-/0/1", "-/0/1"}},
		}},
		{"neighborhood", []want{ // 2 stories, then 1 each by value: "Old Town" < "安远路"
			{"北京居民区", "北京居民区", []int{0, 1}, [4]string{"1520/2/2", "15600/1/2", "33.6/2/2", "12/2/2"}},
			{"Old Town", "old-town", []int{4}, [4]string{"15/1/1", "-/0/1", "-/0/1", "-/0/1"}},
			{"安远路", "安远路", []int{2}, [4]string{"80/1/1", "5000.5/1/1", "-/0/1", "-/0/1"}},
		}},
		{"award", []want{ // a tie on count: 优 (U+4F18) before 参 (U+53C2)
			{"优秀奖", "优秀奖", []int{0, 2}, [4]string{"400/2/2", "15600/2/2", "66.7/1/2", "40/1/2"}},
			{"参与奖", "参与奖", []int{1, 4}, [4]string{"1215/2/2", "-/0/2", "0.5/1/2", "12/1/2"}},
		}},
		{"track", []want{
			{"疫后修复", "疫后修复", []int{0, 2}, [4]string{"400/2/2", "15600/2/2", "66.7/1/2", "40/1/2"}},
			// funding: a reported zero is a result, 0 of 1, not "not reported"
			{"适老化", "适老化", []int{1, 3}, [4]string{"1200/1/2", "0/1/2", "50.25/2/2", "12/2/2"}},
		}},
		{"tags", []want{ // story 0 is in 花园 and 儿童
			{"儿童", "儿童", []int{0, 3}, [4]string{"320/1/2", "15600/2/2", "83.35/2/2", "25/2/2"}},
			{"花园", "花园", []int{0, 2}, [4]string{"400/2/2", "15600/2/2", "66.7/1/2", "40/1/2"}},
			{"@home", "home", []int{4}, [4]string{"15/1/1", "-/0/1", "-/0/1", "-/0/1"}},
			{"楼道", "楼道", []int{1}, [4]string{"1200/1/1", "-/0/1", "0.5/1/1", "12/1/1"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.facet, func(t *testing.T) {
			var groups []*Group
			if tt.facet == "all" {
				groups = []*Group{&s.Overall}
			} else {
				f := s.Facet(tt.facet)
				if f == nil {
					t.Fatalf("no facet %q", tt.facet)
				}
				groups = f.Groups
			}
			if len(groups) != len(tt.groups) {
				var vs []string
				for _, g := range groups {
					vs = append(vs, g.Value)
				}
				t.Fatalf("groups %q, want %d", vs, len(tt.groups))
			}
			for i, w := range tt.groups {
				g := groups[i]
				if g.Facet != tt.facet || g.Value != w.value || g.URLName != w.urlName || !slices.Equal(g.Items, w.items) {
					t.Errorf("group %d = %s %q %q %v, want %s %q %q %v", i, g.Facet, g.Value, g.URLName, g.Items, tt.facet, w.value, w.urlName, w.items)
				}
				if len(g.Aggs) != 4 {
					t.Fatalf("group %q: %d aggregates, want 4", g.Value, len(g.Aggs))
				}
				for j, a := range g.Aggs {
					m := s.Metrics[j]
					if a.Metric != m.Key || a.Aggregate != m.Aggregate {
						t.Errorf("group %q agg %d is %s %s, want %s %s", g.Value, j, a.Metric, a.Aggregate, m.Key, m.Aggregate)
					}
					if got := aggString(a); got != w.aggs[j] {
						t.Errorf("group %q %s(%s) = %s, want %s", g.Value, a.Aggregate, a.Metric, got, w.aggs[j])
					}
				}
			}
		})
	}
}

func TestComputeLookups(t *testing.T) {
	s := mustCompute(t, fixtureConfig(), fixture())
	if f := s.Facet("neighborhood"); f == nil || f.Group("old-town") == nil || f.Group("old-town").Value != "Old Town" {
		t.Errorf(`Facet("neighborhood").Group("old-town") is not "Old Town"`)
	}
	if g := s.Facet("year").Group("2021"); g == nil || !slices.Equal(g.Items, []int{1, 2}) {
		t.Errorf(`Facet("year").Group("2021") = %v`, g)
	}
	if s.Facet("year").Group("0") != nil {
		t.Errorf(`a story without year made a group "0"`)
	}
	if s.Facet("nope") != nil || s.Facet("tags").Group("nope") != nil {
		t.Errorf("lookups of missing keys are not nil")
	}
	if a, ok := s.Facet("tags").Group("儿童").Agg("satisfaction"); !ok || a.Result != 83.35 {
		t.Errorf(`Agg("satisfaction") = %v, %v`, a, ok)
	}
}

func TestComputeFacetOrder(t *testing.T) {
	cfg := fixtureConfig()
	cfg.Facets = []string{"tags", "year"}
	s := mustCompute(t, cfg, fixture())
	var keys []string
	for _, f := range s.Facets {
		keys = append(keys, f.Key)
	}
	if !slices.Equal(keys, []string{"tags", "year"}) {
		t.Errorf("facets %q, want [tags year]", keys)
	}
	if s.Facet("award") != nil {
		t.Errorf("award facet present though not configured")
	}
}

func TestComputeUndeclaredMetrics(t *testing.T) {
	// With no metrics declared, every key seen is summed, sorted by key.
	s := mustCompute(t, config.Default(), fixture())
	var got []string
	for _, m := range s.Metrics {
		got = append(got, m.Key+":"+m.Label+":"+m.Aggregate)
	}
	want := []string{"funding:funding:sum", "households:households:sum", "participants:participants:sum", "satisfaction:satisfaction:sum"}
	if !slices.Equal(got, want) {
		t.Errorf("metrics %q, want %q", got, want)
	}
	var aggs []string
	for _, a := range s.Overall.Aggs {
		aggs = append(aggs, aggString(a))
	}
	if want := []string{"20600.5/3/5", "77/3/5", "1615/4/5", "167.2/3/5"}; !slices.Equal(aggs, want) {
		t.Errorf("overall %q, want %q", aggs, want)
	}
}

func TestComputeEmpty(t *testing.T) {
	s := mustCompute(t, nil, nil)
	if len(s.Metrics) != 0 || len(s.Overall.Items) != 0 || len(s.Facets) != len(config.AllFacets) {
		t.Errorf("empty stats = %+v", s)
	}
	for _, f := range s.Facets {
		if len(f.Groups) != 0 {
			t.Errorf("facet %s has groups", f.Key)
		}
	}
}

func TestComputeDuplicateTag(t *testing.T) {
	s := mustCompute(t, nil, []Item{{Slug: "a", Tags: []string{"x", "x", ""}, Metrics: map[string]float64{"n": 2}}})
	g := s.Facet("tags").Groups
	if len(g) != 1 || !slices.Equal(g[0].Items, []int{0}) || aggString(g[0].Aggs[0]) != "2/1/1" {
		t.Errorf("a story tagged twice is counted twice: %+v", g[0])
	}
}

func TestComputeSumDecimals(t *testing.T) {
	// Ten stories of 0.1 sum to 1, not 0.9999999999999999.
	items := make([]Item, 10)
	for i := range items {
		items[i] = Item{Metrics: map[string]float64{"x": 0.1}}
	}
	cfg := config.Default()
	cfg.Metrics = []config.Metric{{Key: "x", Aggregate: "sum"}, {Key: "x", Aggregate: "avg"}}
	s := mustCompute(t, cfg, items)
	if got := aggString(s.Overall.Aggs[0]); got != "1/10/10" {
		t.Errorf("sum = %s", got)
	}
	if got := aggString(s.Overall.Aggs[1]); got != "0.1/10/10" {
		t.Errorf("avg = %s", got)
	}
	// avg = sum / reported, rounded to 4 decimals: 1/3 -> 0.3333.
	items = []Item{{Metrics: map[string]float64{"x": 1}}, {Metrics: map[string]float64{"x": 0}}, {Metrics: map[string]float64{"x": 0}}, {}}
	s = mustCompute(t, cfg, items)
	if got := aggString(s.Overall.Aggs[1]); got != "0.3333/3/4" {
		t.Errorf("avg = %s, want 0.3333/3/4", got)
	}
}

func TestComputeErrors(t *testing.T) {
	tests := []struct {
		name  string
		items []Item
		want  string
	}{
		{"case", []Item{{Slug: "a", Neighborhood: "Old Town"}, {Slug: "b", Neighborhood: "old town"}},
			`neighborhood: "Old Town" and "old town" would share the URL name "old-town": write them the same way, or make them differ in letters or digits`},
		{"punctuation", []Item{{Slug: "a", Neighborhood: "北京 居民区"}, {Slug: "b", Neighborhood: "北京居民区"}, {Slug: "c", Neighborhood: "北京-居民区"}},
			`neighborhood: "北京 居民区" and "北京-居民区" would share the URL name "北京-居民区": write them the same way, or make them differ in letters or digits`},
		{"tags", []Item{{Slug: "a", Tags: []string{"Garden"}}, {Slug: "b", Tags: []string{"garden!"}}},
			`tags: "Garden" and "garden!" would share the URL name "garden": write them the same way, or make them differ in letters or digits`},
		{"two", []Item{{Slug: "a", Award: "A", Track: "T"}, {Slug: "b", Award: "a", Track: "t"}},
			`award: "A" and "a" would share the URL name "a": write them the same way, or make them differ in letters or digits` + "\n" +
				`track: "T" and "t" would share the URL name "t": write them the same way, or make them differ in letters or digits`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Compute(nil, tt.items)
			if err == nil {
				t.Fatalf("no error; groups %+v", s.Facets)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n%s\nwant\n%s", err, tt.want)
			}
			var ce *CollisionError
			if !errors.As(err, &ce) || ce.FirstItem != 0 || ce.SecondItem == 0 {
				t.Errorf("not a *CollisionError with item indices: %#v", ce)
			}
		})
	}

	t.Run("positions", func(t *testing.T) {
		_, err := Compute(nil, []Item{{Neighborhood: "X"}, {Neighborhood: "X"}, {}, {Neighborhood: "x"}})
		var ce *CollisionError
		if !errors.As(err, &ce) || ce.FirstItem != 0 || ce.SecondItem != 3 {
			t.Errorf("collision %#v, want items 0 and 3", ce)
		}
	})

	bad := []struct {
		name string
		cfg  func(*config.Config)
		item Item
		want string
	}{
		{"nan", nil, Item{Slug: "a", Metrics: map[string]float64{"x": math.NaN()}}, "story a: metrics.x: want a finite number, got NaN"},
		{"facet", func(c *config.Config) { c.Facets = []string{"colour"} }, Item{}, `unknown facet "colour"`},
		{"aggregate", func(c *config.Config) { c.Metrics = []config.Metric{{Key: "x", Aggregate: "median"}} }, Item{},
			`metric x: unknown aggregate "median"; want sum, max, min or avg`},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			cfg := config.Default()
			if tt.cfg != nil {
				tt.cfg(cfg)
			}
			_, err := Compute(cfg, []Item{tt.item})
			if err == nil || err.Error() != tt.want {
				t.Errorf("error %v, want %s", err, tt.want)
			}
		})
	}
}

// BenchmarkCompute aggregates 10,000 synthetic items (generated here, not
// real stories): 4 years, 50 neighborhoods, 3 awards, 6 tracks, 2 of 20
// tags each, 3 metrics with some not reported.
func BenchmarkCompute(b *testing.B) {
	items := make([]Item, 10000)
	for i := range items {
		m := map[string]float64{"participants": float64(i % 500)}
		if i%3 != 0 {
			m["funding"] = float64(i%97) * 100.5
		}
		if i%7 != 0 {
			m["satisfaction"] = float64(i%1000) / 10
		}
		items[i] = Item{
			Slug:         fmt.Sprintf("story-%d", i),
			Title:        fmt.Sprintf("Synthetic story %d", i),
			Year:         2020 + i%4,
			Neighborhood: fmt.Sprintf("居民区%d", i%50),
			Award:        []string{"", "优秀奖", "参与奖"}[i%3],
			Track:        fmt.Sprintf("track %d", i%6),
			Tags:         []string{fmt.Sprintf("tag%d", i%20), fmt.Sprintf("tag%d", (i+7)%20)},
			Metrics:      m,
		}
	}
	cfg := config.Default()
	cfg.Metrics = []config.Metric{
		{Key: "participants", Aggregate: "sum"},
		{Key: "funding", Aggregate: "max"},
		{Key: "satisfaction", Aggregate: "avg"},
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compute(cfg, items); err != nil {
			b.Fatal(err)
		}
	}
}
