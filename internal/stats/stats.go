package stats

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
)

// Item is one story as statistics see it.
type Item struct {
	Slug, Title                string
	Year                       int    // 0 = unknown
	Neighborhood, Award, Track string // "" = not given
	Tags                       []string
	Metrics                    map[string]float64 // absent key = not reported (NOT zero)
	// Written to stats.xlsx only.
	Date    time.Time // zero if not given
	Project string
	Leads   []string
}

// Facts are what the statistics read of an Item: Compute is a function
// of its items' Facts (and the configuration) only, so that their hash is
// the statistics' key (serve keeps the statistics while it is the same).
type Facts struct {
	Slug                       string
	Year                       int
	Neighborhood, Award, Track string
	Tags                       []string
	Metrics                    map[string]float64
}

// Facts returns what the statistics read of it.
func (it *Item) Facts() Facts {
	return Facts{Slug: it.Slug, Year: it.Year, Neighborhood: it.Neighborhood, Award: it.Award, Track: it.Track, Tags: it.Tags, Metrics: it.Metrics}
}

// Stats is every metric aggregated over all stories and per facet value.
type Stats struct {
	// Metrics are the declared story metrics in order (not the programme
	// figures, which no story gives); when none are declared,
	// every metric key seen, sorted by key, with Label = key and Aggregate "sum".
	Metrics []config.Metric
	Overall Group   // facet "all", value "", URL name ""
	Facets  []Facet // one per cfg.Facets entry, in that order
}

// Facet is one way of grouping the stories.
type Facet struct {
	Key string // "year", "neighborhood", "award", "track", "tags"
	// Groups: year newest first; others by story count descending, then by
	// value (byte order, so deterministic).
	Groups []*Group

	byURL map[string]*Group
}

// Group is the stories sharing one facet value, and their aggregates.
type Group struct {
	Facet   string
	Value   string // display value: "2020", "北京居民区"
	URLName string // content.URLName(Value); years: "2020"
	Items   []int  // indices into Compute's items, in input order
	Aggs    []Agg  // one per Stats.Metrics entry, same order
}

// Agg is one metric aggregated over one group.
type Agg struct {
	Metric    string
	Aggregate string  // sum, max, min or avg
	Result    float64 // rounded to 4 decimals; meaningless when Reported == 0
	Reported  int     // how many of the group's stories give this metric
	Stories   int     // how many stories the group has
}

// OK reports whether any story of the group gave the metric, that is,
// whether Result means anything.
func (a Agg) OK() bool { return a.Reported > 0 }

// Facet returns the facet with key, or nil if it is not enabled.
func (s *Stats) Facet(key string) *Facet {
	for i := range s.Facets {
		if s.Facets[i].Key == key {
			return &s.Facets[i]
		}
	}
	return nil
}

// Metric returns the metric with key k.
func (s *Stats) Metric(k string) (config.Metric, bool) {
	for _, m := range s.Metrics {
		if m.Key == k {
			return m, true
		}
	}
	return config.Metric{}, false
}

// Group returns the group whose URL name is urlName, or nil.
func (f *Facet) Group(urlName string) *Group {
	if f.byURL != nil {
		return f.byURL[urlName]
	}
	for _, g := range f.Groups {
		if g.URLName == urlName {
			return g
		}
	}
	return nil
}

// Agg returns the group's aggregate of metric k.
func (g *Group) Agg(k string) (Agg, bool) {
	for _, a := range g.Aggs {
		if a.Metric == k {
			return a, true
		}
	}
	return Agg{}, false
}

// CollisionError says that two values of one facet would share a URL name,
// so their pages would overwrite each other. FirstItem and SecondItem are
// the indices of the first story giving each value, for the caller to add
// file positions.
type CollisionError struct {
	Facet                 string
	First, Second         string
	URLName               string
	FirstItem, SecondItem int
}

func (e *CollisionError) Error() string {
	return fmt.Sprintf("%s: %q and %q would share the URL name %q: write them the same way, or make them differ in letters or digits",
		e.Facet, e.First, e.Second, e.URLName)
}

// Compute aggregates items. A nil cfg means config.Default().
//
// A story with no value for a facet is in no group of that facet (a story
// without a year is not in "year 0"). A story is in the group of each of its
// tags, so tag groups overlap; Overall counts each story once.
//
// Two different values of one facet with the same URL name are an error, a
// *CollisionError per pair, joined with errors.Join; values are never merged
// silently. So are a metric value that is NaN or infinite, an unknown facet
// and an unknown aggregate.
func Compute(cfg *config.Config, items []Item) (*Stats, error) {
	facts := make([]Facts, len(items))
	for i := range items {
		facts[i] = items[i].Facts()
	}
	return compute(cfg, facts)
}

