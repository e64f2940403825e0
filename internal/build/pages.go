package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/keys"
	"github.com/jiangninglu/showcase/internal/render"
)

// pageRun renders, minifies and emits one build's pages, as the build
// asks for them: each story's page as the stories stream (see stream),
// then the other pages. A page whose data and whose reads of the site
// (see render.SiteView) hash the same as in the last build is emitted
// from the cache, and so is one whose template wrote the same bytes as
// then. With DeferSitePages, a page of the site's own template whose
// data is the same but whose reads of the site changed is emitted from
// the cache too, and left to later. Template errors are collected (once
// per distinct message: one broken partial fails every page) so the
// editor sees them all. Safe for concurrent use.
type pageRun struct {
	b        *Builder
	theme    *render.Theme // nil when the templates have errors: no page renders
	keys     *render.Keys  // nil in a one-off build
	emit     emitFunc
	progress *Progress
	gen      uint64       // the build's (see Builder.gen)
	rendered atomic.Int64 // pages whose template ran
	changed  atomic.Int64 // pages minified

	kmu   sync.Mutex // guards fresh and pend
	fresh []freshPage
	pend  *pendingPages // nil: none are left for later

	mu   sync.Mutex // guards errs and seen
	errs diag.List
	seen map[string]bool
}

// freshPage is the entry of a page rendered anew, for the Builder's
// pages once the build's pages are done. (Builder.pages is only read
// while they render.)
type freshPage struct {
	path  string
	entry *cachedPage
}

// newPageRun begins the rendering of a build's pages (of which there
// are total).
func (b *Builder) newPageRun(theme *render.Theme, keys *render.Keys, gen uint64, total int, emit emitFunc) *pageRun {
	r := &pageRun{b: b, theme: theme, keys: keys, gen: gen, emit: emit, progress: b.opts.Progress}
	if b.deferSite && theme != nil {
		r.pend = &pendingPages{theme: theme}
	}
	if r.progress != nil {
		r.progress.Total.Store(int64(total))
	}
	return r
}

// others renders and emits the pages other than the stories', in
// parallel, each made as it renders.
func (r *pageRun) others(ctx context.Context, pages *render.List) error {
	first, n := pages.Stories()
	return inParallel(ctx, pages.Len()-n, func(_ context.Context, i int) error {
		if i >= first {
			i += n
		}
		p := pages.Page(i)
		return r.do(&p)
	})
}

// do gives p its key, and emits its bytes: the last build's, when they
// are still p's, else those its template writes now.
func (r *pageRun) do(p *render.Page) error {
	if r.theme == nil {
		return nil
	}
	// The last build's entry, claimed for this page: were two pages of
	// one path (a build that then fails), the second renders afresh.
	c := r.b.pages[p.Path]
	if c != nil {
		if g := c.gen.Load(); g == r.gen || !c.gen.CompareAndSwap(g, r.gen) {
			c = nil
		}
	}
	var last *render.Keyed
	if c != nil {
		last = &c.Keyed
	}
	keyed := r.keys.Key(p, last)
	// The same data, and the same of what the page read of the site
	// last time: the same bytes.
	same := c != nil && c.Key == p.Key
	reuse := same && p.Data.Site.Key(c.reads) == c.site
	if !reuse && same && r.pend != nil && r.theme.Own(p.Data.Kind) {
		// A page of the site's own template that changed only because
		// the site did: the last build's bytes now, and the new ones
		// from SitePages.
		r.kmu.Lock()
		r.pend.pages, r.pend.old = append(r.pend.pages, *p), append(r.pend.old, c.renderedPage)
		r.kmu.Unlock()
		reuse = true
	}
	if reuse {
		c.Keyed = keyed // the same values: this build's, for the next
		return r.emit(p.Path, c.data, true)
	}
	r.rendered.Add(1)
	out := bufs.Get().(*bytes.Buffer)
	defer bufs.Put(out)
	buf := bufs.Get().(*bytes.Buffer)
	defer bufs.Put(buf)
	var old renderedPage
	if c != nil {
		old = c.renderedPage
	}
	body, entry, ok, err := r.page(*p, old, c != nil, out, buf)
	if err != nil || !ok {
		return err
	}
	if r.progress != nil {
		r.progress.Done.Add(1)
	}
	if !r.b.keep {
		return r.emit(p.Path, body, false)
	}
	e := &cachedPage{Keyed: keyed, renderedPage: entry}
	e.gen.Store(r.gen)
	r.kmu.Lock()
	r.fresh = append(r.fresh, freshPage{p.Path, e})
	r.kmu.Unlock()
	return r.emit(p.Path, body, true)
}

// finish ends the rendering of the build's pages: a Builder that keeps
// its caches keeps the pages' entries (and lets go of those of pages
// this build did not emit), and the pages left for later go to later.
// It returns the template errors, and the counts.
func (r *pageRun) finish(later *Later) (diag.List, pageCounts) {
	b := r.b
	pend := r.pend
	if b.keep {
		if len(r.errs) > 0 {
			b.pages = map[string]*cachedPage{} // a broken theme: render all next time
			pend = nil
		} else {
			for _, f := range r.fresh {
				b.pages[f.path] = f.entry
			}
			for path, c := range b.pages {
				if c.gen.Load() != r.gen {
					delete(b.pages, path)
				}
			}
		}
	}
	counts := pageCounts{rendered: int(r.rendered.Load()), changed: int(r.changed.Load())}
	if pend != nil && len(pend.pages) > 0 {
		later.pages, counts.deferred = pend, len(pend.pages)
	}
	return r.errs, counts
}

