package server

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiangninglu/showcase/internal/browsertest"
)

// TestBrowserReloadAndOverlay: in headless Chromium, an edit reloads the
// open tab; a broken edit shows the error over the page (which stays the
// last good one); the fix clears the overlay and shows the new text; a
// CSS-only change restyles the page without a reload.
func TestBrowserReloadAndOverlay(t *testing.T) {
	ctx := browsertest.New(t)
	r := start(t, site(t, map[string]string{
		"content/stories/a.md": storyA,
		"static/css/extra.css": "h1{color:rgb(255, 0, 0)}",
		"layouts/partials/head.html": `{{define "partials/head.html"}}<meta charset="utf-8"><title>{{.Title}}</title>` +
			`<link rel="stylesheet" href="/css/extra.css">{{end}}`,
	}))
	step := browsertest.Step(t, ctx)
	h1 := func() string {
		t.Helper()
		s, err := chromedp.Run(step, chromedp.Evaluate[string](`document.querySelector("h1").textContent`))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	waitFor := func(what, js string) { t.Helper(); browsertest.WaitFor(t, step, 10*time.Second, what, js) }
	if err := chromedp.Do(step,
		chromedp.Navigate(r.http.URL+"/stories/a/"),
		chromedp.WaitReady(chromedp.CSS("h1")),
	); err != nil {
		t.Fatal(err)
	}
	waitFor("the event stream", `window.__showcaseLive && window.__showcaseLive.readyState === 1`)
	if got := h1(); got != "甲的故事" {
		t.Fatalf("h1 = %q", got)
	}

	// An edit reloads the tab: a marker set on this page is gone after.
	chromedp.Run(step, chromedp.Evaluate[bool](`window.marker = true`))
	write(t, r.dir, "content/stories/a.md", strings.Replace(storyA, "甲的故事", "甲的故事（改）", 1))
	r.next(t)
	waitFor("the reload", `!window.marker && document.querySelector("h1") && document.querySelector("h1").textContent === "甲的故事（改）"`)

	// A broken edit: the overlay shows the file:line error over the page.
	waitFor("the event stream", `window.__showcaseLive && window.__showcaseLive.readyState === 1`)
	write(t, r.dir, "content/stories/a.md", "---\ntitle: 甲\nmetrics: {participants: many}\n---\n")
	r.next(t)
	waitFor("the overlay", `!!document.getElementById("showcase-error-overlay")`)
	text, err := chromedp.Run(step, chromedp.Evaluate[string](`document.getElementById("showcase-error-overlay").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "showcase：最近一次修改没能生成网站") || !strings.Contains(text, "content/stories/a.md:3:25: metrics.participants：应为非负数") {
		t.Errorf("overlay says %q", text)
	}
	if got := h1(); got != "甲的故事（改）" {
		t.Errorf("under the overlay h1 = %q, want the last good page", got)
	}
	// Opaque: the page under it does not show through its text.
	if bg, err := chromedp.Run(step, chromedp.Evaluate[string](`getComputedStyle(document.getElementById("showcase-error-overlay")).backgroundColor`)); err != nil || strings.HasPrefix(bg, "rgba") {
		t.Errorf("overlay background %q (%v), want opaque", bg, err)
	}

	// The fix clears the overlay and shows the new text.
	write(t, r.dir, "content/stories/a.md", strings.Replace(storyA, "甲的故事", "甲的故事（修好）", 1))
	r.next(t)
	waitFor("the fix", `!document.getElementById("showcase-error-overlay") && document.querySelector("h1") && document.querySelector("h1").textContent === "甲的故事（修好）"`)

	// A CSS-only change restyles without a reload.
	waitFor("the event stream", `window.__showcaseLive && window.__showcaseLive.readyState === 1`)
	chromedp.Run(step, chromedp.Evaluate[bool](`window.marker = true`))
	write(t, r.dir, "static/css/extra.css", "h1{color:rgb(0, 0, 255)}")
	r.next(t)
	waitFor("the new style", `getComputedStyle(document.querySelector("h1")).color === "rgb(0, 0, 255)"`)
	if kept, _ := chromedp.Run(step, chromedp.Evaluate[bool](`window.marker === true`)); !kept {
		t.Error("a CSS-only change reloaded the page")
	}
}