// compute is Compute of the items' Facts: it sees nothing else of them.
func compute(cfg *config.Config, items []Facts) (*Stats, error) {
	if cfg == nil {
		cfg = config.Default()
	}
	var errs []error
	s := &Stats{Metrics: metricsOf(cfg, items)}
	for i := range s.Metrics {
		m := &s.Metrics[i]
		switch m.Aggregate {
		case "":
			m.Aggregate = "sum"
		case "sum", "max", "min", "avg":
		default:
			errs = append(errs, diag.NewError("stats-aggregate", m.Key, diag.Quote(m.Aggregate)))
		}
	}
	for _, it := range items {
		for _, v := range it.Metrics {
			if !finite(v) { // rare: sort only then, for a deterministic message
				for _, k := range sortedKeys(it.Metrics) {
					if v := it.Metrics[k]; !finite(v) {
						errs = append(errs, diag.NewError("stats-not-finite", it.Slug, k, v))
					}
				}
				break
			}
		}
	}

	all := make([]int, len(items))
	for i := range all {
		all[i] = i
	}
	s.Overall = Group{Facet: "all", Items: all}

	for _, key := range cfg.Facets {
		f, ferrs := group(key, items)
		errs = append(errs, ferrs...)
		s.Facets = append(s.Facets, f)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	s.Overall.Aggs = aggregate(s.Metrics, s.Overall.Items, items)
	for _, f := range s.Facets {
		for _, g := range f.Groups {
			g.Aggs = aggregate(s.Metrics, g.Items, items)
		}
	}
	return s, nil
}

// metricsOf returns the declared story metrics (programme figures are
// no story's), or every key seen, summed.
func metricsOf(cfg *config.Config, items []Facts) []config.Metric {
	if cfg.Declared() {
		return cfg.StoryMetrics()
	}
	seen := map[string]bool{}
	for _, it := range items {
		for k := range it.Metrics {
			seen[k] = true
		}
	}
	keys := sortedKeys(seen)
	ms := make([]config.Metric, len(keys))
	for i, k := range keys {
		ms[i] = config.Metric{Key: k, Label: k, Aggregate: "sum"}
	}
	return ms
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// values appends an item's values for a facet to buf[:0], without
// duplicates. years caches the years' text, so that 10,000 stories do not
// make 10,000 strings.
func values(buf []string, key string, it *Facts, years map[int]string) []string {
	buf = buf[:0]
	switch key {
	case "year":
		if it.Year != 0 {
			y, ok := years[it.Year]
			if !ok {
				y = strconv.Itoa(it.Year)
				years[it.Year] = y
			}
			buf = append(buf, y)
		}
	case "neighborhood":
		if it.Neighborhood != "" {
			buf = append(buf, it.Neighborhood)
		}
	case "award":
		if it.Award != "" {
			buf = append(buf, it.Award)
		}
	case "track":
		if it.Track != "" {
			buf = append(buf, it.Track)
		}
	case "tags":
		for _, t := range it.Tags {
			if t != "" && !slices.Contains(buf, t) {
				buf = append(buf, t)
			}
		}
	}
	return buf
}

// group builds one facet's groups, and reports values that share a URL name.
func group(key string, items []Facts) (Facet, []error) {
	f := Facet{Key: key, byURL: map[string]*Group{}}
	if !slices.Contains(config.AllFacets, key) {
		return f, []error{fmt.Errorf("unknown facet %q", key)}
	}
	var errs []error
	byValue := map[string]*Group{}
	first := map[*Group]int{} // the first item giving each value
	var buf []string
	years := map[int]string{}
	for i := range items {
		buf = values(buf, key, &items[i], years)
		for _, v := range buf {
			g := byValue[v]
			if g == nil {
				g = &Group{Facet: key, Value: v, URLName: content.URLName(v)}
				if key == "year" {
					g.URLName = v
				}
				if other := f.byURL[g.URLName]; other != nil {
					errs = append(errs, &CollisionError{
						Facet: key, First: other.Value, Second: v, URLName: g.URLName,
						FirstItem: first[other], SecondItem: i,
					})
				} else {
					f.byURL[g.URLName] = g
				}
				byValue[v] = g
				first[g] = i
				f.Groups = append(f.Groups, g)
			}
			g.Items = append(g.Items, i)
		}
	}
	if key == "year" {
		slices.SortStableFunc(f.Groups, func(a, b *Group) int {
			return cmp.Compare(items[b.Items[0]].Year, items[a.Items[0]].Year)
		})
	} else {
		slices.SortStableFunc(f.Groups, func(a, b *Group) int {
			return cmp.Or(cmp.Compare(len(b.Items), len(a.Items)), cmp.Compare(a.Value, b.Value))
		})
	}
	return f, errs
}

// aggregate computes every metric over the items idx.
func aggregate(ms []config.Metric, idx []int, items []Facts) []Agg {
	aggs := make([]Agg, len(ms))
	for j, m := range ms {
		a := Agg{Metric: m.Key, Aggregate: m.Aggregate, Stories: len(idx)}
		var sum, comp float64 // Neumaier summation: sums of decimals stay exact to 4 places
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, i := range idx {
			v, ok := items[i].Metrics[m.Key]
			if !ok {
				continue
			}
			a.Reported++
			t := sum + v
			if math.Abs(sum) >= math.Abs(v) {
				comp += (sum - t) + v
			} else {
				comp += (v - t) + sum
			}
			sum = t
			lo, hi = min(lo, v), max(hi, v)
		}
		if a.Reported > 0 {
			switch m.Aggregate {
			case "sum":
				a.Result = sum + comp
			case "max":
				a.Result = hi
			case "min":
				a.Result = lo
			case "avg":
				a.Result = (sum + comp) / float64(a.Reported)
			}
			a.Result = round4(a.Result)
		}
		aggs[j] = a
	}
	return aggs
}
