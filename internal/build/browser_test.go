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
)

// TestPagesInBrowser opens every page kind of the example site in headless
// Chromium at phone and desktop widths: each has its heading and language,
// nothing overflows sideways, every image loads, and no request leaves the
// site's own host.
func TestPagesInBrowser(t *testing.T) {
	w := NewMemWriter()
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
