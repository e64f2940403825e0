package markdown

import (
	"os"
	"path/filepath"
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
