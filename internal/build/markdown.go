package build

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"strconv"
	"sync"

	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/keys"
	"github.com/jiangninglu/showcase/internal/markdown"
	"github.com/jiangninglu/showcase/internal/site"
)

// mdSource is a content body to render, with what its rendering needs.
type mdSource struct {
	*content.Source
	dir, name string // its page's URL is dir+name+"/", or dir when name is ""
}

func (s mdSource) url() string {
	if s.name == "" {
		return s.dir
	}
	return s.dir + s.name + "/"
}

// renderedFile is a file's rendered body and the version it was
// rendered from.
type renderedFile struct {
	version uint64
	site.Rendered
	// photos are the output paths of the photos the body shows (as
	// asked for while it rendered): their sizes are in its HTML, so a
	// change to one of them renders it again.
	photos []string
}

// renderMarkdown renders the bodies of the reports and pages, in
// parallel, reusing the results of files whose version has not changed,
// and returns them by file. (The stories' bodies render as the stories
// stream, see storyBodies.)
func (b *Builder) renderMarkdown(ctx context.Context, in *source) (map[string]renderedFile, error) {
	cont := in.cont
	sources := make([]mdSource, 0, len(cont.Reports)+len(cont.Pages)+2)
	for _, r := range cont.Reports {
		sources = append(sources, mdSource{Source: &r.Source, dir: "/reports/", name: strconv.Itoa(r.Year)})
	}
	for _, p := range cont.Pages {
		sources = append(sources, mdSource{Source: &p.Source, dir: "/", name: p.Path})
	}
	if p := cont.Home; p != nil {
		sources = append(sources, mdSource{Source: &p.Source, dir: "/"})
	}
	if p := cont.StoriesIndex; p != nil {
		sources = append(sources, mdSource{Source: &p.Source, dir: "/stories/"})
	}
	rendered, err := b.renderSources(ctx, in, sources)
	if err != nil {
		return nil, err
	}
	byFile := make(map[string]renderedFile, len(sources))
	for i, s := range sources {
		byFile[s.File] = rendered[i]
	}
	if b.keep {
		b.rendered = byFile
	}
	return byFile, nil
}

// storyBody is a story's body as a build holds it (see site.Body).
type storyBody struct {
	version uint64
	body    *site.Body // &own
	own     site.Body  // in the holder: one object a story, not two
	// photos are the output paths of the photos the body shows, as
	// asked for while it rendered (see renderedFile).
	photos []string
	job    *bodyJob // what renders it, with src
	src    mdSource
}

// bodyJob is what the stories' bodies of one build render with.
type bodyJob struct {
	b   *Builder
	ctx context.Context
	in  *source
}

// Render renders the story's body (see site.Body.Init).
func (sb *storyBody) Render() (site.Rendered, error) {
	var shown []string
	r, err := sb.job.b.renderSource(sb.job.ctx, sb.job.in, sb.src, &shown)
	sb.photos = shown
	return r.Rendered, err
}

// storyBodies returns the stories' bodies, in the order of
// in.cont.Stories, to be rendered on demand: as the stories stream (see
// stream), or before, when a site's own template shows another story's
// body. A Builder that keeps its caches gives again the body of a story
// whose file, bundle and photos did not change, rendered last time.
func (b *Builder) storyBodies(ctx context.Context, in *source) *storyBodies {
	sb := &storyBodies{all: make([]*storyBody, len(in.cont.Stories))}
	job := &bodyJob{b: b, ctx: ctx, in: in}
	for i, s := range in.cont.Stories {
		// A bundle's images change its HTML (their sizes) without changing
		// its file: a change in the bundle renders it again, and so does
		// a change to a photo elsewhere that the body shows.
		bundleChanged := s.Bundle != "" && in.ch.under(s.Bundle)
		if k, ok := b.bodies[s.File]; ok && k.version == s.Version && !bundleChanged && !in.photos.changed(k.photos, in.ch) {
			sb.all[i] = k
			continue
		}
		body := &storyBody{version: s.Version, job: job, src: mdSource{Source: &s.Source, dir: "/stories/", name: s.Slug}}
		body.own.Init(body)
		body.body = &body.own
		sb.all[i] = body
		sb.fresh = append(sb.fresh, i)
	}
	return sb
}

