package wordimport

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/jiangninglu/showcase"
	"github.com/jiangninglu/showcase/internal/cells"
	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/docx"
	"github.com/jiangninglu/showcase/internal/meta"
)

// headerLabels are what a header row's left cell may say: the table's
// own title, not a field.
var headerLabels = []string{"项目信息表", "项目信息", "信息表", "字段", "项目/内容", "project information", "field", "item"}

// Labels matches the left cells of an information table to fields and
// metrics: by key, by the built-in labels in both languages, by the
// theme's words in the site's language, and for metrics by label.
type Labels struct {
	fields  map[string]string // Key(label) -> field key
	metrics map[string]config.Metric
	header  map[string]bool
}

// NewLabels builds the labels of a site: cfg's metrics, words the theme's
// words in the site's language (nil: none).
func NewLabels(cfg *config.Config, words map[string]string) *Labels {
	l := &Labels{fields: map[string]string{}, metrics: map[string]config.Metric{}, header: map[string]bool{}}
	for _, f := range cells.Fields {
		names := f.Names()
		if w := words[f.Word]; w != "" {
			names = append(names, w)
		}
		for _, n := range names {
			l.fields[cells.Key(n)] = f.Key
		}
	}
	for _, m := range cfg.StoryMetrics() {
		l.metrics[cells.Key(m.Key)] = m
		if m.Label != "" {
			l.metrics[cells.Key(m.Label)] = m
		}
	}
	for _, h := range headerLabels {
		l.header[cells.Key(h)] = true
	}
	return l
}

// match says what a left cell names: a field key, or a metric with the
// unit the cell gives (which may be ""). ok is false for neither.
func (l *Labels) match(cell string) (field string, m config.Metric, unit string, ok bool) {
	if f, ok := l.fields[cells.Key(cell)]; ok {
		return f, config.Metric{}, "", true
	}
	if m, ok := l.metrics[cells.Key(cell)]; ok {
		return "", m, "", true
	}
	label, unit := cells.SplitLabel(cell)
	if m, ok := l.metrics[cells.Key(label)]; ok {
		return "", m, unit, true
	}
	if f, ok := l.fields[cells.Key(label)]; ok {
		return f, config.Metric{}, "", true
	}
	return "", config.Metric{}, "", false
}

// ThemeWords reads the theme's words in lang: the site's own
// i18n/LANG.yaml if it has one, else the built-in theme's. A file that
// cannot be read gives no words (the built-in labels still match).
func ThemeWords(siteDir, lang string) map[string]string {
	name := "i18n/" + lang + ".yaml"
	data, err := os.ReadFile(filepath.Join(siteDir, filepath.FromSlash(name)))
	if errors.Is(err, fs.ErrNotExist) {
		data, err = fs.ReadFile(showcase.Theme, name)
	}
	if err != nil {
		return nil
	}
	root, err := meta.DecodeYAML(data)
	if err != nil || root.Kind != meta.Map {
		return nil
	}
	words := map[string]string{}
	for _, p := range root.Map {
		if p.Value.Kind == meta.String {
			words[p.Key] = p.Value.Str
		}
	}
	return words
}

// TemplateFor describes the story template of a site in lang: the
// information table with every field and the site's story metrics
// (label（unit）), and a few example headings.
func TemplateFor(cfg *config.Config, lang string) docx.Template {
	t := docx.Template{
		Title:  "故事模板",
		Header: [2]string{"项目信息表", "请在右栏填写；不知道的留空（不要写“无”或 0）"},
		Sections: []docx.Section{
			{Heading: "项目缘起", Paras: []string{"在这里写项目是怎么开始的：居民遇到了什么问题，谁提出了想法。"}},
			{Heading: "怎么做的", Paras: []string{"在这里写做了哪些事。可以用项目符号或编号列出步骤，可以插入照片（请在“图片格式 > 可选文字”里写一句说明）。"}},
			{Heading: "成效与体会", Paras: []string{"在这里写带来了什么变化，居民怎么说。"}},
		},
	}
	if lang == "en" {
		t = docx.Template{
			Title:  "Story template",
			Header: [2]string{"Project information", "Fill in the right column; leave unknown figures empty (not 0)"},
			Sections: []docx.Section{
				{Heading: "How it started", Paras: []string{"Write here how the project began: what residents faced, who had the idea."}},
				{Heading: "What we did", Paras: []string{"Write here what was done. Use bullets or numbers for steps; paste photos (give each a description in Format Picture > Alt Text)."}},
				{Heading: "What changed", Paras: []string{"Write here what changed, and what residents say."}},
			},
		}
	}
	for _, f := range cells.Fields {
		t.Rows = append(t.Rows, docx.Row{Label: f.Label(lang)})
	}
	for _, m := range cfg.StoryMetrics() {
		l := m.Label
		if l == "" {
			l = m.Key
		}
		if m.Unit != "" {
			if lang == "en" {
				l += " (" + m.Unit + ")"
			} else {
				l += "（" + m.Unit + "）"
			}
		}
		t.Rows = append(t.Rows, docx.Row{Label: l})
	}
	return t
}

// TemplateName is the template's file name in lang.
func TemplateName(lang string) string {
	if lang == "en" {
		return "story-template.docx"
	}
	return "故事模板.docx"
}
