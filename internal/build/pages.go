package build

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/keys"
	"github.com/jiangninglu/showcase/internal/render"
	"github.com/jiangninglu/showcase/internal/site"
)

// renderPages executes, minifies and emits every page, in parallel; a page
// whose key is the same as in the last build is emitted from the cache,
// and so is one whose template wrote the same bytes as then.
// Template errors are collected (once per distinct message: one broken
// partial fails every page) so the editor sees them all.
//
// A lean build did not keep the stories' HTML: a story's page renders its
// Markdown again.
func (b *Builder) renderPages(ctx context.Context, in *source, pages []render.Page, emit emitFunc) (diag.List, pageCounts, error) {
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
	var mu sync.Mutex // guards tplErrs, seen and kept
	var tplErrs diag.List
	rendered := 0
	var changed atomic.Int64
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
		c, had := b.pages[p.Path]
		if had && c.key == p.Key {
			mu.Lock()
			kept[p.Path] = c
			mu.Unlock()
			if err := emit(p.Path, c.data, true); err != nil {
				return nil, pageCounts{}, err
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
			if progress != nil {
				progress.Done.Add(1)
			}
			if !b.keep {
				body, err := b.min.page(out, buf)
				if err != nil {
					return fmt.Errorf("minify %s: %w", p.Path, err)
				}
				changed.Add(1)
				return emit(p.Path, body, false)
			}
			// The minifier's output follows from its input alone: a page
			// whose template wrote the same bytes as last time keeps the
			// bytes minified then.
			raw := keys.New().Bytes(buf.Bytes()).Sum()
			if had && c.raw == raw {
				mu.Lock()
				kept[p.Path] = cachedPage{key: p.Key, raw: raw, data: c.data}
				mu.Unlock()
				return emit(p.Path, c.data, true)
			}
			body, err := b.min.page(out, buf)
			if err != nil {
				return fmt.Errorf("minify %s: %w", p.Path, err)
			}
			body = bytes.Clone(body)
			changed.Add(1)
			mu.Lock()
			kept[p.Path] = cachedPage{key: p.Key, raw: raw, data: body}
			mu.Unlock()
			return emit(p.Path, body, true)
		})
	}
	if err := g.Wait(); err != nil {
		return nil, pageCounts{}, err
	}
	if b.keep {
		if len(tplErrs) > 0 {
			kept = map[string]cachedPage{} // a broken theme: render all next time
		}
		b.pages = kept
	}
	return tplErrs, pageCounts{rendered: rendered, changed: int(changed.Load())}, nil
}

// pageCounts say how many pages a build rendered (their template ran),
// and of those how many it minified: serve's Builder keeps the bytes of a
// page whose template wrote the same as in the last build.
type pageCounts struct{ rendered, changed int }

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
