package build

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jiangninglu/showcase"
	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/keys"
	"github.com/jiangninglu/showcase/internal/linkcheck"
	"github.com/jiangninglu/showcase/internal/publisher"
	"github.com/jiangninglu/showcase/internal/render"
	"github.com/jiangninglu/showcase/internal/search"
	"github.com/jiangninglu/showcase/internal/site"
	"github.com/jiangninglu/showcase/internal/sitefs"
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
	// PDF also prints each report to reports/YEAR/report.pdf (Run only),
	// with the browser at Chrome or, when "", one found on PATH.
	PDF    bool
	Chrome string
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
	// Of those rendered, the pages minified anew; serve's Builder keeps
	// the bytes of a page whose template wrote the same as last time.
	Changed int
	// Pages left for Later (see DeferSitePages): as yet, the last
	// build's bytes.
	Deferred int
	// Later is the work a rebuild left for after the swap (see
	// DeferData and DeferSitePages); nil when none.
	Later    *Later
	Stories  int
	Files    int // every file written, pages included
	Duration time.Duration
	Dest     string
	Warnings diag.List
	LeftOut  content.LeftOut // stories left out as drafts or as future-dated
}

// Summary is the one line a build ends with: what it wrote, and how many
// stories it left out as drafts and as dated in the future.
func (r *Result) Summary() diag.Msg {
	m := diag.M("build-summary", r.Pages, r.Stories, r.Files, r.Duration.Round(time.Millisecond), r.Dest)
	if r.LeftOut.Drafts+r.LeftOut.Future > 0 {
		m = diag.M("build-summary-left", m, r.LeftOut.Drafts, r.LeftOut.Future)
	}
	return m
}

// Build runs the pipeline over the site in opts.Source and gives every file
// to w. Content and template problems come back as a diag list error with
// all of them; warnings are in the Result.
func Build(ctx context.Context, opts Options, w publisher.Writer) (*Result, error) {
	owned, _ := w.(ownedWriter)
	return NewBuilder(opts, false).run(ctx, Changes{All: true}, func(name string, data []byte, stable bool) error {
		if stable && owned != nil {
			return owned.WriteFileOwned(name, data)
		}
		return w.WriteFile(name, data)
	})
}

