package server

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/jiangninglu/showcase/internal/bench"
)

// BenchmarkEditToSwap measures what an editor waits for: from saving one
// story (the file event) to the rebuilt site swapped in, through the real
// watcher and debounce. It reports the median and 90th percentile.
func BenchmarkEditToSwap(b *testing.B) {
	b.Run("example", func(b *testing.B) {
		dir := exampleCopy(b)
		benchEdits(b, dir, "content/stories/old-brand.md")
	})
	b.Run("10000", func(b *testing.B) {
		if testing.Short() {
			b.Skip("-short")
		}
		dir := b.TempDir()
		if err := bench.Write(dir, 10000, 1); err != nil {
			b.Fatal(err)
		}
		benchEdits(b, dir, "content/stories/story-00042.md")
	})
}

func benchEdits(b *testing.B, dir, story string) {
	builds := make(chan BuildEvent, 4)
	s := New(Options{Source: dir, OnBuild: func(e BuildEvent) { builds <- e }}, "/")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if ev := s.Rebuild(ctx, nil, time.Now()); ev.Err != nil {
		b.Fatal(ev.Err)
	}
	<-builds
	w, err := newWatcher(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	go s.watch(ctx, w)
	orig, err := os.ReadFile(filepath.Join(dir, story))
	if err != nil {
		b.Fatal(err)
	}
	var times []time.Duration
	i := 0
	for b.Loop() {
		// An editor saves seconds apart: the search index made after the
		// last swap is done before the next edit (it is not what is timed).
		s.indexWG.Wait()
		i++
		edited := append(append([]byte(nil), orig...), fmt.Sprintf("\n编辑第 %d 次。\n", i)...)
		if err := os.WriteFile(filepath.Join(dir, story), edited, 0o644); err != nil {
			b.Fatal(err)
		}
		select {
		case ev := <-builds:
			if ev.Err != nil {
				b.Fatal(ev.Err)
			}
			times = append(times, ev.Duration)
		case <-time.After(10 * time.Second):
			b.Fatal("no rebuild")
		}
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	if len(times) > 0 {
		b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
		b.ReportMetric(float64(times[len(times)*9/10].Microseconds())/1000, "p90-ms")
	}
}

// exampleCopy copies the repository's example site (its content and
// configuration) into a temporary folder and returns the folder.
func exampleCopy(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		tb.Fatal(err)
	}
	data, err := os.ReadFile("../../showcase.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "showcase.yaml"), data, 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}
