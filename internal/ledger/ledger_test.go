package ledger

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/tools/txtar"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
)

// site writes testdata/site.txtar into a new folder, high-heels.md with a
// byte-order mark and CRLF line endings, and loads it.
func site(t *testing.T) (string, *config.Config, *content.Content) {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		data := f.Data
		if strings.HasSuffix(f.Name, "high-heels.md") {
			data = append([]byte("\ufeff"), bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))...)
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg, c := load(t, dir)
	return dir, cfg, c
}

func load(t *testing.T, dir string) (*config.Config, *content.Content) {
	t.Helper()
	cfg, err := config.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	c, err := content.Load(context.Background(), os.DirFS(dir), cfg, content.Options{Drafts: true, Future: true})
	if err != nil {
		t.Fatal(err)
	}
	return cfg, c
}

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func format(l diag.List) string {
	var b strings.Builder
	for _, p := range l {
		b.WriteString(p.Format(diag.ZhCN) + "\n")
	}
	return b.String()
}

func importLedger(t *testing.T, dir string, cfg *config.Config, c *content.Content, data []byte, create bool) (*Plan, diag.List) {
	t.Helper()
	l, probs := Read(bytes.NewReader(data), int64(len(data)), cfg, Options{Name: "台账.xlsx"})
	if probs.HasErrors() {
		return nil, probs
	}
	p, more := MakePlan(l, c, cfg, create)
	probs.Merge(more)
	if probs.HasErrors() {
		return p, probs
	}
	files, more := Prepare(context.Background(), dir, cfg, p)
	probs.Merge(more)
	if probs.HasErrors() {
		return p, probs
	}
	if _, err := Write(dir, p, files); err != nil {
		t.Fatal(err)
	}
	return p, probs
}

func TestImportOfficeLedger(t *testing.T) {
	dir, cfg, c := site(t)
	before := snapshot(t, dir)
	_, probs := importLedger(t, dir, cfg, c, officeLedger(t, false), false)
	wantProbs := `台账.xlsx:2020!F7: 警告：“—” 视为没有数字：不作修改
台账.xlsx:2020!E8: 警告：合计为 1423，但上面各行相加是 1424（participants）
`
	if got := format(probs); got != wantProbs {
		t.Errorf("problems:\n%s\nwant:\n%s", got, wantProbs)
	}
	after := snapshot(t, dir)
	want := map[string]string{
		"content/stories/high-heels.md":      "\ufeff---\r\ntitle: 「高跟鞋」\r\nyear: 2020\r\nneighborhood: 北京居民区\r\n# 数字来自2020年台账\r\nmetrics:\r\n  participants: 1024   # 约数，待核\r\n  households: 56\r\n  funding: 11300\r\n  self_raised: 5000\r\n---\r\n\r\n夏敏的故事。\r\n",
		"content/stories/face-swiping.md":    "+++\ntitle = '社区工作者是刷“脸”的'\nyear = 2020\n\n[metrics]\nparticipants = 300 # 2020\nfunding = 20000\nself_raised = 3000\n+++\n\n李俊的故事。\n",
		"content/stories/old-brand/index.md": "---\ntitle: 「“老字号”的前世今生」\nyear: 2020\nproject: 老字号\nmetrics:\n  participants: 100\n  funding: 8000\n---\n\n一个开了十多年的联席会议。\n",
		"content/reports/2020.md":            "---\ntitle: 2020年度报告\nyear: 2020\nreported:\n  micro_projects: 113   # 初稿\n  years_running: 4\n  funding_total: 150000\n---\n\n报告正文。\n",
	}
	for name, b := range before {
		w, changed := want[name]
		if !changed {
			w = b
		}
		if after[name] != w {
			t.Errorf("%s:\n%q\nwant\n%q", name, after[name], w)
		}
	}
	if len(after) != len(before) {
		t.Errorf("files: %d before, %d after", len(before), len(after))
	}

	// Importing again changes nothing.
	cfg, c = load(t, dir)
	p, _ := importLedger(t, dir, cfg, c, officeLedger(t, false), false)
	if len(p.Changes) != 0 {
		t.Errorf("second import: %+v", p.Changes)
	}
}

func TestImportErrorWritesNothing(t *testing.T) {
	dir, cfg, c := site(t)
	before := snapshot(t, dir)
	_, probs := importLedger(t, dir, cfg, c, officeLedger(t, true), false)
	got := format(probs.Errors())
	want := "台账.xlsx:2020!E7: “约100”不是数字：约数会被当作确数发布；如果就是这个数，只写数字，否则留空\n"
	if got != want {
		t.Errorf("errors:\n%s\nwant:\n%s", got, want)
	}
	after := snapshot(t, dir)
	for name := range before {
		if after[name] != before[name] {
			t.Errorf("%s changed", name)
		}
	}
}

