package build

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/images"
	"github.com/jiangninglu/showcase/internal/keys"
	"github.com/jiangninglu/showcase/internal/markdown"
	"github.com/jiangninglu/showcase/internal/render"
	"github.com/jiangninglu/showcase/internal/search"
	"github.com/jiangninglu/showcase/internal/site"
)

// Builder builds one site again and again, for serve: between builds it
// keeps the loaded content, the rendered Markdown, the static files and
// every page's bytes with its key, so that a rebuild reads only the files
// that changed and renders only the pages whose key changed. Builds of one
// Builder run one at a time.
type Builder struct {
	opts      Options
	keep      bool      // keep caches between builds (serve); false for one build
	min       *minifier // shared by every build
	leanAbove int       // leanBytes; tests lower it

	mu         sync.Mutex // guards the fields below, and one build at a time
	cfgKey     uint64
	md         *markdown.Renderer
	content    *content.Cache
	rendered   map[mdKey]site.Rendered
	pages      map[string]cachedPage
	static     map[string][]byte // output path -> bytes as written
	theme      *render.Theme
	exports    map[string][]byte
	exportsKey uint64
	search     map[string][]byte // the search index's files
	searchKey  uint64
	// With deferSearch (serve), a rebuild keeps the last search index and
	// leaves the new one for SearchIndex, so that a page reloads without
	// waiting for the index of every story.
	deferSearch bool
	pendingSite *site.Site
	pendingKey  uint64
	images      *images.Processor // kept while the configuration is the same
	photos      *photos           // the last build's processed images
}

type mdKey struct {
	file    string
	version uint64
}

type cachedPage struct {
	key  uint64
	data []byte
}

// NewBuilder returns a Builder for the site in opts.Source. With keep, it
// keeps what it can between builds.
func NewBuilder(opts Options, keep bool) *Builder {
	return &Builder{opts: opts, keep: keep, min: newMinifier(!opts.NoMinify), leanAbove: leanBytes}
}

// Snapshot is a whole built site in memory: output path -> bytes. It is
// never changed once a build returns it.
type Snapshot map[string][]byte

// Snapshot builds the site into memory, reusing what did not change.
func (b *Builder) Snapshot(ctx context.Context, ch Changes) (Snapshot, *Result, error) {
	snap := Snapshot{}
	var mu sync.Mutex // guards snap
	res, err := b.run(ctx, ch, func(name string, data []byte, stable bool) error {
		if !stable {
			data = bytes.Clone(data)
		}
		mu.Lock()
		snap[name] = data
		mu.Unlock()
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return snap, res, nil
}

// begin starts a build under the configuration identified by cfgKey.
// Everything kept depends on the configuration and the build options:
// when they changed, when a full build is asked for, or when the Builder
// keeps nothing, it starts afresh and returns Changes{All: true}.
func (b *Builder) begin(cfgKey uint64, cfg *config.Config, ch Changes) Changes {
	if b.keep && cfgKey == b.cfgKey && !ch.All && b.md != nil {
		return ch
	}
	b.cfgKey = cfgKey
	b.md = markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML})
	b.content = content.NewCache()
	b.rendered = map[mdKey]site.Rendered{}
	b.pages = map[string]cachedPage{}
	b.static = map[string][]byte{}
	b.theme, b.exports = nil, nil
	b.images, b.photos = nil, nil
	return Changes{All: true}
}

// keepTheme keeps the theme (and so its cache of rendered story cards)
// for the next build.
func (b *Builder) keepTheme(t *render.Theme) {
	b.theme = nil
	if b.keep {
		b.theme = t
	}
}

// DeferSearch makes rebuilds (not the first build) keep the last search
// index; SearchIndex then makes the new one.
func (b *Builder) DeferSearch() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.deferSearch = true
}

// SearchIndex builds the search index a deferred rebuild left out, and
// returns its files; ok is false when there is none to build. It runs
// beside builds: the site it indexes is immutable.
func (b *Builder) SearchIndex() (files map[string][]byte, ok bool, err error) {
	b.mu.Lock()
	st, key := b.pendingSite, b.pendingKey
	b.mu.Unlock()
	if st == nil {
		return nil, false, nil
	}
	index, err := search.Index(st)
	if err != nil {
		return nil, false, fmt.Errorf("search index: %w", err)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.pendingSite == st { // no newer build has left another behind
		b.search, b.searchKey = index, key
		b.pendingSite = nil
	}
	return index, true, nil
}

// searchIndex returns the search index's files for st: the kept ones
// while no story's file, URL or draft state changed. With DeferSearch, a
// rebuild that changed them keeps the last index and leaves st for
// SearchIndex.
func (b *Builder) searchIndex(st *site.Site) (map[string][]byte, error) {
	b.pendingSite = nil
	var key uint64
	if b.keep {
		h := keys.New().U64(b.cfgKey)
		for _, s := range st.Stories {
			h.U64(s.Version).Str(s.URL).Bool(s.Draft)
		}
		key = h.Sum()
		switch {
		case b.search != nil && key == b.searchKey:
			return b.search, nil
		case b.search != nil && b.deferSearch:
			b.pendingSite, b.pendingKey = st, key // made by SearchIndex, after the swap
			return b.search, nil
		}
	}
	index, err := search.Index(st)
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	if b.keep {
		b.search, b.searchKey = index, key
	}
	return index, nil
}

// keptExports returns the last build's exports if they show the same as
// st's would, and st's exports key. The exports change only when a story's
// figures or facets do. (A one-off build keeps nothing and needs no key.)
func (b *Builder) keptExports(st *site.Site) (files map[string][]byte, key uint64) {
	if !b.keep {
		return nil, 0
	}
	key = exportsKey(b.cfgKey, st)
	if b.exports != nil && key == b.exportsKey {
		return b.exports, key
	}
	return nil, key
}

// keepExports keeps the exports made under key for the next build.
func (b *Builder) keepExports(files map[string][]byte, key uint64) {
	if b.keep {
		b.exports, b.exportsKey = files, key
	}
}

// exportsKey identifies what the exports show: every story's slug, title,
// facets and figures, in order, under one configuration.
func exportsKey(cfgKey uint64, st *site.Site) uint64 {
	h := keys.New().U64(cfgKey)
	keys := make([]string, 0, 8)
	for _, s := range st.Stories {
		h.Str(s.Slug).Str(s.Title).Int(s.Year).Str(s.Neighborhood).Str(s.Award).Str(s.Track)
		h.Int(len(s.Tags))
		for _, t := range s.Tags {
			h.Str(t)
		}
		keys = keys[:0]
		for k := range s.Metrics {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		h.Int(len(keys))
		for _, k := range keys {
			h.Str(k).Float(s.Metrics[k])
		}
	}
	return h.Sum()
}
