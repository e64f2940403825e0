package content

import (
	"context"
	"os"
	"testing"

	"github.com/jiangninglu/showcase/internal/bench"
	"github.com/jiangninglu/showcase/internal/config"
)

// BenchmarkLoad loads a synthetic site of 10,000 stories (internal/bench)
// without a cache: reading and decoding every file, then sorting. Set
// TMPDIR=/dev/shm to leave the disk out.
func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	if err := bench.Write(dir, 10000, 1); err != nil {
		b.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer root.Close()
	fsys := root.FS()
	cfg, err := config.Load(fsys)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		c, err := Load(context.Background(), fsys, cfg, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(c.Stories) != 10000 {
			b.Fatalf("%d stories", len(c.Stories))
		}
	}
}