func TestImportCreate(t *testing.T) {
	dir, _, _ := site(t)
	if err := os.Remove(filepath.Join(dir, "content/stories/face-swiping.md")); err != nil {
		t.Fatal(err)
	}
	cfg, c := load(t, dir)
	p, probs := importLedger(t, dir, cfg, c, officeLedger(t, false), false)
	if len(p.Unmatched) != 1 || !strings.Contains(format(probs), "台账.xlsx:2020!A6: 警告：没有故事对应“社区工作者是刷\"脸\"的”") {
		t.Fatalf("unmatched %v, problems:\n%s", p.Unmatched, format(probs))
	}
	if _, err := os.Stat(filepath.Join(dir, "content/stories/社区工作者是刷-脸-的.md")); err == nil {
		t.Fatal("a story was created without --create")
	}
	_, probs = importLedger(t, dir, cfg, c, officeLedger(t, false), true)
	if probs.HasErrors() {
		t.Fatal(format(probs))
	}
	data, err := os.ReadFile(filepath.Join(dir, "content/stories/社区工作者是刷-脸-的.md"))
	if err != nil {
		t.Fatal(err)
	}
	want := "---\ntitle: 社区工作者是刷\"脸\"的\nyear: 2020\nneighborhood: 向容里居民区\ndraft: true\nmetrics:\n  participants: 300\n  funding: 20000\n  self_raised: 3000\n---\n\n"
	if string(data) != want {
		t.Errorf("new story:\n%q\nwant\n%q", data, want)
	}
}

// TestParseNumber: the ledger reads a cell as cells.Figure does (its
// own tests have the rest), with an empty cell and a placeholder apart.
func TestParseNumber(t *testing.T) {
	tests := []struct {
		in, unit, col string
		want          float64
		code          string // "empty", "none", a message code, or "" for a figure
	}{
		{"1,024", "人次", "", 1024, ""},
		{"１０２４", "人次", "", 1024, ""},
		{"1.13", "元", "万元", 11300, ""},
		{"1.13万", "元", "", 11300, ""},
		{"1.13万", "元", "万元", 11300, ""},
		{"15000元", "元", "万元", 15000, ""},
		{"300人次", "人次", "", 300, ""},
		{"35%", "%", "", 35, ""},
		{"约100", "人次", "", 0, "cell-approx"},
		{"100+", "人次", "", 0, "cell-approx"},
		{"100余", "人次", "", 0, "cell-approx"},
		{"—", "人次", "", 0, "none"},
		{"无", "人次", "", 0, "none"},
		{"", "人次", "", 0, "empty"},
		{"many", "人次", "", 0, "cell-not-number"},
		{"1,02", "人次", "", 0, "cell-not-number"},
		{"1.0000000000000001E-2", "%", "", 0.01, ""},
		{"0x10", "人次", "", 0, "cell-not-number"},
		{"inf", "人次", "", 0, "cell-not-number"},
		{"1e308", "人次", "", 0, "cell-too-large"},
		{"1e12", "元", "万元", 0, "cell-too-large"},
		{"-5", "人次", "", 0, "cell-negative"},
		{"35%", "人次", "", 0, "cell-unit"},
	}
	for _, tt := range tests {
		got, p, err := parseNumber(tt.in, tt.unit, tt.col)
		code := map[numberProblem]string{numOK: "", numEmpty: "empty", numNone: "none"}[p]
		if p == numBad {
			code = err.Msg.Code
		}
		if got != tt.want || code != tt.code {
			t.Errorf("parseNumber(%q) = %v, %q; want %v, %q", tt.in, got, code, tt.want, tt.code)
		}
	}
}

// TestHeaderNames: a header names a field by any label the Word import
// knows (cells.Fields), marked required or with a colon, and a metric
// with its unit in any of the brackets offices use.
func TestHeaderNames(t *testing.T) {
	_, cfg, _ := site(t)
	cs := newColumns(cfg)
	for text, want := range map[string]string{"标题": "title", "*标题：": "title", "Project leads": "leads", "项目年度": "year", "赛道": "track", "URL name": "slug", "网址": "slug"} {
		if c, ok := cs.match(text); !ok || c.field != want {
			t.Errorf("match(%q) = %q, %v; want %q", text, c.field, ok, want)
		}
	}
	for _, text := range []string{"街道资助（万元）", "街道资助[万元]", "街道资助【万元】"} {
		if c, ok := cs.match(text); !ok || c.metric.Key != "funding" || c.unit != "万元" {
			t.Errorf("match(%q) = %q %q, %v; want funding in 万元", text, c.metric.Key, c.unit, ok)
		}
	}
}

