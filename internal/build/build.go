package build

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"hash/maphash"
	"html/template"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
	"golang.org/x/sync/errgroup"

	"github.com/jiangninglu/showcase"
	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/feeds"
	"github.com/jiangninglu/showcase/internal/images"
	"github.com/jiangninglu/showcase/internal/markdown"
	"github.com/jiangninglu/showcase/internal/render"
	"github.com/jiangninglu/showcase/internal/search"
	"github.com/jiangninglu/showcase/internal/site"
	"github.com/jiangninglu/showcase/internal/stats"
)

// Options say what to build. The zero value builds the site in the current
// folder with defaults.
type Options struct {
	Source   string // site root; "" is "."
	Dest     string // output folder; "" is public/ under Source
	BaseURL  string // overrides showcase.yaml's baseURL
	Drafts   bool
	Future   bool
	NoMinify bool
	Force    bool      // replace an output folder holding files showcase did not write
	Now      time.Time // for leaving out future stories; zero: time.Now()
	// Inspect, if set, is called with the assembled site and may add
	// problems (check's data-quality warnings).
	Inspect func(*site.Site) diag.List
	// Progress, if set, is kept up to date as pages are written, for a
	// progress line on a terminal.
	Progress *Progress
	// CheckOnly validates images without encoding them or touching the
	// image cache (showcase check writes nothing).
	CheckOnly bool
}

// Progress counts a build's pages as they are written. Safe for concurrent
// use: the build adds, another goroutine reads.
type Progress struct {
	Done, Total atomic.Int64
}

// Result tells what a build made.
type Result struct {
	Pages    int // HTML pages written
	Rendered int // of those, pages rendered anew (the rest were unchanged)
	Stories  int
	Files    int // every file written, pages included
	Duration time.Duration
	Dest     string
	Warnings diag.List
}

// Summary is the one line a build ends with.
func (r *Result) Summary() diag.Msg {
	return diag.M("build-summary", r.Pages, r.Stories, r.Files, r.Duration.Round(time.Millisecond), r.Dest)
}

// Build runs the pipeline over the site in opts.Source and gives every file
// to w. Content and template problems come back as a diag list error with
// all of them; warnings are in the Result.
func Build(ctx context.Context, opts Options, w Writer) (*Result, error) {
	return NewBuilder(opts, false).run(ctx, Changes{All: true}, func(name string, data []byte, _ bool) error {
		return w.WriteFile(name, data)
	})
}

// Changes says what changed since a Builder's last build: paths relative
// to the site root, slash-separated; a folder stands for everything in it.
type Changes struct {
	All   bool
	Paths []string
}

// has reports whether file is, or is inside, a changed path.
func (c Changes) has(file string) bool {
	if c.All {
		return true
	}
	for _, p := range c.Paths {
		if file == p || strings.HasPrefix(file, p+"/") {
			return true
		}
	}
	return false
}

// under reports whether anything in folder dir changed.
func (c Changes) under(dir string) bool {
	if c.All {
		return true
	}
	for _, p := range c.Paths {
		if p == dir || strings.HasPrefix(p, dir+"/") {
			return true
		}
	}
	return false
}