// storyBodies are a build's stories' bodies.
type storyBodies struct {
	all   []*storyBody // in the order of the content's stories
	fresh []int        // which of all are new in this build
}

// keepBodies keeps, for the next build, the bodies that rendered, by
// file. The last build's map is changed in place for the new bodies, and
// made anew only when a story went.
func (b *Builder) keepBodies(stories []*content.Story, bodies *storyBodies) {
	if !b.keep {
		return
	}
	if b.bodies == nil {
		b.bodies = make(map[string]*storyBody, len(stories))
	}
	unrendered := 0
	for _, i := range bodies.fresh {
		// A body that did not render holds this build's files, which
		// close with it.
		if sb := bodies.all[i]; sb.body.Rendered() {
			b.bodies[stories[i].File] = sb
		} else {
			delete(b.bodies, stories[i].File)
			unrendered++
		}
	}
	if len(b.bodies) == len(stories)-unrendered { // (the files are distinct)
		return
	}
	b.bodies = make(map[string]*storyBody, len(stories))
	for i, sb := range bodies.all {
		if sb.body.Rendered() {
			b.bodies[stories[i].File] = sb
		}
	}
}

// renderSources renders the bodies of sources, in parallel, reusing the
// kept results of files whose version has not changed.
func (b *Builder) renderSources(ctx context.Context, in *source, sources []mdSource) ([]renderedFile, error) {
	rendered := make([]renderedFile, len(sources))
	var fresh []int
	for i, s := range sources {
		if r, ok := b.rendered[s.File]; ok && r.version == s.Version && !in.photos.changed(r.photos, in.ch) {
			rendered[i] = r
			continue
		}
		fresh = append(fresh, i)
	}
	err := inParallel(ctx, len(fresh), func(gctx context.Context, j int) error {
		i := fresh[j]
		var err error
		rendered[i], err = b.renderSource(gctx, in, sources[i], &rendered[i].photos)
		return err
	})
	if err != nil {
		return nil, err
	}
	return rendered, nil
}

// renderSource renders the body of s, read again from the site when Load
// did not hold it, and records in shown the photos it shows. A body
// beyond the Markdown limits is a problem at its line.
func (b *Builder) renderSource(ctx context.Context, in *source, s mdSource, shown *[]string) (renderedFile, error) {
	body := s.Body
	if body == nil {
		// Read into a recycled buffer: nothing rendered keeps a part of
		// the Markdown (Result holds strings), so it is free again once
		// the body is rendered.
		buf := bodyBufs.Get().(*[]byte)
		defer bodyBufs.Put(buf)
		var err error
		body, *buf, err = content.ReadBodyTo(in.fsys, s.Source, *buf)
		if err != nil {
			return renderedFile{}, err
		}
	}
	// The HTML comes minified, once, for the pages that show it (b.md's
	// Finish is minifier.body; the templates were minified as loaded).
	res, err := b.md.RenderWith(ctx, body, in.photos.imageFuncShown(s.url(), shown))
	var limit *markdown.LimitError
	if errors.As(err, &limit) {
		m := limit.Message()
		return renderedFile{}, diag.New(diag.Pos{File: s.File, Line: s.BodyLine + limit.Line - 1}, "", m.Code, m.Args...)
	}
	if err != nil {
		return renderedFile{}, fmt.Errorf("%s: %w", s.File, err)
	}
	if testRendered != nil {
		testRendered(s.File)
	}
	return renderedFile{version: s.Version, photos: *shown, Rendered: site.Rendered{
		HTML:           template.HTML(res.HTML),
		HTMLHash:       keys.Of(res.HTML),
		TOC:            res.TOC,
		Links:          res.Links,
		Summary:        res.Summary,
		Chars:          res.Chars,
		ReadingMinutes: res.ReadingMinutes,
	}}, nil
}

// bodyBufs recycles the buffers stories' Markdown is read into.
var bodyBufs = sync.Pool{New: func() any { return new([]byte) }}

// testRendered, if set, is called with the file of each body rendered
// (tests count them).
var testRendered func(file string)