// TestLedgerSavedByLibreOffice: the ledger opened and saved again by
// LibreOffice Calc (another writer: shared strings, its own styles and
// merged-cell records) imports to the same changes.
func TestLedgerSavedByLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("LibreOffice (soffice) is needed: apt-get install libreoffice-calc-nogui")
		}
		t.Skip("no LibreOffice")
	}
	tmp := t.TempDir()
	in := filepath.Join(tmp, "in", "台账.xlsx")
	os.MkdirAll(filepath.Dir(in), 0o755)
	if err := os.WriteFile(in, officeLedger(t, false), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(tmp, "profile")),
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", tmp, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(tmp, "台账.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	_, cfg, c := site(t)
	plan := func(data []byte) *Plan {
		l, probs := Read(bytes.NewReader(data), int64(len(data)), cfg, Options{Name: "台账.xlsx"})
		p, more := MakePlan(l, c, cfg, false)
		if probs.Merge(more); probs.HasErrors() {
			t.Fatal(format(probs))
		}
		return p
	}
	got, want := plan(data), plan(officeLedger(t, false))
	if len(want.Changes) != 10 || fmt.Sprint(got.Changes) != fmt.Sprint(want.Changes) {
		t.Errorf("saved by LibreOffice:\n%v\nas written:\n%v", got.Changes, want.Changes)
	}
}

// TestFiguresSheet: a sheet of 指标/数值 takes its year from --report, else
// from its name or title; without one it is an error naming the sheet.
func TestFiguresSheet(t *testing.T) {
	_, cfg, _ := site(t)
	book := func(sheet, title string) []byte {
		f := excelize.NewFile()
		defer f.Close()
		f.SetSheetName("Sheet1", sheet)
		f.SetCellValue(sheet, "A1", title)
		f.SetCellValue(sheet, "A2", "指标")
		f.SetCellValue(sheet, "B2", "数值")
		f.SetCellValue(sheet, "A3", "实施微项目（个）")
		f.SetCellValue(sheet, "B3", "１１３")
		f.SetCellValue(sheet, "A4", "资金总额")
		f.SetCellValue(sheet, "B4", "15万")
		f.SetCellValue(sheet, "A5", "满意度")
		f.SetCellValue(sheet, "B5", "98%")
		buf, _ := f.WriteToBuffer()
		return buf.Bytes()
	}
	tests := []struct {
		sheet, title string
		report, year int
		probs        string
	}{
		{"汇总", "2020年度全项目数字", 0, 2020, "台账.xlsx:汇总!A5: 警告：“满意度”不是 showcase.yaml 里的指标：已忽略\n"},
		{"2019年", "", 0, 2019, "台账.xlsx:2019年!A5: 警告：“满意度”不是 showcase.yaml 里的指标：已忽略\n"},
		{"汇总", "2020年度", 2021, 2021, "台账.xlsx:汇总!A5: 警告：“满意度”不是 showcase.yaml 里的指标：已忽略\n"},
		{"汇总", "全项目数字", 0, 0, "台账.xlsx:汇总!A2: 工作表“汇总”是全项目数字（指标/数值），但没有写年份；请用 --report 年份 指定\n"},
	}
	for _, tt := range tests {
		data := book(tt.sheet, tt.title)
		l, probs := Read(bytes.NewReader(data), int64(len(data)), cfg, Options{Name: "台账.xlsx", Report: tt.report})
		if got := format(probs); got != tt.probs {
			t.Errorf("%s %q: problems\n%s\nwant\n%s", tt.sheet, tt.title, got, tt.probs)
		}
		if tt.year == 0 {
			continue
		}
		if len(l.Reports) != 1 || l.Reports[0].Year != tt.year || fmt.Sprint(l.Reports[0].Order) != "[micro_projects funding_total]" ||
			l.Reports[0].Metrics["micro_projects"].Num != 113 || l.Reports[0].Metrics["funding_total"].Num != 150000 {
			t.Errorf("%s %q: %+v", tt.sheet, tt.title, l.Reports)
		}
	}
}

