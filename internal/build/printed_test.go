package build

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jiangninglu/showcase/internal/browsertest"
)

// printed is the example site built with PDF set, made once for the test
// binary (printing the report takes Chromium seconds, twice over for the
// contents' page numbers) and only read by the tests; TestMain removes it.
var printed struct {
	once      sync.Once
	root, out string
	err       error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if printed.root != "" {
		os.RemoveAll(printed.root)
	}
	os.Exit(code)
}

// printedExample returns the output folder of the example site built with
// PDF set. Without Chromium, or one of tools on PATH, the test is skipped;
// under CI it fails, since CI must install them.
func printedExample(t *testing.T, tools ...string) string {
	t.Helper()
	if _, err := os.Stat(browsertest.Path); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("Chromium not found at %s; CI must install it (apt-get install chromium)", browsertest.Path)
		}
		t.Skipf("Chromium not found at %s", browsertest.Path)
	}
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s not on PATH; CI must install it (apt-get install poppler-utils zbar-tools)", tool)
			}
			t.Skipf("%s not on PATH (apt-get install poppler-utils zbar-tools)", tool)
		}
	}
	printed.once.Do(func() {
		if printed.root, printed.err = os.MkdirTemp("", "showcase-printed-"); printed.err != nil {
			return
		}
		src := filepath.Join(printed.root, "site")
		if printed.err = os.CopyFS(filepath.Join(src, "content"), os.DirFS("../../content")); printed.err != nil {
			return
		}
		cfg, err := os.ReadFile("../../showcase.yaml")
		if err == nil {
			err = os.WriteFile(filepath.Join(src, "showcase.yaml"), cfg, 0o644)
		}
		if printed.err = err; err != nil {
			return
		}
		printed.out = filepath.Join(printed.root, "public")
		_, printed.err = Run(context.Background(), Options{Source: src, Dest: printed.out, PDF: true, Chrome: browsertest.Path, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	})
	if printed.err != nil {
		t.Fatal(printed.err)
	}
	return printed.out
}
