package editor

import (
	"bytes"
	"context"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const siteConfig = `title: 测试站
language: zh-CN
metrics:
  - {key: participants, label: 参与人次, unit: 人次, aggregate: sum}
  - {key: funding, label: 资金, unit: 元, aggregate: sum}
`

const storyA = "---\ntitle: 甲的故事\ndate: 2020-01-01\nneighborhood: 北京居民区\ntags: [花园]\nmetrics: {participants: 10}\n---\n\n第一版。\n"

// fixture is an editor over a site in a temporary folder, served by
// httptest; rebuilds lists what each save asked to rebuild.
type fixture struct {
	dir      string
	srv      *httptest.Server
	rebuilds [][]string
}

func newFixture(t *testing.T, files map[string]string) *fixture {
	t.Helper()
	f := &fixture{dir: t.TempDir()}
	for name, data := range files {
		p := filepath.Join(f.dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	e := New(Options{Source: f.dir, Rebuild: func(_ context.Context, paths []string) { f.rebuilds = append(f.rebuilds, paths) }})
	f.srv = httptest.NewServer(e)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fixture) read(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(f.dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func (f *fixture) exists(name string) bool {
	_, err := os.Lstat(filepath.Join(f.dir, name))
	return err == nil
}

var (
	reCSRF    = regexp.MustCompile(`name="csrf" value="([^"]*)"`)
	reVersion = regexp.MustCompile(`name="version" value="([^"]*)"`)
)

// open GETs a form and returns its page and hidden fields.
func (f *fixture) open(t *testing.T, path string) (page string, hidden url.Values) {
	t.Helper()
	resp, err := http.Get(f.srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s = %d\n%s", path, resp.StatusCode, b)
	}
	hidden = url.Values{}
	if m := reCSRF.FindSubmatch(b); m != nil {
		hidden.Set("csrf", string(m[1]))
	}
	if m := reVersion.FindSubmatch(b); m != nil {
		hidden.Set("version", string(m[1]))
	}
	return string(b), hidden
}

// post submits a multipart form (as the browser does) with optional
// photos, without following a redirect.
func (f *fixture) post(t *testing.T, path string, form url.Values, photos map[string][]byte) (*http.Response, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range form {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for name, data := range photos {
		w, _ := mw.CreateFormFile("photos", name)
		w.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", f.srv.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, html.UnescapeString(string(b))
}

// fieldMsg is the message shown by a form field.
func fieldMsg(page, name string) string {
	re := regexp.MustCompile(`id="msg-` + regexp.QuoteMeta(name) + `" role="alert">(.*?)</div>`)
	m := re.FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	return m[1]
}

func with(base url.Values, kv ...string) url.Values {
	v := url.Values{}
	for k, vs := range base {
		v[k] = vs
	}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}

func TestListAndNewStory(t *testing.T) {
	f := newFixture(t, map[string]string{"showcase.yaml": siteConfig, "content/stories/a.md": storyA,
		"content/stories/b.md": "---\ntitle: 乙\ndate: 2021-05-01\ndraft: true\n---\n乙\n"})
	page, _ := f.open(t, "/__showcase/edit/")
	if i, j := strings.Index(page, "乙"), strings.Index(page, "甲的故事"); i < 0 || j < 0 || i > j {
		t.Errorf("list not newest first:\n%s", page)
	}
	for _, want := range []string{`href="/__showcase/edit/new"`, "新建故事", `href="/__showcase/edit/stories/a"`, "草稿"} {
		if !strings.Contains(page, want) {
			t.Errorf("list lacks %s", want)
		}
	}

	page, hidden := f.open(t, "/__showcase/edit/new")
	for _, want := range []string{`name="title"`, `name="metrics.participants"`, "参与人次（人次）", `<datalist id="list-neighborhood"><option value="北京居民区">`, `name="photos"`, `<textarea name="body"`} {
		if !strings.Contains(page, want) {
			t.Errorf("new form lacks %s", want)
		}
	}
	resp, body := f.post(t, "/__showcase/edit/new", with(hidden, "title", "丙的故事", "slug", "c", "date", "2022-03-04",
		"leads", "张三、李四", "neighborhood", "北京居民区", "tags", "花园, 青年", "metrics.participants", "12", "metrics.funding", "",
		"body", "第一段。\r\n"), nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/stories/c/" {
		t.Fatalf("save = %d %s\n%s", resp.StatusCode, resp.Header.Get("Location"), body)
	}
	want := "---\ntitle: 丙的故事\ndate: 2022-03-04\nleads: [张三, 李四]\nneighborhood: 北京居民区\ntags: [花园, 青年]\nmetrics:\n  participants: 12\n---\n\n第一段。\n"
	if got := f.read(t, "content/stories/c.md"); got != want {
		t.Errorf("c.md =\n%q\nwant\n%q", got, want)
	}
	if len(f.rebuilds) != 1 || f.rebuilds[0][0] != "content/stories/c.md" {
		t.Errorf("rebuilds = %v", f.rebuilds)
	}

	// "new" never replaces a story.
	resp, body = f.post(t, "/__showcase/edit/new", with(hidden, "title", "又一个", "slug", "a", "body", "x"), nil)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldMsg(body, "slug"), "网址名“a”已经有故事了") {
		t.Errorf("new over a: %d, slug message %q", resp.StatusCode, fieldMsg(body, "slug"))
	}
	if f.read(t, "content/stories/a.md") != storyA {
		t.Error("a.md changed")
	}
}

// TestInvalidNothingWritten: the build's own messages, by their fields,
// and no file.
func TestInvalidNothingWritten(t *testing.T) {
	f := newFixture(t, map[string]string{"showcase.yaml": siteConfig, "content/stories/a.md": storyA})
	_, hidden := f.open(t, "/__showcase/edit/new")
	resp, body := f.post(t, "/__showcase/edit/new", with(hidden, "title", "丁", "slug", "d", "date", "2022-01-01",
		"metrics.participants", "很多", "year", "1800", "body", "x"), nil)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if got := fieldMsg(body, "metrics.participants"); got != `<p>应为非负数，实际是“很多”</p>` {
		t.Errorf("metric message %q", got)
	}
	if got := fieldMsg(body, "year"); got != `<p>应为年份，如 2020，实际是 1800</p>` {
		t.Errorf("year message %q", got)
	}
	if !strings.Contains(body, `value="很多"`) {
		t.Error("the form does not keep what was typed")
	}
	if f.exists("content/stories/d.md") || len(f.rebuilds) > 0 {
		t.Error("a file was written")
	}
	// A slug the build refuses.
	resp, body = f.post(t, "/__showcase/edit/new", with(hidden, "title", "丁", "slug", "../x", "body", "x"), nil)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldMsg(body, "slug"), `“../x”不能包含“..”`) {
		t.Errorf("bad slug: %d %q", resp.StatusCode, fieldMsg(body, "slug"))
	}
	// No token, no save.
	resp, _ = f.post(t, "/__showcase/edit/new", url.Values{"title": {"丁"}, "slug": {"d"}}, nil)
	if resp.StatusCode != http.StatusForbidden || f.exists("content/stories/d.md") {
		t.Errorf("no token: %d", resp.StatusCode)
	}
}

// TestEditKeepsBytes: an edit of a BOM, CRLF story with comments changes
// the changed value's bytes and nothing else.
func TestEditKeepsBytes(t *testing.T) {
	orig := "\ufeff---\r\n# 甲\r\ntitle: '甲的故事'  # 标题\r\ndate: 2020-01-01\r\nneighborhood: 北京居民区\r\nmetrics:\r\n  participants: 10\r\n---\r\n\r\n第一版。\r\n"
	f := newFixture(t, map[string]string{"showcase.yaml": siteConfig, "content/stories/a.md": orig})
	page, hidden := f.open(t, "/__showcase/edit/stories/a")
	if !strings.Contains(page, `value="甲的故事"`) || !strings.Contains(page, `value="10"`) {
		t.Fatalf("form does not show the file's values:\n%s", page)
	}
	form := with(hidden, "title", "甲的故事（新）", "date", "2020-01-01", "neighborhood", "北京居民区", "metrics.participants", "10",
		"body", "\r\n第一版。\r\n")
	resp, body := f.post(t, "/__showcase/edit/stories/a", form, nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save = %d\n%s", resp.StatusCode, body)
	}
	want := strings.Replace(orig, "'甲的故事'", "'甲的故事（新）'", 1)
	if got := f.read(t, "content/stories/a.md"); got != want {
		t.Errorf("a.md =\n%q\nwant\n%q", got, want)
	}

	// Changed on disk since the form was opened: refused, both shown.
	os.WriteFile(filepath.Join(f.dir, "content/stories/a.md"), []byte(storyA), 0o644)
	resp, body = f.post(t, "/__showcase/edit/stories/a", with(form, "title", "我的标题"), map[string][]byte{"花.gif": gif})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "被改过") || !strings.Contains(body, "第一版。") || !strings.Contains(body, "title: 我的标题") {
		t.Errorf("conflict: %d\n%s", resp.StatusCode, body)
	}
	if !regexp.MustCompile(`name="photo\.0\.src" value="staged:[0-9a-f]{12}-花\.gif"`).MatchString(body) {
		t.Error("the photo of a refused save is not kept")
	}
	if f.read(t, "content/stories/a.md") != storyA {
		t.Error("the file changed on disk was overwritten")
	}
}

func TestDidYouMean(t *testing.T) {
	f := newFixture(t, map[string]string{"showcase.yaml": siteConfig, "content/stories/a.md": storyA})
	_, hidden := f.open(t, "/__showcase/edit/new")
	form := with(hidden, "title", "戊", "slug", "e", "date", "2022-01-01", "neighborhood", "北京 居民区", "tags", "花 园", "body", "x")
	resp, body := f.post(t, "/__showcase/edit/new", form, nil)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldMsg(body, "neighborhood"), "是不是“北京居民区”？") ||
		!strings.Contains(fieldMsg(body, "tags"), "是不是“花园”？") || !strings.Contains(body, `name="confirm.neighborhood"`) {
		t.Fatalf("no did-you-mean: %d\n%s", resp.StatusCode, body)
	}
	if f.exists("content/stories/e.md") {
		t.Fatal("written")
	}
	// Confirmed (or the exact value used): saved as written.
	resp, body = f.post(t, "/__showcase/edit/new", with(form, "confirm.neighborhood", "1", "tags", "花园"), nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirmed save = %d\n%s", resp.StatusCode, body)
	}
	if got := f.read(t, "content/stories/e.md"); !strings.Contains(got, "neighborhood: 北京 居民区\n") {
		t.Errorf("e.md = %q", got)
	}
}

// A 1x1 GIF.
var gif = []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")

func TestPhotosMakeABundle(t *testing.T) {
	f := newFixture(t, map[string]string{"showcase.yaml": siteConfig, "content/stories/a.md": storyA})
	_, hidden := f.open(t, "/__showcase/edit/stories/a")
	form := with(hidden, "title", "甲的故事", "date", "2020-01-01", "neighborhood", "北京居民区", "tags", "花园", "metrics.participants", "10", "body", "\n第一版。\n")
	// Not an image: refused by its content, whatever its name.
	resp, body := f.post(t, "/__showcase/edit/stories/a", form, map[string][]byte{"evil.jpg": []byte("<svg onload=alert(1)>")})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldMsg(body, "photos"), "“evil.jpg”不是 JPEG、PNG、WebP 或 GIF 图片") {
		t.Fatalf("svg as jpg: %d %q", resp.StatusCode, fieldMsg(body, "photos"))
	}
	resp, body = f.post(t, "/__showcase/edit/stories/a", form, map[string][]byte{"../../花园 1.gif": gif})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save = %d\n%s", resp.StatusCode, body)
	}
	if f.exists("content/stories/a.md") {
		t.Error("a.md is still there beside the bundle")
	}
	if got := f.read(t, "content/stories/a/index.md"); got != strings.Replace(storyA, "第一版。\n", "第一版。\n\n![](花园-1.gif)\n", 1) {
		t.Errorf("index.md = %q", got)
	}
	if got := f.read(t, "content/stories/a/花园-1.gif"); got != string(gif) {
		t.Error("photo not stored as sent")
	}
	if got := f.rebuilds[len(f.rebuilds)-1]; strings.Join(got, " ") != "content/stories/a.md content/stories/a" {
		t.Errorf("rebuild paths %v", got)
	}
	// The preview shows the bundle's photo from the editor.
	_, hidden = f.open(t, "/__showcase/edit/stories/a")
	_, body = f.post(t, "/__showcase/edit/preview", with(hidden, "bundle", "stories/a", "body", "## 标题\n\n![花](花园-1.gif)"), nil)
	if !strings.Contains(body, `src="/__showcase/edit/files/stories/a/%E8%8A%B1%E5%9B%AD-1.gif"`) || !strings.Contains(body, `<h2 id=`) {
		t.Errorf("preview = %s", body)
	}
	r, err := http.Get(f.srv.URL + "/__showcase/edit/files/stories/a/%E8%8A%B1%E5%9B%AD-1.gif")
	if err != nil || r.StatusCode != 200 || r.Header.Get("Content-Type") != "image/gif" {
		t.Errorf("photo for the preview: %v %v", err, r)
	}
}

func TestTOMLIsEditedAsText(t *testing.T) {
	toml := "+++\ntitle = \"甲\"\n+++\n正文\n"
	f := newFixture(t, map[string]string{"content/stories/a.md": toml})
	page, _ := f.open(t, "/__showcase/edit/stories/a")
	_, hidden := f.open(t, "/__showcase/edit/new")
	if !strings.Contains(page, "请用文本编辑器修改这个文件") || strings.Contains(page, `id="story-form"`) {
		t.Errorf("TOML form:\n%s", page)
	}
	resp, _ := f.post(t, "/__showcase/edit/stories/a", with(hidden, "title", "乙"), nil)
	if resp.StatusCode != http.StatusUnprocessableEntity || f.read(t, "content/stories/a.md") != toml {
		t.Errorf("TOML save: %d", resp.StatusCode)
	}
	// A page likewise.
	if err := os.WriteFile(filepath.Join(f.dir, "content/about.md"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	page, _ = f.open(t, "/__showcase/edit/pages/about")
	if !strings.Contains(page, "请用文本编辑器修改这个文件") || !strings.Contains(page, "title = &#34;甲&#34;") {
		t.Errorf("TOML page form:\n%s", page)
	}
}
