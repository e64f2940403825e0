package images

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func sameResult(t *testing.T, a, b *Result) {
	t.Helper()
	if a.Width != b.Width || a.Height != b.Height || len(a.Variants) != len(b.Variants) || a.Fallback.Path != b.Fallback.Path {
		t.Fatalf("results differ: %dx%d %d variants %s, %dx%d %d variants %s",
			a.Width, a.Height, len(a.Variants), a.Fallback.Path, b.Width, b.Height, len(b.Variants), b.Fallback.Path)
	}
	for i := range a.Variants {
		x, y := a.Variants[i], b.Variants[i]
		if x.Path != y.Path || x.Width != y.Width || x.Height != y.Height || x.Type != y.Type || !bytes.Equal(x.Data, y.Data) {
			t.Fatalf("variant %d differs: %s %dx%d %s, %s %dx%d %s", i, x.Path, x.Width, x.Height, x.Type, y.Path, y.Width, y.Height, y.Type)
		}
	}
}

// tmpLeft lists temporary folders left in the cache.
func tmpLeft(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "*", tmpPrefix+"*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestCache(t *testing.T) {
	dir := t.TempDir()
	opts := Options{Widths: []int{40, 80}, WebP: true}
	data := encodeJPEG(t, quadrants(120, 60))

	p := New(opts, dir)
	first, err := p.Process("s/a.jpg", data)
	if err != nil {
		t.Fatal(err)
	}
	if n := p.decodes.Load(); n != 1 {
		t.Fatalf("%d decodes, want 1", n)
	}
	key := p.key(data)
	if _, err := os.Stat(filepath.Join(dir, key[:2], key, metaFile)); err != nil {
		t.Fatalf("no cache entry: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "CACHEDIR.TAG")); err != nil {
		t.Errorf("cache folder not tagged: %v", err)
	}

	// Again, in the same Processor and in a new one (a new build): no decode.
	again, err := p.Process("s/a.jpg", data)
	if err != nil {
		t.Fatal(err)
	}
	sameResult(t, first, again)
	if n := p.decodes.Load(); n != 1 {
		t.Errorf("second Process decoded: %d decodes", n)
	}
	p2 := New(opts, dir)
	fresh, err := p2.Process("s/a.jpg", data)
	if err != nil {
		t.Fatal(err)
	}
	sameResult(t, first, fresh)
	if n := p2.decodes.Load(); n != 0 {
		t.Errorf("new Processor decoded a cached image %d times", n)
	}

	// The same bytes under another name: a hit, with paths after the new name.
	moved, err := p2.Process("t/b.jpeg", data)
	if err != nil {
		t.Fatal(err)
	}
	if moved.Fallback.Path != "t/b-80.jpg" || p2.decodes.Load() != 0 {
		t.Errorf("renamed image: fallback %s, %d decodes", moved.Fallback.Path, p2.decodes.Load())
	}

	// Options that change the output miss; options that do not, hit.
	for _, tc := range []struct {
		opts Options
		miss bool
	}{
		{Options{Widths: []int{40, 80}, WebP: true, Quality: 60}, true},
		{Options{Widths: []int{40}, WebP: true}, true},
		{Options{Widths: []int{40, 80}}, true},
		{Options{Widths: []int{80, 40, 80}, WebP: true, Quality: DefaultQuality, KeepOriginal: true, MaxPixels: 1e6, URLPrefix: "/x/"}, false},
	} {
		q := New(tc.opts, dir)
		if _, err := q.Process("s/a.jpg", data); err != nil {
			t.Fatal(err)
		}
		if miss := q.decodes.Load() == 1; miss != tc.miss {
			t.Errorf("%+v: miss %t, want %t", tc.opts, miss, tc.miss)
		}
	}

	// A damaged entry is noticed, processed again and repaired.
	victim := filepath.Join(dir, key[:2], key, "80.jpg")
	if err := os.WriteFile(victim, []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	p3 := New(opts, dir)
	repaired, err := p3.Process("s/a.jpg", data)
	if err != nil {
		t.Fatal(err)
	}
	sameResult(t, first, repaired)
	if p3.decodes.Load() != 1 {
		t.Errorf("damaged entry used")
	}
	if _, ok := p3.readCache(key); !ok {
		t.Errorf("damaged entry not repaired")
	}
	if left := tmpLeft(t, dir); len(left) > 0 {
		t.Errorf("temporary folders left: %q", left)
	}
}

// Many goroutines, and two Processors standing for two processes (a build
// and a serve), process the same photos at once.
func TestCacheConcurrent(t *testing.T) {
	dir := t.TempDir()
	opts := Options{Widths: []int{30, 60}}
	photos := [][]byte{encodeJPEG(t, quadrants(90, 60)), encodeJPEG(t, quadrants(60, 90))}
	procs := []*Processor{New(opts, dir), New(opts, dir)}
	want := make([]*Result, len(photos))
	for i, d := range photos {
		r, err := New(opts, "").Process("p.jpg", d)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = r
	}

	var wg sync.WaitGroup
	results := make([]*Result, 16)
	errs := make([]error, 16)
	for i := range results {
		wg.Go(func() {
			results[i], errs[i] = procs[i%2].Process("p.jpg", photos[i/2%2])
		})
	}
	wg.Wait()
	for i, r := range results {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		sameResult(t, want[i/2%2], r)
	}
	for i, p := range procs {
		if n := p.decodes.Load(); n > 2 {
			t.Errorf("Processor %d decoded %d times for 2 photos", i, n)
		}
	}
	q := New(opts, dir)
	for i, d := range photos {
		r, err := q.Process("p.jpg", d)
		if err != nil {
			t.Fatal(err)
		}
		sameResult(t, want[i], r)
	}
	if q.decodes.Load() != 0 {
		t.Errorf("cache incomplete after concurrent writes")
	}
	if left := tmpLeft(t, dir); len(left) > 0 {
		t.Errorf("temporary folders left: %q", left)
	}
}

type recordHandler struct {
	mu   sync.Mutex // guards msgs
	msgs []string
}

func (h *recordHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h *recordHandler) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h *recordHandler) WithGroup(string) slog.Handler            { return h }
func (h *recordHandler) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.msgs = append(h.msgs, r.Message)
	return nil
}

