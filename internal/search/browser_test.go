package search_test

import (
	"context"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiangninglu/showcase/internal/browsertest"
	"github.com/jiangninglu/showcase/internal/build"
	"github.com/jiangninglu/showcase/internal/publisher"
)

// draftStory is added to a copy of the example site: built with
// --drafts, its page exists, but search must never find it.
const draftStory = `---
title: 秘密草稿
date: 2021-01-19
year: 2020
leads: [夏敏]
draft: true
---

尚未发表的秘密草稿，提到高跟鞋。
`

// apartStory holds 居委 and 委会 but not 居委会 (synthetic).
const apartStory = `---
title: 分开的两个词
date: 2021-01-19
year: 2020
---

居委干部来开会。另一天，业委会也来了。
`

// TestSearchInBrowser builds a copy of the example site with a draft,
// under the baseURL https://example.org/showcase/, and searches it in
// headless Chromium at phone width: /search/?q= shows results on load,
// typing updates them and the address, the right story comes first, the
// match is marked, the draft never appears, and nothing leaves the site.
func TestSearchInBrowser(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile("../../showcase.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "showcase.yaml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/stories/secret-draft.md"), []byte(draftStory), 0o644); err != nil {
		t.Fatal(err)
	}
	// Both pairs of 居委会, never together: the index finds it for 居委会,
	// and the page must weed it out.
	if err := os.WriteFile(filepath.Join(dir, "content/stories/apart.md"), []byte(apartStory), 0o644); err != nil {
		t.Fatal(err)
	}
	w := publisher.NewMemWriter()
	_, err = build.Build(context.Background(), build.Options{
		Source: dir, Drafts: true, BaseURL: "https://example.org/showcase/",
		Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
	}, w)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := w.Files["search/index.html"]; !ok {
		if os.Getenv("CI") != "" {
			t.Fatal("the build writes no search/index.html")
		}
		t.Skip("the build writes no search/index.html yet (render.Kinds and render.Pages need the search page)")
	}
	if _, ok := w.Files["stories/secret-draft/index.html"]; !ok {
		t.Fatal("the draft's page is not built under --drafts; the test needs it")
	}
	srv := httptest.NewServer(browsertest.Serve(w.Files, "/showcase/"))
	defer srv.Close()
	ctx := browsertest.New(t)

	type state struct {
		Status   string   `json:"status"`
		Links    []string `json:"links"`
		Marks    []string `json:"marks"`
		Query    string   `json:"query"`
		Overflow int      `json:"overflow"`
		Foreign  []string `json:"foreign"`
	}
	const read = `(() => ({
		status: document.querySelector('[role=status]').textContent,
		links: [...document.querySelectorAll('.search-result a')].map(a => a.getAttribute('href')),
		marks: [...document.querySelectorAll('.search-result mark')].map(m => m.textContent),
		query: new URLSearchParams(location.search).get('q') || '',
		overflow: document.documentElement.scrollWidth - window.innerWidth,
		foreign: performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin)),
	}))()`
	// settled waits until the results answer the query in the box.
	const settled = `document.querySelector('[role=status]').textContent !== '' && !document.querySelector('#search').hasAttribute('aria-busy')`

	settle := func(t *testing.T, step context.Context) state {
		t.Helper()
		if _, err := chromedp.Run(step, chromedp.Poll[bool](settled)); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(step, chromedp.Evaluate[state](read))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	check := func(t *testing.T, got state, query, first string) {
		t.Helper()
		if len(got.Links) == 0 {
			t.Fatalf("%q: no results; status %q", query, got.Status)
		}
		if want := srv.URL + "/showcase/stories/" + first + "/"; got.Links[0] != want {
			t.Errorf("%q: first result %s, want %s (all: %v)", query, got.Links[0], want, got.Links)
		}
		for _, l := range got.Links {
			if strings.Contains(l, "secret-draft") {
				t.Errorf("%q: the draft is listed: %v", query, got.Links)
			}
		}
		if len(got.Marks) == 0 && query != "sneakers" { // in the English summary, not in the snippet
			t.Errorf("%q: nothing marked", query)
		}
		if got.Query != query {
			t.Errorf("address has q=%q, want %q", got.Query, query)
		}
		if got.Overflow > 0 {
			t.Errorf("page is %dpx wider than the window", got.Overflow)
		}
		if len(got.Foreign) > 0 {
			t.Errorf("requests to other hosts: %v", got.Foreign)
		}
		if !strings.Contains(got.Status, "找到") {
			t.Errorf("status %q does not say how many were found", got.Status)
		}
	}

	for _, tt := range []struct{ query, first string }{
		{"高跟鞋", "high-heels"},
		{"联席会议", "old-brand"},
		{"夏敏", "high-heels"},
		{"sneakers", "high-heels"},
		{"秘密草稿", ""},
	} {
		t.Run("load "+tt.query, func(t *testing.T) {
			step := browsertest.Step(t, ctx)
			err := chromedp.Do(step,
				chromedp.EmulateViewport(390, 844),
				chromedp.Navigate(srv.URL+"/showcase/search/?q="+url.QueryEscape(tt.query)),
			)
			if err != nil {
				t.Fatal(err)
			}
			got := settle(t, step)
			if tt.first == "" {
				if len(got.Links) != 0 || !strings.Contains(got.Status, "没有找到") {
					t.Errorf("the draft was found: %v, status %q", got.Links, got.Status)
				}
				return
			}
			check(t, got, tt.query, tt.first)
		})
	}

	// 居委会: only the stories that hold the word whole, each with the
	// passage of its text that matched, the word marked.
	t.Run("whole word and passage", func(t *testing.T) {
		step := browsertest.Step(t, ctx)
		err := chromedp.Do(step,
			chromedp.EmulateViewport(1280, 900),
			chromedp.Navigate(srv.URL+"/showcase/search/?q="+url.QueryEscape("居委会")),
		)
		if err != nil {
			t.Fatal(err)
		}
		got := settle(t, step)
		for _, l := range got.Links {
			if strings.Contains(l, "/apart/") {
				t.Errorf("居委会 lists the story that holds only 居委 and 业委会: %v", got.Links)
			}
		}
		if len(got.Links) != 2 || !strings.Contains(got.Status, "2") {
			t.Errorf("居委会: %v, status %q; want the two stories that say it", got.Links, got.Status)
		}
		snippets, err := chromedp.Run(step, chromedp.Evaluate[[]string](`[...document.querySelectorAll('.search-snippet')].map(p => p.textContent)`))
		if err != nil {
			t.Fatal(err)
		}
		for _, sn := range snippets {
			if !strings.Contains(sn, "居委会") {
				t.Errorf("snippet %q is not the passage that matched", sn)
			}
		}
		for _, m := range got.Marks {
			if m != "居委会" {
				t.Errorf("marked %q, want 居委会", m)
			}
		}
	})

	t.Run("typing", func(t *testing.T) {
		step := browsertest.Step(t, ctx)
		err := chromedp.Do(step,
			chromedp.EmulateViewport(390, 844),
			chromedp.Navigate(srv.URL+"/showcase/search/"),
			chromedp.WaitVisible(chromedp.CSS("#search-q")),
			chromedp.SendKeys(chromedp.CSS("#search-q"), "鄙视链"),
		)
		if err != nil {
			t.Fatal(err)
		}
		check(t, settle(t, step), "鄙视链", "disdain-chain")
		if name := os.Getenv("SEARCH_SCREENSHOT"); name != "" {
			png, err := chromedp.Run(step, chromedp.FullScreenshot(90))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name, png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	})
}
