package build

import (
	"context"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiangninglu/showcase/internal/browsertest"
	"github.com/jiangninglu/showcase/internal/publisher"
)

// axePath is axe-core, installed by .ci/run (npm ci --prefix tools/axe).
const axePath = "../../tools/axe/node_modules/axe-core/axe.min.js"

// TestAccessibility runs axe-core (WCAG 2 A and AA rules) on every page
// kind of the example site, in Chinese and in English, in headless
// Chromium, and fails on any violation.
func TestAccessibility(t *testing.T) {
	axe, err := os.ReadFile(axePath)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("axe-core missing (%v); .ci/run installs it with npm ci --prefix tools/axe", err)
		}
		t.Skipf("axe-core not installed: npm ci --prefix tools/axe")
	}
	ctx := browsertest.New(t)
	for _, lang := range []string{"zh-CN", "en"} {
		t.Run(lang, func(t *testing.T) {
			dir := t.TempDir()
			copyDir(t, "../../content", dir+"/content")
			cfg, _ := os.ReadFile("../../showcase.yaml")
			cfgText := strings.Replace(string(cfg), "language: zh-CN", "language: "+lang, 1)
			os.WriteFile(dir+"/showcase.yaml", []byte(cfgText), 0o644)
			w := publisher.NewMemWriter()
			if _, err := Build(context.Background(), Options{Source: dir, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}, w); err != nil {
				t.Fatal(err)
			}
			hs := httptest.NewServer(browsertest.Serve(w.Files, "/"))
			defer hs.Close()
			srv := hs.URL
			for _, url := range []string{"/", "/stories/", "/stories/high-heels/", "/about/", "/reports/", "/reports/2020/", "/stats/", "/neighborhoods/", "/neighborhoods/北京居民区/", "/search/?q=高跟鞋", "/404.html"} {
				t.Run(url, func(t *testing.T) {
					step := browsertest.Step(t, ctx)
					if err := chromedp.Do(step, chromedp.Navigate(srv+url), chromedp.WaitReady(chromedp.CSS("main"))); err != nil {
						t.Fatal(err)
					}
					if _, err := chromedp.Run(step, chromedp.Evaluate[bool](string(axe)+";true")); err != nil {
						t.Fatal(err)
					}
					type violation struct {
						ID    string   `json:"id"`
						Help  string   `json:"help"`
						Nodes []string `json:"nodes"`
					}
					got, err := chromedp.Run(step, chromedp.Evaluate[[]violation](`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
						.then(r => r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.html)})))`, chromedp.EvalAwaitPromise))
					if err != nil {
						t.Fatal(err)
					}
					for _, v := range got {
						t.Errorf("%s: %s\n%s", v.ID, v.Help, strings.Join(v.Nodes, "\n"))
					}
				})
			}
		})
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(to, 0o755)
	for _, e := range entries {
		if e.IsDir() {
			copyDir(t, from+"/"+e.Name(), to+"/"+e.Name())
			continue
		}
		data, err := os.ReadFile(from + "/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(to+"/"+e.Name(), data, 0o644)
	}
}