// Builder builds one site again and again, for serve: between builds it
// keeps the loaded content, the rendered Markdown, the static files and
// every page's bytes with its key, so that a rebuild reads only the files
// that changed and renders only the pages whose key changed. Builds of one
// Builder run one at a time.
type Builder struct {
	opts Options
	keep bool // keep caches between builds (serve); false for one build

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
	leanAbove   int               // leanBytes; tests lower it
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
	return &Builder{opts: opts, keep: keep, leanAbove: leanBytes}
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

// emitFunc receives an output file. stable says data stays valid after
// the call (it is cached); otherwise it is a reused buffer.
type emitFunc func(name string, data []byte, stable bool) error

func (b *Builder) run(ctx context.Context, ch Changes, emit emitFunc) (*Result, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	opts := b.opts
	start := time.Now()
	src := opts.Source
	if src == "" {
		src = "."
	}
	root, err := os.OpenRoot(src)
	if err != nil {
		return nil, fmt.Errorf("site folder: %w", err)
	}
	defer root.Close()
	fsys, closeFS := openSiteFS(root, src)
	defer closeFS()

	cfgSrc, err := fs.ReadFile(fsys, config.File)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	cfg, err := config.Load(fsys)
	if err != nil {
		return nil, err
	}
	if opts.BaseURL != "" {
		c, err := config.Parse([]byte("baseURL: " + fmt.Sprintf("%q", opts.BaseURL)))
		if err != nil {
			return nil, fmt.Errorf("--base-url: %w", err)
		}
		cfg.BaseURL = c.BaseURL
	}
	// Everything depends on the configuration and the build options: when
	// they change, nothing kept is valid.
	cfgKey := hashOf(string(cfgSrc), opts.BaseURL, fmt.Sprint(opts.Drafts, opts.Future, opts.NoMinify, opts.Now))
	if !b.keep || cfgKey != b.cfgKey || ch.All || b.md == nil {
		b.cfgKey = cfgKey
		b.md = markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML})
		b.content = content.NewCache()
		b.rendered = map[mdKey]site.Rendered{}
		b.pages = map[string]cachedPage{}
		b.static = map[string][]byte{}
		b.theme, b.exports = nil, nil
		b.images, b.photos = nil, nil
		ch = Changes{All: true}
	}

	var probs diag.List
	copts := content.Options{Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now}
	if !b.keep {
		copts.BodyBudget = b.leanAbove
	}
	if b.keep {
		copts.Cache, copts.Stale = b.content, ch.has
		if !ch.All {
			copts.Changed = func() []string { return ch.Paths }
		}
	}
	cont, err := content.Load(ctx, fsys, cfg, copts)
	var warn *content.Warnings
	switch {
	case errors.As(err, &warn):
		probs.Merge(warn.List)
	case err != nil:
		p := diag.Problems(err)
		if p == nil {
			return nil, err
		}
		probs.Merge(p)
	}

	// The theme is parsed again only when its files (or the config) changed;
	// keeping it keeps its cache of rendered story cards.
	theme := b.theme
	if theme == nil || ch.All || ch.under("layouts") || ch.under("i18n") {
		layers := []render.Layer{{FS: showcase.Theme, Label: "built-in theme: "}, {FS: fsys}}
		theme, err = render.LoadTheme(layers, cfg.Language, render.Funcs(cfg))
		if err != nil {
			p := diag.Problems(err)
			if p == nil {
				return nil, err
			}
			probs.Merge(p)
		}
		b.theme = nil
		if b.keep {
			b.theme = theme
		}
	}
	// From here on, problems are collected rather than returned at once, so
	// that one run (and `showcase check`) reports content, link and
	// template errors together. Nothing is written once there is an error.

	if cfg.Images.Process && b.images == nil {
		b.images = newProcessor(cfg, src, basePath(cfg.BaseURL), !opts.CheckOnly)
	}
	ph, iprobs, err := processPhotos(ctx, fsys, b.images, cont.Assets, opts.CheckOnly, b.photos, ch)
	if err != nil {
		return nil, err
	}
	probs.Merge(iprobs)
	if b.keep && len(iprobs) == 0 {
		b.photos = ph
	}
	if !b.keep {
		defer func() { b.images = nil }()
	}

	// A large site's stories' HTML is most of a build's memory: a one-off
	// build does not keep it from here to the pages then (see leanBytes).
	var index *search.Indexer
	if cont.BodiesDropped && theme != nil && !theme.Custom() {
		index = new(search.Indexer)
	}
	var reread fs.FS // where bodies Load let go are read again
	if cont.BodiesDropped {
		reread = fsys
	}
	rendered, err := b.renderMarkdown(ctx, reread, cont, ph, ch, index)
	if err != nil {
		return nil, err
	}
	st, sprobs := site.New(site.Input{
		Config: cfg, Content: cont, Render: func(f string) site.Rendered { return rendered[f] }, Built: start,
		Cover: func(s *content.Story, url string) template.HTML {
			p := s.Cover
			if !strings.HasPrefix(p, "/") {
				p = url + p
			}
			h, _ := ph.html(p, s.CoverAlt, "")
			return h
		},
	})
	probs.Merge(sprobs)
	if opts.Inspect != nil {
		probs.Merge(opts.Inspect(st))
	}
	m := newMinifier(!opts.NoMinify)
	// The exports change only when a story's figures or facets do. (A
	// one-off build keeps nothing, so it needs no keys.)
	var ek uint64
	if b.keep {
		ek = exportsKey(cfgKey, st)
	}
	// They are made beside the page list and the search index, which keep
	// both cores busy where the exports alone would keep one.
	exports := b.exports
	type made struct {
		files map[string][]byte
		err   error
	}
	var exportsMade chan made
	if exports == nil || ek != b.exportsKey {
		exportsMade = make(chan made, 1)
		go func() {
			files, err := exportFiles(st, m)
			exportsMade <- made{files, err}
		}()
	}

	var global uint64
	if theme != nil {
		global = hashOf(fmt.Sprint(cfgKey, theme.Version()))
	}
	pages := render.Pages(st, theme, global)
	readers, err := b.readerFiles(cfgKey, st, pages, m, index)
	if err != nil {
		return nil, err
	}
	if exportsMade != nil {
		e := <-exportsMade
		if e.err != nil {
			return nil, e.err
		}
		exports = e.files
		if b.keep {
			b.exports, b.exportsKey = exports, ek
		}
	}
	// A new map: b.exports is kept between builds.
	exports = maps.Clone(exports)
	maps.Copy(exports, readers)
	files, sprobs, err := staticFiles([]fs.FS{showcase.Theme, fsys}, cont.Assets)
	if err != nil {
		return nil, err
	}
	probs.Merge(sprobs)
	probs.Merge(linkProblems(st, pages, files, exports))
	if probs.HasErrors() {
		emit = func(string, []byte, bool) error { return nil }
	}
	res := &Result{Stories: len(st.Stories)}
	// The files other programs read go out first: held until the pages
	// are done, a large site's search index and exports would be a
	// build's largest memory. (A failed build's files are never swapped in.)
	for name, data := range exports {
		if err := emit(name, data, true); err != nil {
			return nil, err
		}
	}
	res.Files += len(exports)
	exports = nil

	if theme != nil {
		var storyHTML func(*site.Story) (template.HTML, error)
		if index != nil {
			storyHTML = func(st *site.Story) (template.HTML, error) {
				body, err := content.ReadBody(fsys, &st.Source)
				if err != nil {
					return "", err
				}
				res, err := b.md.RenderWith(body, ph.imageFunc(st.URL))
				if err != nil {
					return "", fmt.Errorf("%s: %w", st.File, err)
				}
				return template.HTML(res.HTML), nil
			}
		}
		tplErrs, n, err := b.renderPages(ctx, theme, m, pages, storyHTML, emit)
		if err != nil {
			return nil, err
		}
		res.Rendered = n
		probs.Merge(tplErrs)
	}
	if probs.HasErrors() {
		probs.Sort()
		return nil, probs.Err()
	}
	res.Pages = len(pages)
	res.Warnings = probs

	// Processed photos: their variants instead of the original.
	for dest := range files {
		if ph.isPhoto(dest) {
			delete(files, dest)
		}
	}
	for _, r := range ph.results {
		if r == nil {
			continue
		}
		for _, f := range r.Files() {
			if err := emit(f.Path, f.Data, true); err != nil {
				return nil, err
			}
			res.Files++
		}
	}
	// Static files (the theme's, then the site's on top) and content assets.
	if err := b.writeFiles(ctx, m, emit, files, ch); err != nil {
		return nil, err
	}
	res.Files += res.Pages + len(files)
	res.Duration = time.Since(start)
	return res, nil
}

