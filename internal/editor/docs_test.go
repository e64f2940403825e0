package editor

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const report2020 = "\ufeff---\r\n# 年度总结\r\ntitle: '2020 年度总结'\r\nyear: 2020\r\nreported:\r\n  micro_projects: 113  # 主办方口径\r\n---\r\n\r\n四年回顾。\r\n"

// TestEditReport: a report's form offers its programme figures; an edit
// changes those bytes only; a bad figure is refused by its field.
func TestEditReport(t *testing.T) {
	f := newFixture(t, map[string]string{"showcase.yaml": programmeConfig, "content/reports/2020.md": report2020,
		"content/about.md": "---\ntitle: 关于\n---\n\n关于本站。\n", "content/_index.md": "---\ntitle: 首页\n---\n欢迎。\n"})
	list, _ := f.open(t, "/__showcase/edit/")
	for _, want := range []string{`href="/__showcase/edit/reports/2020"`, `href="/__showcase/edit/pages/about"`, `href="/__showcase/edit/pages/_index"`} {
		if !strings.Contains(list, want) {
			t.Errorf("list lacks %s", want)
		}
	}
	page, hidden := f.open(t, "/__showcase/edit/reports/2020")
	if !strings.Contains(page, `name="reported.micro_projects"`) || !strings.Contains(page, `value="113"`) || strings.Contains(page, `name="metrics.participants"`) || strings.Contains(page, `reported.participants`) {
		t.Errorf("report form:\n%s", page)
	}
	form := with(hidden, "title", "2020 年度总结", "reported.micro_projects", "很多", "body", "\r\n四年回顾。\r\n")
	resp, body := f.post(t, "/__showcase/edit/reports/2020", form, nil)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `<a href="#f-reported.micro_projects">实施微项目：`) {
		t.Fatalf("bad figure: %d\n%s", resp.StatusCode, body)
	}
	if f.read(t, "content/reports/2020.md") != report2020 {
		t.Fatal("a refused save wrote")
	}
	resp, body = f.post(t, "/__showcase/edit/reports/2020", with(form, "reported.micro_projects", "120", "body", "\r\n四年回顾，再添一句。\r\n"), nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/reports/2020/" {
		t.Fatalf("save = %d\n%s", resp.StatusCode, body)
	}
	want := strings.Replace(strings.Replace(report2020, "113  #", "120  #", 1), "四年回顾。", "四年回顾，再添一句。", 1)
	if got := f.read(t, "content/reports/2020.md"); got != want {
		t.Errorf("2020.md =\n%q\nwant\n%q", got, want)
	}
}

func TestEditPage(t *testing.T) {
	about := "---\ntitle: 关于   # 页头\nweight: 3\n---\n\n关于本站。\n"
	f := newFixture(t, map[string]string{"showcase.yaml": siteConfig, "content/about.md": about})
	page, hidden := f.open(t, "/__showcase/edit/pages/about")
	if !strings.Contains(page, `value="关于"`) || strings.Contains(page, `name="photos"`) {
		t.Errorf("page form:\n%s", page)
	}
	resp, body := f.post(t, "/__showcase/edit/pages/about", with(hidden, "title", "关于我们", "weight", "3", "body", "\n关于本站。\n"), nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/about/" {
		t.Fatalf("save = %d\n%s", resp.StatusCode, body)
	}
	if got := f.read(t, "content/about.md"); got != strings.Replace(about, "关于   #", "关于我们   #", 1) {
		t.Errorf("about.md = %q", got)
	}
	// Changed on disk since the form was opened: refused, both shown.
	disk := "---\ntitle: 别人改的\n---\n\n别人改的正文。\n"
	os.WriteFile(filepath.Join(f.dir, "content/about.md"), []byte(disk), 0o644)
	resp, body = f.post(t, "/__showcase/edit/pages/about", with(hidden, "title", "我的标题", "weight", "3", "body", "\n关于本站。\n"), nil)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "被改过") || !strings.Contains(body, "别人改的正文。") || !strings.Contains(body, "title: 我的标题") {
		t.Errorf("conflict: %d\n%s", resp.StatusCode, body)
	}
	if f.read(t, "content/about.md") != disk {
		t.Error("the file changed on disk was overwritten")
	}
	if r, _ := http.Get(f.srv.URL + "/__showcase/edit/pages/nope"); r.StatusCode != 404 {
		t.Errorf("missing page: %d", r.StatusCode)
	}
}