// pageCounts say how many pages a build rendered (their template ran),
// and of those how many it minified (serve's Builder keeps the bytes of a
// page whose template wrote the same as in the last build), and how many
// it left for SitePages.
type pageCounts struct{ rendered, changed, deferred int }

// page runs p's template into buf and minifies its output into out. A
// Builder that keeps its caches returns body as a copy, with the page's
// rendering: when the template wrote the same bytes as for c (the last
// build's, if had), c's bytes, not minified again. ok is false after a
// template error, which r collects.
func (r *pageRun) page(p render.Page, c renderedPage, had bool, out, buf *bytes.Buffer) (body []byte, entry renderedPage, ok bool, err error) {
	out.Reset()
	buf.Reset()
	d := p.Data
	reads, err := r.theme.Render(buf, d)
	if err != nil {
		prob := templateExecProblem(err)
		r.mu.Lock()
		if !r.seen[prob.Error()] {
			if r.seen == nil {
				r.seen = map[string]bool{}
			}
			r.seen[prob.Error()] = true
			r.errs.Add(prob)
		}
		r.mu.Unlock()
		return nil, renderedPage{}, false, nil
	}
	if r.b.keep {
		entry.reads, entry.site = reads, d.Site.Key(reads)
		// The minifier's output follows from its input alone: a page
		// whose template wrote the same bytes as last time keeps the
		// bytes minified then.
		entry.raw = keys.New().Bytes(buf.Bytes()).Sum()
		if had && c.raw == entry.raw {
			entry.data = c.data
			return c.data, entry, true, nil
		}
	}
	if r.theme.Minified() {
		// Written minified: the templates were as they were loaded, and
		// the Markdown bodies as they were rendered.
		body = buf.Bytes()
	} else if body, err = r.b.min.page(out, buf); err != nil {
		return nil, renderedPage{}, false, fmt.Errorf("minify %s: %w", p.Path, err)
	}
	r.changed.Add(1)
	if r.b.keep {
		body = bytes.Clone(body)
		entry.data = body
	}
	return body, entry, true, nil
}

// Later is the work a rebuild left for after the swap (see DeferData,
// DeferSitePages): the pages of the site's own templates that changed
// only because the site did, and data files (the search index, the
// workbook). Its methods run beside the next build, and do nothing once
// that has begun (Stale): the one check of whether work left for later
// is still wanted.
type Later struct {
	b     *Builder
	gen   uint64        // the build's (see Builder.gen)
	pages *pendingPages // nil: none left
	mu    sync.Mutex    // guards data while the build adds to it
	data  []laterData
}

// add leaves a data file generator for Data.
func (l *Later) add(job laterData) {
	l.mu.Lock()
	l.data = append(l.data, job)
	l.mu.Unlock()
}

// Stale reports whether a newer build than l's has begun.
func (l *Later) Stale() bool { return l.b.gen.Load() != l.gen }

// orNil returns l, or nil when it holds no work.
func (l *Later) orNil() *Later {
	if l.pages == nil && len(l.data) == 0 {
		return nil
	}
	return l
}

// pendingPages are the pages a rebuild left for Later.SitePages.
type pendingPages struct {
	theme *render.Theme
	pages []render.Page
	old   []renderedPage // the last build's rendering of each page
}

// DeferSitePages makes rebuilds (not the first build) leave out the pages
// of the site's own templates that changed only because the site did:
// those whose data (render.Page's Key) is the same but whose reads of the
// site changed. The rebuild emits their last bytes, and its Later's
// SitePages renders them. Most
// such pages come out the same, and the page edited is not among them:
// a rebuild of a large site with its own templates then renders the
// pages an edit shows in, not every page.
func (b *Builder) DeferSitePages() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.deferSite = true
}

// errStale stops SitePages once a newer build has begun.
var errStale = errors.New("a newer build has begun")

// SitePages renders the pages the rebuild left out (see DeferSitePages)
// and returns those whose bytes changed; ok is false when there were none
// left out, or when a newer build began meanwhile (that build leaves out
// its own). It runs beside builds: the site and theme it renders are
// immutable. A template error comes back as a diag list error, and the
// next build renders every page. Call it once.
func (l *Later) SitePages(ctx context.Context) (files map[string][]byte, ok bool, err error) {
	if l == nil || l.pages == nil {
		return nil, false, nil
	}
	b, pend, stale := l.b, l.pages, l.Stale
	r := &pageRun{b: b, theme: pend.theme}
	entries := make([]renderedPage, len(pend.pages))
	changed := make([]bool, len(pend.pages))
	err = inParallel(ctx, len(pend.pages), func(_ context.Context, i int) error {
		if stale() {
			return errStale
		}
		p := pend.pages[i]
		out := bufs.Get().(*bytes.Buffer)
		defer bufs.Put(out)
		buf := bufs.Get().(*bytes.Buffer)
		defer bufs.Put(buf)
		old := pend.old[i]
		_, entry, _, err := r.page(p, old, true, out, buf)
		entries[i], changed[i] = entry, entry.data != nil && entry.raw != old.raw
		return err
	})
	if errors.Is(err, errStale) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if stale() {
		return nil, false, nil
	}
	if len(r.errs) > 0 {
		b.pages = map[string]*cachedPage{} // render all next time
		r.errs.Sort()
		return nil, false, r.errs.Err()
	}
	files = map[string][]byte{}
	for i, p := range pend.pages {
		// Still the build's entry (nothing has run since, see Stale):
		// its data and key stand, its rendering is now the page's.
		if c := b.pages[p.Path]; c != nil {
			c.renderedPage = entries[i]
		}
		if changed[i] {
			files[p.Path] = entries[i].data
		}
	}
	return files, true, nil
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
