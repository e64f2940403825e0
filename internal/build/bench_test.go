package build

import (
	"context"
	"os"
	"testing"
)

// BenchmarkBuildCorpus builds the site in $BENCH_CORPUS (e.g. one made by
// scripts/bench.sh) into memory: the whole pipeline but the disk writes.
func BenchmarkBuildCorpus(b *testing.B) {
	dir := os.Getenv("BENCH_CORPUS")
	if dir == "" {
		b.Skip("set BENCH_CORPUS to a site folder")
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(context.Background(), Options{Source: dir}, nowhere{}); err != nil {
			b.Fatal(err)
		}
	}
}