// leanBytes: a one-off build of a site whose stories' Markdown adds up to
// more than this holds neither every story's Markdown nor its HTML at
// once. Load lets the bodies go (the Markdown stage reads each again);
// the search index reads a story's HTML as soon as it is rendered, and
// the story's page renders its Markdown again. Smaller sites keep both,
// which spares the second reading and rendering. A site with its own
// templates keeps the HTML: they may show any story's HTML on any page.
const leanBytes = 256 << 20

// leanBatch is how many stories' HTML a lean build holds at a time.
const leanBatch = 1024

// renderMarkdown renders every content body, in parallel, reusing the
// results of files whose version has not changed. With index, it gives
// the stories to index in site order, a batch at a time, and keeps
// their rendered bodies without the HTML.
func (b *Builder) renderMarkdown(ctx context.Context, reread fs.FS, cont *content.Content, ph *photos, ch Changes, index *search.Indexer) (map[string]site.Rendered, error) {
	var sources []*content.Source
	urls := map[*content.Source]string{}
	bundles := map[*content.Source]string{}
	if index == nil {
		for _, s := range cont.Stories {
			sources = append(sources, &s.Source)
			urls[&s.Source] = "/stories/" + s.Slug + "/"
			bundles[&s.Source] = s.Bundle
		}
	}
	for _, r := range cont.Reports {
		sources = append(sources, &r.Source)
		urls[&r.Source] = "/reports/" + strconv.Itoa(r.Year) + "/"
	}
	for _, p := range cont.Pages {
		sources = append(sources, &p.Source)
		urls[&p.Source] = "/" + p.Path + "/"
	}
	for p, u := range map[*content.Page]string{cont.Home: "/", cont.StoriesIndex: "/stories/"} {
		if p != nil {
			sources = append(sources, &p.Source)
			urls[&p.Source] = u
		}
	}
	sort.Slice(sources, func(i, j int) bool { return sources[i].File < sources[j].File })
	rendered, err := b.renderSources(ctx, reread, sources, ph, urls, bundles, ch)
	if err != nil {
		return nil, err
	}
	byFile := make(map[string]site.Rendered, len(sources)+len(cont.Stories))
	kept := make(map[mdKey]site.Rendered, len(sources))
	for i, s := range sources {
		byFile[s.File] = rendered[i]
		kept[mdKey{s.File, s.Version}] = rendered[i]
	}
	if b.keep {
		b.rendered = kept
	}
	if index == nil {
		return byFile, nil
	}
	for start := 0; start < len(cont.Stories); start += leanBatch {
		batch := cont.Stories[start:min(start+leanBatch, len(cont.Stories))]
		sources = sources[:0]
		for _, s := range batch {
			sources = append(sources, &s.Source)
			urls[&s.Source] = "/stories/" + s.Slug + "/"
		}
		rendered, err := b.renderSources(ctx, reread, sources, ph, urls, nil, ch)
		if err != nil {
			return nil, err
		}
		stories := make([]*site.Story, len(batch))
		for i, s := range batch {
			stories[i] = site.NewStory(s, rendered[i])
		}
		index.Add(stories)
		for i, s := range batch {
			rendered[i].HTML = ""
			byFile[s.File] = rendered[i]
		}
	}
	return byFile, nil
}

