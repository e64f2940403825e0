package build

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiangninglu/showcase/internal/browsertest"
	"github.com/jiangninglu/showcase/internal/publisher"
)

// TestPagesInBrowser opens every page kind of the example site in headless
// Chromium at phone and desktop widths: each has its heading and language,
// nothing overflows sideways, every image loads, and no request leaves the
// site's own host.
func TestPagesInBrowser(t *testing.T) {
	w := publisher.NewMemWriter()
	if _, err := Build(context.Background(), Options{Source: exampleSite, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}, w); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(browsertest.Serve(w.Files, "/"))
	defer srv.Close()
	ctx := browsertest.New(t)

	pages := map[string]string{ // URL -> the h1 it must show
		"/":                     "江宁路街道社区微项目",
		"/stories/":             "故事",
		"/stories/high-heels/":  "「高跟鞋」",
		"/about/":               "关于本站",
		"/reports/":             "年度报告",
		"/reports/2020/":        "「微项目」深耕四载——2020年度社区微项目总结",
		"/stats/":               "统计",
		"/neighborhoods/":       "居民区",
		"/neighborhoods/北京居民区/": "北京居民区",
		"/no-such-page/":        "页面未找到",
	}
	for _, width := range []int64{390, 1280} {
		for url, h1 := range pages {
			t.Run(fmt.Sprintf("%d%s", width, url), func(t *testing.T) {
				type result struct {
					H1       string   `json:"h1"`
					Lang     string   `json:"lang"`
					Overflow int      `json:"overflow"`
					Broken   []string `json:"broken"`
					Foreign  []string `json:"foreign"`
				}
				step := browsertest.Step(t, ctx)
				err := chromedp.Do(step,
					chromedp.EmulateViewport(width, 900),
					chromedp.Navigate(srv.URL+url),
					chromedp.WaitReady(chromedp.CSS("body")),
				)
				if err != nil {
					t.Fatal(err)
				}
				got, err := chromedp.Run(step, chromedp.Evaluate[result](`(() => ({
						h1: (document.querySelector('h1') || {}).textContent || '',
						lang: document.documentElement.lang,
						overflow: document.documentElement.scrollWidth - window.innerWidth,
						broken: [...document.images].filter(i => i.complete && i.naturalWidth === 0).map(i => i.src),
						foreign: performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin)),
					}))()`))
				if err != nil {
					t.Fatal(err)
				}
				if strings.TrimSpace(got.H1) != h1 {
					t.Errorf("h1 = %q, want %q", got.H1, h1)
				}
				if got.Lang != "zh-CN" {
					t.Errorf("lang = %q", got.Lang)
				}
				if got.Overflow > 0 {
					t.Errorf("page is %dpx wider than the %dpx window", got.Overflow, width)
				}
				if len(got.Broken) > 0 {
					t.Errorf("broken images: %v", got.Broken)
				}
				if len(got.Foreign) > 0 {
					t.Errorf("requests to other hosts: %v", got.Foreign)
				}
			})
		}
	}
}