// TestPercentCell: a cell formatted as a percentage holds 0.35 and shows
// 35%: the office means 35.
func TestPercentCell(t *testing.T) {
	cfg, err := config.Parse([]byte("metrics:\n  - {key: young_share, label: 青年占比, unit: \"%\", aggregate: avg}\n"))
	if err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	defer f.Close()
	f.SetCellValue("Sheet1", "A1", "标题")
	f.SetCellValue("Sheet1", "B1", "青年占比")
	f.SetCellValue("Sheet1", "A2", "甲")
	f.SetCellValue("Sheet1", "B2", 0.35)
	pct, _ := f.NewStyle(&excelize.Style{NumFmt: 9})
	f.SetCellStyle("Sheet1", "B2", "B2", pct)
	f.SetCellValue("Sheet1", "A3", "乙")
	f.SetCellValue("Sheet1", "B3", 42.5)
	f.SetCellValue("Sheet1", "A4", "丙")
	f.SetCellValue("Sheet1", "B4", "12.5%")
	buf, _ := f.WriteToBuffer()
	l, probs := Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()), cfg, Options{Name: "x.xlsx"})
	if len(probs) > 0 {
		t.Fatal(format(probs))
	}
	var got []float64
	for _, r := range l.Rows {
		got = append(got, r.Metrics["young_share"].Num)
	}
	if fmt.Sprint(got) != "[35 42.5 12.5]" {
		t.Errorf("got %v", got)
	}
}

// TestUndeclaredMetrics: a site whose showcase.yaml declares no metrics
// imports figures into the metrics its stories give, by key.
func TestUndeclaredMetrics(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "content/stories"), 0o755)
	os.WriteFile(filepath.Join(dir, "content/stories/a.md"), []byte("---\ntitle: 甲\nmetrics: {participants: 1}\n---\n"), 0o644)
	cfg, c := load(t, dir)
	f := excelize.NewFile()
	defer f.Close()
	for cell, v := range map[string]any{"A1": "标题", "B1": "participants", "C1": "salons", "A2": "甲", "B2": 12} {
		f.SetCellValue("Sheet1", cell, v)
	}
	buf, _ := f.WriteToBuffer()
	vocab := WithMetrics(cfg, c)
	p, probs := importLedger(t, dir, vocab, c, buf.Bytes(), false)
	if probs.HasErrors() || len(p.Changes) != 1 || p.Changes[0].New != "12" {
		t.Fatalf("%v\n%s", p, format(probs))
	}
	if !strings.Contains(format(probs), "列“salons”既不是故事字段") {
		t.Errorf("no warning for the unknown column: %s", format(probs))
	}
}

// TestOneHeaderRowWithMergedCell: a header cell merged across columns
// (备注 over two) with a data row right under it: that row is a project,
// not a second header row.
func TestOneHeaderRowWithMergedCell(t *testing.T) {
	_, cfg, _ := site(t)
	f := excelize.NewFile()
	defer f.Close()
	for cell, v := range map[string]any{"A1": "标题", "B1": "参与人次", "C1": "备注", "A2": "甲", "B2": 12, "C2": "好", "D2": "的", "A3": "乙", "B3": 7} {
		f.SetCellValue("Sheet1", cell, v)
	}
	f.MergeCell("Sheet1", "C1", "D1")
	buf, _ := f.WriteToBuffer()
	l, probs := Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()), cfg, Options{Name: "x.xlsx"})
	if probs.HasErrors() || len(l.Rows) != 2 || l.Rows[0].Metrics["participants"].Num != 12 {
		t.Fatalf("%+v\n%s", l, format(probs))
	}
}

// TestTotalWithEmptyCells: a project that gives no figure (an empty cell)
// does not stop the 合计 row being checked; the total that differs is
// named. (Tried with a ledger from LibreOffice: the check was skipped.)
func TestTotalWithEmptyCells(t *testing.T) {
	cfg, err := config.Parse([]byte("metrics:\n  - {key: salons, label: 物业管理沙龙, unit: 场, aggregate: sum}\n"))
	if err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	defer f.Close()
	for cell, v := range map[string]any{
		"A1": "标题", "B1": "物业管理沙龙（场）",
		"A2": "甲", "B2": 4,
		"A3": "乙", // gives no figure
		"A4": "合计", "B4": 5,
	} {
		f.SetCellValue("Sheet1", cell, v)
	}
	buf, _ := f.WriteToBuffer()
	_, probs := Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()), cfg, Options{Name: "x.xlsx"})
	if got := format(probs); !strings.Contains(got, "x.xlsx:Sheet1!B4") || !strings.Contains(got, "合计为 5，但上面各行相加是 4") {
		t.Errorf("want the total at B4 named: %q", got)
	}
}
