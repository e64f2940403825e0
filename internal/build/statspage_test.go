package build

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiangninglu/showcase/internal/bench"
	"github.com/jiangninglu/showcase/internal/browsertest"
	"github.com/jiangninglu/showcase/internal/publisher"
)

// TestStatsPageInBrowser opens /stats/ of the 300-story synthetic site at
// 1280x900: it is at most five screens tall; each facet has one chart and
// a switch of its metrics that works without JavaScript (a click on a
// radio's label shows that metric's chart and only it); money of 10,000
// yuan or more is in 万元; coverage is said only where it is incomplete;
// the award chart says how many stories it leaves out, and the tag chart
// that its groups overlap.
func TestStatsPageInBrowser(t *testing.T) {
	dir := t.TempDir()
	if err := bench.Write(dir, 300, 1); err != nil {
		t.Fatal(err)
	}
	w := publisher.NewMemWriter()
	if _, err := Build(context.Background(), Options{Source: dir, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}, w); err != nil {
		t.Fatal(err)
	}
	page := string(w.Files["stats/index.html"])
	if strings.Contains(page, "300 篇中 300 篇给出") {
		t.Error("/stats/ repeats complete coverage (300 篇中 300 篇给出)")
	}
	for _, want := range []string{"万元", "篇故事没有注明奖项，不在图中", "一篇故事可以有多个标签"} {
		if !strings.Contains(page, want) {
			t.Errorf("/stats/ lacks %q", want)
		}
	}
	srv := httptest.NewServer(browsertest.Serve(w.Files, "/"))
	defer srv.Close()
	ctx := browsertest.New(t)
	step := browsertest.Step(t, ctx)
	err := chromedp.Do(step,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(srv.URL+"/stats/"),
		chromedp.WaitReady(chromedp.CSS("body")),
	)
	if err != nil {
		t.Fatal(err)
	}
	type state struct {
		Height   int      `json:"height"`
		Switches int      `json:"switches"`
		Shown    []string `json:"shown"` // the titles of the charts shown
	}
	const read = `(() => ({
		height: document.documentElement.scrollHeight,
		switches: document.querySelectorAll('.chart-switch').length,
		shown: [...document.querySelectorAll('.chart-switch .chart')].filter(c => c.offsetParent !== null).map(c => c.querySelector('.chart-title').textContent),
	}))()`
	got, err := chromedp.Run(step, chromedp.Evaluate[state](read))
	if err != nil {
		t.Fatal(err)
	}
	if got.Height > 5*900 {
		t.Errorf("/stats/ is %dpx tall at 1280px: more than five screens", got.Height)
	}
	if got.Switches != 5 || len(got.Shown) != got.Switches {
		t.Fatalf("%d facets, charts shown %q: want one chart shown per facet", got.Switches, got.Shown)
	}
	// No JavaScript is needed: the label of a radio button.
	if err := chromedp.Do(step, chromedp.Click(chromedp.CSS(`label[for="metric-funding-neighborhood"]`))); err != nil {
		t.Fatal(err)
	}
	got, err = chromedp.Run(step, chromedp.Evaluate[state](read))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Shown) != 5 || got.Shown[1] != "各居民区的资金" {
		t.Errorf("after choosing 资金 by neighbourhood, the charts shown are %q", got.Shown)
	}
	unit, err := chromedp.Run(step, chromedp.Evaluate[string](`[...document.querySelectorAll('.chart-switch .chart')].filter(c => c.offsetParent !== null)[1].querySelector('.chart-sub').textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(unit, "万元") {
		t.Errorf("the funding chart's unit line is %q, want 万元", unit)
	}
}
