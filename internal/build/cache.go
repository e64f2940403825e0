package build

import (
	"bytes"
	"context"
	"sync"
	"sync/atomic"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/images"
	"github.com/jiangninglu/showcase/internal/linkcheck"
	"github.com/jiangninglu/showcase/internal/markdown"
	"github.com/jiangninglu/showcase/internal/render"
	"github.com/jiangninglu/showcase/internal/site"
)

// Builder builds one site again and again, for serve: between builds it
// keeps the loaded content, the rendered Markdown, the static files and
// every page's bytes with its key, so that a rebuild reads only the files
// that changed and renders only the pages whose key changed. Builds of one
// Builder run one at a time.
type Builder struct {
	opts Options
	keep bool      // keep caches between builds (serve); false for one build
	min  *minifier // shared by every build

	mu          sync.Mutex // guards the fields below, and one build at a time
	cfgKey      uint64
	conf        *config.Config // the last configuration loaded, under confKey (see loadConfig)
	confKey     uint64
	md          *markdown.Renderer
	content     *content.Cache
	rendered    map[string]renderedFile // reports' and pages', by file
	bodies      map[string]*storyBody   // stories', by file
	pages       map[string]*cachedPage  // by output path
	static      map[string][]byte       // output path -> bytes as written
	theme       *render.Theme
	themeAssets uint64 // the assets key the theme was loaded with
	// published records, across builds, the hashed names the templates
	// asked for (see render.Assets).
	published *render.Assets
	stories   map[string]*site.Story // the last site's, by file (see site.Input.Previous)
	links     *linkcheck.Cache       // nil when the Builder keeps nothing
	// The data files' caches (see dataCaches): each kept under the key
	// of what its generator was given.
	data *dataCaches
	// With deferData (serve), a rebuild whose search index or workbook
	// changed keeps the last ones and leaves the new ones for its Later,
	// so that a page reloads without waiting for them.
	deferData bool
	// With deferSite (serve), a rebuild leaves some pages of the site's
	// own templates for its Later (see DeferSitePages).
	deferSite bool
	// gen counts builds: work left for after a build is dropped once
	// the next has begun (see Later.Stale). Changed under mu, read
	// without.
	gen      atomic.Uint64
	snapSize atomic.Int64      // how many files the last Snapshot held
	images   *images.Processor // kept while the configuration is the same
	photos   *photos           // the last build's processed images
}

// cachedPage is a page as the last build that emitted it left it. A
// build changes an entry in place only to give it the page's data of
// this build (the same values, see render.Keyed) and its gen; a page
// rendered anew gets a new entry.
type cachedPage struct {
	render.Keyed // the page's data and its key (see render.Page)
	renderedPage
	gen atomic.Uint64 // the last build that emitted it
}

// renderedPage is what a page's template wrote, with what that depended on
// besides the page's data.
type renderedPage struct {
	reads render.Reads // what its template read of the site
	site  uint64       // the key of that, when the page rendered
	raw   uint64       // the key of the template's output, before minifying
	data  []byte       // minified
}

// NewBuilder returns a Builder for the site in opts.Source. With keep, it
// keeps what it can between builds.
func NewBuilder(opts Options, keep bool) *Builder {
	return &Builder{opts: opts, keep: keep, min: newMinifier(!opts.NoMinify)}
}

// Snapshot is a whole built site in memory: output path -> bytes. It is
// never changed once a build returns it.
type Snapshot map[string][]byte

// Snapshot builds the site into memory, reusing what did not change.
func (b *Builder) Snapshot(ctx context.Context, ch Changes) (Snapshot, *Result, error) {
	// As many files as last time, most likely: the map is not grown
	// file by file.
	snap := make(Snapshot, b.snapSize.Load())
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
	b.snapSize.Store(int64(len(snap)))
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
	b.md = markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML, Finish: b.min.bodyFinisher()})
	b.content = content.NewCache()
	b.rendered, b.bodies = nil, nil
	b.pages = map[string]*cachedPage{}
	b.static = map[string][]byte{}
	b.theme, b.stories, b.links, b.data = nil, nil, nil, nil
	if b.keep {
		b.links, b.data = new(linkcheck.Cache), newDataCaches()
	}
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
