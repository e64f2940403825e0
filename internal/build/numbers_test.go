package build

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/publisher"
	"github.com/jiangninglu/showcase/internal/stats"
)

// figure is one aggregate as every output must show it.
type figure struct {
	result            string // "" when not reported
	reported, stories int
}

// want is the hand-computed truth for testdata/numbers.txtar, keyed by
// facet/group/metric.
var want = map[string]figure{
	"all//participants":      {"157.25", 4, 5},
	"all//funding":           {"3000.5", 2, 5},
	"all//days":              {"45", 2, 5},
	"all//share":             {"58.35", 2, 5},
	"year/2020/participants": {"150", 2, 2},
	"year/2020/funding":      {"1000.5", 1, 2},
	"year/2020/days":         {"45", 2, 2},
	"year/2020/share":        {"58.35", 2, 2},
	"year/2021/participants": {"0", 1, 2},
	"year/2021/funding":      {"2000", 1, 2},
	"year/2021/days":         {"", 0, 2},
	"year/2021/share":        {"", 0, 2},
	"neighborhood/北京居民区/participants":  {"150", 2, 2},
	"neighborhood/北京居民区/funding":       {"1000.5", 1, 2},
	"neighborhood/北京居民区/days":          {"45", 2, 2},
	"neighborhood/北京居民区/share":         {"58.35", 2, 2},
	"neighborhood/海防村居民区/participants": {"0", 1, 2},
	"neighborhood/海防村居民区/funding":      {"2000", 1, 2},
	"neighborhood/海防村居民区/days":         {"", 0, 2},
	"neighborhood/海防村居民区/share":        {"", 0, 2},
	"neighborhood/联宝里居民区/participants": {"7.25", 1, 1},
	"neighborhood/联宝里居民区/funding":      {"", 0, 1},
	"neighborhood/联宝里居民区/days":         {"", 0, 1},
	"neighborhood/联宝里居民区/share":        {"", 0, 1},
	"award/优秀奖/participants":           {"120", 2, 2},
	"award/优秀奖/funding":                {"3000.5", 2, 2},
	"award/优秀奖/days":                   {"30", 1, 2},
	"award/优秀奖/share":                  {"50", 1, 2},
	"award/参与奖/participants":           {"30", 1, 1},
	"award/参与奖/funding":                {"", 0, 1},
	"award/参与奖/days":                   {"45", 1, 1},
	"award/参与奖/share":                  {"66.7", 1, 1},
	"track/疫后修复/participants":          {"120", 1, 1},
	"track/疫后修复/funding":               {"1000.5", 1, 1},
	"track/疫后修复/days":                  {"30", 1, 1},
	"track/疫后修复/share":                 {"50", 1, 1},
	"tags/花园/participants":             {"150", 2, 2},
	"tags/花园/funding":                  {"1000.5", 1, 2},
	"tags/花园/days":                     {"45", 2, 2},
	"tags/花园/share":                    {"58.35", 2, 2},
	"tags/老人/participants":             {"120", 2, 2},
	"tags/老人/funding":                  {"3000.5", 2, 2},
	"tags/老人/days":                     {"30", 1, 2},
	"tags/老人/share":                    {"50", 1, 2},
}

func buildTxtar(t *testing.T, name string) *publisher.MemWriter {
	t.Helper()
	return buildTxtarWith(t, name, Options{NoMinify: true})
}

