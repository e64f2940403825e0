package stats

import (
	"bytes"
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
	rows, err := storyRows(s, items)
	if err != nil {
		return err
	}
	return WriteStoriesCSVRows(w, s, rows)
}

// WriteStoriesCSVRows writes /stories.csv as WriteStoriesCSV does, with
// the stories' lines from rows (made by a RowMaker for s).
func WriteStoriesCSVRows(w io.Writer, s *Stats, rows []StoryRow) error {
	cw, err := newCSV(w)
	if err != nil {
		return err
	}
	head := []string{"slug", "title", "year", "neighborhood", "award", "track"}
	for _, m := range s.Metrics {
		head = append(head, textCell(m.Key))
	}
	cw.Write(head)
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	for _, r := range rows {
		if _, err := w.Write(r.CSV); err != nil {
			return err
		}
	}
	return nil
}

// A StoryRow is one story's part of the exports: its object in
// stats.json's "stories" (compact JSON) and its line in stories.csv.
// It depends on the story and on its Stats' Metrics only, so a caller
// may keep rows between builds and make again only those of changed
// stories.
type StoryRow struct {
	JSON, CSV []byte
}

// A RowMaker makes the StoryRows of one Stats' stories. It is not safe
// for concurrent use.
type RowMaker struct {
	s   *Stats
	buf bytes.Buffer
	cw  *csv.Writer
	row []string
}

// NewRowMaker returns a RowMaker for stories under s.
func NewRowMaker(s *Stats) *RowMaker {
	m := &RowMaker{s: s}
	m.cw = csv.NewWriter(&m.buf)
	m.cw.UseCRLF = true
	return m
}

// Row makes it's row.
func (m *RowMaker) Row(it Item) (StoryRow, error) {
	year := ""
	if it.Year != 0 {
		year = strconv.Itoa(it.Year)
	}
	m.row = append(m.row[:0], textCell(it.Slug), textCell(it.Title), year, textCell(it.Neighborhood), textCell(it.Award), textCell(it.Track))
	for _, k := range m.s.Metrics {
		v, ok := it.Metrics[k.Key]
		m.row = append(m.row, numberCell(v, ok))
	}
	m.buf.Reset()
	m.cw.Write(m.row)
	m.cw.Flush()
	if err := m.cw.Error(); err != nil {
		return StoryRow{}, err
	}
	js := jsonStory{Slug: it.Slug, Title: it.Title, Neighborhood: it.Neighborhood, Award: it.Award, Track: it.Track, Tags: it.Tags, Metrics: map[string]json.Number{}}
	if js.Tags == nil {
		js.Tags = []string{}
	}
	if it.Year != 0 {
		js.Year = &it.Year
	}
	for _, k := range m.s.Metrics {
		if v, ok := it.Metrics[k.Key]; ok {
			js.Metrics[k.Key] = json.Number(formatResult(v))
		}
	}
	// HTML stays escaped (\u003c), as json.Marshal does: a file a browser
	// might sniff as HTML must not carry a story's markup live.
	data, err := json.Marshal(js)
	if err != nil {
		return StoryRow{}, err
	}
	return StoryRow{JSON: data, CSV: bytes.Clone(m.buf.Bytes())}, nil
}

