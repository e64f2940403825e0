package server

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiangninglu/showcase/internal/browsertest"
)

// editSite has two declared metrics and one story saved by a Windows
// editor: a byte-order mark, CRLF line endings, comments, quotes.
var editSite = map[string]string{
	"showcase.yaml": "title: 测试站\nmetrics:\n  - {key: participants, label: 参与人次, unit: 人次, aggregate: sum}\n  - {key: funding, label: 资金, unit: 元, aggregate: sum}\n",
	"content/stories/a.md": "\ufeff---\r\n# 甲的故事\r\ntitle: '甲的故事'   # 标题\r\ndate: 2020-01-01\r\nneighborhood: \"北京居民区\"\r\n" +
		"metrics:\r\n  participants: 10 # 人次\r\n  funding: 500\r\n---\r\n\r\n第一版。\r\n",
}

// TestBrowserEditor drives the editor in headless Chromium: a new story
// with a metric and a photo appears on its page and in /stats/; an
// invalid metric is refused by its field with nothing written; an edit
// of the BOM+CRLF story keeps every byte it did not change.
func TestBrowserEditor(t *testing.T) {
	ctx := browsertest.New(t)
	r := start(t, site(t, editSite))
	step := browsertest.Step(t, ctx)
	waitFor := func(what, js string) { t.Helper(); browsertest.WaitFor(t, step, 15*time.Second, what, js) }
	eval := func(js string) string { t.Helper(); return browsertest.Eval(t, step, js) }
	// set types a value into a field as the editor would, events and all.
	set := func(name, value string) chromedp.Action[chromedp.Void] {
		return chromedp.Evaluate[chromedp.Void](`(() => { const el = document.querySelector('[name="` + name + `"]');
			el.value = ` + jsString(value) + `; el.dispatchEvent(new Event("input", {bubbles: true})); return true })()`)
	}
	photo := filepath.Join(t.TempDir(), "花园.jpg")
	writeJPEG(t, photo)

	// From a page, its header's edit link leads to the list, and the
	// list's new-story link to the form. The links are followed by
	// address: a click that navigates can leave chromedp asking the old
	// page for a node (seen once in CI under load).
	if err := chromedp.Do(step, chromedp.Navigate(r.http.URL+"/stats/")); err != nil {
		t.Fatal(err)
	}
	list := eval(`document.querySelector("a.showcase-edit").href`)
	if err := chromedp.Do(step, chromedp.Navigate(list), chromedp.WaitVisible(chromedp.CSS(`#new-story`))); err != nil {
		t.Fatal(err)
	}
	newStory := eval(`document.querySelector("#new-story").href`)
	if err := chromedp.Do(step,
		chromedp.Navigate(newStory),
		chromedp.WaitVisible(chromedp.CSS(`#story-form`)),
		chromedp.SendKeys(chromedp.CSS(`[name="title"]`), "Garden Day"),
	); err != nil {
		t.Fatal(err)
	}
	if got := eval(`document.querySelector('[name="slug"]').value`); got != "garden-day" {
		t.Errorf("suggested slug %q", got)
	}
	// The preview follows the body, rendered by the build's renderer.
	if _, err := chromedp.Run(step, set("body", "## 小花园\n\n居民一起\n种花。")); err != nil {
		t.Fatal(err)
	}
	waitFor("the preview", `!!document.querySelector("#preview h2") && document.querySelector("#preview p").textContent === "居民一起种花。"`)
	if got := eval(`document.querySelector("#preview h2").id`); got == "" {
		t.Error("preview heading has no id")
	}
	if err := chromedp.Do(step,
		set("date", "2021-03-04"),
		set("metrics.participants", "30"),
		chromedp.SetUploadFiles(chromedp.CSS(`#f-photos`), []string{photo}),
		chromedp.Click(chromedp.CSS(`#save`)),
	); err != nil {
		t.Fatal(err)
	}
	waitFor("the new story's page", `location.pathname === "/stories/garden-day/" && !!document.querySelector("h1") && document.querySelector("h1").textContent === "Garden Day"`)
	waitFor("its photo", `!!document.querySelector("main img[src*='garden-day']")`)
	if got, err := os.ReadFile(filepath.Join(r.dir, "content/stories/garden-day/index.md")); err != nil || !strings.Contains(string(got), "participants: 30") || !strings.Contains(string(got), "![](花园.jpg)") {
		t.Errorf("index.md = %q, %v", got, err)
	}
	if err := chromedp.Do(step, chromedp.Navigate(r.http.URL+"/stats/")); err != nil {
		t.Fatal(err)
	}
	waitFor("the totals", `document.body && document.body.innerText.includes("40")`)

	// An invalid metric: the build's message by the field, no file.
	if err := chromedp.Do(step,
		chromedp.Navigate(r.http.URL+"/__showcase/edit/new"),
		chromedp.WaitVisible(chromedp.CSS(`#story-form`)),
		set("title", "坏数字"), set("slug", "bad"),
		set("metrics.participants", "很多"),
		chromedp.Click(chromedp.CSS(`#save`)),
	); err != nil {
		t.Fatal(err)
	}
	waitFor("the message", `!!document.getElementById("msg-metrics.participants") && document.getElementById("msg-metrics.participants").textContent.length > 0`)
	if got := eval(`document.getElementById("msg-metrics.participants").textContent`); got != `应为非负数，实际是“很多”` {
		t.Errorf("message by the field: %q", got)
	}
	if got := eval(`document.querySelector('[name="metrics.participants"]').value`); got != "很多" {
		t.Errorf("the field now holds %q", got)
	}
	if _, err := os.Stat(filepath.Join(r.dir, "content/stories/bad.md")); err == nil {
		t.Error("bad.md was written")
	}

	// Editing the BOM+CRLF story changes the one value, nothing else.
	if err := chromedp.Do(step,
		chromedp.Navigate(r.http.URL+"/stories/a/"),
		chromedp.Click(chromedp.CSS(`a.showcase-edit`)),
		chromedp.WaitVisible(chromedp.CSS(`#story-form`)),
	); err != nil {
		t.Fatal(err)
	}
	if got := eval(`document.querySelector('[name="neighborhood"]').value`); got != "北京居民区" {
		t.Errorf("neighborhood shown as %q", got)
	}
	if err := chromedp.Do(step, set("metrics.participants", "11"), chromedp.Click(chromedp.CSS(`#save`))); err != nil {
		t.Fatal(err)
	}
	waitFor("the story's page", `location.pathname === "/stories/a/" && document.body && document.body.innerText.includes("11")`)
	got, _ := os.ReadFile(filepath.Join(r.dir, "content/stories/a.md"))
	want := strings.Replace(editSite["content/stories/a.md"], "participants: 10 #", "participants: 11 #", 1)
	if !bytes.Equal(got, []byte(want)) {
		t.Errorf("a.md after the edit:\n%q\nwant\n%q", got, want)
	}
}

func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`)
	return `"` + r.Replace(s) + `"`
}

func writeJPEG(t *testing.T, name string) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for y := range 48 {
		for x := range 64 {
			img.Set(x, y, color.RGBA{uint8(x * 4), uint8(y * 5), 120, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
