package cells

// Field is a story field an import's table may set (a Word table's left
// cell, an Excel ledger's header), with the labels offices write for it:
// Zh and En are the Word template's, Also are more names met in forms
// and ledgers, Word is the theme's i18n key whose text in the site's
// language names it too ("" for none).
type Field struct {
	Key    string
	Zh, En string
	Word   string
	Also   []string
}

// Fields are the front-matter keys a table may set, in the order the
// Word template lists them and a new story's front matter is written.
// Both imports match labels against these; one list, so that a label
// the Word import knows the Excel import knows too.
var Fields = []Field{
	{Key: "title", Zh: "标题", En: "Title", Also: []string{"故事标题", "题目"}},
	{Key: "leads", Zh: "项目负责人", En: "Project leads", Word: "leads", Also: []string{"负责人", "leads"}},
	{Key: "neighborhood", Zh: "居民区", En: "Neighbourhood", Word: "facet_neighborhood", Also: []string{"所属居民区", "社区", "neighborhood"}},
	{Key: "project", Zh: "项目名称", En: "Micro-project", Also: []string{"项目", "微项目", "微项目名称", "project"}},
	{Key: "year", Zh: "年度", En: "Year", Word: "year", Also: []string{"项目年度", "年份", "programme year"}},
	{Key: "date", Zh: "日期", En: "Date", Also: []string{"发布日期"}},
	{Key: "track", Zh: "类别", En: "Track", Word: "track", Also: []string{"赛道"}},
	{Key: "award", Zh: "奖项", En: "Award", Word: "award", Also: []string{"获奖", "获奖情况"}},
	{Key: "tags", Zh: "标签", En: "Tags", Word: "tags"},
	{Key: "summary", Zh: "摘要", En: "Summary", Also: []string{"简介"}},
	{Key: "slug", Zh: "网址名", En: "URL name", Also: []string{"网址"}},
}

// Label is the field's label in lang.
func (f Field) Label(lang string) string {
	if lang == "en" {
		return f.En
	}
	return f.Zh
}

// Names are every label of the field: its key, Zh, En and Also.
func (f Field) Names() []string {
	return append([]string{f.Key, f.Zh, f.En}, f.Also...)
}
