package build

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"strconv"

	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/keys"
	"github.com/jiangninglu/showcase/internal/markdown"
	"github.com/jiangninglu/showcase/internal/search"
	"github.com/jiangninglu/showcase/internal/site"
)

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

// mdSource is a content body to render, with what its rendering needs.
type mdSource struct {
	*content.Source
	dir, name string // its page's URL is dir+name+"/", or dir when name is ""
	bundle    string // a story bundle's folder, or ""
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

// renderMarkdown renders every content body, in parallel, reusing the
// results of files whose version has not changed, and returns them by
// file. In a lean build it gives the stories to in.index in site order, a
// batch at a time, and keeps their rendered bodies without the HTML.
func (b *Builder) renderMarkdown(ctx context.Context, in *source) (map[string]renderedFile, error) {
	cont, ph, ch, index := in.cont, in.photos, in.ch, in.index
	var reread fs.FS // where bodies Load let go are read again
	if cont.BodiesDropped {
		reread = in.fsys
	}
	n := len(cont.Reports) + len(cont.Pages) + 2
	if index == nil {
		n += len(cont.Stories)
	}
	sources := make([]mdSource, 0, n)
	if index == nil {
		for _, s := range cont.Stories {
			sources = append(sources, mdSource{Source: &s.Source, dir: "/stories/", name: s.Slug, bundle: s.Bundle})
		}
	}
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
	rendered, fresh, err := b.renderSources(ctx, reread, sources, ph, ch)
	if err != nil {
		return nil, err
	}
	// The kept map is copied and the fresh results put in, which is
	// quicker than a new map; when files went away it is made anew.
	var byFile map[string]renderedFile
	if b.keep && b.rendered != nil {
		byFile = maps.Clone(b.rendered)
		for _, i := range fresh {
			s := sources[i]
			byFile[s.File] = rendered[i]
		}
	}
	if byFile == nil || len(byFile) != len(sources) {
		byFile = make(map[string]renderedFile, len(sources)+len(cont.Stories))
		for i, s := range sources {
			byFile[s.File] = rendered[i]
		}
	}
	if b.keep {
		b.rendered = byFile
	}
	if index == nil {
		return byFile, nil
	}
	for start := 0; start < len(cont.Stories); start += leanBatch {
		batch := cont.Stories[start:min(start+leanBatch, len(cont.Stories))]
		sources = sources[:0]
		for _, s := range batch {
			sources = append(sources, mdSource{Source: &s.Source, dir: "/stories/", name: s.Slug})
		}
		rendered, _, err := b.renderSources(ctx, reread, sources, ph, ch)
		if err != nil {
			return nil, err
		}
		stories := make([]*site.Story, len(batch))
		for i, s := range batch {
			stories[i] = site.NewStory(s, rendered[i].Rendered)
		}
		index.Add(search.Docs(stories))
		for i, s := range batch {
			rendered[i].HTML = ""
			byFile[s.File] = rendered[i]
		}
	}
	return byFile, nil
}

// renderSources renders the bodies of sources, in parallel, reusing the
// kept results of files whose version has not changed, and returns with
// them the indices of those rendered anew. A story without Body is read
// again from reread, if set.
func (b *Builder) renderSources(ctx context.Context, reread fs.FS, sources []mdSource, ph *photos, ch Changes) ([]renderedFile, []int, error) {
	rendered := make([]renderedFile, len(sources))
	var fresh []int
	for i, s := range sources {
		// A bundle's images change its HTML (their sizes) without changing
		// its file: a change in the bundle renders it again, and so does
		// a change to a photo elsewhere that the body shows.
		bundleChanged := s.bundle != "" && ch.under(s.bundle)
		if r, ok := b.rendered[s.File]; ok && r.version == s.Version && !bundleChanged && !ph.changed(r.photos, ch) {
			rendered[i] = r
			continue
		}
		fresh = append(fresh, i)
	}
	err := inParallel(ctx, len(fresh), func(gctx context.Context, j int) error {
		i := fresh[j]
		s := sources[i]
		body := s.Body
		if body == nil && reread != nil {
			var err error
			if body, err = content.ReadBody(reread, s.Source); err != nil {
				return err
			}
		}
		var shown []string
		res, err := b.md.RenderWith(gctx, body, ph.imageFuncShown(s.url(), &shown))
		var limit *markdown.LimitError
		if errors.As(err, &limit) {
			m := limit.Message()
			return diag.New(diag.Pos{File: s.File, Line: s.BodyLine + limit.Line - 1}, "", m.Code, m.Args...)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", s.File, err)
		}
		if !b.keep {
			s.Body = nil // rendered: let the file's bytes go (a large site's biggest memory)
		}
		rendered[i] = renderedFile{version: s.Version, photos: shown, Rendered: site.Rendered{
			HTML:           template.HTML(res.HTML),
			HTMLHash:       keys.Of(res.HTML),
			TOC:            res.TOC,
			Links:          res.Links,
			Summary:        res.Summary,
			Chars:          res.Chars,
			ReadingMinutes: res.ReadingMinutes,
		}}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return rendered, fresh, nil
}
