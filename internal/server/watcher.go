package server

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watched are the folders of a site whose changes matter; the site root is
// watched too (not recursively) for showcase.yaml and for these folders
// appearing later.
var watched = []string{"content", "layouts", "static", "i18n"}

// watcher follows a site's folders, including ones created later.
type watcher struct {
	fs   *fsnotify.Watcher
	root string // absolute site root
}

func newWatcher(source string) (*watcher, error) {
	if source == "" {
		source = "."
	}
	root, err := filepath.Abs(source)
	if err != nil {
		return nil, err
	}
	fw, err := fsnotify.NewBufferedWatcher(1024)
	if err != nil {
		return nil, err
	}
	w := &watcher{fs: fw, root: root}
	if err := fw.Add(root); err != nil {
		fw.Close()
		return nil, err
	}
	for _, d := range watched {
		if err := w.addTree(filepath.Join(root, d)); err != nil {
			fw.Close()
			return nil, err
		}
	}
	return w, nil
}

// addTree watches dir and every folder below it; a missing dir is fine.
func (w *watcher) addTree(dir string) error {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // gone already (or not made yet)
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		return w.fs.Add(p)
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

func (w *watcher) Close() error { return w.fs.Close() }

// rel turns an event's path into a site-relative slash path.
func (w *watcher) rel(p string) string {
	r, err := filepath.Rel(w.root, p)
	if err != nil || strings.HasPrefix(r, "..") {
		return ""
	}
	return filepath.ToSlash(r)
}

// watch turns file events into rebuilds until ctx ends: a burst of events
// (an editor's save-by-rename, a folder copied in) makes one rebuild, once
// the events have been quiet for the debounce time, of the latest state.
func (s *Server) watch(ctx context.Context, w *watcher) {
	pending := map[string]bool{}
	var first time.Time
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			fmt.Fprintf(s.errOut, "watch: %v\n", err)
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			rel := w.rel(ev.Name)
			kind := Classify(rel)
			if kind == Ignore {
				continue
			}
			if ev.Has(fsnotify.Create) {
				// A new folder (a story bundle, or content/ itself): watch it
				// and everything already in it.
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					if err := w.addTree(ev.Name); err != nil {
						fmt.Fprintf(s.errOut, "watch: %v\n", err)
					}
				}
			}
			if len(pending) == 0 {
				first = time.Now()
			}
			pending[rel] = true
			timer.Reset(s.opts.Debounce)
		case <-timer.C:
			paths := make([]string, 0, len(pending))
			for p := range pending {
				paths = append(paths, p)
			}
			sort.Strings(paths)
			clear(pending)
			s.Rebuild(ctx, paths, first)
		}
	}
}