// buildTxtarWith builds the site in a txtar archive with opts (Source set
// here) into memory.
func buildTxtarWith(t *testing.T, name string, opts Options) *publisher.MemWriter {
	t.Helper()
	ar, err := txtar.ParseFile(name)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		p := filepath.Join(dir, f.Name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w := publisher.NewMemWriter()
	opts.Source = dir
	if _, err := Build(context.Background(), opts, w); err != nil {
		t.Fatal(err)
	}
	return w
}

func compare(t *testing.T, where string, got map[string]figure) {
	t.Helper()
	keys := make([]string, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		g, ok := got[k]
		if !ok {
			t.Errorf("%s: no figure for %s", where, k)
			continue
		}
		if g != want[k] {
			t.Errorf("%s: %s = %+v, want %+v", where, k, g, want[k])
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: unexpected figure %s = %+v", where, k, got[k])
		}
	}
}

// TestNumbersAgree: stats.csv, stats.json, stories.csv, /stats/, the facet
// pages and the report show the same figures, and they are right.
func TestNumbersAgree(t *testing.T) {
	w := buildTxtar(t, "testdata/numbers.txtar")

	// stats.csv, byte-order mark first.
	data := w.Files["stats.csv"]
	if !bytes.HasPrefix(data, []byte("\ufeff")) {
		t.Error("stats.csv has no byte-order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "facet,group,metric,aggregate,result,reported,stories" {
		t.Errorf("stats.csv header = %v", rows[0])
	}
	fromCSV := map[string]figure{}
	for _, r := range rows[1:] {
		var f figure
		f.result = r[4]
		fmt.Sscan(r[5], &f.reported)
		fmt.Sscan(r[6], &f.stories)
		fromCSV[r[0]+"/"+r[1]+"/"+r[2]] = f
	}
	compare(t, "stats.csv", fromCSV)

	// stats.json.
	var js struct {
		Overall jsonGroup `json:"overall"`
		Facets  []struct {
			Key    string      `json:"key"`
			Groups []jsonGroup `json:"groups"`
		} `json:"facets"`
	}
	if err := json.Unmarshal(w.Files["stats.json"], &js); err != nil {
		t.Fatal(err)
	}
	fromJSON := map[string]figure{}
	js.Overall.add(fromJSON, "all")
	for _, f := range js.Facets {
		for _, g := range f.Groups {
			g.add(fromJSON, f.Key)
		}
	}
	compare(t, "stats.json", fromJSON)

	// stories.csv: one row per story, empty where not reported.
	data = w.Files["stories.csv"]
	rows, err = csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, r := range rows {
		lines = append(lines, strings.Join(r, ","))
	}
	wantStories := `slug,title,year,neighborhood,award,track,participants,funding,days,share
d,D,2021,海防村居民区,,,,,,
c,C,2021,海防村居民区,优秀奖,,0,2000,,
b,B,2020,北京居民区,参与奖,,30,,45,66.7
a,A,2020,北京居民区,优秀奖,疫后修复,120,1000.5,30,50
e,E,,联宝里居民区,,,7.25,,,`
	if got := strings.Join(lines, "\n"); got != wantStories {
		t.Errorf("stories.csv:\n%s\nwant\n%s", got, wantStories)
	}

	// /stats/: the overall figures, then each facet's full table.
	labels := map[string]string{"参与人次": "participants", "资金": "funding", "天数": "days", "占比": "share"}
	page := string(w.Files["stats/index.html"])
	fromStats := map[string]figure{}
	for _, m := range figureRe.FindAllStringSubmatch(page, -1) {
		var f figure
		f.result = number(m[4])
		if m[3] != "" {
			f.result = number(m[3])
		}
		fmt.Sscan(m[2], &f.stories)
		fmt.Sscan(m[1], &f.reported)
		fromStats["all//"+labels[m[5]]] = f
	}
	for _, tbl := range fullTableRe.FindAllStringSubmatch(page, -1) {
		facet := tbl[1]
		var keys []string
		for _, k := range metricColRe.FindAllStringSubmatch(tbl[2], -1) {
			keys = append(keys, k[1])
		}
		for _, r := range fullRowRe.FindAllStringSubmatch(tbl[3], -1) {
			group := content.URLName(text(r[1]))
			cells := fullCellRe.FindAllStringSubmatch(r[2], -1)
			if len(cells) != len(keys) {
				t.Fatalf("/stats/ %s table, row %s: %d cells for %d metrics", facet, group, len(cells), len(keys))
			}
			for i, c := range cells {
				var f figure
				f.result = number(covRe.ReplaceAllString(c[3], ""))
				fmt.Sscan(c[2], &f.stories)
				fmt.Sscan(c[1], &f.reported)
				fromStats[facet+"/"+group+"/"+keys[i]] = f
			}
		}
	}
	// A metric no story gives is named, not drawn as a row of "not
	// reported": fill those in from want, so the comparison is about the
	// figures shown.
	for k, v := range want {
		if _, ok := fromStats[k]; !ok && v.reported == 0 {
			fromStats[k] = v
		}
	}
	compare(t, "/stats/", fromStats)

	// Facet pages: each group's metric table.
	fromFacets := map[string]figure{}
	for name, body := range w.Files {
		for facet, dir := range map[string]string{"year": "years", "neighborhood": "neighborhoods", "award": "awards", "track": "tracks", "tags": "tags"} {
			rest, ok := strings.CutPrefix(name, dir+"/")
			if !ok || !strings.HasSuffix(rest, "/index.html") {
				continue
			}
			group := strings.TrimSuffix(rest, "/index.html")
			for _, r := range aggRows(string(body)) {
				fromFacets[facet+"/"+group+"/"+labels[r.label]] = r.figure
			}
		}
	}
	for k, v := range want {
		if _, ok := fromFacets[k]; strings.HasPrefix(k, "all/") || (!ok && v.reported == 0) {
			fromFacets[k] = v
		}
	}
	compare(t, "facet pages", fromFacets)

	// The report: the organiser's figure as reported, and the year's own
	// computed figures equal to the year's facet group.
	report := string(w.Files["reports/2020/index.html"])
	if !strings.Contains(report, `<span class="num">15,600</span> <span class="unit">人次</span>`) {
		t.Error("report lacks the reported 15,600")
	}
	i := strings.Index(report, `id="computed-title"`)
	if i < 0 {
		t.Fatal("report has no computed section")
	}
	for _, r := range aggRows(report[i:]) {
		k := "year/2020/" + labels[r.label]
		if r.figure != want[k] {
			t.Errorf("report computed %s = %+v, want %+v", k, r.figure, want[k])
		}
	}
}

type jsonGroup struct {
	Value      string `json:"value"`
	Aggregates []struct {
		Metric   string   `json:"metric"`
		Result   *float64 `json:"result"`
		Reported int      `json:"reported"`
		Stories  int      `json:"stories"`
	} `json:"aggregates"`
}

func (g jsonGroup) add(m map[string]figure, facet string) {
	for _, a := range g.Aggregates {
		f := figure{reported: a.Reported, stories: a.Stories}
		if a.Result != nil {
			f.result = stats.FormatNumber(*a.Result)
			f.result = strings.ReplaceAll(f.result, ",", "")
		}
		m[facet+"/"+g.Value+"/"+a.Metric] = f
	}
}

type row struct {
	label string
	figure
}

var (
	tagRe = regexp.MustCompile(`<[^>]+>`)
	// A row of a group's metric table: its coverage in data attributes
	// (said in words only where incomplete).
	aggRowRe = regexp.MustCompile(`(?s)<tr data-reported="(\d+)" data-stories="(\d+)">\s*<th scope="row">(.*?)</th>\s*<td class="n">(.*?)</td>`)
	// A figure card: its coverage in data attributes (said in words only
	// where incomplete), and its exact figure in the title where the card
	// shows it in 万元.
	figureRe    = regexp.MustCompile(`(?s)<li data-reported="(\d+)" data-stories="(\d+)"><span class="figure"(?: title="[^"0-9]*([0-9,.]+)[^"]*")?><span class="num">([^<]*)</span>(?:<span class="unit">[^<]*</span>)?</span>\s*<span class="label">([^<]*)</span>`)
	fullTableRe = regexp.MustCompile(`(?s)<table class="numbers full" id="table-([a-z]+)">(.*?)</thead>(.*?)</table>`)
	metricColRe = regexp.MustCompile(`data-metric="([a-z]+)"`)
	fullRowRe   = regexp.MustCompile(`(?s)<tr>\s*<th scope="row">(.*?)</th>\s*<td class="n">\d+</td>(.*?)</tr>`)
	covRe       = regexp.MustCompile(`<span class="cov">.*?</span>`)
	fullCellRe  = regexp.MustCompile(`(?s)<td class="n" data-reported="(\d+)" data-stories="(\d+)">(.*?)</td>`)
)

func text(s string) string { return strings.TrimSpace(tagRe.ReplaceAllString(s, "")) }

// number turns a shown value ("1,000.5 元", "未报告") into the export form.
func number(s string) string {
	s = text(s)
	if s == "未报告" {
		return ""
	}
	s, _, _ = strings.Cut(s, " ")
	return strings.ReplaceAll(s, ",", "")
}

// aggRows reads a partials/aggs.html table: label · aggregate | value | r/s.
func aggRows(html string) []row {
	var out []row
	for _, m := range aggRowRe.FindAllStringSubmatch(html, -1) {
		label, _, _ := strings.Cut(text(m[3]), " ")
		var r row
		r.label = label
		r.result = number(m[4])
		fmt.Sscan(m[2], &r.stories)
		fmt.Sscan(m[1], &r.reported)
		out = append(out, r)
	}
	return out
}

// TestMinifiedJSONKeepsNumbers: minified stats.json writes numbers as they
// are (2000, not the minifier's 2e3): readers decode them into integers.
func TestMinifiedJSONKeepsNumbers(t *testing.T) {
	w := buildTxtarWith(t, "testdata/numbers.txtar", Options{})
	data := w.Files["stats.json"]
	if !bytes.Contains(data, []byte(`"result":2000`)) {
		t.Errorf("stats.json has no result 2000:\n%.400s", data)
	}
	if m := regexp.MustCompile(`[:\[,]-?[0-9.]+[eE]`).Find(data); m != nil {
		t.Errorf("stats.json writes a number with an exponent: %s", m)
	}
}

// TestCompactJSON: the stats.json a minifying build writes compact is, byte
// for byte, what the JSON minifier makes of the indented stats.json an
// unminified build writes (the minifier is no longer run over it).
func TestCompactJSON(t *testing.T) {
	m := newMinifier(true)
	for _, name := range []string{"testdata/numbers.txtar", "testdata/en.txtar", "testdata/charts.txtar"} {
		t.Run(name, func(t *testing.T) {
			indented := buildTxtar(t, name).Files["stats.json"]
			want, err := m.bytes("application/json", indented)
			if err != nil {
				t.Fatal(err)
			}
			got := buildTxtarWith(t, name, Options{}).Files["stats.json"]
			if !bytes.Equal(got, want) {
				t.Errorf("compact stats.json differs from the minified one\n%s", firstDiff(string(got), string(want)))
			}
		})
	}
	t.Run("hostile", func(t *testing.T) {
		dir := writeSite(t, hostile)
		files := map[bool][]byte{}
		for _, minify := range []bool{false, true} {
			w := publisher.NewMemWriter()
			if _, err := Build(context.Background(), Options{Source: dir, NoMinify: !minify}, w); err != nil {
				t.Fatal(err)
			}
			files[minify] = w.Files["stats.json"]
		}
		want, err := m.bytes("application/json", files[false])
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(files[true], want) {
			t.Errorf("compact stats.json differs from the minified one\n%s", firstDiff(string(files[true]), string(want)))
		}
		if !bytes.Contains(want, []byte(`\u003cscript\u003e`)) {
			t.Errorf("stats.json does not escape the title's markup:\n%.300s", want)
		}
	})
}
