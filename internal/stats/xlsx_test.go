package stats

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/jiangninglu/showcase/internal/config"
)

// zhWords are the built-in theme's Chinese words the workbook uses.
func zhWords(key string, args ...any) string {
	w := map[string]string{
		"xlsxStories": "故事", "xlsxSlug": "网址名", "xlsxTitle": "标题", "xlsxDate": "日期", "xlsxProject": "项目名称",
		"xlsxStoriesCount": "故事数", "xlsxGave": "%s：给出此项的故事数", "year": "年度", "leads": "项目负责人",
		"facetNoun_year": "年度", "facetNoun_neighborhood": "居民区", "facetNoun_award": "奖项", "facetNoun_track": "类别", "facetNoun_tags": "标签",
		"facet_year": "年度", "facet_neighborhood": "居民区", "facet_award": "奖项", "facet_track": "类别", "facet_tags": "标签",
		"aggregate_sum": "合计", "aggregate_max": "最大值", "aggregate_min": "最小值", "aggregate_avg": "平均值",
		"withUnit": "%s（%s）", "overall": "全部故事", "listSep": "、", "reportedTotals": "主办方公布的数字",
	}[key]
	if w == "" {
		return key
	}
	return fmt.Sprintf(w, args...)
}

func writeXLSX(t *testing.T, s *Stats, items []Item) []byte {
	t.Helper()
	programme := []config.Metric{{Key: "micro_projects", Label: "实施微项目", Unit: "个", Scope: config.ScopeProgramme}}
	reports := []Reported{{Year: 2020, Figures: map[string]float64{"micro_projects": 113}}}
	var b bytes.Buffer
	if err := WriteXLSX(&b, Workbook{s, items, programme, reports}, zhWords); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestWriteXLSX reads stats.xlsx back and checks it against stats.csv and
// the stories: the same groups, figures and counts, numbers as numbers,
// frozen headers, Chinese headers with units; and the same bytes twice.
func TestWriteXLSX(t *testing.T) {
	items := fixture()
	items[0].Date = time.Date(2021, 1, 18, 0, 0, 0, 0, time.UTC)
	items[0].Leads = []string{"夏敏", "李俊"}
	items[0].Project = "绿地认养"
	s := mustCompute(t, fixtureConfig(), items)
	data := writeXLSX(t, s, items)
	if again := writeXLSX(t, s, items); !bytes.Equal(data, again) {
		t.Error("two writes differ: the workbook is not reproducible")
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := strings.Join(f.GetSheetList(), ","), "故事,年度,居民区,奖项,类别,标签,主办方公布的数字"; got != want {
		t.Errorf("sheets %s, want %s", got, want)
	}
	raw := excelize.Options{RawCellValue: true}

	// The stories.
	rows, err := f.GetRows("故事", raw)
	if err != nil {
		t.Fatal(err)
	}
	wantHead := "网址名,标题,日期,年度,居民区,项目名称,项目负责人,类别,奖项,标签,参与人次（人次）,资金（元）,满意度（%）,户数"
	if got := strings.Join(rows[0], ","); got != wantHead {
		t.Errorf("stories header:\n%s\nwant\n%s", got, wantHead)
	}
	if len(rows) != len(items)+1 {
		t.Fatalf("%d story rows, want %d", len(rows)-1, len(items))
	}
	for i, it := range items {
		r := append(rows[i+1], make([]string, 14)...)
		if r[0] != it.Slug || r[1] != it.Title || r[6] != strings.Join(it.Leads, "、") {
			t.Errorf("row %d: %q", i+1, r[:10])
		}
		for j, m := range s.Metrics {
			v, ok := it.Metrics[m.Key]
			want := ""
			if ok {
				want = formatResult(v)
			}
			if got := r[10+j]; got != want {
				t.Errorf("%s %s: %q, want %q", it.Slug, m.Key, got, want)
			}
		}
	}
	if typ, _ := f.GetCellType("故事", "K2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("K2 is of type %v, not a number", typ)
	}
	if v, _ := f.GetCellValue("故事", "C2"); v != "01-18-21" && v != "2021/1/18" && !strings.Contains(v, "18") {
		t.Errorf("date cell reads %q", v)
	}
	for _, sh := range f.GetSheetList() {
		p, err := f.GetPanes(sh)
		if err != nil || !p.Freeze || p.YSplit != 1 {
			t.Errorf("%s: header row not frozen: %+v %v", sh, p, err)
		}
	}

	// Every facet sheet agrees with stats.csv.
	var statsCSV bytes.Buffer
	if err := WriteStatsCSV(&statsCSV, s); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(statsCSV.String(), bom))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{} // facet|group|metric -> result, reported
	for _, r := range recs[1:] {
		want[r[0]+"|"+r[1]+"|"+r[2]] = [2]string{r[4], r[5]}
	}
	names := map[string]string{"year": "年度", "neighborhood": "居民区", "award": "奖项", "track": "类别", "tags": "标签"}
	checked := 0
	for _, fc := range s.Facets {
		rows, err := f.GetRows(names[fc.Key], raw)
		if err != nil {
			t.Fatal(err)
		}
		if rows[0][2] != "参与人次（人次） · 合计" || rows[0][3] != "参与人次：给出此项的故事数" {
			t.Errorf("%s header: %q", fc.Key, rows[0])
		}
		for _, r := range rows[1:] {
			facet, group := fc.Key, r[0]
			if group == "全部故事" {
				facet, group = "all", ""
			}
			r = append(r, make([]string, 10)...)
			for j, m := range s.Metrics {
				w, ok := want[facet+"|"+textCell(group)+"|"+m.Key]
				if !ok {
					t.Errorf("%s %s: no such row in stats.csv", facet, group)
					continue
				}
				if got := [2]string{r[2+2*j], r[3+2*j]}; got != w {
					t.Errorf("%s %s %s: %q, stats.csv says %q", facet, group, m.Key, got, w)
				}
				checked++
			}
		}
	}
	if checked < 40 {
		t.Errorf("only %d figures checked", checked)
	}

	// The organiser's figures.
	rows, _ = f.GetRows("主办方公布的数字", raw)
	if got := fmt.Sprint(rows); got != "[[年度 实施微项目（个）] [2020 113]]" {
		t.Errorf("reported: %s", got)
	}
}

// TestWriteChartCSV: each chart's file holds stats.csv's rows for its
// facet and metric.
func TestWriteChartCSV(t *testing.T) {
	s := mustCompute(t, fixtureConfig(), fixture())
	var all bytes.Buffer
	WriteStatsCSV(&all, s)
	charts := Charts(s)
	if len(charts) == 0 {
		t.Fatal("no charts")
	}
	for _, c := range charts {
		var b bytes.Buffer
		if err := WriteChartCSV(&b, s, c); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(strings.TrimPrefix(b.String(), bom), "\r\n"), "\r\n")
		f := s.Facet(c.Facet)
		if len(lines) != len(f.Groups)+1 {
			t.Errorf("%s: %d lines for %d groups", c.ID, len(lines), len(f.Groups))
		}
		for _, l := range lines[1:] {
			if c.Count() {
				if !strings.HasPrefix(l, c.Facet+",") {
					t.Errorf("%s: %q", c.ID, l)
				}
				continue
			}
			if !strings.Contains(all.String(), "\r\n"+l+"\r\n") {
				t.Errorf("%s: %q is not a line of stats.csv", c.ID, l)
			}
		}
		if c.Count() {
			for i, g := range f.Groups {
				if want := strconv.Itoa(len(g.Items)); !strings.HasSuffix(lines[i+1], ","+want) {
					t.Errorf("%s: %q, want %s stories", c.ID, lines[i+1], want)
				}
			}
		}
	}
}

