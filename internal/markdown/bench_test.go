package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkRender renders a ~2,000-character Chinese story with a table, a
// list, links, an image and a footnote.
func BenchmarkRender(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("testdata", "story.md"))
	if err != nil {
		b.Fatal(err)
	}
	r := New(Options{})
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := r.Render(src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderParallel is BenchmarkRender with one Renderer shared by
// GOMAXPROCS goroutines, as a build uses it.
func BenchmarkRenderParallel(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("testdata", "story.md"))
	if err != nil {
		b.Fatal(err)
	}
	r := New(Options{})
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := r.Render(src); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkScanLimits checks the story of BenchmarkRender against the
// render budget, the pass before goldmark's.
func BenchmarkScanLimits(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("testdata", "story.md"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if err := scanLimits(src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSummarize cuts a 300-character Chinese paragraph to the
// default summary length.
func BenchmarkSummarize(b *testing.B) {
	text := strings.Repeat("居民们在楼道里摆上了花草，志愿者每周三晚上来开会。", 12)
	b.ReportAllocs()
	for b.Loop() {
		Summarize(text, DefaultSummaryLen)
	}
}
