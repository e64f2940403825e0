package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"testing"
	"time"

	"github.com/jiangninglu/showcase/internal/bench"
)

func TestZZProfile(t *testing.T) {
	out := os.Getenv("ZZPROF")
	if out == "" {
		t.Skip()
	}
	dir := "/dev/shm/zzsite"
	if _, err := os.Stat(dir); err != nil {
		if err := bench.Write(dir, 10000, 1); err != nil {
			t.Fatal(err)
		}
	}
	bl := NewBuilder(Options{Source: dir}, true)
	bl.DeferSearch()
	ctx := context.Background()
	if _, _, err := bl.Snapshot(ctx, Changes{All: true}); err != nil {
		t.Fatal(err)
	}
	name := "content/stories/story-00042.md"
	orig := bench.Story(42, 1)
	f, _ := os.Create(out)
	pprof.StartCPUProfile(f)
	for _, kind := range []string{"body", "title"} {
		var times []time.Duration
		for i := 0; i < 15; i++ {
			src := bytes.Clone(orig)
			if kind == "body" {
				src = append(src, fmt.Sprintf("\n编辑 %d。\n", i)...)
			} else {
				src = bytes.Replace(src, []byte("title: "), []byte(fmt.Sprintf("title: 改%d ", i)), 1)
			}
			os.WriteFile(filepath.Join(dir, name), src, 0o644)
			start := time.Now()
			_, res, err := bl.Snapshot(ctx, Changes{Paths: []string{name}})
			if err != nil {
				t.Fatal(err)
			}
			times = append(times, time.Since(start))
			_ = res
			// no SearchIndex: not timed
		}
		sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
		t.Logf("%s p50 %v (rendered)", kind, times[len(times)/2])
	}
	pprof.StopCPUProfile()
	f.Close()
}
