package browsertest

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Path is where Debian installs Chromium.
const Path = "/usr/bin/chromium"

// New starts a headless Chromium for t and returns a context for
// chromedp.Run and chromedp.Do. The browser stops when the test ends.
// Without Chromium the test is skipped, except in CI, where that is a
// failure. Limit single steps with Step, not with a timeout on this
// context: a timeout here would stop the whole browser.
func New(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(Path); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("Chromium not found at %s; CI must install it (apt-get install chromium)", Path)
		}
		t.Skipf("Chromium not found at %s", Path)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(Path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// Step returns a context for one step of a browser test: ctx with a
// deadline, so that a page that never loads fails the test instead of
// hanging it.
func Step(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 30*time.Second)
	t.Cleanup(cancel)
	return c
}

// WaitFor polls js in the page at step until it is true, for at most d;
// a reload in between interrupts a poll, which then starts again on the
// new page. It fails t, naming what, when d runs out.
func WaitFor(t *testing.T, step context.Context, d time.Duration, what, js string) {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		_, err := chromedp.Run(step, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(time.Until(deadline))))
		if err == nil {
			return
		}
		if time.Now().After(deadline) || !strings.Contains(err.Error(), "navigated") && !strings.Contains(err.Error(), "context") {
			t.Fatalf("waiting for %s: %v", what, err)
		}
	}
}

// Eval returns the string js gives in the page at step, or fails t.
func Eval(t *testing.T, step context.Context, js string) string {
	t.Helper()
	s, err := chromedp.Run(step, chromedp.Evaluate[string](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return s
}