func storyRows(s *Stats, items []Item) ([]StoryRow, error) {
	m := NewRowMaker(s)
	rows := make([]StoryRow, len(items))
	for i, it := range items {
		var err error
		if rows[i], err = m.Row(it); err != nil {
			return nil, err
		}
	}
	return rows, nil
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
// Keys come in this fixed order (story metrics sorted by key). The text is
// indented by two spaces, as json.Indent does, and ends with a newline;
// WriteCompactJSON writes the same value without the white space.
func WriteJSON(w io.Writer, s *Stats, items []Item) error {
	slugs := make([]string, len(items))
	for i, it := range items {
		slugs[i] = it.Slug
	}
	head, err := JSONHead(s, slugs)
	if err != nil {
		return err
	}
	rows, err := storyRows(s, items)
	if err != nil {
		return err
	}
	return WriteJSONRows(w, head, rows)
}

// WriteJSONRows writes /stats.json as WriteJSON does, from head (made by
// JSONHead) and the stories' rows.
func WriteJSONRows(w io.Writer, head []byte, rows []StoryRow) error {
	var compact bytes.Buffer
	if err := WriteCompactJSON(&compact, head, rows); err != nil {
		return err
	}
	compact.WriteByte('\n')
	var out bytes.Buffer
	out.Grow(compact.Len() * 2)
	if err := json.Indent(&out, compact.Bytes(), "", "  "); err != nil {
		return err
	}
	_, err := out.WriteTo(w)
	return err
}

// JSONHead returns the compact text of /stats.json before its stories'
// objects: everything in it made from s, and slugs, those of s's items
// (a group lists its stories' slugs).
func JSONHead(s *Stats, slugs []string) ([]byte, error) {
	group := func(g *Group) jsonGroup {
		jg := jsonGroup{Value: g.Value, URLName: g.URLName, Stories: len(g.Items), Slugs: make([]string, len(g.Items)), Aggregates: make([]jsonAgg, len(g.Aggs))}
		for i, idx := range g.Items {
			jg.Slugs[i] = slugs[idx]
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
		Stories: []jsonStory{},
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
	data, err := json.Marshal(out)
	if err != nil {
		return nil, err
	}
	// The stories come last: cut the value before their (empty) list's end.
	return bytes.TrimSuffix(data, []byte("]}")), nil
}

// WriteCompactJSON writes /stats.json without white space: head (from
// JSONHead), then the stories' objects from rows.
func WriteCompactJSON(w io.Writer, head []byte, rows []StoryRow) error {
	_, err := w.Write(CompactJSON(head, rows))
	return err
}

// CompactJSON returns what WriteCompactJSON writes, in a slice of its
// own: a large site's stats.json is tens of megabytes, which a caller
// that keeps the file need not copy.
func CompactJSON(head []byte, rows []StoryRow) []byte {
	n := len(head) + len(rows) + 2
	for _, r := range rows {
		n += len(r.JSON)
	}
	out := make([]byte, 0, n)
	out = append(out, head...)
	for i, r := range rows {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, r.JSON...)
	}
	return append(out, "]}"...)
}

// WriteChartCSV writes the numbers behind one chart of /stats/ (see
// Charts) as /stats/ID.csv, in the manner of Our World in Data: for a
// metric's chart the rows of stats.csv for that facet and metric (header
// facet,group,metric,aggregate,result,reported,stories), for the number
// of stories the header facet,group,stories. Every group of the facet is
// there, in the facet's order, also those the chart leaves out to stay
// short and those without a figure (result empty).
func WriteChartCSV(w io.Writer, s *Stats, c Chart) error {
	f := s.Facet(c.Facet)
	if f == nil {
		return nil
	}
	cw, err := newCSV(w)
	if err != nil {
		return err
	}
	if c.Count() {
		cw.Write([]string{"facet", "group", "stories"})
		for _, g := range f.Groups {
			cw.Write([]string{textCell(g.Facet), textCell(g.Value), strconv.Itoa(len(g.Items))})
		}
	} else {
		cw.Write([]string{"facet", "group", "metric", "aggregate", "result", "reported", "stories"})
		for _, g := range f.Groups {
			a, ok := g.Agg(c.Metric.Key)
			if !ok {
				continue
			}
			cw.Write([]string{
				textCell(g.Facet), textCell(g.Value), textCell(a.Metric), a.Aggregate,
				numberCell(a.Result, a.OK()), strconv.Itoa(a.Reported), strconv.Itoa(a.Stories),
			})
		}
	}
	cw.Flush()
	return cw.Error()
}
