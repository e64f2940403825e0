package build

import (
	"context"
	"fmt"
	"runtime/pprof"
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
// does (the search index and the pages of the site's own templates that
// only the site changed deferred, and made untimed after each rebuild),
// rebuilds a 10,000-story site, with
// the built-in theme and with a story template of the site's own
// (bench.OwnStory), after one story's body or title changed (no file
// watching: see internal/server's benchmark for event to swap). The
// rebuilds run under the profiler label stage=rebuild, so that
// `go tool pprof -tagfocus=stage=rebuild` leaves out the first build.
func BenchmarkRebuildOneStory(b *testing.B) {
	for _, own := range []bool{false, true} {
		for _, edit := range []string{"body", "title"} {
			name := edit
			if own {
				name = "own-templates/" + edit
			}
			b.Run(name, func(b *testing.B) {
				dir := b.TempDir()
				if err := bench.Write(dir, 10000, 1); err != nil {
					b.Fatal(err)
				}
				if own {
					if err := bench.WriteOwnStory(dir); err != nil {
						b.Fatal(err)
					}
				}
				bl := NewBuilder(Options{Source: dir}, true)
				bl.DeferData()
				bl.DeferSitePages()
				ctx := context.Background()
				if _, _, err := bl.Snapshot(ctx, Changes{All: true}); err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					i++
					writeStory(b, dir, i, edit == "title")
					var res *Result
					pprof.Do(ctx, pprof.Labels("stage", "rebuild"), func(ctx context.Context) {
						var err error
						if _, res, err = bl.Snapshot(ctx, Changes{Paths: []string{"content/stories/story-00042.md"}}); err != nil {
							b.Fatal(err)
						}
					})
					b.StopTimer()
					if _, _, err := res.Later.SitePages(ctx); err != nil {
						b.Fatal(err)
					}
					if _, _, _, err := res.Later.Data(); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
				}
			})
		}
	}
}
