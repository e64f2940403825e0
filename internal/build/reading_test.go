package build

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/jiangninglu/showcase/internal/browsertest"
	"github.com/jiangninglu/showcase/internal/publisher"
)

// emulateMedia sets CSS media features (prefers-contrast, ...) for the
// tab; none resets them.
func emulateMedia(features ...*emulation.MediaFeature) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: features})
		return err
	})
}

// TestReadingSettingsInBrowser: the header's 大字 and 高对比 buttons
// (MIIT's elderly-friendly website rules ask for larger text and high
// contrast) are reached and pressed with the keyboard, change the page,
// are remembered on the next page, and the larger text reflows at the
// width of a phone at 200% zoom without scrolling sideways; the system's
// "more contrast" setting is followed without a press.
func TestReadingSettingsInBrowser(t *testing.T) {
	w := publisher.NewMemWriter()
	if _, err := Build(context.Background(), Options{Source: exampleSite, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}, w); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(browsertest.Serve(w.Files, "/"))
	defer srv.Close()
	ctx := browsertest.New(t)

	type state struct {
		Text     string `json:"text"`
		Contrast string `json:"contrast"`
		Pressed  string `json:"pressed"`
		Visible  bool   `json:"visible"`
		Root     string `json:"root"`
		Color    string `json:"color"`
		Overflow int    `json:"overflow"`
	}
	const read = `(() => {
		const b = document.querySelector('[data-pref=text]');
		return {
			text: document.documentElement.getAttribute('data-text') || '',
			contrast: document.documentElement.getAttribute('data-contrast') || '',
			pressed: b ? b.getAttribute('aria-pressed') : '',
			visible: !!b && b.offsetParent !== null,
			root: getComputedStyle(document.documentElement).fontSize,
			color: getComputedStyle(document.body).color,
			overflow: document.documentElement.scrollWidth - window.innerWidth,
		};
	})()`
	get := func(t *testing.T, step context.Context) state {
		t.Helper()
		got, err := chromedp.Run(step, chromedp.Evaluate[state](read))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}

	step := browsertest.Step(t, ctx)
	err := chromedp.Do(step,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("[data-pref=text]")),
	)
	if err != nil {
		t.Fatal(err)
	}
	before := get(t, step)
	if !before.Visible || before.Text != "" || before.Pressed != "false" {
		t.Fatalf("before a press: %+v", before)
	}
	// The keyboard: Tab from the top of the page reaches the button
	// (after the skip link, the brand and the menu), Enter presses it.
	found := false
	for range 20 {
		if err := chromedp.Do(step, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		on, err := chromedp.Run(step, chromedp.Evaluate[bool](`document.activeElement === document.querySelector('[data-pref=text]')`))
		if err != nil {
			t.Fatal(err)
		}
		if on {
			found = true
			break
		}
	}
	if !found {
		t.Fatal("Tab never reaches the 大字 button")
	}
	if err := chromedp.Do(step, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	after := get(t, step)
	if after.Text != "large" || after.Pressed != "true" || after.Root != "20px" {
		t.Fatalf("after Enter on 大字: %+v, want data-text=large, aria-pressed=true, a 20px root", after)
	}

	// Remembered on the next page, and at 320 px (a 640 px window at 200%
	// zoom) no page scrolls sideways.
	for _, url := range []string{"/stories/high-heels/", "/stats/", "/reports/2020/", "/stories/", "/search/?q=高跟鞋"} {
		t.Run(fmt.Sprintf("large %s", url), func(t *testing.T) {
			step := browsertest.Step(t, ctx)
			err := chromedp.Do(step,
				chromedp.EmulateViewport(320, 800),
				chromedp.Navigate(srv.URL+url),
				chromedp.WaitReady(chromedp.CSS("body")),
			)
			if err != nil {
				t.Fatal(err)
			}
			got := get(t, step)
			if got.Text != "large" || got.Pressed != "true" {
				t.Errorf("not remembered: %+v", got)
			}
			if got.Overflow > 0 {
				t.Errorf("with larger text at 320 px the page is %dpx too wide", got.Overflow)
			}
		})
	}

	// 高对比 by a click: black text; pressed again, the site's own colour.
	step = browsertest.Step(t, ctx)
	err = chromedp.Do(step,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("[data-pref=contrast]")),
		chromedp.Click(chromedp.CSS("[data-pref=contrast]")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if got := get(t, step); got.Contrast != "more" || got.Color != "rgb(0, 0, 0)" {
		t.Errorf("after 高对比: %+v", got)
	}
	err = chromedp.Do(step,
		chromedp.Click(chromedp.CSS("[data-pref=contrast]")),
		chromedp.Click(chromedp.CSS("[data-pref=text]")),
	)
	if err != nil {
		t.Fatal(err)
	}
	normal := get(t, step)
	if normal.Contrast != "" || normal.Text != "" || normal.Color == "rgb(0, 0, 0)" || normal.Root != "16px" {
		t.Errorf("after pressing both again: %+v", normal)
	}
	// The system's setting, with no press.
	err = chromedp.Do(step,
		emulateMedia(&emulation.MediaFeature{Name: "prefers-contrast", Value: "more"}),
		chromedp.Navigate(srv.URL+"/stories/old-brand/"),
		chromedp.WaitReady(chromedp.CSS("body")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if got := get(t, step); got.Color != "rgb(0, 0, 0)" {
		t.Errorf("prefers-contrast: more: body colour %s, want black", got.Color)
	}
	if err := chromedp.Do(step, emulateMedia()); err != nil {
		t.Fatal(err)
	}
}

// TestStoryLayoutInBrowser: on a story page with a cover and one without,
// at 1280 and 390 px: the text starts well below the byline, the side
// column starts level with the text on a wide screen, and no short label
// (标签, a metric's name, a table's head) breaks onto a second line.
func TestStoryLayoutInBrowser(t *testing.T) {
	w := publisher.NewMemWriter()
	if _, err := Build(context.Background(), Options{Source: exampleSite, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}, w); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(browsertest.Serve(w.Files, "/"))
	defer srv.Close()
	ctx := browsertest.New(t)

	type layout struct {
		Gap     float64  `json:"gap"`     // from the byline's bottom to the first thing under the header
		SideTop float64  `json:"sideTop"` // the side column's top less the text column's
		Wide    bool     `json:"wide"`    // the side column stands beside the text
		Broken  []string `json:"broken"`  // short labels on two lines
	}
	const read = `(() => {
		const by = document.querySelector('.story-header .byline').getBoundingClientRect();
		const main = document.querySelector('.story-main').getBoundingClientRect();
		const side = document.querySelector('.story-side').getBoundingClientRect();
		const first = document.querySelector('.story-layout > :first-child').getBoundingClientRect();
		const lines = el => {
			const r = document.createRange();
			r.selectNodeContents(el);
			return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size;
		};
		const broken = [...document.querySelectorAll('dt, th, .chip, .kicker, .byline span')]
			.filter(el => el.textContent.trim().length <= 6 && el.textContent.trim() !== '' && lines(el) > 1)
			.map(el => el.textContent.trim());
		return {
			gap: Math.min(main.top, side.top, first.top) - by.bottom,
			sideTop: side.top - main.top,
			wide: side.left > main.right,
			broken: broken,
		};
	})()`
	for _, width := range []int64{390, 1280} {
		for _, url := range []string{"/stories/old-brand/", "/stories/face-swiping/", "/stories/disdain-chain/", "/stories/high-heels/"} {
			t.Run(fmt.Sprintf("%d%s", width, url), func(t *testing.T) {
				step := browsertest.Step(t, ctx)
				err := chromedp.Do(step,
					chromedp.EmulateViewport(width, 900),
					chromedp.Navigate(srv.URL+url),
					chromedp.WaitReady(chromedp.CSS("body")),
				)
				if err != nil {
					t.Fatal(err)
				}
				got, err := chromedp.Run(step, chromedp.Evaluate[layout](read))
				if err != nil {
					t.Fatal(err)
				}
				if got.Gap < 16 {
					t.Errorf("the story starts %.0fpx under the byline, want at least 16", got.Gap)
				}
				if width == 1280 && (!got.Wide || got.SideTop < -2 || got.SideTop > 2) {
					t.Errorf("side column: beside %v, %.0fpx from the text's top, want level", got.Wide, got.SideTop)
				}
				if len(got.Broken) > 0 {
					t.Errorf("labels on two lines: %q", got.Broken)
				}
			})
		}
	}
}
