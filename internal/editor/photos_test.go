package editor

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const programmeConfig = siteConfig + `  - {key: micro_projects, label: 实施微项目, unit: 个, aggregate: sum, scope: programme}
`

// TestStoryFormHasStoryMetricsOnly: a programme figure is the report's.
func TestStoryFormHasStoryMetricsOnly(t *testing.T) {
	f := newFixture(t, map[string]string{"showcase.yaml": programmeConfig, "content/stories/a.md": storyA})
	for _, p := range []string{"/__showcase/edit/new", "/__showcase/edit/stories/a"} {
		page, _ := f.open(t, p)
		if !strings.Contains(page, `name="metrics.participants"`) || strings.Contains(page, `metrics.micro_projects`) {
			t.Errorf("%s: metrics offered wrongly", p)
		}
	}
}

// TestSlugHintSaysWhatIsAccepted: the hint names Chinese, and a Chinese
// URL name (with a dot) saves as the hint says.
func TestSlugHintSaysWhatIsAccepted(t *testing.T) {
	f := newFixture(t, map[string]string{"showcase.yaml": siteConfig})
	page, hidden := f.open(t, "/__showcase/edit/new")
	if !strings.Contains(page, "可以用汉字、字母、数字和 - _ .") {
		t.Error("the slug hint does not say Chinese is accepted")
	}
	resp, body := f.post(t, "/__showcase/edit/new", with(hidden, "title", "花园日", "slug", "花园日-2.0", "date", "2022-01-01", "body", "x"), nil)
	if resp.StatusCode != http.StatusSeeOther || !f.exists("content/stories/花园日-2.0.md") {
		t.Fatalf("Chinese slug: %d\n%s", resp.StatusCode, body)
	}
}

var reSummary = regexp.MustCompile(`(?s)<div class="error-summary".*?</div>`)

// TestFailedSaveSummaryKeepsPhotos: one summary lists every problem, each
// linked to its field; the uploaded photo is staged, comes back as a row
// with its thumbnail, alt text and caption, and is saved with the story
// (as the cover) once the problems are fixed.
func TestFailedSaveSummaryKeepsPhotos(t *testing.T) {
	f := newFixture(t, map[string]string{"showcase.yaml": siteConfig, "content/stories/a.md": storyA})
	_, hidden := f.open(t, "/__showcase/edit/new")
	form := with(hidden, "title", "丁", "slug", "d", "date", "2022-01-01", "metrics.participants", "很多", "year", "1800",
		"body", "正文。\n", "photo.0.src", "new:花园.gif", "photo.0.alt", "居民种花", "photo.0.caption", "三月的花园", "cover.pick", "0")
	resp, body := f.post(t, "/__showcase/edit/new", form, map[string][]byte{"花园.gif": gif})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", resp.StatusCode)
	}
	sum := reSummary.FindString(body)
	for _, want := range []string{"没有保存", `<a href="#f-year">项目年度：应为年份，如 2020，实际是 1800</a>`, `<a href="#f-metrics.participants">参与人次：应为非负数，实际是“很多”</a>`} {
		if !strings.Contains(sum, want) {
			t.Errorf("summary lacks %s:\n%s", want, sum)
		}
	}
	if strings.Contains(body, "重新选择") {
		t.Error("asks to choose the photo again")
	}
	m := regexp.MustCompile(`name="photo\.0\.src" value="staged:([0-9a-f]{12}-花园\.gif)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no staged photo row:\n%s", body)
	}
	id := m[1]
	for _, want := range []string{`name="photo.0.alt" value="居民种花"`, `name="photo.0.caption" value="三月的花园"`, `value="0" checked`, `<img src="/__showcase/edit/staged/`} {
		if !strings.Contains(body, want) {
			t.Errorf("row lacks %s", want)
		}
	}
	if f.exists("content/stories/d.md") || f.exists("content/stories/d") {
		t.Fatal("a failed save wrote the story")
	}
	r, err := http.Get(f.srv.URL + stagedURL(id))
	if err != nil || r.StatusCode != 200 || r.Header.Get("Content-Type") != "image/gif" {
		t.Fatalf("thumbnail: %v %v", err, r)
	}
	// Fixed, sent again without the file: the staged photo is saved.
	form = with(form, "metrics.participants", "12", "year", "", "photo.0.src", "staged:"+id)
	resp, body = f.post(t, "/__showcase/edit/new", form, nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save = %d\n%s", resp.StatusCode, body)
	}
	got := f.read(t, "content/stories/d/index.md")
	for _, want := range []string{"cover: 花园.gif\n", "cover_alt: 居民种花\n", "正文。\n\n![居民种花](花园.gif \"三月的花园\")\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("index.md lacks %q:\n%s", want, got)
		}
	}
	if f.read(t, "content/stories/d/花园.gif") != string(gif) {
		t.Error("photo not stored")
	}
	if es, _ := os.ReadDir(filepath.Join(f.dir, stagingDir)); len(es) != 0 {
		t.Errorf("staging area not cleaned: %v", es)
	}
}

