package wordimport

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/docx"
)

const siteYAML = `language: zh-CN
metrics:
  - {key: participants, label: 参与人次, unit: 人次}
  - {key: funding, label: 资金, unit: 元}
  - {key: young_share, label: 青年占比, unit: "%", aggregate: avg}
  - {key: micro_projects, label: 实施微项目, unit: 个, scope: programme}
`

func testConfig(t *testing.T) *config.Config {
	t.Helper()
	cfg, err := config.Parse([]byte(siteYAML))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// fill writes the site's template with values in the table's rows, by
// label, as a project lead would fill it in.
func fill(t *testing.T, cfg *config.Config, values map[string]string, extra ...docx.Row) []byte {
	t.Helper()
	tpl := TemplateFor(cfg, "zh-CN")
	for i, r := range tpl.Rows {
		if v, ok := values[r.Label]; ok {
			tpl.Rows[i].Value = v
			delete(values, r.Label)
		}
	}
	if len(values) > 0 {
		t.Fatalf("the template has no rows %v", values)
	}
	tpl.Rows = append(tpl.Rows, extra...)
	var b bytes.Buffer
	if err := tpl.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func convert(t *testing.T, cfg *config.Config, data []byte, opts Options) (*Story, error) {
	t.Helper()
	opts.Config = cfg
	return Convert(context.Background(), "故事.docx", bytes.NewReader(data), int64(len(data)), opts)
}

// TestTemplateRoundTrip: the site's template, filled in, imports as the
// story the table describes; the table is not part of the body.
func TestTemplateRoundTrip(t *testing.T) {
	cfg := testConfig(t)
	tpl := TemplateFor(cfg, "zh-CN")
	var labels []string
	for _, r := range tpl.Rows {
		labels = append(labels, r.Label)
	}
	want := "标题 项目负责人 居民区 项目名称 年度 日期 类别 奖项 标签 摘要 网址名 参与人次（人次） 资金（元） 青年占比（%）"
	if got := strings.Join(labels, " "); got != want {
		t.Errorf("template rows\n%s\nwant\n%s", got, want)
	}
	data := fill(t, cfg, map[string]string{
		"标题": "楼道里的小花园", "项目负责人": "张三、李四,王五", "居民区": "蒋家巷居民区", "项目名称": "楼道花园",
		"年度": "２０２１年", "日期": "2021年3月8日", "类别": "社区营造", "标签": "绿化，邻里", "摘要": "居民把楼道变成了花园。",
		"参与人次（人次）": "1,200", "资金（元）": "1.13万", "青年占比（%）": "３５％",
	})
	s, err := convert(t, cfg, data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantIndex := `---
title: 楼道里的小花园
leads: [张三, 李四, 王五]
neighborhood: 蒋家巷居民区
project: 楼道花园
year: 2021
date: 2021-03-08
track: 社区营造
tags: [绿化, 邻里]
summary: 居民把楼道变成了花园。
draft: true
metrics:
  participants: 1200
  funding: 11300
  young_share: 35
---

## 项目缘起

## 怎么做的

## 成效与体会
`
	if got := string(s.Index); got != wantIndex {
		t.Errorf("index.md\n%s\nwant it to start\n%s", got, wantIndex)
	}
	if s.Slug != "楼道里的小花园" || s.TitleFrom != "table" {
		t.Errorf("slug %q from %q", s.Slug, s.TitleFrom)
	}
	// The table is not in the body, nor are the template's example lines.
}

// TestFigures: units in the label and in the value are converted into
// the metric's unit; what cannot be is refused naming the row.
func TestFigures(t *testing.T) {
	cfg := testConfig(t)
	tests := []struct {
		label, value, want string
	}{
		{"资金（万元）", "1.13", "11300"},
		{"资金", "2.5万元", "25000"},
		{"资金（元）", "１２，３４５", "12345"},
		{"funding", "0.5亿", "50000000"},
		// 万 under a 万元 header restates the header: 3万元, not 3亿元
		// (the Excel import always read it so).
		{"资金(万元)", "３万", "30000"},
		{"参与人次", "1,234,567", "1234567"},
		{"青年占比", "12.5%", "12.5"},
	}
	for _, tt := range tests {
		data := fill(t, cfg, map[string]string{"标题": "x"}, docx.Row{Label: tt.label, Value: tt.value})
		s, err := convert(t, cfg, data, Options{})
		if err != nil {
			t.Errorf("%s = %s: %v", tt.label, tt.value, err)
			continue
		}
		var got string
		for _, v := range s.Metrics {
			got = v
		}
		if got != tt.want {
			t.Errorf("%s = %s gave %s, want %s", tt.label, tt.value, got, tt.want)
		}
	}
	// 无 and — are "not given", not an error and not zero.
	for _, v := range []string{"无", "—", "暂无"} {
		s, err := convert(t, cfg, fill(t, cfg, map[string]string{"标题": "x", "资金（元）": v}), Options{})
		if err != nil || len(s.Metrics) != 0 {
			t.Errorf("资金 = %s: %v, metrics %v", v, err, s.Metrics)
		}
	}
	bad := []struct{ label, value, msg string }{
		{"资金（万元）", "约100", "故事.docx: 项目信息表第 16 行（资金（万元））：“约100”不是数字：约数会被当作确数发布；如果就是这个数，只写数字，否则留空"},
		{"参与人次（人）", "30", "故事.docx: 项目信息表第 16 行（参与人次（人））：“30”：单位“人”无法换算成指标的单位“人次”"},
		{"资金", "1,23", "故事.docx: 项目信息表第 16 行（资金）：“1,23”不是数字"},
		{"资金", "-5", "故事.docx: 项目信息表第 16 行（资金）：“-5”是负数；指标应为数量或金额"},
		{"日期", "3月8日", "故事.docx: 项目信息表第 7 行（日期）：“3月8日”不是日期，应写成 2021-01-18 或 2021年1月18日"},
	}
	for _, tt := range bad {
		var data []byte
		if tt.label == "日期" {
			data = fill(t, cfg, map[string]string{"标题": "x", "日期": tt.value})
		} else {
			data = fill(t, cfg, map[string]string{"标题": "x"}, docx.Row{Label: tt.label, Value: tt.value})
		}
		_, err := convert(t, cfg, data, Options{})
		probs := diag.Problems(err)
		if len(probs) != 1 || probs[0].Format(diag.ZhCN) != tt.msg {
			t.Errorf("%s = %s: got %v, want\n%s", tt.label, tt.value, err, tt.msg)
		}
	}
}

// TestNoTable: without the table, the title is the Title line or the
// first heading, and no field is invented.
func TestNoTable(t *testing.T) {
	cfg := testConfig(t)
	for _, name := range []string{"pandoc.docx", "libreoffice.docx"} {
		data, err := os.ReadFile(filepath.Join("..", "docx", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		s, err := convert(t, cfg, data, Options{Publish: true})
		if err != nil {
			t.Fatal(err)
		}
		want := "---\ntitle: 楼道里的小花园\ndraft: false\n---\n\n## 项目缘起\n"
		if !strings.HasPrefix(string(s.Index), want) {
			t.Errorf("%s:\n%s", name, s.Index)
		}
		if len(s.Pictures) != 1 || !strings.Contains(s.Body, "]("+s.Pictures[0].Name+" ") {
			t.Errorf("%s: pictures %v, body\n%s", name, s.Pictures, s.Body)
		}
	}
	// The first heading, when there is no Title line.
	tpl := docx.Template{Sections: []docx.Section{{Heading: "花园的故事", Paras: []string{"正文"}}}}
	var b bytes.Buffer
	tpl.Write(&b)
	s, err := convert(t, cfg, b.Bytes(), Options{Slug: "garden"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Title != "花园的故事" || s.TitleFrom != "heading" || s.Slug != "garden" || s.Body != "正文\n" {
		t.Errorf("title %q from %q, slug %q, body %q", s.Title, s.TitleFrom, s.Slug, s.Body)
	}
}

// TestWrite: all stories or none; never over an existing story.
func TestWrite(t *testing.T) {
	cfg := testConfig(t)
	site := t.TempDir()
	a, err := convert(t, cfg, fill(t, cfg, map[string]string{"标题": "甲"}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := convert(t, cfg, fill(t, cfg, map[string]string{"标题": "乙"}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(site, "content", "stories"), 0o755)
	os.WriteFile(filepath.Join(site, "content", "stories", "乙.md"), []byte("mine"), 0o644)
	err = Write(site, []*Story{a, b})
	if err == nil || !strings.Contains(err.Error(), "content/stories/乙.md already exists") {
		t.Fatalf("got %v", err)
	}
	entries, _ := os.ReadDir(filepath.Join(site, "content", "stories"))
	if len(entries) != 1 {
		t.Errorf("after a refused write the folder holds %d entries", len(entries))
	}
	if err := Write(site, []*Story{a}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(site, "content", "stories", "甲", "index.md"))
	if err != nil || !bytes.Equal(got, a.Index) {
		t.Errorf("index.md: %v", err)
	}
}

// TestTemplateThroughLibreOffice: the example site's template, opened and
// saved again by LibreOffice (testdata/gen.sh), still has its table,
// recognised as the information table, and its headings.
func TestTemplateThroughLibreOffice(t *testing.T) {
	yml, err := os.ReadFile(filepath.Join("..", "..", "showcase.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse(yml)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join("..", "docx", "testdata", "lo-template.docx"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := docx.Read("lo-template.docx", bytes.NewReader(data), int64(len(data)), docx.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	table, ok := d.Body[0].(*docx.Table)
	if !ok {
		t.Fatalf("first block %#v", d.Body[0])
	}
	var got []string
	for _, row := range table.Rows[1:] {
		got = append(got, cellText(row[0]))
	}
	var want []string
	for _, r := range TemplateFor(cfg, "zh-CN").Rows {
		want = append(want, r.Label)
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("LibreOffice's table\n%q\nwant\n%q", got, want)
	}
	s, err := Convert(context.Background(), "lo-template.docx", bytes.NewReader(data), int64(len(data)), Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Ignored) > 0 || strings.Contains(s.Body, "项目信息表") || s.Title != "项目缘起" || !strings.Contains(s.Body, "## 怎么做的") {
		t.Errorf("ignored %q, title %q, body\n%s", s.Ignored, s.Title, s.Body)
	}
}

// TestPictureOverLimits: a picture of more pixels than the photo pipeline
// takes is refused before anything is decoded, naming the picture and
// its numbers.
func TestPictureOverLimits(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "docx", "testdata", "pandoc.docx"))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	// A PNG header for 10000 x 5000 pixels; no pixels follow.
	ihdr := []byte{0, 0, 0x27, 0x10, 0, 0, 0x13, 0x88, 8, 2, 0, 0, 0}
	huge := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"), ihdr...)
	huge = binary.BigEndian.AppendUint32(huge, crc32.ChecksumIEEE(append([]byte("IHDR"), ihdr...)))
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range zr.File {
		w, _ := zw.Create(f.Name)
		if strings.HasPrefix(f.Name, "word/media/") {
			w.Write(huge)
			continue
		}
		rc, _ := f.Open()
		io.Copy(w, rc)
		rc.Close()
	}
	zw.Close()
	_, err = convert(t, testConfig(t), b.Bytes(), Options{})
	got := diag.Problems(err)
	if len(got) != 1 || !strings.Contains(got[0].Format(diag.En), "故事.docx: picture rid21.png: image too large: 10000x5000 is 50.0 megapixels, above the limit of 40.0") {
		t.Errorf("got %v", err)
	}
}

// TestEnglishSite: an English site's template has English labels, and a
// table may use either language's labels, the theme's words or the keys.
func TestEnglishSite(t *testing.T) {
	cfg, err := config.Parse([]byte("language: en\nmetrics:\n  - {key: volunteers, label: Volunteers, unit: people}\n"))
	if err != nil {
		t.Fatal(err)
	}
	tpl := TemplateFor(cfg, "en")
	if tpl.Rows[0].Label != "Title" || tpl.Rows[len(tpl.Rows)-1].Label != "Volunteers (people)" || TemplateName("en") != "story-template.docx" {
		t.Errorf("rows %v", tpl.Rows)
	}
	tpl.Rows = []docx.Row{{Label: "Title", Value: "Garden Day"}, {Label: "项目负责人", Value: "Ann, Bo"}, {Label: "neighborhood", Value: "North"}, {Label: "Volunteers (people)", Value: "12"}, {Label: "Phone", Value: "123"}}
	var b bytes.Buffer
	tpl.Write(&b)
	s, err := Convert(context.Background(), "garden.docx", bytes.NewReader(b.Bytes()), int64(b.Len()), Options{Config: cfg, Labels: NewLabels(cfg, map[string]string{"leads": "Project leads"})})
	if err != nil {
		t.Fatal(err)
	}
	want := "---\ntitle: Garden Day\nleads: [Ann, Bo]\nneighborhood: North\ndraft: true\nmetrics:\n  volunteers: 12\n---\n"
	if !strings.HasPrefix(string(s.Index), want) || s.Slug != "garden-day" {
		t.Errorf("slug %q, index.md\n%s", s.Slug, s.Index)
	}
	if strings.Join(s.Notes("en"), "|") != "table rows that name no field or metric, left out: Phone" {
		t.Errorf("notes %q", s.Notes("en"))
	}
}

// TestFourColumnTable: forms often lay the table out as two pairs a row
// (项目名称 | … | 负责人 | …), with a row spanning the table for a long
// value, under the title typed as a bold line and the table's name.
func TestFourColumnTable(t *testing.T) {
	cell := func(s string, span int) string {
		pr := ""
		if span > 1 {
			pr = `<w:tcPr><w:gridSpan w:val="` + strconv.Itoa(span) + `"/></w:tcPr>`
		}
		return `<w:tc>` + pr + `<w:p><w:r><w:t>` + s + `</w:t></w:r></w:p></w:tc>`
	}
	row := func(cells ...string) string { return "<w:tr>" + strings.Join(cells, "") + "</w:tr>" }
	doc := `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		`<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>楼道花园</w:t></w:r></w:p><w:p><w:r><w:t>项目信息表</w:t></w:r></w:p><w:tbl>` +
		row(cell("标　　题", 1), cell("楼道花园", 1), cell("负责人：", 1), cell("张三、李四", 1)) +
		row(cell("居民区", 1), cell("蒋家巷", 1), cell("资金（万元）*", 1), cell("１.５", 1)) +
		row(cell("摘要", 1), cell("居民把楼道变成了花园。", 3)) +
		`</w:tbl><w:p><w:r><w:t>正文。</w:t></w:r></w:p></w:body></w:document>`
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, _ := z.Create("word/document.xml")
	w.Write([]byte(doc))
	z.Close()
	s, err := convert(t, testConfig(t), b.Bytes(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "---\ntitle: 楼道花园\nleads: [张三, 李四]\nneighborhood: 蒋家巷\nsummary: 居民把楼道变成了花园。\ndraft: true\nmetrics:\n  funding: 15000\n---\n\n正文。\n"
	if string(s.Index) != want {
		t.Errorf("index.md\n%s\nwant\n%s", s.Index, want)
	}
}
