package build

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"runtime"
	"sort"
	"strconv"

	"golang.org/x/sync/errgroup"

	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/keys"
	"github.com/jiangninglu/showcase/internal/markdown"
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

// renderMarkdown renders every content body, in parallel, reusing the
// results of files whose version has not changed, and returns them by
// file. In a lean build it gives the stories to in.index in site order, a
// batch at a time, and keeps their rendered bodies without the HTML.
func (b *Builder) renderMarkdown(ctx context.Context, in *source) (map[string]site.Rendered, error) {
	cont, ph, ch, index := in.cont, in.photos, in.ch, in.index
	var reread fs.FS // where bodies Load let go are read again
	if cont.BodiesDropped {
		reread = in.fsys
	}
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
			res, err := b.md.RenderWith(gctx, body, ph.imageFunc(urls[s]))
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
			rendered[i] = site.Rendered{
				HTML:           template.HTML(res.HTML),
				HTMLHash:       keys.Of(res.HTML),
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