// renderSources renders the bodies of sources, in parallel, reusing the
// kept results of files whose version has not changed. A story without
// Body is read again from reread, if set.
func (b *Builder) renderSources(ctx context.Context, reread fs.FS, sources []*content.Source, ph *photos, urls, bundles map[*content.Source]string, ch Changes) ([]site.Rendered, error) {
	rendered := make([]site.Rendered, len(sources))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, s := range sources {
		// A bundle's images change its HTML (their sizes) without changing
		// its file: a change in the bundle renders it again.
		bundleChanged := bundles[s] != "" && ch.under(bundles[s])
		if r, ok := b.rendered[mdKey{s.File, s.Version}]; ok && !bundleChanged {
			rendered[i] = r
			continue
		}
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			body := s.Body
			if body == nil && reread != nil {
				var err error
				if body, err = content.ReadBody(reread, s); err != nil {
					return err
				}
			}
			res, err := b.md.RenderWith(body, ph.imageFunc(urls[s]))
			if err != nil {
				return fmt.Errorf("%s: %w", s.File, err)
			}
			if !b.keep {
				s.Body = nil // rendered: let the file's bytes go (a large site's biggest memory)
			}
			rendered[i] = site.Rendered{
				HTML:           template.HTML(res.HTML),
				HTMLHash:       hashOf(res.HTML),
				TOC:            res.TOC,
				Links:          res.Links,
				Summary:        res.Summary,
				Chars:          res.Chars,
				ReadingMinutes: res.ReadingMinutes,
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return rendered, nil
}

// linkProblems checks that internal links and images in Markdown point at
// something this build writes.
func linkProblems(st *site.Site, pages []render.Page, files map[string]file, exports map[string][]byte) diag.List {
	targets := linkTargets{outputs: map[string]bool{}, anchors: map[string][]string{}, byFile: map[string]string{}}
	for _, p := range pages {
		targets.outputs[p.Path] = true
	}
	for dest := range files {
		targets.outputs[dest] = true
	}
	for dest := range exports {
		targets.outputs[dest] = true
	}
	var linkSources []linkSource
	addSource := func(file string, bodyLine int, url string, r *site.Rendered) {
		out := render.OutputPath(url)
		ids := make([]string, len(r.TOC))
		for i, h := range r.TOC {
			ids[i] = h.ID
		}
		targets.anchors[out] = ids
		targets.byFile[file] = url
		linkSources = append(linkSources, linkSource{file: file, bodyLine: bodyLine, url: url, rendered: r})
	}
	for _, s := range st.Stories {
		addSource(s.File, s.BodyLine, s.URL, &s.Rendered)
	}
	for _, r := range st.Reports {
		addSource(r.File, r.BodyLine, r.URL, &r.Rendered)
	}
	for _, p := range append([]*site.Page{st.Home, st.StoriesIntro}, st.Pages...) {
		if p != nil {
			addSource(p.File, p.BodyLine, p.URL, &p.Rendered)
		}
	}
	return checkLinks(linkSources, targets, st.Config.BrokenLinks == "warning")
}

// renderPages executes, minifies and emits every page, in parallel; a page
// whose key is the same as in the last build is emitted from the cache.
// Template errors are collected (once per distinct message: one broken
// partial fails every page) so the editor sees them all.
//
// storyHTML, if set, renders a story's HTML again for its page (a lean
// build did not keep it).
func (b *Builder) renderPages(ctx context.Context, theme *render.Theme, m *minifier, pages []render.Page, storyHTML func(*site.Story) (template.HTML, error), emit emitFunc) (diag.List, int, error) {
	var mu sync.Mutex // guards tplErrs, seen and kept
	var tplErrs diag.List
	rendered := 0
	seen := map[string]bool{}
	var kept map[string]cachedPage
	if b.keep {
		kept = make(map[string]cachedPage, len(pages))
	}
	progress := b.opts.Progress
	if progress != nil {
		progress.Total.Store(int64(len(pages)))
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, p := range pages {
		if c, ok := b.pages[p.Path]; ok && c.key == p.Key {
			mu.Lock()
			kept[p.Path] = c
			mu.Unlock()
			if err := emit(p.Path, c.data, true); err != nil {
				return nil, 0, err
			}
			continue
		}
		rendered++
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			out := bufs.Get().(*bytes.Buffer)
			defer bufs.Put(out)
			out.Reset()
			buf := bufs.Get().(*bytes.Buffer)
			defer bufs.Put(buf)
			buf.Reset()
			d := p.Data
			if storyHTML != nil && d.Kind == "story" {
				html, err := storyHTML(d.Story)
				if err != nil {
					return err
				}
				// This page's own copies: other pages share d.Story.
				st, dd := *d.Story, *d
				st.HTML, dd.Content, dd.Story = html, html, &st
				d = &dd
			}
			if err := theme.Render(buf, d); err != nil {
				prob := templateExecProblem(err)
				mu.Lock()
				if !seen[prob.Error()] {
					seen[prob.Error()] = true
					tplErrs.Add(prob)
				}
				mu.Unlock()
				return nil
			}
			body, err := m.page(out, buf)
			if err != nil {
				return fmt.Errorf("minify %s: %w", p.Path, err)
			}
			if progress != nil {
				progress.Done.Add(1)
			}
			stable := false
			if b.keep {
				body, stable = bytes.Clone(body), true
				mu.Lock()
				kept[p.Path] = cachedPage{key: p.Key, data: body}
				mu.Unlock()
			}
			return emit(p.Path, body, stable)
		})
	}
	if err := g.Wait(); err != nil {
		return nil, 0, err
	}
	if b.keep {
		if len(tplErrs) > 0 {
			kept = map[string]cachedPage{} // a broken theme: render all next time
		}
		b.pages = kept
	}
	return tplErrs, rendered, nil
}

// basePath is the path of a base URL: "/showcase/" of
// https://example.org/showcase/, "/" when it has none.
func basePath(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}

// hashOf is a 64-bit hash (maphash) of the strings, each length-prefixed.
func hashOf(parts ...string) uint64 {
	var h maphash.Hash
	h.SetSeed(hashSeed)
	for _, p := range parts {
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.WriteString(p)
	}
	return h.Sum64()
}

// hashSeed keys hashOf for this process: its sums are compared only within
// one Builder's life, never stored. maphash reads a story's whole HTML
// several times faster than FNV-1a did, and without a copy.
var hashSeed = maphash.MakeSeed()

// readerFiles are the files other programs read: the search index,
// /feed.xml, /sitemap.xml and /robots.txt. The index, the costly one, is
// kept between builds while no story's file, URL or draft state changes.
//
// A lean build gives the index it has filled: its files are used.
func (b *Builder) readerFiles(cfgKey uint64, st *site.Site, pages []render.Page, m *minifier, filled *search.Indexer) (map[string][]byte, error) {
	var key uint64
	if b.keep {
		h := fnv.New64a()
		fmt.Fprint(h, cfgKey)
		for _, s := range st.Stories {
			fmt.Fprintf(h, "\x00%d\x00%s\x00%t", s.Version, s.URL, s.Draft)
		}
		key = h.Sum64()
	}
	index := b.search
	b.pendingSite = nil
	if filled != nil {
		var err error
		if index, err = filled.Files(); err != nil {
			return nil, fmt.Errorf("search index: %w", err)
		}
	} else if index != nil && key != b.searchKey && b.deferSearch {
		b.pendingSite, b.pendingKey = st, key // made by SearchIndex, after the swap
	} else if index == nil || key != b.searchKey {
		var err error
		if index, err = search.Index(st); err != nil {
			return nil, fmt.Errorf("search index: %w", err)
		}
		if b.keep {
			b.search, b.searchKey = index, key
		}
	}
	out := maps.Clone(index)
	feed, err := feeds.Atom(st, 20)
	if err != nil {
		return nil, err
	}
	urls := make([]string, 0, len(pages))
	for _, p := range pages {
		if k := p.Data.Kind; k != "404" && k != "search" {
			urls = append(urls, p.Data.URL)
		}
	}
	xmlFiles, err := feeds.Sitemaps(st, urls)
	if err != nil {
		return nil, err
	}
	xmlFiles[feeds.FeedPath] = feed
	for name, data := range xmlFiles {
		if out[name], err = m.bytes("text/xml", data); err != nil {
			return nil, fmt.Errorf("minify %s: %w", name, err)
		}
	}
	out[feeds.RobotsPath] = feeds.Robots(st)
	return out, nil
}

// exportFiles renders the machine-readable statistics: /stats.json,
// /stats.csv and /stories.csv, from the same numbers as the pages.
func exportFiles(st *site.Site, m *minifier) (map[string][]byte, error) {
	items := site.Items(st.Stories)
	out := map[string][]byte{}
	var b bytes.Buffer
	if err := stats.WriteJSON(&b, st.Stats, items); err != nil {
		return nil, err
	}
	data, err := m.buffer("application/json", &b)
	if err != nil {
		return nil, fmt.Errorf("minify stats.json: %w", err)
	}
	out["stats.json"] = bytes.Clone(data)
	b.Reset()
	if err := stats.WriteStatsCSV(&b, st.Stats); err != nil {
		return nil, err
	}
	out["stats.csv"] = bytes.Clone(b.Bytes())
	b.Reset()
	if err := stats.WriteStoriesCSV(&b, st.Stats, items); err != nil {
		return nil, err
	}
	out["stories.csv"] = bytes.Clone(b.Bytes())
	return out, nil
}

// exportsKey identifies what the exports show: every story's slug, title,
// facets and figures, in order, under one configuration.
func exportsKey(cfgKey uint64, st *site.Site) uint64 {
	h := fnv.New64a()
	fmt.Fprint(h, cfgKey)
	keys := make([]string, 0, 8)
	for _, s := range st.Stories {
		fmt.Fprintf(h, "\x00%s\x00%s\x00%d\x00%s\x00%s\x00%s\x00%q", s.Slug, s.Title, s.Year, s.Neighborhood, s.Award, s.Track, s.Tags)
		keys = keys[:0]
		for k := range s.Metrics {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(h, "\x00%s=%v", k, s.Metrics[k])
		}
	}
	return h.Sum64()
}

// templateExecProblem turns an html/template execution error into a
// problem naming the template file. The standard library reports
// "template: NAME:LINE:COL: executing ...": its text is kept whole.
var tplPos = regexp.MustCompile(`^template: ([^:]+):(\d+):(\d+): `)

func templateExecProblem(err error) *diag.Problem {
	msg := err.Error()
	if m := tplPos.FindStringSubmatch(msg); m != nil {
		var line, col int
		fmt.Sscan(m[2], &line)
		fmt.Sscan(m[3], &col)
		return diag.New(diag.Pos{File: "layouts/" + m[1], Line: line, Col: col}, "", "template-exec", strings.TrimPrefix(msg, m[0]))
	}
	return diag.New(diag.Pos{File: "layouts"}, "", "template-exec", strings.TrimPrefix(msg, "template: "))
}

// file is a file copied into the output.
type file struct {
	fsys fs.FS
	src  string
	dest string
}

// staticFiles lists static/ of each layer (later layers win) and the
// content assets, by output path.
func staticFiles(layers []fs.FS, assets []content.Asset) (map[string]file, diag.List, error) {
	files := map[string]file{}
	var probs diag.List
	for _, l := range layers {
		err := fs.WalkDir(l, "static", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == "static" {
					return fs.SkipDir
				}
				return err
			}
			if content.Ignored(d.Name()) && p != "static" {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				probs.Warn(diag.Pos{File: p}, "", "symlink-static")
				return nil
			}
			dest := strings.TrimPrefix(p, "static/")
			files[dest] = file{l, p, dest}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	siteFS := layers[len(layers)-1]
	for _, a := range assets {
		files[a.Dest] = file{siteFS, a.File, a.Dest}
	}
	return files, probs, nil
}

// writeFiles copies files into the output, minifying the types minify
// knows. Files whose source did not change are emitted from the cache.
func (b *Builder) writeFiles(ctx context.Context, m *minifier, emit emitFunc, files map[string]file, ch Changes) error {
	var mu sync.Mutex // guards kept
	kept := map[string][]byte{}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, f := range files {
		if data, ok := b.static[f.dest]; ok && !ch.has(f.src) {
			mu.Lock()
			kept[f.dest] = data
			mu.Unlock()
			if err := emit(f.dest, data, true); err != nil {
				return err
			}
			continue
		}
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			data, err := fs.ReadFile(f.fsys, f.src)
			if err != nil {
				return err
			}
			if mt := mediaType(f.dest); mt != "" {
				if out, err := m.bytes(mt, data); err == nil {
					data = out
				} // a file minify cannot parse is copied as it is
			}
			if b.keep {
				mu.Lock()
				kept[f.dest] = data
				mu.Unlock()
			}
			return emit(f.dest, data, true)
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	if b.keep {
		b.static = kept
	}
	return nil
}

func mediaType(name string) string {
	switch path.Ext(name) {
	case ".css":
		return "text/css"
	case ".js", ".mjs":
		return "application/javascript"
	case ".svg":
		return "image/svg+xml"
	case ".json":
		return "application/json"
	case ".xml":
		return "text/xml"
	case ".html":
		return "text/html"
	}
	return ""
}

// minifier wraps one shared *minify.M (safe for concurrent use once filled).
type minifier struct {
	m *minify.M // nil: minifying is off
}

func newMinifier(on bool) *minifier {
	if !on {
		return &minifier{}
	}
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepSpecialComments: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	// Numbers as written: the minifier would turn 10000 into 1e4, which a
	// reader decoding stats.json into integers refuses.
	m.Add("application/json", &json.Minifier{KeepNumbers: true})
	m.AddFunc("text/xml", xml.Minify)
	m.AddFunc("application/atom+xml", xml.Minify)
	return &minifier{m: m}
}

func (m *minifier) bytes(mediaType string, data []byte) ([]byte, error) {
	return m.into(new(bytes.Buffer), mediaType, data)
}

// into minifies data into out (reset first) and returns its bytes; with
// minifying off it returns data itself.
func (m *minifier) into(out *bytes.Buffer, mediaType string, data []byte) ([]byte, error) {
	if m.m == nil {
		return data, nil
	}
	out.Reset()
	out.Grow(len(data))
	if err := m.m.Minify(mediaType, out, bytes.NewReader(data)); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// buffer minifies the bytes in src, read in place (see page), into a new
// slice; with minifying off it returns src's bytes. Through a plain
// io.Reader the minifier copies all of src first, into a buffer grown by
// doubling: for stats.json at 100,000 stories (55 MB before minifying),
// 119 MB at the build's peak.
func (m *minifier) buffer(mediaType string, src *bytes.Buffer) ([]byte, error) {
	if m.m == nil {
		return src.Bytes(), nil
	}
	out := new(bytes.Buffer)
	out.Grow(src.Len())
	if err := m.m.Minify(mediaType, out, src); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// page minifies the HTML page in src into out (reset first) and returns
// its bytes. The minifier reads src's bytes in place (a plain io.Reader
// would be copied whole into a new slice first: 740 MB of garbage in a
// 10,000-story build) and may write a NUL just past them, in src's spare
// capacity: src must be the caller's own.
func (m *minifier) page(out, src *bytes.Buffer) ([]byte, error) {
	if m.m == nil {
		return src.Bytes(), nil
	}
	out.Reset()
	out.Grow(src.Len())
	if err := m.m.Minify("text/html", out, src); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// bufs recycles page buffers: every page is rendered into one and minified
// into another, then written, so a build allocates a few, not thousands.
var bufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}
