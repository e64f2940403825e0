package search_test

import (
	"flag"
	"runtime"
	"testing"

	"github.com/jiangninglu/showcase/internal/search"
)

var heldStories = flag.Int("held-stories", 10000, "stories of the synthetic site BenchmarkIndexerHeld indexes")

// BenchmarkIndexerHeld reports the memory an Indexer holds once every
// story of a synthetic site is added (see syntheticSite), as a one-off
// build holds it from the end of the story stream until the shards are
// written: held-B is the live heap with the Indexer less the live heap
// without it. Run with -benchtime=1x; -held-stories sets the site's size.
func BenchmarkIndexerHeld(b *testing.B) {
	docs := search.Docs(syntheticSite(*heldStories).Stories)
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		var ix search.Indexer
		for i := 0; i < len(docs); i += 100 { // a few at a time, as a build adds them
			ix.Add(docs[i:min(i+100, len(docs))])
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc)-float64(before.HeapAlloc), "held-B")
		if _, err := ix.Files(); err != nil {
			b.Fatal(err)
		}
	}
}
