package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/keys"
	"github.com/jiangninglu/showcase/internal/render"
	"github.com/jiangninglu/showcase/internal/site"
)

// renderPages executes, minifies and emits every page, in parallel; a page
// whose data and whose reads of the site (see render.SiteView) hash the
// same as in the last build is emitted from the cache, and so is one
// whose template wrote the same bytes as then. With DeferSitePages, a
// page of the site's own template whose data is the same but whose reads
// of the site changed is emitted from the cache too, and left to later.
// Template errors are collected (once per distinct message: one broken
// partial fails every page) so the editor sees them all.
//
// A lean build did not keep the stories' HTML: a story's page renders its
// Markdown again.
func (b *Builder) renderPages(ctx context.Context, in *source, pages []render.Page, emit emitFunc, later *Later) (diag.List, pageCounts, error) {
	theme := in.theme
	if theme == nil { // the templates have errors
		return nil, pageCounts{}, nil
	}
	var storyHTML func(*site.Story) (template.HTML, error)
	if in.index != nil {
		storyHTML = func(st *site.Story) (template.HTML, error) {
			body, err := content.ReadBody(in.fsys, &st.Source)
			if err != nil {
				return "", err
			}
			res, err := b.md.RenderWith(ctx, body, in.photos.imageFunc(st.URL))
			if err != nil {
				return "", fmt.Errorf("%s: %w", st.File, err)
			}
			return template.HTML(res.HTML), nil
		}
	}
	r := &pageRun{b: b, theme: theme, storyHTML: storyHTML, dropHTML: b.lets(in)}
	var mu sync.Mutex // guards kept
	var kept map[string]cachedPage
	if b.keep {
		kept = make(map[string]cachedPage, len(pages))
	}
	var pend *pendingPages
	if b.deferSite && storyHTML == nil {
		pend = &pendingPages{theme: theme}
	}
	progress := b.opts.Progress
	if progress != nil {
		progress.Total.Store(int64(len(pages)))
	}
	type job struct {
		p   render.Page
		c   cachedPage
		had bool
	}
	var todo []job
	for _, p := range pages {
		c, had := b.pages[p.Path]
		// The same data, and the same of what the page read of the site
		// last time: the same bytes.
		same := had && c.key == p.Key
		reuse := same && p.Data.Site.Key(c.reads) == c.site
		if !reuse && same && pend != nil && theme.Own(p.Data.Kind) {
			// A page of the site's own template that changed only
			// because the site did: the last build's bytes now, and the
			// new ones from SitePages.
			pend.pages, pend.old = append(pend.pages, p), append(pend.old, c)
			reuse = true
		}
		if reuse {
			mu.Lock()
			kept[p.Path] = c
			mu.Unlock()
			if err := emit(p.Path, c.data, true); err != nil {
				return nil, pageCounts{}, err
			}
			continue
		}
		todo = append(todo, job{p, c, had})
	}
	rendered := len(todo)
	err := inParallel(ctx, len(todo), func(_ context.Context, i int) error {
		p, c, had := todo[i].p, todo[i].c, todo[i].had
		out := bufs.Get().(*bytes.Buffer)
		defer bufs.Put(out)
		buf := bufs.Get().(*bytes.Buffer)
		defer bufs.Put(buf)
		body, entry, ok, err := r.page(p, c, had, out, buf)
		if err != nil || !ok {
			return err
		}
		if progress != nil {
			progress.Done.Add(1)
		}
		if !b.keep {
			return emit(p.Path, body, false)
		}
		mu.Lock()
		kept[p.Path] = entry
		mu.Unlock()
		return emit(p.Path, body, true)
	})
	if err != nil {
		return nil, pageCounts{}, err
	}
	if b.keep {
		if len(r.errs) > 0 {
			kept = map[string]cachedPage{} // a broken theme: render all next time
			pend = nil
		}
		b.pages = kept
	}
	counts := pageCounts{rendered: rendered, changed: int(r.changed.Load())}
	if pend != nil && len(pend.pages) > 0 {
		later.pages, counts.deferred = pend, len(pend.pages)
	}
	return r.errs, counts, nil
}

// pageCounts say how many pages a build rendered (their template ran),
// and of those how many it minified (serve's Builder keeps the bytes of a
// page whose template wrote the same as in the last build), and how many
// it left for SitePages.
type pageCounts struct{ rendered, changed, deferred int }

// pageRun renders pages with one theme, and collects their template errors.
type pageRun struct {
	b         *Builder
	theme     *render.Theme
	storyHTML func(*site.Story) (template.HTML, error) // nil: the stories' HTML is kept
	// dropHTML: a story's HTML is let go once its page is rendered, when
	// the build lets parts of the site go (see lets): with the built-in
	// theme only the story's own page shows it (the data files that read
	// it went out before the pages), and the HTML of every story was a
	// 10,000-story build's largest memory.
	dropHTML bool
	changed  atomic.Int64 // pages minified
	mu       sync.Mutex   // guards errs and seen
	errs     diag.List
	seen     map[string]bool
}

// page runs p's template into buf and minifies its output into out. A
// Builder that keeps its caches returns body as a copy, with the page's
// cache entry: when the template wrote the same bytes as for c (the last
// build's entry, if had), c's bytes, not minified again. ok is false
// after a template error, which r collects.
func (r *pageRun) page(p render.Page, c cachedPage, had bool, out, buf *bytes.Buffer) (body []byte, entry cachedPage, ok bool, err error) {
	out.Reset()
	buf.Reset()
	d := p.Data
	if r.storyHTML != nil && d.Kind == "story" {
		html, err := r.storyHTML(d.Story)
		if err != nil {
			return nil, cachedPage{}, false, err
		}
		// This page's own copies: other pages share d.Story.
		st, dd := *d.Story, *d
		st.HTML, dd.Content, dd.Story = html, html, &st
		d = &dd
	}
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
		return nil, cachedPage{}, false, nil
	}
	if r.dropHTML && d.Kind == "story" {
		d.Story.HTML, d.Content = "", ""
	}
	entry = cachedPage{key: p.Key}
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
	body, err = r.b.min.page(out, buf)
	if err != nil {
		return nil, cachedPage{}, false, fmt.Errorf("minify %s: %w", p.Path, err)
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
	old   []cachedPage // the last build's entry of each page
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
	entries := make([]cachedPage, len(pend.pages))
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
		b.pages = map[string]cachedPage{} // render all next time
		r.errs.Sort()
		return nil, false, r.errs.Err()
	}
	files = map[string][]byte{}
	for i, p := range pend.pages {
		b.pages[p.Path] = entries[i]
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