func TestCacheUnwritable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-folder")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	h := &recordHandler{}
	p := New(Options{Widths: []int{20}, Logger: slog.New(h)}, file)
	if _, err := p.Process("a.png", encodePNG(t, quadrants(40, 20))); err != nil {
		t.Fatalf("a cache that cannot be written failed the image: %v", err)
	}
	if len(h.msgs) != 1 || !strings.Contains(h.msgs[0], "image cache") {
		t.Errorf("warnings %q", h.msgs)
	}
}

func TestPrune(t *testing.T) {
	dir := t.TempDir()
	opts := Options{Widths: []int{20}}
	a, b := encodePNG(t, quadrants(40, 20)), encodePNG(t, quadrants(20, 40))
	p := New(opts, dir)
	for _, d := range [][]byte{a, b} {
		if _, err := p.Process("x.png", d); err != nil {
			t.Fatal(err)
		}
	}
	keyA, keyB := p.key(a), p.key(b)

	// Things Prune must leave alone, and a temporary folder from a crash.
	other := filepath.Join(dir, "ab", "not-a-key")
	if err := os.MkdirAll(other, 0o755); err != nil {
		t.Fatal(err)
	}
	crash := filepath.Join(dir, keyA[:2], tmpPrefix+"crashed")
	fresh := filepath.Join(dir, keyA[:2], tmpPrefix+"writing")
	for _, d := range []string{crash, fresh} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(crash, old, old); err != nil {
		t.Fatal(err)
	}

	// The next build uses only a.
	q := New(opts, dir)
	if _, err := q.Process("x.png", a); err != nil {
		t.Fatal(err)
	}
	if err := q.Prune(); err != nil {
		t.Fatal(err)
	}
	exists := func(p string) bool { _, err := os.Stat(p); return err == nil }
	for path, want := range map[string]bool{
		q.entryDir(keyA):                   true,
		q.entryDir(keyB):                   false,
		other:                              true,
		filepath.Join(dir, "CACHEDIR.TAG"): true,
		crash:                              false,
		fresh:                              true,
	} {
		if got := exists(path); got != want {
			t.Errorf("%s exists: %t, want %t", path, got, want)
		}
	}
	if err := New(opts, filepath.Join(dir, "missing")).Prune(); err != nil {
		t.Errorf("Prune of a missing cache: %v", err)
	}
}

// TestCacheLink: a cache folder that is a symbolic link (committed into a
// site, say) is neither written nor pruned: the cache stays inside the
// site.
func TestCacheLink(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	stale := filepath.Join(outside, "ab", strings.Repeat("ab", 32))
	if err := os.MkdirAll(stale, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "cache")); err != nil {
		t.Skip(err)
	}
	want := "image cache: " + filepath.Join(root, "cache") + " is a symbolic link; the cache stays inside the site, so it is not used"
	if _, err := CacheDir(root, "cache/images"); err == nil || err.Error() != want {
		t.Errorf("CacheDir: got %v, want %s", err, want)
	}
	if dir, err := CacheDir(root, "real/images"); err != nil || dir != filepath.Join(root, "real", "images") {
		t.Errorf("CacheDir of a folder still to make: %q, %v", dir, err)
	}

	// The processor itself, handed the link, writes and prunes nothing.
	p := New(Options{Widths: []int{20}}, filepath.Join(root, "cache"))
	if _, err := p.Process("a.png", encodePNG(t, quadrants(40, 20))); err != nil {
		t.Fatal(err)
	}
	if err := p.Prune(); err == nil {
		t.Error("Prune through a link succeeded")
	}
	entries, _ := os.ReadDir(outside)
	if len(entries) != 1 {
		t.Errorf("the link's target holds %d entries, want the 1 it had", len(entries))
	}
	if _, err := os.Stat(stale); err != nil {
		t.Errorf("pruned through the link: %v", err)
	}
}
