package stats

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/jiangninglu/showcase/internal/config"
)

// crlf joins lines as the CSV files end them, after the byte-order mark.
func crlf(lines ...string) string {
	return "\uFEFF" + strings.Join(lines, "\r\n") + "\r\n"
}

func TestWriteStatsCSV(t *testing.T) {
	s := mustCompute(t, fixtureConfig(), fixture())
	var b bytes.Buffer
	if err := WriteStatsCSV(&b, s); err != nil {
		t.Fatal(err)
	}
	want := crlf(
		"facet,group,metric,aggregate,result,reported,stories",
		"all,,participants,sum,1615,4,5",
		"all,,funding,max,15600,3,5",
		"all,,satisfaction,avg,55.7333,3,5",
		"all,,households,min,12,3,5",
		"year,2021,participants,sum,1280,2,2",
		"year,2021,funding,max,5000.5,1,2",
		"year,2021,satisfaction,avg,0.5,1,2",
		"year,2021,households,min,12,1,2",
		"year,2020,participants,sum,320,1,1",
		"year,2020,funding,max,15600,1,1",
		"year,2020,satisfaction,avg,66.7,1,1",
		"year,2020,households,min,40,1,1",
		"year,2019,participants,sum,15,1,1",
		"year,2019,funding,max,,0,1",
		"year,2019,satisfaction,avg,,0,1",
		"year,2019,households,min,,0,1",
		"neighborhood,北京居民区,participants,sum,1520,2,2",
		"neighborhood,北京居民区,funding,max,15600,1,2",
		"neighborhood,北京居民区,satisfaction,avg,33.6,2,2",
		"neighborhood,北京居民区,households,min,12,2,2",
		"neighborhood,Old Town,participants,sum,15,1,1",
		"neighborhood,Old Town,funding,max,,0,1",
		"neighborhood,Old Town,satisfaction,avg,,0,1",
		"neighborhood,Old Town,households,min,,0,1",
		"neighborhood,安远路,participants,sum,80,1,1",
		"neighborhood,安远路,funding,max,5000.5,1,1",
		"neighborhood,安远路,satisfaction,avg,,0,1",
		"neighborhood,安远路,households,min,,0,1",
		"award,优秀奖,participants,sum,400,2,2",
		"award,优秀奖,funding,max,15600,2,2",
		"award,优秀奖,satisfaction,avg,66.7,1,2",
		"award,优秀奖,households,min,40,1,2",
		"award,参与奖,participants,sum,1215,2,2",
		"award,参与奖,funding,max,,0,2",
		"award,参与奖,satisfaction,avg,0.5,1,2",
		"award,参与奖,households,min,12,1,2",
		"track,疫后修复,participants,sum,400,2,2",
		"track,疫后修复,funding,max,15600,2,2",
		"track,疫后修复,satisfaction,avg,66.7,1,2",
		"track,疫后修复,households,min,40,1,2",
		"track,适老化,participants,sum,1200,1,2",
		"track,适老化,funding,max,0,1,2",
		"track,适老化,satisfaction,avg,50.25,2,2",
		"track,适老化,households,min,12,2,2",
		"tags,儿童,participants,sum,320,1,2",
		"tags,儿童,funding,max,15600,2,2",
		"tags,儿童,satisfaction,avg,83.35,2,2",
		"tags,儿童,households,min,25,2,2",
		"tags,花园,participants,sum,400,2,2",
		"tags,花园,funding,max,15600,2,2",
		"tags,花园,satisfaction,avg,66.7,1,2",
		"tags,花园,households,min,40,1,2",
		"tags,'@home,participants,sum,15,1,1", // formula-escaped
		"tags,'@home,funding,max,,0,1",
		"tags,'@home,satisfaction,avg,,0,1",
		"tags,'@home,households,min,,0,1",
		"tags,楼道,participants,sum,1200,1,1",
		"tags,楼道,funding,max,,0,1",
		"tags,楼道,satisfaction,avg,0.5,1,1",
		"tags,楼道,households,min,12,1,1",
	)
	if got := b.String(); got != want {
		t.Errorf("stats.csv:\n%s", diffLines(got, want))
	}
}

func TestWriteStoriesCSV(t *testing.T) {
	items := fixture()
	s := mustCompute(t, fixtureConfig(), items)
	var b bytes.Buffer
	if err := WriteStoriesCSV(&b, s, items); err != nil {
		t.Fatal(err)
	}
	want := crlf(
		"slug,title,year,neighborhood,award,track,participants,funding,satisfaction,households",
		"lvdi,旧城新绿,2020,北京居民区,优秀奖,疫后修复,320,15600,66.7,40",
		"loudao,楼道微更新,2021,北京居民区,参与奖,适老化,1200,,0.5,12",
		`formula,"'=HYPERLINK(""http://x"",""y"")",2021,安远路,优秀奖,疫后修复,80,5000.5,,`,
		"nianfen,无年份的故事,,,,适老化,,0,100,25",
		"oldtown,Old Town,2019,Old Town,参与奖,,15,,,",
	)
	if got := b.String(); got != want {
		t.Errorf("stories.csv:\n%s", diffLines(got, want))
	}

	// Read back as a spreadsheet would: the formula is text, not a formula.
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[3][1]; got != `'=HYPERLINK("http://x","y")` {
		t.Errorf("title cell %q", got)
	}
}

func TestTextCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{`=HYPERLINK("http://x","y")`, `'=HYPERLINK("http://x","y")`},
		{"+1", "'+1"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tcmd", "'\tcmd"},
		{"\rcmd", "'\rcmd"},
		{"a=b", "a=b"},
		{"北京居民区", "北京居民区"},
		{"'quoted", "'quoted"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := textCell(tt.in); got != tt.want {
			t.Errorf("textCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWriteCSVInjection(t *testing.T) {
	// Every text column of both files is defused.
	items := []Item{{Slug: "s", Title: "+t", Year: 2020, Neighborhood: "-n", Award: "@a", Track: "=t", Tags: []string{"\tx"},
		Metrics: map[string]float64{"m": 1}}}
	s := mustCompute(t, nil, items)
	var b bytes.Buffer
	if err := WriteStoriesCSV(&b, s, items); err != nil {
		t.Fatal(err)
	}
	if want := crlf("slug,title,year,neighborhood,award,track,m", "s,'+t,2020,'-n,'@a,'=t,1"); b.String() != want {
		t.Errorf("stories.csv:\n%s", diffLines(b.String(), want))
	}
	b.Reset()
	if err := WriteStatsCSV(&b, s); err != nil {
		t.Fatal(err)
	}
	want := crlf(
		"facet,group,metric,aggregate,result,reported,stories",
		"all,,m,sum,1,1,1",
		"year,2020,m,sum,1,1,1",
		"neighborhood,'-n,m,sum,1,1,1",
		"award,'@a,m,sum,1,1,1",
		"track,'=t,m,sum,1,1,1",
		"tags,'\tx,m,sum,1,1,1",
	)
	if b.String() != want {
		t.Errorf("stats.csv:\n%s", diffLines(b.String(), want))
	}
}

func TestWriteJSONShape(t *testing.T) {
	// One story pins the key order, null results and number forms.
	items := []Item{{Slug: "a", Title: "<b>&", Neighborhood: "北京居民区", Metrics: map[string]float64{"funding": 15600, "rate": 1.0 / 3}}}
	cfg := config.Default()
	cfg.Facets = []string{"year", "neighborhood"}
	cfg.Metrics = []config.Metric{
		{Key: "funding", Label: "资金", Unit: "元", Aggregate: "sum"},
		{Key: "participants", Label: "参与人次", Aggregate: "sum"},
		{Key: "rate", Label: "rate", Aggregate: "avg"},
	}
	s := mustCompute(t, cfg, items)
	var b bytes.Buffer
	if err := WriteJSON(&b, s, items); err != nil {
		t.Fatal(err)
	}
	aggs := `[
        {
          "metric": "funding",
          "aggregate": "sum",
          "result": 15600,
          "reported": 1,
          "stories": 1
        },
        {
          "metric": "participants",
          "aggregate": "sum",
          "result": null,
          "reported": 0,
          "stories": 1
        },
        {
          "metric": "rate",
          "aggregate": "avg",
          "result": 0.3333,
          "reported": 1,
          "stories": 1
        }
      ]`
	want := `{
  "metrics": [
    {
      "key": "funding",
      "label": "资金",
      "unit": "元",
      "aggregate": "sum"
    },
    {
      "key": "participants",
      "label": "参与人次",
      "unit": "",
      "aggregate": "sum"
    },
    {
      "key": "rate",
      "label": "rate",
      "unit": "",
      "aggregate": "avg"
    }
  ],
  "overall": {
    "value": "",
    "url_name": "",
    "stories": 1,
    "slugs": [
      "a"
    ],
    "aggregates": ` + strings.ReplaceAll(aggs, "\n  ", "\n") + `
  },
  "facets": [
    {
      "key": "year",
      "groups": []
    },
    {
      "key": "neighborhood",
      "groups": [
        {
          "value": "北京居民区",
          "url_name": "北京居民区",
          "stories": 1,
          "slugs": [
            "a"
          ],
          "aggregates": ` + strings.ReplaceAll(aggs, "\n", "\n    ") + `
        }
      ]
    }
  ],
  "stories": [
    {
      "slug": "a",
      "title": "\u003cb\u003e\u0026",
      "year": null,
      "neighborhood": "北京居民区",
      "award": "",
      "track": "",
      "tags": [],
      "metrics": {
        "funding": 15600,
        "rate": 0.3333
      }
    }
  ]
}
`
	if got := b.String(); got != want {
		t.Errorf("stats.json:\n%s", diffLines(got, want))
	}
}

// TestExportsAgree reads stats.csv and stats.json back and checks that
// every figure of one is the same in the other, digit for digit, and
// that stories.csv agrees with the stories of stats.json.
func TestExportsAgree(t *testing.T) {
	items := fixture()
	s := mustCompute(t, fixtureConfig(), items)
	var statsCSV, storiesCSV, statsJSON bytes.Buffer
	if err := WriteStatsCSV(&statsCSV, s); err != nil {
		t.Fatal(err)
	}
	if err := WriteStoriesCSV(&storiesCSV, s, items); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&statsJSON, s, items); err != nil {
		t.Fatal(err)
	}

	type agg struct {
		Metric, Aggregate string
		Result            *json.Number
		Reported, Stories int
	}
	type group struct {
		Value      string
		Stories    int
		Slugs      []string
		Aggregates []agg
	}
	var doc struct {
		Metrics []struct{ Key, Aggregate string }
		Overall group
		Facets  []struct {
			Key    string
			Groups []group
		}
		Stories []struct {
			Slug    string
			Year    *int
			Metrics map[string]json.Number
		}
	}
	dec := json.NewDecoder(&statsJSON)
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}

	// Every JSON aggregate, as the CSV row it must equal.
	var fromJSON []string
	add := func(facet string, g group) {
		if len(g.Slugs) != g.Stories {
			t.Errorf("%s %q: %d slugs for %d stories", facet, g.Value, len(g.Slugs), g.Stories)
		}
		for _, a := range g.Aggregates {
			result := ""
			if a.Result != nil {
				result = a.Result.String()
			}
			if a.Stories != g.Stories {
				t.Errorf("%s %q %s: stories %d, group has %d", facet, g.Value, a.Metric, a.Stories, g.Stories)
			}
			fromJSON = append(fromJSON, strings.Join([]string{facet, textCell(g.Value), a.Metric, a.Aggregate, result,
				fmt.Sprint(a.Reported), fmt.Sprint(a.Stories)}, ","))
		}
	}
	add("all", doc.Overall)
	for _, f := range doc.Facets {
		for _, g := range f.Groups {
			add(f.Key, g)
		}
	}
	rows := readCSV(t, statsCSV.String())
	if len(rows)-1 != len(fromJSON) {
		t.Fatalf("stats.csv has %d rows, stats.json %d aggregates", len(rows)-1, len(fromJSON))
	}
	for i, r := range rows[1:] {
		if got := strings.Join(r, ","); got != fromJSON[i] {
			t.Errorf("row %d: csv %s, json %s", i+1, got, fromJSON[i])
		}
	}

	// stories.csv against the JSON stories.
	rows = readCSV(t, storiesCSV.String())
	if len(rows)-1 != len(doc.Stories) {
		t.Fatalf("stories.csv has %d rows, stats.json %d stories", len(rows)-1, len(doc.Stories))
	}
	for i, js := range doc.Stories {
		r := rows[i+1]
		year := ""
		if js.Year != nil {
			year = fmt.Sprint(*js.Year)
		}
		if r[0] != js.Slug || r[2] != year {
			t.Errorf("story %d: csv %s %s, json %s %s", i, r[0], r[2], js.Slug, year)
		}
		for j, m := range doc.Metrics {
			n, ok := js.Metrics[m.Key]
			if cell := r[6+j]; cell != string(n) || (cell != "") != ok {
				t.Errorf("story %s %s: csv %q, json %q", js.Slug, m.Key, cell, n)
			}
		}
	}
}

func readCSV(t *testing.T, s string) [][]string {
	t.Helper()
	if !strings.HasPrefix(s, "\uFEFF") {
		t.Fatalf("no byte-order mark")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(s, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if w.n <= 0 {
		return 0, errors.New("disk full")
	}
	w.n--
	return len(p), nil
}

func TestWriteErrors(t *testing.T) {
	items := fixture()
	s := mustCompute(t, fixtureConfig(), items)
	for _, n := range []int{0, 1} { // fail on the byte-order mark, then on the rows
		if err := WriteStatsCSV(&failWriter{n}, s); err == nil {
			t.Errorf("WriteStatsCSV: no error after %d writes", n)
		}
		if err := WriteStoriesCSV(&failWriter{n}, s, items); err == nil {
			t.Errorf("WriteStoriesCSV: no error after %d writes", n)
		}
	}
	if err := WriteJSON(&failWriter{0}, s, items); err == nil {
		t.Errorf("WriteJSON: no error")
	}
}

// diffLines shows the first line where got and want differ.
func diffLines(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got %q\nwant %q", i+1, gl, wl)
		}
	}
	return "(equal)"
}