// TestPhotoRowsEditTheBody: a photo in the story is listed; its alt and
// caption are rewritten in place, it can be taken out, and a picture
// under static/ can be picked again.
func TestPhotoRowsEditTheBody(t *testing.T) {
	story := "---\ntitle: 甲\ndate: 2020-01-01\n---\n\n开头。\n\n![旧说明](a.gif)\n\n中间。\n\n![](b.gif \"图注\")\n\n结尾。\n"
	f := newFixture(t, map[string]string{"showcase.yaml": siteConfig, "content/stories/a/index.md": story,
		"content/stories/a/a.gif": string(gif), "content/stories/a/b.gif": string(gif), "static/img/logo.gif": string(gif)})
	page, hidden := f.open(t, "/__showcase/edit/stories/a")
	for _, want := range []string{`name="photo.0.md" value="![旧说明](a.gif)"`, `name="photo.1.src" value="file:b.gif"`,
		`data-ref="static:/img/logo.gif"`, `data-ref="file:a.gif"`, `<img src="/__showcase/edit/files/stories/a/a.gif"`} {
		if !strings.Contains(page, want) {
			t.Errorf("form lacks %s", want)
		}
	}
	form := with(hidden, "title", "甲", "date", "2020-01-01", "body", "\n开头。\n\n![旧说明](a.gif)\n\n中间。\n\n![](b.gif \"图注\")\n\n结尾。\n",
		"photo.0.src", "file:a.gif", "photo.0.md", "![旧说明](a.gif)", "photo.0.alt", "新说明",
		"photo.1.src", "file:b.gif", "photo.1.md", `![](b.gif "图注")`, "photo.1.remove", "1",
		"photo.2.src", "static:/img/logo.gif", "photo.2.alt", "标志", "cover.pick", "2")
	resp, body := f.post(t, "/__showcase/edit/stories/a", form, nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save = %d\n%s", resp.StatusCode, body)
	}
	want := "---\ntitle: 甲\ndate: 2020-01-01\ncover: /img/logo.gif\ncover_alt: 标志\n---\n\n开头。\n\n![新说明](a.gif)\n\n中间。\n\n结尾。\n\n![标志](/img/logo.gif)\n"
	if got := f.read(t, "content/stories/a/index.md"); got != want {
		t.Errorf("index.md =\n%s\nwant\n%s", got, want)
	}
	if !f.exists("content/stories/a/b.gif") {
		t.Error("a photo taken out of the story was deleted from disk")
	}
}

// TestApplyKeepsUntouchedPictures: a picture whose alt text and caption
// did not change keeps its bytes, however it was written.
func TestApplyKeepsUntouchedPictures(t *testing.T) {
	body := "甲\n\n![花](<a.jpg>)\n\n乙\n"
	p := &photoPlan{items: []photoItem{{N: 0, Src: "file:a.jpg", Alt: "花", MD: "![花](<a.jpg>)"}}, dests: map[int]string{0: "a.jpg"}}
	if got := p.apply(body); got != body {
		t.Errorf("untouched picture rewritten: %q", got)
	}
	p.items[0].Caption = "图注"
	if got := p.apply(body); got != "甲\n\n![花](a.jpg \"图注\")\n\n乙\n" {
		t.Errorf("caption: %q", got)
	}
	p.items[0].Remove = true
	if got := p.apply(body); got != "甲\n\n乙\n" {
		t.Errorf("removed: %q", got)
	}
}

// TestStagedServesOnlyStagedImages: the thumbnail route serves a staged
// image and nothing else.
func TestStagedServesOnlyStagedImages(t *testing.T) {
	f := newFixture(t, map[string]string{"showcase.yaml": siteConfig, ".showcase/staging/0123456789ab-x.gif": string(gif),
		".showcase/staging/0123456789ab-y.gif": "<svg onload=alert(1)>"})
	for path, want := range map[string]int{
		"0123456789ab-x.gif":              200,
		"0123456789ab-y.gif":              404, // not an image, whatever its name
		"..%2F..%2Fshowcase.yaml":         404,
		"0123456789ab-..%2Fshowcase.yaml": 404,
		"x.gif":                           404,
	} {
		r, err := http.Get(f.srv.URL + "/__showcase/edit/staged/" + path)
		if err != nil {
			t.Fatal(err)
		}
		r.Body.Close()
		if r.StatusCode != want {
			t.Errorf("staged/%s = %d, want %d", path, r.StatusCode, want)
		}
	}
}

// TestSummaryListsEveryProblemAtOnce: an unusable URL name does not hide
// the other problems.
func TestSummaryListsEveryProblemAtOnce(t *testing.T) {
	f := newFixture(t, map[string]string{"showcase.yaml": siteConfig})
	_, hidden := f.open(t, "/__showcase/edit/new")
	resp, body := f.post(t, "/__showcase/edit/new", with(hidden, "title", "", "slug", "a b", "date", "2021-13-04", "weight", "重", "body", "x"), nil)
	sum := reSummary.FindString(body)
	for _, want := range []string{`href="#f-slug"`, `href="#f-title"`, `href="#f-date"`, `href="#f-weight"`} {
		if !strings.Contains(sum, want) {
			t.Errorf("summary lacks %s:\n%s", want, sum)
		}
	}
	if resp.StatusCode != http.StatusUnprocessableEntity || strings.Contains(body, "editor-check") {
		t.Errorf("%d, or the stand-in name shows:\n%s", resp.StatusCode, sum)
	}
	if es, _ := os.ReadDir(filepath.Join(f.dir, "content/stories")); len(es) != 0 {
		t.Errorf("written: %v", es)
	}
}
