package build

import (
	"bytes"
	"context"
	"html/template"
	"os"
	"path/filepath"
	"testing"

	"github.com/jiangninglu/showcase"
	"github.com/jiangninglu/showcase/internal/bench"
	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/markdown"
	"github.com/jiangninglu/showcase/internal/meta"
	"github.com/jiangninglu/showcase/internal/publisher"
	"github.com/jiangninglu/showcase/internal/render"
	"github.com/jiangninglu/showcase/internal/site"
	"github.com/jiangninglu/showcase/internal/stats"
)

// BenchmarkStages times each stage of a build of a 1,000-story synthetic
// site on its own, with -benchmem figures: load (read, front matter,
// validation), front matter alone, Markdown, aggregation, templates,
// minify and the disk writes (as Run writes: through a publisher.Output,
// swap included).
func BenchmarkStages(b *testing.B) {
	dir := b.TempDir()
	if err := bench.Write(dir, 1000, 1); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	fsys := os.DirFS(dir)
	cfg, err := config.Load(fsys)
	if err != nil {
		b.Fatal(err)
	}
	load := func() *content.Content {
		c, err := content.Load(ctx, fsys, cfg, content.Options{})
		if err != nil {
			b.Fatal(err)
		}
		return c
	}
	cont := load()
	md := markdown.New(markdown.Options{})
	rendered := map[string]site.Rendered{}
	bodies := make([][]byte, len(cont.Stories)) // Load does not hold them
	for i, s := range cont.Stories {
		if bodies[i], err = content.ReadBody(fsys, &s.Source); err != nil {
			b.Fatal(err)
		}
		r, err := md.Render(bodies[i])
		if err != nil {
			b.Fatal(err)
		}
		rendered[s.File] = site.Rendered{HTML: template.HTML(r.HTML), Summary: r.Summary, TOC: r.TOC}
	}
	st, _ := site.New(site.Input{Config: cfg, Content: cont, Render: func(f string) site.Rendered { return rendered[f] },
		Body: func(i int) *site.Body { return site.RenderedBody(rendered[cont.Stories[i].File]) }})
	theme, err := render.LoadTheme([]render.Layer{{FS: showcase.Theme}}, cfg.Language, render.Funcs(cfg, nil), nil)
	if err != nil {
		b.Fatal(err)
	}
	list, _ := render.Pages(st, theme, 0, false)
	pages := make([]render.Page, list.Len())
	for i := range pages {
		pages[i] = list.Page(i)
	}
	var html [][]byte
	for _, p := range pages {
		var buf bytes.Buffer
		if _, err := theme.Render(&buf, p.Data); err != nil {
			b.Fatal(err)
		}
		html = append(html, buf.Bytes())
	}
	srcs := make([][]byte, len(cont.Stories))
	for i, s := range cont.Stories {
		srcs[i], _ = os.ReadFile(filepath.Join(dir, s.File))
	}

	b.Run("load", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			load()
		}
	})
	b.Run("frontmatter", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, src := range srcs {
				blk, err := meta.Split(meta.Normalize(src))
				if err != nil {
					b.Fatal(err)
				}
				if _, err := meta.Decode(blk.Format, blk.Data, blk.Line); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("markdown", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, body := range bodies {
				if _, err := md.Render(body); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("aggregate", func(b *testing.B) {
		items := site.Items(st.Stories)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := stats.Compute(cfg, items); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("render", func(b *testing.B) {
		b.ReportAllocs()
		var buf bytes.Buffer
		for b.Loop() {
			// A fresh theme each time: its card cache is part of the cost.
			th, _ := render.LoadTheme([]render.Layer{{FS: showcase.Theme}}, cfg.Language, render.Funcs(cfg, nil), nil)
			for _, p := range pages {
				buf.Reset()
				if _, err := th.Render(&buf, p.Data); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	// render/KIND: the pages of one kind, with the cards of list pages
	// already cached (as in a build, where every story's card is rendered
	// once, the first time a list shows it).
	for _, kind := range []string{"story", "stories", "facet"} {
		b.Run("render/"+kind, func(b *testing.B) {
			var buf bytes.Buffer
			n := 0
			b.ReportAllocs()
			for b.Loop() {
				n = 0
				for _, p := range pages {
					if p.Data.Kind != kind {
						continue
					}
					n++
					buf.Reset()
					if _, err := theme.Render(&buf, p.Data); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/page")
		})
	}
	b.Run("minify", func(b *testing.B) {
		m := newMinifier(true)
		var out bytes.Buffer
		b.ReportAllocs()
		for b.Loop() {
			for _, h := range html {
				if _, err := m.page(&out, bytes.NewBuffer(h)); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(html)), "ns/page")
	})
	b.Run("write", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			out, err := publisher.Open(dir, filepath.Join(b.TempDir(), "public"), "public")
			if err != nil {
				b.Fatal(err)
			}
			if err := out.Begin(false); err != nil {
				b.Fatal(err)
			}
			for i, p := range pages {
				if err := out.WriteFile(p.Path, html[i]); err != nil {
					b.Fatal(err)
				}
			}
			if err := out.Wait(); err != nil {
				b.Fatal(err)
			}
			if err := out.Publish(); err != nil {
				b.Fatal(err)
			}
			out.Close()
		}
	})
}
