package build

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// vanishFS runs move the first time name is opened, then answers as if
// name had gone between the listing and the read.
type vanishFS struct {
	fs.FS
	name string
	once *sync.Once
	move func()
}

func (v vanishFS) Open(name string) (fs.File, error) {
	moved := false
	if name == v.name {
		v.once.Do(func() { v.move(); moved = true })
	}
	if moved {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return v.FS.Open(name)
}

// TestRetryWhenAFileDisappears: a story that the editor turns into a
// bundle between the listing of content/ and its reading fails the first
// read ("file disappeared during the build"); the build reads the site
// again, once, and succeeds, for serve's builder and a one-off build.
func TestRetryWhenAFileDisappears(t *testing.T) {
	story := "---\ntitle: A\ndate: 2020-01-01\nneighborhood: 北京居民区\n---\nStory A.\n"
	for _, keep := range []bool{true, false} {
		dir := writeSite(t, map[string]string{
			"showcase.yaml":        "title: T\n",
			"content/stories/a.md": story,
			"content/stories/b.md": strings.Replace(story, "title: A", "title: B", 1),
		})
		var once sync.Once
		testFS = func(f fs.FS) fs.FS {
			return vanishFS{FS: f, name: "content/stories/a.md", once: &once, move: func() {
				os.Mkdir(filepath.Join(dir, "content/stories/a"), 0o755)
				os.WriteFile(filepath.Join(dir, "content/stories/a/index.md"), []byte(story), 0o644)
				os.Remove(filepath.Join(dir, "content/stories/a.md"))
			}}
		}
		snap, res, err := NewBuilder(Options{Source: dir, Now: time.Now()}, keep).Snapshot(context.Background(), Changes{All: true})
		testFS = nil
		if err != nil {
			t.Fatalf("keep %v: %v", keep, err)
		}
		if snap["stories/a/index.html"] == nil || snap["stories/b/index.html"] == nil || res.Stories != 2 {
			t.Errorf("keep %v: %d stories; a: %v", keep, res.Stories, snap["stories/a/index.html"] != nil)
		}
	}
}