// ownedWriter is a Writer that can take data the build no longer
// changes without copying it (publisher.Output): stable data, which
// includes the largest files, the search index's and the exports.
type ownedWriter interface {
	WriteFileOwned(name string, data []byte) error
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

// emitFunc receives an output file. stable says data stays valid after
// the call (it is cached); otherwise it is a reused buffer.
type emitFunc func(name string, data []byte, stable bool) error

// run is the pipeline, one stage after another (see runOnce). Problems
// in content, templates and links are collected across the stages, so
// that one run (and `showcase check`) reports them all.
//
// A file deleted or renamed between the listing of content/ and its
// reading (an editor's save, the story editor turning a story into a
// bundle) fails a build with "file disappeared during the build"; the
// site is then read again from scratch, once.
func (b *Builder) run(ctx context.Context, ch Changes, emit emitFunc) (*Result, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	res, err := b.runOnce(ctx, ch, emit)
	if err != nil && ctx.Err() == nil && disappeared(err) {
		res, err = b.runOnce(ctx, Changes{All: true}, emit)
	}
	return res, err
}

// disappeared reports whether err holds a "file disappeared" problem.
func disappeared(err error) bool {
	for _, p := range diag.Problems(err) {
		if p.Msg.Code == "file-disappeared" {
			return true
		}
	}
	return false
}

// runOnce is the one pipeline, for a one-off build of any size and for
// serve's rebuilds alike:
//
//  1. load: the configuration, the stories' front matter (Load does not
//     hold their Markdown), reports, pages, templates, static files;
//  2. assemble the site from the front matter: order, facets,
//     statistics, neighbours; the reports' and pages' bodies rendered;
//  3. stream the stories in site order (see stream): each story's
//     Markdown is rendered once, and its page rendered, minified and
//     emitted at once; the search index is fed, and a one-off build lets
//     the story's HTML go. Beside the stream, the data files made of the
//     front matter and summaries: the exports, the feed and sitemaps;
//  4. the other pages (lists, home, facets, statistics, reports), which
//     read the stories' summaries; then the link check, the publish
//     gate, the photos and static files.
//
// Files go out before every problem is known: a failed build's output is
// never used (Run writes to a temporary folder that replaces the output
// only on success, and serve drops a failed build's snapshot).
func (b *Builder) runOnce(ctx context.Context, ch Changes, emit emitFunc) (*Result, error) {
	later := &Later{b: b, gen: b.gen.Add(1)}
	start := time.Now()
	in, probs, err := b.load(ctx, ch)
	if err != nil {
		return nil, err
	}
	defer in.close()
	rendered, err := b.renderMarkdown(ctx, in)
	if p := diag.Problems(err); p != nil { // a body beyond the Markdown limits
		probs.Merge(p)
		probs.Sort()
		return nil, probs.Err()
	}
	if err != nil {
		return nil, err
	}
	bodies := b.storyBodies(ctx, in)
	st, p := b.assemble(in, rendered, bodies, start)
	probs.Merge(p)
	if !b.keep {
		bodies = nil // the stories hold their bodies; only serve keeps the map
	}
	var seed uint64 // what every page depends on: a stylesheet's hashed name too
	if in.theme != nil {
		seed = keys.New().U64(in.cfgKey).U64(in.theme.Version()).U64(in.assetsKey).Sum()
	}
	pages, pageKeys := render.Pages(st, in.theme, seed, b.keep)
	// The exports read the front matter only: they are made and emitted
	// beside the stream, which keeps both cores busy where they alone
	// would keep one.
	exports := b.startExports(in, st, later, emit)
	defer exports.wait() // on every way out: it emits beside the stream
	// A one-off build feeds the search index as the stories stream; serve's
	// Builder makes it from the stories' documents after (see searchIndex),
	// which it keeps.
	var index *search.Indexer
	if b.data == nil {
		index = new(search.Indexer)
	}
	total := pages.Len()
	run := b.newPageRun(in.theme, pageKeys, later.gen, total, emit)
	links := newLinkCheck(st, pages, in.files, b.links)
	urls := sitemapURLs(pages)
	// The feed and sitemaps read the front matter and the summaries
	// only: they too are made beside the stream.
	readers := b.startReaders(st, urls)
	defer readers.wait() // on every way out
	refs := newStoryRefs(in, len(st.Stories))
	p, err = b.stream(ctx, st, pages, run, index, links, refs)
	if err != nil {
		return nil, err
	}
	probs.Merge(p)
	// The search index goes out before the other pages: its postings are
	// the largest thing the stream leaves, and the list pages come next.
	var searchFiles map[string][]byte
	if index != nil {
		searchFiles, err = index.Files()
	} else {
		// After the exports: the caches' maps are not safe for concurrent use.
		if err := exports.wait(); err != nil {
			return nil, err
		}
		searchFiles, err = b.searchIndex(b.data.storyDocs(st.Stories), later)
	}
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	n, err := emitAll(searchFiles, emit)
	if err != nil {
		return nil, err
	}
	links.Publish(slices.Collect(maps.Keys(searchFiles))...)
	if err := run.others(ctx, pages); err != nil {
		return nil, err
	}
	p, counts := run.finish(later)
	probs.Merge(p)
	b.keepBodies(in.cont.Stories, bodies)
	out, err := b.outputs(total, readers, exports)
	if err != nil {
		return nil, err
	}
	out.files = in.files
	links.Publish(slices.Collect(maps.Keys(out.data))...)
	links.Publish(exports.names...)
	m, err := emitAll(out.data, emit)
	if err != nil {
		return nil, err
	}
	n += m + len(exports.names)
	probs.Merge(links.Problems())
	if p, err = b.gate(in, st, out, refs); err != nil {
		return nil, err
	}
	probs.Merge(p)
	if probs.HasErrors() {
		probs.Sort()
		return nil, probs.Err()
	}
	files, err := b.write(ctx, in, out, emit)
	if err != nil {
		return nil, err
	}
	// The printed reports (--pdf) are made by Run from the written folder,
	// before it is swapped in (see printReports).
	return &Result{
		Pages: out.pages, Rendered: counts.rendered, Changed: counts.changed, Deferred: counts.deferred, Stories: len(st.Stories),
		Files: out.pages + n + files, Duration: time.Since(start), Warnings: probs, LeftOut: in.cont.LeftOut,
		Later: later.orNil(),
	}, nil
}

// testStoryPage, if set, is given each story page the stream wrote, with
// its index (tests check that nothing holds it after).
var testStoryPage func(i int, p *render.Page)

// streamBatch is how many stories stream at a time: their pages render
// in parallel, and their HTML is held until the batch is indexed.
const streamBatch = 256

// stream renders the stories in site order, a batch at a time, in
// parallel within a batch: each story's Markdown (rendered once, or
// serve's kept rendering of the same file), then its page, emitted at
// once; its links go to the link check and to refs, for the publish
// gate. Each batch then goes to index, in site order, when this build
// makes a search index; a one-off build then lets the batch's HTML,
// headings and links go (see site.Body), so that a site of any size
// holds at most a batch of stories' HTML. A story's page (its data and
// output path) is made as it renders, and kept by nothing once written
// (serve's Builder keeps its data with its bytes). The problems of
// bodies beyond
// the Markdown limits come back as a list; their pages are not rendered.
func (b *Builder) stream(ctx context.Context, st *site.Site, pages *render.List, run *pageRun, index *search.Indexer, links *linkcheck.Checker, refs *storyRefs) (diag.List, error) {
	var mu sync.Mutex // guards probs
	var probs diag.List
	first, _ := pages.Stories()
	for start := 0; start < len(st.Stories); start += streamBatch {
		batch := st.Stories[start:min(start+streamBatch, len(st.Stories))]
		err := inParallel(ctx, len(batch), func(_ context.Context, i int) error {
			if _, err := batch[i].Rendered(); err != nil {
				p := diag.Problems(err)
				if p == nil {
					return err
				}
				mu.Lock()
				probs.Merge(p)
				mu.Unlock()
				return nil
			}
			checkStory(links, batch[i])
			refs.see(start+i, batch[i])
			p := pages.Page(first + start + i)
			if err := run.do(&p); err != nil {
				return err
			}
			if testStoryPage != nil {
				testStoryPage(start+i, &p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if index != nil {
			index.Add(search.Docs(batch))
		}
		if !b.keep && b.opts.Inspect == nil {
			// (A site given to Inspect is the caller's after the build,
			// when the site's files can no longer be read: its stories
			// keep their HTML.)
			for _, s := range batch {
				s.Body().Release()
			}
		}
	}
	return probs, nil
}

// source is the site as loaded: what the later stages read.
type source struct {
	dir    string // the site root, as given
	fsys   fs.FS
	close  func()
	cfg    *config.Config
	cfgKey uint64  // the configuration and the build options
	ch     Changes // what changed since the last build; All when nothing kept is valid
	cont   *content.Content
	theme  *render.Theme // nil when the templates have errors
	// files are the static files and content assets to copy, by output
	// path; assets, the stylesheets and scripts among them published
	// under hashed names too (see fingerprint).
	files  map[string]file
	assets *assets
	// assetsKey identifies the hashed names of the files the templates
	// link (see render.Assets): part of every page's key.
	assetsKey uint64
	photos    *photos
}

// testFS, if set, wraps the site's file system (tests make files vanish).
var testFS func(fs.FS) fs.FS

// testLoaded, if set, is given the content each build loads (tests check
// that nothing changes it).
var testLoaded func(*content.Content)

// load opens the site and reads its configuration, content, templates and
// photos. Content and template problems come back as a list: the later
// stages still run, to find more.
func (b *Builder) load(ctx context.Context, ch Changes) (*source, diag.List, error) {
	in := &source{dir: b.opts.Source}
	if in.dir == "" {
		in.dir = "."
	}
	if err := content.CheckSourceLinks(in.dir); err != nil {
		return nil, nil, err
	}
	root, err := os.OpenRoot(in.dir)
	if err != nil {
		return nil, nil, fmt.Errorf("site folder: %w", err)
	}
	fsys, closeFS := sitefs.Open(root, in.dir)
	if testFS != nil {
		fsys = testFS(fsys)
	}
	in.fsys, in.close = fsys, func() { closeFS(); root.Close() }
	ok := false
	defer func() {
		if !ok {
			in.close()
		}
	}()
	if in.cfg, in.cfgKey, err = b.loadConfig(fsys, !ch.All); err != nil {
		return nil, nil, err
	}
	in.ch = b.begin(in.cfgKey, in.cfg, ch)
	var probs, p diag.List
	if in.cont, p, err = b.loadContent(ctx, in); err != nil {
		return nil, nil, err
	}
	if testLoaded != nil && in.cont != nil {
		testLoaded(in.cont)
	}
	probs.Merge(p)
	// The static files before the templates: pages link the stylesheets
	// and scripts by names that carry a hash of their bytes.
	if in.files, p, err = staticFiles([]fs.FS{showcase.Theme, in.fsys}, in.cont.Assets); err != nil {
		return nil, nil, err
	}
	probs.Merge(p)
	if in.assets, err = b.fingerprint(in.files, in.ch); err != nil {
		return nil, nil, err
	}
	if in.theme, p, err = b.loadTheme(in); err != nil {
		return nil, nil, err
	}
	probs.Merge(p)
	if in.photos, p, err = b.loadPhotos(ctx, in); err != nil {
		return nil, nil, err
	}
	probs.Merge(p)
	ok = true
	return in, probs, nil
}

// loadConfig reads showcase.yaml, with --base-url over its baseURL, and
// returns with it the key of everything a build depends on besides the
// site's files: the configuration's bytes and the build options. With
// again (a rebuild), a Builder that keeps its caches gives the last
// build's configuration again while that key is the same: what was
// worked out from it holds (see keys.Same), pointers compared.
func (b *Builder) loadConfig(fsys fs.FS, again bool) (*config.Config, uint64, error) {
	src, err := fs.ReadFile(fsys, config.File)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, 0, err
	}
	opts := b.opts
	key := keys.Of(string(src), opts.BaseURL, fmt.Sprint(opts.Drafts, opts.Future, opts.NoMinify, opts.Now, opts.PDF))
	if again && b.keep && b.conf != nil && key == b.confKey {
		// The files the configuration names may have gone since.
		if err := config.CheckFiles(fsys, b.conf); err != nil {
			return nil, 0, err
		}
		return b.conf, key, nil
	}
	cfg, err := config.Load(fsys)
	if err != nil {
		return nil, 0, err
	}
	if opts.BaseURL != "" {
		c, err := config.Parse([]byte("baseURL: " + fmt.Sprintf("%q", opts.BaseURL)))
		if err != nil {
			return nil, 0, fmt.Errorf("--base-url: %w", err)
		}
		cfg.BaseURL = c.BaseURL
	}
	cfg.ReportPDF = opts.PDF // report pages link to their printed copy
	if b.keep {
		b.conf, b.confKey = cfg, key
	}
	return cfg, key, nil
}

// loadContent reads content/: stories, reports, pages and their assets.
// A Builder that keeps its caches reads again only the changed files.
func (b *Builder) loadContent(ctx context.Context, in *source) (*content.Content, diag.List, error) {
	opts := content.Options{Drafts: b.opts.Drafts, Future: b.opts.Future, Now: b.opts.Now}
	if b.keep {
		opts.Cache, opts.Stale = b.content, in.ch.has
		if !in.ch.All {
			opts.Changed = func() []string { return in.ch.Paths }
		}
	}
	cont, err := content.Load(ctx, in.fsys, in.cfg, opts)
	var warn *content.Warnings
	switch {
	case errors.As(err, &warn):
		return cont, warn.List, nil
	case err != nil:
		p := diag.Problems(err)
		if p == nil {
			return nil, nil, err
		}
		return cont, p, nil
	}
	return cont, nil, nil
}

// loadTheme parses the templates: the built-in theme's, with the site's own
// layouts/ over them. The kept theme is used again unless its files, the
// configuration or the hashed names of the stylesheets and scripts its
// templates link (folded in, see render.Funcs) changed.
func (b *Builder) loadTheme(in *source) (*render.Theme, diag.List, error) {
	if b.published == nil {
		b.published = new(render.Assets)
	}
	b.published.Set(in.assets.names)
	in.assetsKey = b.published.Key()
	if b.theme != nil && !in.ch.under("layouts") && !in.ch.under("i18n") && b.themeAssets == in.assetsKey {
		return b.theme, nil, nil
	}
	layers := []render.Layer{{FS: showcase.Theme, Label: "built-in theme: "}, {FS: in.fsys}}
	theme, err := render.LoadTheme(layers, in.cfg.Language, render.Funcs(in.cfg, b.published), b.min.themeMinifier())
	in.assetsKey = b.published.Key() // with the paths the templates fold
	b.themeAssets = in.assetsKey
	var probs diag.List
	if err != nil {
		if probs = diag.Problems(err); probs == nil {
			return nil, nil, err
		}
	}
	b.keepTheme(theme)
	return theme, probs, nil
}

// loadPhotos lists the content's images (when the configuration says so
// to process them); they are processed as the pages use them (photos).
func (b *Builder) loadPhotos(ctx context.Context, in *source) (*photos, diag.List, error) {
	if in.cfg.Images.Process && b.images == nil {
		b.images = newProcessor(in.cfg, in.dir, basePath(in.cfg.BaseURL), !b.opts.CheckOnly)
	}
	ph, probs, err := processPhotos(ctx, in.fsys, b.images, in.cont.Assets, b.opts.CheckOnly, b.photos, in.ch)
	if err != nil {
		return nil, nil, err
	}
	if b.keep {
		b.photos = ph // filled as the pages use its photos
	}
	return ph, probs, nil
}

// assemble joins the content, the reports' and pages' rendered Markdown,
// the stories' bodies (rendered on demand) and the processed covers into
// the site the templates read; Inspect may add problems.
func (b *Builder) assemble(in *source, rendered map[string]renderedFile, bodies *storyBodies, built time.Time) (*site.Site, diag.List) {
	st, probs := site.New(site.Input{
		Config: in.cfg, Content: in.cont, Built: built,
		Render: func(f string) site.Rendered { return rendered[f].Rendered },
		Body:   func(i int) *site.Body { return bodies.all[i].body },
		Cover: func(s *content.Story, url string) template.HTML {
			p := s.Cover
			if !strings.HasPrefix(p, "/") {
				p = url + p
			}
			h, _ := in.photos.html(p, s.CoverAlt, "")
			return h
		},
		CoverImage: func(s *content.Story, url string) string {
			p := s.Cover
			if !strings.HasPrefix(p, "/") {
				p = url + p
			}
			img, _ := in.photos.cardImage(p)
			return img
		},
		Stats:    b.keptStats,
		Previous: b.stories,
	})
	gone, all := b.keepStories(st.Stories)
	if b.data != nil {
		b.data.next(st.Stories, gone, all)
	}
	b.keepStats(st, probs)
	if b.opts.Inspect != nil {
		probs.Merge(b.opts.Inspect(st))
	}
	return st, probs
}

// keepStories keeps the site's stories by file, for the next build's
// site.New (Input.Previous), and returns the last site's stories that this
// one has not: those of a file that changed, or, with all, every story
// not among stories (files went too).
func (b *Builder) keepStories(stories []*site.Story) (gone []*site.Story, all bool) {
	if !b.keep {
		return nil, true
	}
	if b.stories == nil {
		b.stories = make(map[string]*site.Story, len(stories))
	}
	for _, s := range stories {
		if old := b.stories[s.File]; old != s {
			if old != nil {
				gone = append(gone, old)
			}
			b.stories[s.File] = s
		}
	}
	if len(b.stories) == len(stories) { // (the stories' files are distinct)
		return gone, false
	}
	b.stories = make(map[string]*site.Story, len(stories))
	for _, s := range stories {
		b.stories[s.File] = s
	}
	return nil, true
}

// output is what a build writes, before it is written.
type output struct {
	pages int               // HTML pages, rendered and written as they were made
	data  map[string][]byte // made files: exports, search index, feed, sitemaps
	files map[string]file   // copied files: static/ and content assets
	// unpublished are the content files the publish gate kept out, by
	// the output path they would have had (see gate).
	unpublished map[string]bool
}

// exportsJob is the making of the statistics exports (see exportFiles),
// beside the stream: they are emitted as soon as they are made, not held.
type exportsJob struct {
	names []string   // the files emitted, once wait returned
	done  chan error // nil once waited for
}

// startExports makes and emits the exports. (Each story's records are
// made first: the caches' maps are not safe for concurrent use.)
func (b *Builder) startExports(in *source, st *site.Site, later *Later, emit emitFunc) *exportsJob {
	j := &exportsJob{done: make(chan error, 1)}
	ex := b.exportInput(st, in.theme)
	go func() {
		j.done <- b.exportFiles(ex, later, func(name string, data []byte) error {
			if err := emit(name, data, true); err != nil {
				return err
			}
			j.names = append(j.names, name)
			return nil
		})
	}()
	return j
}

// wait waits for the exports.
func (j *exportsJob) wait() error {
	if j.done == nil {
		return nil
	}
	err := <-j.done
	j.done = nil
	return err
}

// readersJob is the making of the feed, sitemaps and robots.txt (see
// readerFiles), beside the stream.
type readersJob struct {
	files map[string][]byte
	err   error
	done  chan struct{} // closed once files and err are set
}

// startReaders makes the site's reader files, of the pages at urls.
func (b *Builder) startReaders(st *site.Site, urls []string) *readersJob {
	j := &readersJob{done: make(chan struct{})}
	go func() {
		defer close(j.done)
		j.files, j.err = b.readerFiles(st, urls)
	}()
	return j
}

// wait waits for the reader files.
func (j *readersJob) wait() (map[string][]byte, error) {
	<-j.done
	return j.files, j.err
}

// outputs waits for the site's last data files, once its pages are
// rendered: the feed and sitemaps (see readerFiles), and the exports;
// total is how many pages the site has.
func (b *Builder) outputs(total int, readers *readersJob, exports *exportsJob) (*output, error) {
	files, err := readers.wait()
	if e := exports.wait(); e != nil {
		return nil, e
	}
	if err != nil {
		return nil, err
	}
	return &output{pages: total, data: files}, nil
}

// emitAll gives emit files, and returns how many it gave.
func emitAll(files map[string][]byte, emit emitFunc) (int, error) {
	for name, data := range files {
		if err := emit(name, data, true); err != nil {
			return 0, err
		}
	}
	return len(files), nil
}

// write gives emit the processed photos and the static files (the data
// files and pages went before), and returns how many it gave.
func (b *Builder) write(ctx context.Context, in *source, out *output, emit emitFunc) (int, error) {
	n := 0
	// Processed photos: their variants instead of the original.
	for dest := range out.files {
		if in.photos.isPhoto(dest) {
			delete(out.files, dest)
		}
	}
	for dest, r := range in.photos.results {
		if r == nil || out.unpublished[dest] {
			continue
		}
		for _, f := range r.Files() {
			if err := emit(f.Path, f.Data, true); err != nil {
				return 0, err
			}
			n++
		}
	}
	// Static files (the theme's, then the site's on top) and content assets.
	if err := b.writeFiles(ctx, emit, out.files, in.assets.data, in.ch); err != nil {
		return 0, err
	}
	return n + len(out.files), nil
}