// TestXLSXOpensInLibreOffice: LibreOffice Calc, as an office would, opens
// stats.xlsx and reads the figures the Go reader reads.
func TestXLSXOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("LibreOffice (soffice) is needed: apt-get install libreoffice-calc-nogui")
		}
		t.Skip("no LibreOffice")
	}
	items := fixture()
	s := mustCompute(t, fixtureConfig(), items)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "stats.xlsx"), writeXLSX(t, s, items), 0o644); err != nil {
		t.Fatal(err)
	}
	// Every sheet to CSV (-1), UTF-8 (76), values as stored.
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", dir, filepath.Join(dir, "stats.xlsx"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	got, err := os.ReadFile(filepath.Join(dir, "stats-居民区.csv"))
	if err != nil {
		t.Fatal(err)
	}
	want := "居民区,故事数,参与人次（人次） · 合计,参与人次：给出此项的故事数,资金（元） · 最大值,资金：给出此项的故事数,满意度（%） · 平均值,满意度：给出此项的故事数,户数 · 最小值,户数：给出此项的故事数\n" +
		"全部故事,5,1615,4,15600,3,55.7333,3,12,3\n" +
		"北京居民区,2,1520,2,15600,1,33.6,2,12,2\n" +
		"Old Town,1,15,1,,0,,0,,0\n" +
		"安远路,1,80,1,5000.5,1,,0,,0\n"
	if string(got) != want {
		t.Errorf("LibreOffice reads the 居民区 sheet as\n%s\nwant\n%s", got, want)
	}
}

// BenchmarkWriteXLSX: stats.xlsx of n synthetic stories (six metrics,
// five facets): the cost a build pays when figures change.
func BenchmarkWriteXLSX(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			cfg := fixtureConfig()
			items := make([]Item, n)
			hoods := []string{"北京居民区", "海防村居民区", "联宝里居民区", "向容里居民区", "安远路居民区"}
			for i := range items {
				items[i] = Item{Slug: fmt.Sprintf("story-%05d", i), Title: fmt.Sprintf("第%d个微项目的故事", i), Year: 2017 + i%5,
					Neighborhood: hoods[i%len(hoods)], Award: []string{"优秀奖", "参与奖", ""}[i%3], Track: "适老化", Tags: []string{"花园", "楼道"}[i%2:],
					Date: time.Date(2017+i%5, 3, 1, 0, 0, 0, 0, time.UTC), Leads: []string{"夏敏"},
					Metrics: map[string]float64{"participants": float64(i % 500), "funding": float64(i) * 1.5, "satisfaction": 66.7, "households": float64(i % 40)}}
			}
			s := mustCompute(b, cfg, items)
			b.ResetTimer()
			for b.Loop() {
				var w bytes.Buffer
				if err := WriteXLSX(&w, Workbook{Stats: s, Items: items}, zhWords); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(w.Len())/(1<<20), "MiB")
			}
		})
	}
}
