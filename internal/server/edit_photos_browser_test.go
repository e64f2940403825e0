package server

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/jiangninglu/showcase/internal/browsertest"
)

// TestBrowserEditorPhotos drives the editor as an office worker would: two
// photos chosen at once show as rows and in the preview; a failed save
// shows one summary of every problem, focused, each a link to its field,
// and keeps the photos (staged, with their alt text and the cover
// choice); fixing the one figure saves the story with the photo made its
// cover. A story's own pictures show in the preview.
//
// With SHOWCASE_SCREENSHOTS=DIR it also saves screenshots there.
func TestBrowserEditorPhotos(t *testing.T) {
	ctx := browsertest.New(t)
	files := map[string]string{}
	for k, v := range editSite {
		files[k] = v
	}
	files["content/stories/b/index.md"] = "---\ntitle: 乙的故事\ndate: 2021-01-01\n---\n\n开头。\n\n![楼道里的花](flowers.jpg \"楼道\")\n"
	dir := site(t, files)
	writeJPEG(t, filepath.Join(dir, "content/stories/b/flowers.jpg"))
	os.MkdirAll(filepath.Join(dir, "static/img"), 0o755)
	writeJPEG(t, filepath.Join(dir, "static/img/logo.jpg"))
	r := start(t, dir)
	step := browsertest.Step(t, ctx)
	shots := os.Getenv("SHOWCASE_SCREENSHOTS")
	waitFor := func(what, js string) { t.Helper(); browsertest.WaitFor(t, step, 15*time.Second, what, js) }
	eval := func(js string) string { t.Helper(); return browsertest.Eval(t, step, js) }
	set := func(sel, value string) chromedp.Action[chromedp.Void] {
		return chromedp.Evaluate[chromedp.Void](`(() => { const el = document.querySelector(` + jsString(sel) + `);
			el.value = ` + jsString(value) + `; el.dispatchEvent(new Event("input", {bubbles: true})); return true })()`)
	}
	shot := func(name string, width int64, dark bool) {
		t.Helper()
		if shots == "" {
			return
		}
		scheme := "light"
		if dark {
			scheme = "dark"
		}
		var png []byte
		err := chromedp.Do(step,
			chromedp.EmulateViewport(width, 900),
			chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
				return err
			}),
			chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				// The whole page in one viewport, so that the sticky save
				// bar sits at its end, then settled.
				h, err := chromedp.Evaluate[int64](`document.documentElement.scrollHeight`)(ctx, tg)
				if err != nil {
					return err
				}
				if _, err := chromedp.EmulateViewport(width, h)(ctx, tg); err != nil {
					return err
				}
				time.Sleep(300 * time.Millisecond)
				png, err = chromedp.CaptureScreenshot()(ctx, tg)
				return err
			}),
		)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// loaded is true when every img matched by sel has loaded pixels.
	loaded := func(sel string, n int) string {
		return `(() => { const a = [...document.querySelectorAll(` + jsString(sel) + `)]; return a.length === ` + strconv.Itoa(n) +
			` && a.every(i => i.complete && i.naturalWidth > 0) })()`
	}
	garden := filepath.Join(t.TempDir(), "花园.jpg")
	stairs := filepath.Join(t.TempDir(), "楼道.jpg")
	writeJPEG(t, garden)
	writeJPEG(t, stairs)

	// A story's own pictures show in the preview.
	if err := chromedp.Do(step, chromedp.Navigate(r.http.URL+"/__showcase/edit/stories/b"), chromedp.WaitVisible(chromedp.CSS(`#story-form`))); err != nil {
		t.Fatal(err)
	}
	waitFor("the story's picture in the preview", loaded("#preview img", 1))
	if got := eval(`document.querySelector("#preview figcaption").textContent`); got != "楼道" {
		t.Errorf("preview caption %q", got)
	}
	shot("editor-1280-light", 1280, false)
	shot("editor-1280-dark", 1280, true)
	shot("editor-390-light", 390, false)
	shot("editor-390-dark", 390, true)
	chromedp.Do(step, chromedp.EmulateViewport(1280, 900))

	// Dark mode follows the reader's setting.
	if err := chromedp.Do(step, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	if got := eval(`getComputedStyle(document.body).backgroundColor`); got != "rgb(13, 17, 23)" {
		t.Errorf("dark mode background %q", got)
	}
	chromedp.Do(step, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "light"}}})
		return err
	}))

	// A picture from the media library made the cover; the story's own
	// photo taken out of the text (its file stays).
	if err := chromedp.Do(step,
		chromedp.Click(chromedp.CSS(`#library summary`)),
		chromedp.Click(chromedp.CSS(`#library .pick[data-ref="static:/img/logo.jpg"]`)),
	); err != nil {
		t.Fatal(err)
	}
	waitFor("the picked row", loaded("#photo-list li.photo .thumb img", 2))
	if err := chromedp.Do(step,
		set(`[name="photo.1.alt"]`, "街道标志"),
		chromedp.Click(chromedp.CSS(`#photo-list li.photo[data-n="1"] .make-cover input`)),
		chromedp.Click(chromedp.CSS(`#photo-list li.photo[data-n="0"] .remove input`)),
	); err != nil {
		t.Fatal(err)
	}
	waitFor("the preview without the taken-out photo", `!!document.querySelector("#preview img") && [...document.querySelectorAll("#preview img")].map(i => i.alt).join("|") === "街道标志|街道标志"`)
	if err := chromedp.Do(step, chromedp.Click(chromedp.CSS(`#save`))); err != nil {
		t.Fatal(err)
	}
	waitFor("story b's page", `location.pathname === "/stories/b/"`)
	if got, _ := os.ReadFile(filepath.Join(r.dir, "content/stories/b/index.md")); string(got) != "---\ntitle: 乙的故事\ndate: 2021-01-01\ncover: /img/logo.jpg\ncover_alt: 街道标志\n---\n\n开头。\n\n![街道标志](/img/logo.jpg)\n" {
		t.Errorf("b/index.md = %q", got)
	}
	if _, err := os.Stat(filepath.Join(r.dir, "content/stories/b/flowers.jpg")); err != nil {
		t.Error("the photo taken out of the text was deleted")
	}

	// Two photos, chosen one after the other: two rows with thumbnails,
	// both in the preview.
	if err := chromedp.Do(step,
		chromedp.Navigate(r.http.URL+"/__showcase/edit/new"),
		chromedp.WaitVisible(chromedp.CSS(`#story-form`)),
		set(`[name="title"]`, "花园日"), set(`[name="slug"]`, "garden"), set(`[name="date"]`, "2021-03-04"),
		set(`[name="metrics.participants"]`, "很多"), set(`[name="year"]`, "1800"),
		set(`[name="body"]`, "居民一起种花。"),
		chromedp.SetUploadFiles(chromedp.CSS(`#f-photos`), []string{garden}),
	); err != nil {
		t.Fatal(err)
	}
	waitFor("the first photo's row", loaded("#photo-list li.photo .thumb img", 1))
	// A second choice adds to the first.
	if err := chromedp.Do(step, chromedp.SetUploadFiles(chromedp.CSS(`#f-photos`), []string{stairs})); err != nil {
		t.Fatal(err)
	}
	waitFor("two photo rows", loaded("#photo-list li.photo .thumb img", 2))
	waitFor("the photos in the preview", loaded("#preview img", 2))
	if err := chromedp.Do(step,
		set(`[name="photo.0.alt"]`, "居民在花园里种花"),
		set(`[name="photo.0.caption"]`, "三月的花园"),
		set(`[name="photo.1.alt"]`, "楼道"),
		chromedp.Click(chromedp.CSS(`#photo-list li.photo[data-n="1"] .make-cover input`)),
	); err != nil {
		t.Fatal(err)
	}
	waitFor("the cover at the top of the preview", `!!document.querySelector("#preview img") && document.querySelector("#preview img").alt === "楼道"`)
	shot("photo-made-cover", 1280, false)
	if err := chromedp.Do(step, chromedp.Click(chromedp.CSS(`#save`))); err != nil {
		t.Fatal(err)
	}

	// Refused: one summary, focused, a link per problem; nothing lost.
	waitFor("the error summary", `!!document.getElementById("error-summary") && document.activeElement && document.activeElement.id === "error-summary"`)
	links := eval(`[...document.querySelectorAll("#error-summary a")].map(a => a.getAttribute("href") + " " + a.textContent).join("\n")`)
	for _, want := range []string{"#f-year 项目年度：应为年份", "#f-metrics.participants 参与人次：应为非负数，实际是“很多”"} {
		if !strings.Contains(links, want) {
			t.Errorf("summary lacks %q:\n%s", want, links)
		}
	}
	if got := eval(`document.getElementById("msg-metrics.participants").textContent`); got != `应为非负数，实际是“很多”` {
		t.Errorf("the field's own message: %q", got)
	}
	waitFor("the kept photos", loaded("#photo-list li.photo .thumb img", 2))
	if got := eval(`[...document.querySelectorAll('#photo-list [name$=".src"]')].map(e => e.value.replace(/^staged:[0-9a-f]{12}-/, "staged:")).join(" ")`); got != "staged:花园.jpg staged:楼道.jpg" {
		t.Errorf("rows after the failed save: %q", got)
	}
	if got := eval(`document.querySelector('[name="photo.0.alt"]').value + "|" + document.querySelector('[name="photo.0.caption"]').value + "|" + document.querySelector('[name="cover.pick"]:checked').value`); got != "居民在花园里种花|三月的花园|1" {
		t.Errorf("kept alt|caption|cover = %q", got)
	}
	if got := eval(`document.querySelector('[name="title"]').value + "|" + document.querySelector('[name="body"]').value.trim()`); got != "花园日|居民一起种花。" {
		t.Errorf("kept fields %q", got)
	}
	waitFor("the kept photos (and the cover) in the preview", loaded("#preview img", 3))
	shot("failed-save-summary", 1280, false)
	shot("failed-save-summary-390-dark", 390, true)
	chromedp.Do(step, chromedp.EmulateViewport(1280, 900))
	// A summary link takes the editor to the field.
	if err := chromedp.Do(step, chromedp.Click(chromedp.CSS(`#error-summary a[href="#f-metrics.participants"]`))); err != nil {
		t.Fatal(err)
	}
	if got := eval(`document.activeElement.name`); got != "metrics.participants" {
		t.Errorf("after the summary link, focus is on %q", got)
	}
	if _, err := os.Stat(filepath.Join(r.dir, "content/stories/garden")); err == nil {
		t.Fatal("a refused save wrote the story")
	}

	// Fixed: saved with both photos, the second one its cover.
	if err := chromedp.Do(step,
		set(`[name="metrics.participants"]`, "30"), set(`[name="year"]`, ""),
		chromedp.Click(chromedp.CSS(`#save`)),
	); err != nil {
		t.Fatal(err)
	}
	waitFor("the story's page", `location.pathname === "/stories/garden/" && !!document.querySelector("h1") && document.querySelector("h1").textContent === "花园日"`)
	got, err := os.ReadFile(filepath.Join(r.dir, "content/stories/garden/index.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"cover: 楼道.jpg\n", "cover_alt: 楼道\n", "![居民在花园里种花](花园.jpg \"三月的花园\")\n", "![楼道](楼道.jpg)\n"} {
		if !strings.Contains(string(got), want) {
			t.Errorf("index.md lacks %q:\n%s", want, got)
		}
	}
	waitFor("the cover and the figure on the page", `!!document.querySelector("main img[alt='楼道']") && [...document.querySelectorAll("main figcaption")].some(f => f.textContent === "三月的花园")`)
	if es, _ := os.ReadDir(filepath.Join(r.dir, ".showcase/staging")); len(es) != 0 {
		t.Errorf("staging area keeps %d files after the save", len(es))
	}

	// A photo over 20 MB is named before anything is sent: the form stays
	// as typed.
	big := filepath.Join(t.TempDir(), "大照片.jpg")
	if err := os.WriteFile(big, make([]byte, 21<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(step,
		chromedp.Navigate(r.http.URL+"/__showcase/edit/new"),
		chromedp.WaitVisible(chromedp.CSS(`#story-form`)),
		set(`[name="title"]`, "大照片"),
		chromedp.SetUploadFiles(chromedp.CSS(`#f-photos`), []string{big}),
		chromedp.Click(chromedp.CSS(`#save`)),
	); err != nil {
		t.Fatal(err)
	}
	waitFor("the size message", `document.getElementById("msg-photos").textContent.includes("20 MB") && document.getElementById("msg-photos").textContent.includes("大照片.jpg")`)
	if got := eval(`location.pathname + "|" + document.querySelector('[name="title"]').value`); got != "/__showcase/edit/new|大照片" {
		t.Errorf("after a too-large photo: %q", got)
	}
}

// TestBrowserEditReport: a report's page leads to its form by the header's
// edit button; a changed figure is saved, shown on the page, and the rest
// of the file keeps its bytes.
func TestBrowserEditReport(t *testing.T) {
	ctx := browsertest.New(t)
	files := map[string]string{
		"showcase.yaml":           editSite["showcase.yaml"] + "  - {key: micro_projects, label: 实施微项目, unit: 个, aggregate: sum, scope: programme}\n",
		"content/reports/2020.md": "---\r\ntitle: 2020 年度总结  # 标题\r\nyear: 2020\r\nreported:\r\n  micro_projects: 113\r\n---\r\n\r\n四年回顾。\r\n",
	}
	r := start(t, site(t, files))
	step := browsertest.Step(t, ctx)
	if err := chromedp.Do(step,
		chromedp.Navigate(r.http.URL+"/reports/2020/"),
		chromedp.Click(chromedp.CSS(`nav a.showcase-edit`)),
		chromedp.WaitVisible(chromedp.CSS(`#story-form`)),
	); err != nil {
		t.Fatal(err)
	}
	var names string
	if err := chromedp.Do(step, chromedp.Evaluate[chromedp.Void](`document.querySelector('[name="reported.micro_projects"]').value = "120"; true`),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			var err error
			names, err = chromedp.Evaluate[string](`[...document.querySelectorAll("#story-form [name]")].map(e => e.name).filter(n => n.includes(".")).join(" ")`)(ctx, tg)
			return err
		}),
		chromedp.Click(chromedp.CSS(`#save`)),
	); err != nil {
		t.Fatal(err)
	}
	if names != "reported.micro_projects" {
		t.Errorf("the report's form offers %q", names)
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		_, err := chromedp.Run(step, chromedp.Poll[bool](`location.pathname === "/reports/2020/" && document.body && document.body.innerText.includes("120")`, chromedp.WithPollingTimeout(time.Until(deadline))))
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the report's page: %v", err)
		}
	}
	got, _ := os.ReadFile(filepath.Join(r.dir, "content/reports/2020.md"))
	if want := strings.Replace(files["content/reports/2020.md"], "113", "120", 1); string(got) != want {
		t.Errorf("2020.md = %q, want %q", got, want)
	}
}
