package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/jiangninglu/showcase/internal/publisher"
)

// TestSecondBuildRefused: while a publisher.Output is open, a
// second one into the same folder is refused with a named error, and
// leaves the first one's temporary folder alone (it used to delete it as
// stale, and the first build failed with "mkdir stories: no such file or
// directory").
func TestSecondBuildRefused(t *testing.T) {
	site := writeSite(t, map[string]string{"content/stories/a.md": "---\ntitle: A\n---\nbody\n"})
	out := filepath.Join(site, "public")
	first, err := publisher.Open(site, out, "first")
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Begin(false); err != nil {
		t.Fatal(err)
	}
	firstTmp := first.Dir()

	_, err = Run(context.Background(), Options{Source: site, Dest: out})
	if !errors.Is(err, publisher.ErrBusy) {
		t.Fatalf("second build: got %v, want ErrBusy", err)
	}
	if want := "another build is writing " + out + "; wait for it to finish, or choose another folder with -d"; err.Error() != want {
		t.Errorf("second build:\n got %s\nwant %s", err, want)
	}
	if _, err := os.Stat(firstTmp); err != nil {
		t.Errorf("the first build's folder: %v", err)
	}

	first.Close()
	if _, err := Run(context.Background(), Options{Source: site, Dest: out}); err != nil {
		t.Fatalf("after the first build: %v", err)
	}
}

// TestConcurrentBuilds: builds started together into one folder either
// succeed or are refused as busy, never fail half-way, and the output is
// whole afterwards.
func TestConcurrentBuilds(t *testing.T) {
	site := writeSite(t, map[string]string{"content/stories/a.md": "---\ntitle: A\n---\nbody\n"})
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() { _, errs[i] = Run(context.Background(), Options{Source: site}) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil && !errors.Is(err, publisher.ErrBusy) {
			t.Errorf("build %d: %v", i, err)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "public", "stories", "a", "index.html")); err != nil {
		t.Error(err)
	}
}
