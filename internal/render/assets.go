package render

import (
	"sort"
	"sync"
	"sync/atomic"

	"github.com/jiangninglu/showcase/internal/keys"
)

// Assets are the static files published under names carrying a hash of
// their bytes: the path a page links ("/css/style.css") to that name
// ("/css/style.3f2a9c1e.css"). relURL gives the hashed name (see Funcs).
//
// It records which paths the templates asked for: when the theme loaded
// (a literal, folded) and since, as they ran. Key covers those alone, so
// that an edit of a stylesheet no page links leaves the pages as they
// were. A serving builder keeps one Assets for its life and Sets the
// names each build; the record only grows, so a page that linked a file
// in an earlier build is still keyed on its name.
type Assets struct {
	names atomic.Pointer[map[string]string]
	mu    sync.Mutex
	used  map[string]bool
}

// Set gives the names of this build.
func (a *Assets) Set(names map[string]string) { a.names.Store(&names) }

// name is the published name of p, and whether it has one; it records
// that p was asked for.
func (a *Assets) name(p string) (string, bool) {
	if a == nil {
		return "", false
	}
	m := a.names.Load()
	if m == nil {
		return "", false
	}
	n, ok := (*m)[p]
	if ok {
		a.mu.Lock()
		if a.used == nil {
			a.used = map[string]bool{}
		}
		a.used[p] = true
		a.mu.Unlock()
	}
	return n, ok
}

// Key identifies the published names of the paths templates asked for.
func (a *Assets) Key() uint64 {
	a.mu.Lock()
	used := make([]string, 0, len(a.used))
	for p := range a.used {
		used = append(used, p)
	}
	a.mu.Unlock()
	sort.Strings(used)
	var names map[string]string
	if m := a.names.Load(); m != nil {
		names = *m
	}
	k := keys.New()
	for _, p := range used {
		k.Str(p).Str(names[p])
	}
	return k.Sum()
}
