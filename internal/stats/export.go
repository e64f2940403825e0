package stats

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"
)

// The CSV files are UTF-8 with a byte-order mark, so that Excel reads the
// Chinese text as UTF-8, and end their lines with CRLF as RFC 4180 says
// (Excel and scripts read both; CRLF is the format's own).
const bom = "\uFEFF"

// textCell defuses a cell that a spreadsheet would run as a formula
// (OWASP "CSV injection"): one starting with =, +, -, @, tab or CR gets a
// leading single quote. Only text from users goes through it; numbers are
// written by formatResult and are never negative in a valid site.
func textCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func numberCell(v float64, ok bool) string {
	if !ok {
		return ""
	}
	return formatResult(v)
}

func newCSV(w io.Writer) (*csv.Writer, error) {
	if _, err := io.WriteString(w, bom); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return cw, nil
}

// WriteStatsCSV writes /stats.csv: the header
// facet,group,metric,aggregate,result,reported,stories, then for the overall
// group (facet "all", group "") and each facet's groups in order, one row per
// metric. result is empty when no story reported the metric.
func WriteStatsCSV(w io.Writer, s *Stats) error {
	cw, err := newCSV(w)
	if err != nil {
		return err
	}
	cw.Write([]string{"facet", "group", "metric", "aggregate", "result", "reported", "stories"})
	rows := func(g *Group) {
		for _, a := range g.Aggs {
			cw.Write([]string{
				textCell(g.Facet), textCell(g.Value), textCell(a.Metric), a.Aggregate,
				numberCell(a.Result, a.OK()), strconv.Itoa(a.Reported), strconv.Itoa(a.Stories),
			})
		}
	}
	rows(&s.Overall)
	for _, f := range s.Facets {
		for _, g := range f.Groups {
			rows(g)
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteStoriesCSV writes /stories.csv: the header
// slug,title,year,neighborhood,award,track and one column per metric key of
// s.Metrics, then one row per item in input order. A metric cell is empty
// where the story does not report it, the year cell where the year is unknown.
func WriteStoriesCSV(w io.Writer, s *Stats, items []Item) error {
	cw, err := newCSV(w)
	if err != nil {
		return err
	}
	head := []string{"slug", "title", "year", "neighborhood", "award", "track"}
	for _, m := range s.Metrics {
		head = append(head, textCell(m.Key))
	}
	cw.Write(head)
	for _, it := range items {
		year := ""
		if it.Year != 0 {
			year = strconv.Itoa(it.Year)
		}
		row := []string{textCell(it.Slug), textCell(it.Title), year, textCell(it.Neighborhood), textCell(it.Award), textCell(it.Track)}
		for _, m := range s.Metrics {
			v, ok := it.Metrics[m.Key]
			row = append(row, numberCell(v, ok))
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// The JSON shapes, in the order their keys are written.
type (
	jsonStats struct {
		Metrics []jsonMetric `json:"metrics"`
		Overall jsonGroup    `json:"overall"`
		Facets  []jsonFacet  `json:"facets"`
		Stories []jsonStory  `json:"stories"`
	}
	jsonMetric struct {
		Key       string `json:"key"`
		Label     string `json:"label"`
		Unit      string `json:"unit"`
		Aggregate string `json:"aggregate"`
	}
	jsonFacet struct {
		Key    string      `json:"key"`
		Groups []jsonGroup `json:"groups"`
	}
	jsonGroup struct {
		Value      string    `json:"value"`
		URLName    string    `json:"url_name"`
		Stories    int       `json:"stories"`
		Slugs      []string  `json:"slugs"`
		Aggregates []jsonAgg `json:"aggregates"`
	}
	jsonAgg struct {
		Metric    string       `json:"metric"`
		Aggregate string       `json:"aggregate"`
		Result    *json.Number `json:"result"` // null when not reported
		Reported  int          `json:"reported"`
		Stories   int          `json:"stories"`
	}
	jsonStory struct {
		Slug         string                 `json:"slug"`
		Title        string                 `json:"title"`
		Year         *int                   `json:"year"` // null when unknown
		Neighborhood string                 `json:"neighborhood"`
		Award        string                 `json:"award"`
		Track        string                 `json:"track"`
		Tags         []string               `json:"tags"`
		Metrics      map[string]json.Number `json:"metrics"` // reported metrics only; keys sorted
	}
)

// WriteJSON writes /stats.json:
//
//	{"metrics": [{"key", "label", "unit", "aggregate"}],
//	 "overall": GROUP,
//	 "facets": [{"key", "groups": [GROUP]}],
//	 "stories": [{"slug", "title", "year", "neighborhood", "award", "track", "tags", "metrics": {KEY: NUMBER}}]}
//
// where GROUP is {"value", "url_name", "stories", "slugs", "aggregates":
// [{"metric", "aggregate", "result", "reported", "stories"}]}. result is
// null when not reported; numbers are written exactly as in the CSV files.
// Keys come in this fixed order (story metrics sorted by key).
func WriteJSON(w io.Writer, s *Stats, items []Item) error {
	group := func(g *Group) jsonGroup {
		jg := jsonGroup{Value: g.Value, URLName: g.URLName, Stories: len(g.Items), Slugs: make([]string, len(g.Items)), Aggregates: make([]jsonAgg, len(g.Aggs))}
		for i, idx := range g.Items {
			jg.Slugs[i] = items[idx].Slug
		}
		for i, a := range g.Aggs {
			ja := jsonAgg{Metric: a.Metric, Aggregate: a.Aggregate, Reported: a.Reported, Stories: a.Stories}
			if a.OK() {
				n := json.Number(formatResult(a.Result))
				ja.Result = &n
			}
			jg.Aggregates[i] = ja
		}
		return jg
	}
	out := jsonStats{
		Metrics: make([]jsonMetric, len(s.Metrics)),
		Overall: group(&s.Overall),
		Facets:  make([]jsonFacet, len(s.Facets)),
		Stories: make([]jsonStory, len(items)),
	}
	for i, m := range s.Metrics {
		out.Metrics[i] = jsonMetric{Key: m.Key, Label: m.Label, Unit: m.Unit, Aggregate: m.Aggregate}
	}
	for i, f := range s.Facets {
		jf := jsonFacet{Key: f.Key, Groups: make([]jsonGroup, len(f.Groups))}
		for j, g := range f.Groups {
			jf.Groups[j] = group(g)
		}
		out.Facets[i] = jf
	}
	for i, it := range items {
		js := jsonStory{Slug: it.Slug, Title: it.Title, Neighborhood: it.Neighborhood, Award: it.Award, Track: it.Track, Tags: it.Tags, Metrics: map[string]json.Number{}}
		if js.Tags == nil {
			js.Tags = []string{}
		}
		if it.Year != 0 {
			js.Year = &it.Year
		}
		for _, m := range s.Metrics {
			if v, ok := it.Metrics[m.Key]; ok {
				js.Metrics[m.Key] = json.Number(formatResult(v))
			}
		}
		out.Stories[i] = js
	}
	// HTML stays escaped (\u003c): a file a browser might sniff as HTML
	// must not carry a story's markup live.
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
