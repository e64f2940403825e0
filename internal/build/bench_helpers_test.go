package build

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/jiangninglu/showcase/internal/bench"
)

// writeStory rewrites synthetic story 42 with an edit numbered i: to its
// body, or to its title.
func writeStory(tb testing.TB, dir string, i int, title bool) {
	tb.Helper()
	src := bytes.Clone(bench.Story(42, 1))
	if title {
		src = bytes.Replace(src, []byte("\ntitle: "), fmt.Appendf(nil, "\ntitle: 改%d ", i), 1)
	} else {
		src = append(src, fmt.Sprintf("\n编辑 %d。\n", i)...)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/stories/story-00042.md"), src, 0o644); err != nil {
		tb.Fatal(err)
	}
}

// nowhere is a Writer that keeps nothing: for benchmarks that time the
// pipeline without the output.
type nowhere struct{}

func (nowhere) WriteFile(string, []byte) error { return nil }