// TestChartsAndSiteInBrowser opens the chart fixture (three years, a logo)
// and the example site in headless Chromium at phone and desktop widths:
// every chart's text is at least 12 CSS pixels, no page overflows
// sideways, the favicon is served, and story cards show their covers.
func TestChartsAndSiteInBrowser(t *testing.T) {
	charts := buildTxtarWith(t, "testdata/charts.txtar", Options{})
	example := publisher.NewMemWriter()
	if _, err := Build(context.Background(), Options{Source: exampleSite, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}, example); err != nil {
		t.Fatal(err)
	}
	// A story with a cover (the example site has none: no cover is better
	// than a placeholder drawing). Synthetic.
	coverSite := writeSite(t, map[string]string{
		"content/stories/garden/index.md":  "---\ntitle: 花园（测试）\ndate: 2020-05-01\ncover: cover.svg\ncover_alt: 一幅测试用的图\n---\n测试正文。\n",
		"content/stories/garden/cover.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300" viewBox="0 0 600 300"><rect width="600" height="300" fill="#1f4e79"/></svg>`,
		"content/stories/plain.md":         "---\ntitle: 没有封面（测试）\ndate: 2020-04-01\n---\n测试正文。\n",
	})
	covers := buildDir(t, coverSite)
	coverSrv := httptest.NewServer(browsertest.Serve(covers.Files, "/"))
	defer coverSrv.Close()
	chartSrv := httptest.NewServer(browsertest.Serve(charts.Files, "/"))
	defer chartSrv.Close()
	exampleSrv := httptest.NewServer(browsertest.Serve(example.Files, "/"))
	defer exampleSrv.Close()
	ctx := browsertest.New(t)

	type result struct {
		Charts   int      `json:"charts"`
		Small    []string `json:"small"`
		Overflow int      `json:"overflow"`
		Icon     int      `json:"icon"`
		Covers   int      `json:"covers"`
		Shown    int      `json:"shown"`
	}
	const probe = `(async () => {
		const small = [];
		let charts = 0;
		for (const c of document.querySelectorAll('figure.chart')) {
			charts++;
			const walker = document.createTreeWalker(c, NodeFilter.SHOW_TEXT);
			for (let n = walker.nextNode(); n; n = walker.nextNode()) {
				const el = n.parentElement;
				if (!n.textContent.trim() || el.closest('.sr-only')) continue;
				const size = parseFloat(getComputedStyle(el).fontSize);
				if (size < 12) small.push(n.textContent.trim() + ' ' + size + 'px');
			}
		}
		const link = document.querySelector('link[rel=icon]');
		const icon = link ? (await fetch(link.href)).status : 0;
		const covers = [...document.querySelectorAll('.card.has-cover img')];
		return {charts, small, icon,
			overflow: document.documentElement.scrollWidth - window.innerWidth,
			covers: covers.length,
			shown: covers.filter(i => i.complete && i.naturalWidth > 0 && i.alt !== '').length};
	})()`
	for _, tc := range []struct {
		name, url string
		charts    bool // the page must draw charts
		cover     bool // the page must show a card with a cover
	}{
		{"charts stats", chartSrv.URL + "/stats/", true, false},
		{"charts report", chartSrv.URL + "/reports/2021/", true, false},
		{"charts neighbourhoods", chartSrv.URL + "/neighborhoods/", false, false},
		{"example home", exampleSrv.URL + "/", false, false},
		{"example stories", exampleSrv.URL + "/stories/", false, false},
		{"cover home", coverSrv.URL + "/", false, true},
		{"cover stories", coverSrv.URL + "/stories/", false, true},
		{"example stats", exampleSrv.URL + "/stats/", false, false},
		{"example report", exampleSrv.URL + "/reports/2020/", false, false},
	} {
		for _, width := range []int64{390, 1280} {
			t.Run(fmt.Sprintf("%s/%d", tc.name, width), func(t *testing.T) {
				step := browsertest.Step(t, ctx)
				if err := chromedp.Do(step, chromedp.EmulateViewport(width, 900), chromedp.Navigate(tc.url), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
					t.Fatal(err)
				}
				// Lazy images load once scrolled to: load them all.
				if _, err := chromedp.Run(step, chromedp.Evaluate[bool](`Promise.all([...document.images].map(i => { i.loading = 'eager'; return i.complete ? 0 : new Promise(r => { i.onload = i.onerror = r }) })).then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
					t.Fatal(err)
				}
				got, err := chromedp.Run(step, chromedp.Evaluate[result](probe, chromedp.EvalAwaitPromise))
				if err != nil {
					t.Fatal(err)
				}
				if tc.charts && got.Charts == 0 {
					t.Error("no chart drawn")
				}
				if len(got.Small) > 0 {
					t.Errorf("chart text under 12px: %v", got.Small)
				}
				if got.Overflow > 0 {
					t.Errorf("page is %dpx wider than the %dpx window", got.Overflow, width)
				}
				if got.Icon != 200 {
					t.Errorf("favicon: status %d", got.Icon)
				}
				if tc.cover && (got.Covers == 0 || got.Shown != got.Covers) {
					t.Errorf("%d cards with covers, %d of them shown with alt text", got.Covers, got.Shown)
				}
			})
		}
	}
}
