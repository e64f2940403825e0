package content

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
	"sync"
)

// Cache holds loaded files between Loads, for serve. Safe for concurrent
// use. Results are shared between loads and must not be changed.
type Cache struct {
	mu      sync.Mutex // guards files, listing, loads and ranks, and the results' ranks
	files   map[string]*result
	listing []listed // content/ as last listed, sorted; nil: not yet
	loads   int      // Loads that ranked their stories
	ranks   int      // how many stories the last Load ranked
}

// listed is one file found under content/.
type listed struct {
	path    string
	symlink bool
}

// Ignored reports the files that are never part of a site: hidden files
// and folders, and what editors write beside the real file while saving
// (vim's 4913 probe, swap and backup files, emacs lock and auto-save
// files, JetBrains' safe-write temporaries). The loader, the static copy,
// the theme and serve's watcher all ask this one question, so a build that
// runs during a save never publishes an editor's temporary file.
func Ignored(name string) bool {
	switch {
	case name == "4913",
		strings.HasPrefix(name, "."), // .swp, .#lock, .DS_Store, .git
		strings.HasPrefix(name, "#"), // #autosave#
		strings.HasSuffix(name, "~"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".swo"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"),
		strings.HasSuffix(name, ".tmp"), strings.HasSuffix(name, ".crdownload"):
		return true
	}
	return false
}

// list walks dir for files, skipping hidden ones and not following
// symbolic links. A missing dir lists nothing.
func list(fsys fs.FS, dir string) ([]listed, error) {
	var out []listed
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipDir
			}
			return err
		}
		if p != Dir && Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			out = append(out, listed{path: p, symlink: true})
			return nil
		}
		if !d.IsDir() {
			out = append(out, listed{path: p})
		}
		return nil
	})
	return out, err
}

func (c *Cache) setListing(l []listed) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.listing = l
}

// relist updates the last listing for the changed paths: each one is
// dropped with everything under it, then listed again if it still exists.
func (c *Cache) relist(fsys fs.FS, changed []string) ([]listed, error) {
	c.mu.Lock()
	old := c.listing
	c.mu.Unlock()
	var dirty []string
	for _, p := range changed {
		if p == Dir || strings.HasPrefix(p, Dir+"/") {
			dirty = append(dirty, p)
		}
	}
	if len(dirty) == 0 {
		return old, nil
	}
	under := func(f string) bool {
		for _, p := range dirty {
			if f == p || strings.HasPrefix(f, p+"/") {
				return true
			}
		}
		return false
	}
	out := make([]listed, 0, len(old)+len(dirty))
	for _, f := range old {
		if !under(f.path) {
			out = append(out, f)
		}
	}
	// The files listed again are merged into the sorted rest, in one pass;
	// a path named twice (a folder and a file in it) is listed once.
	var added []listed
	for _, p := range dirty {
		if hiddenPath(p) {
			continue
		}
		more, err := list(fsys, p)
		if err != nil {
			return nil, err
		}
		added = append(added, more...)
	}
	slices.SortFunc(added, func(a, b listed) int { return strings.Compare(a.path, b.path) })
	merged := make([]listed, 0, len(out)+len(added))
	for len(out) > 0 || len(added) > 0 {
		var f listed
		if len(added) == 0 || len(out) > 0 && out[0].path <= added[0].path {
			f, out = out[0], out[1:]
		} else {
			f, added = added[0], added[1:]
		}
		if n := len(merged); n == 0 || merged[n-1].path != f.path {
			merged = append(merged, f)
		}
	}
	return merged, nil
}

// hiddenPath reports whether any part of p below content/ is hidden.
func hiddenPath(p string) bool {
	for _, part := range strings.Split(strings.TrimPrefix(p, Dir+"/"), "/") {
		if Ignored(part) {
			return true
		}
	}
	return false
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]*result{}} }

func (c *Cache) get(file string) *result {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.files[file]
}

func (c *Cache) put(file string, r *result) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.files[file] = r
}

// size is how many files the cache holds.
func (c *Cache) size() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.files)
}

// retain drops the files not in keep (deleted since).
func (c *Cache) retain(keep map[string]bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for f := range c.files {
		if !keep[f] {
			delete(c.files, f)
		}
	}
}
