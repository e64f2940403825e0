package build

import (
	"context"
	"fmt"
	"testing"

	"github.com/jiangninglu/showcase/internal/bench"
)

// BenchmarkBuild builds synthetic sites (internal/bench) into memory: the
// whole pipeline but the disk writes. The 10,000-story site is skipped
// with -short.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			if n > 1000 && testing.Short() {
				b.Skip("-short")
			}
			dir := b.TempDir()
			if err := bench.Write(dir, n, 1); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Build(context.Background(), Options{Source: dir}, nowhere{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRebuildOneStory: a Builder that keeps its caches, as serve's
// does (the search index deferred), rebuilds a 10,000-story site after
// one story's body or title changed (no file watching: see
// internal/server's benchmark for event to swap).
func BenchmarkRebuildOneStory(b *testing.B) {
	for _, edit := range []string{"body", "title"} {
		b.Run(edit, func(b *testing.B) {
			dir := b.TempDir()
			if err := bench.Write(dir, 10000, 1); err != nil {
				b.Fatal(err)
			}
			bl := NewBuilder(Options{Source: dir}, true)
			bl.DeferSearch()
			ctx := context.Background()
			if _, _, err := bl.Snapshot(ctx, Changes{All: true}); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				i++
				writeStory(b, dir, i, edit == "title")
				if _, _, err := bl.Snapshot(ctx, Changes{Paths: []string{"content/stories/story-00042.md"}}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
