package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	showcase "github.com/jiangninglu/showcase"
	"github.com/jiangninglu/showcase/internal/bench"
	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/render"

	"github.com/jiangninglu/showcase/internal/qr"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/svg"
)

// TestMinifyEntities: the minifiers move the rest of a text for every
// character reference they shorten, so a page full of them is written as it
// is (issue 23: 400,000 "&" in a body took 55 s). A page with a few keeps
// being minified.
func TestMinifyEntities(t *testing.T) {
	m := newMinifier(true)
	page := func(ref string, n int) string {
		return "<!doctype html><html><body><p>" + strings.Repeat(ref, n) + "</p>\n\n<p>x</p></body></html>"
	}
	for _, ref := range []string{"&amp; ", "&#34;", "&quot;", "&gt;"} {
		src := page(ref, 400_000)
		got, err := m.page(new(bytes.Buffer), bytes.NewBufferString(src))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != src {
			t.Errorf("%q x 400,000: minified (%d bytes of %d), want the page as it is", ref, len(got), len(src))
		}
		feed := "<feed><title>" + strings.Repeat(ref, 400_000) + "</title></feed>"
		if got, err := m.bytes("text/xml", []byte(feed)); err != nil || string(got) != feed {
			t.Errorf("feed with %q x 400,000: minified or %v", ref, err)
		}
	}
	src := page("&amp; ", 1_000)
	got, err := m.page(new(bytes.Buffer), bytes.NewBufferString(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) >= len(src) {
		t.Errorf("a page with 1,000 references was not minified")
	}
}

// TestQRWrittenMinified: a page's minifier passes the QR codes as qr.SVG
// writes them, so they must come out as the SVG minifier would write them:
// a page minified with the minifier's own SVG step is the same.
func TestQRWrittenMinified(t *testing.T) {
	own := newMinifier(true)
	plain := minify.New()
	plain.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepSpecialComments: true})
	plain.AddFunc("image/svg+xml", svg.Minify)
	for _, c := range []struct{ url, label string }{
		{"https://example.org/stories/high-heels/", "扫码阅读本文"},
		{qr.Address("https://例子.example.org/stories/社区花园/"), "扫码阅读：老字号的新生 & 邻里 <守望>"},
		{"https://example.org/stories/" + strings.Repeat("story-", 30) + "/", "Scan to read 'Old brand'"},
	} {
		code, err := qr.SVG(c.url, c.label)
		if err != nil {
			t.Fatal(err)
		}
		page := "<!doctype html><html><body><p>x</p>" + code + "</body></html>"
		got, err := own.page(new(bytes.Buffer), bytes.NewBufferString(page))
		if err != nil {
			t.Fatal(err)
		}
		want, err := plain.String("text/html", page)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("%s: the page's minifier gives\n%s\nthe SVG minifier would give\n%s", c.url, got, want)
		}
		if !strings.Contains(string(got), code) {
			t.Errorf("%s: the code was changed", c.url)
		}
	}
}

// TestTemplatesMinifiedAsLoaded: the templates are minified once, as they
// are loaded, and the Markdown bodies as they are rendered, so pages are
// written minified without the minifier reading each page. That is the
// same site as minifying each page whole: every file but the pages is the
// same, and each page, minified whole, is the page the whole-page build
// wrote; it is at most 1% longer. On the example site (the built-in
// theme) and on a generated one with a site's own story template.
func TestTemplatesMinifiedAsLoaded(t *testing.T) {
	gen := t.TempDir()
	if err := bench.Write(gen, 120, 3); err != nil {
		t.Fatal(err)
	}
	own := "{{define \"main\"}}\n<article class=\"wrap\">\n  <h1>{{.Title}}</h1>\n  <div class=\"prose\">\n    {{.Content}}\n  </div>\n  <p>\n    {{with .Prev}}<a href=\"{{relURL .URL}}\">{{.Title}}</a> {{end}}\n    {{with .Next}}<a href=\"{{relURL .URL}}\">{{.Title}}</a>{{end}}\n  </p>\n</article>\n{{end}}\n"
	if err := os.MkdirAll(filepath.Join(gen, "layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(gen, "layouts", "story.html"), []byte(own), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{exampleSite, gen} {
		// Its templates minified, not left as written.
		fsys := os.DirFS(src)
		cfg, err := config.Load(fsys)
		if err != nil {
			t.Fatal(err)
		}
		layers := []render.Layer{{FS: showcase.Theme}, {FS: fsys}}
		if th, err := render.LoadTheme(layers, cfg.Language, render.Funcs(cfg, nil), newMinifier(true).themeMinifier()); err != nil || !th.Minified() {
			t.Fatalf("%s: the theme's templates were not minified as loaded (%v)", src, err)
		}
		opts := Options{Source: src, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
		b := NewBuilder(opts, false)
		got, _, err := b.Snapshot(context.Background(), Changes{All: true})
		if err != nil {
			t.Fatal(err)
		}
		whole := NewBuilder(opts, false)
		whole.min = &minifier{m: whole.min.m} // pages minified whole
		want, _, err := whole.Snapshot(context.Background(), Changes{All: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d files, want %d", src, len(got), len(want))
		}
		var gotBytes, wantBytes, same int
		for name, w := range want {
			g := got[name]
			if !strings.HasSuffix(name, ".html") {
				if !bytes.Equal(g, w) {
					t.Errorf("%s: %s differs", src, name)
				}
				continue
			}
			gotBytes, wantBytes = gotBytes+len(g), wantBytes+len(w)
			if bytes.Equal(g, w) {
				same++
			}
			m, err := b.min.bytes("text/html", g)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(m, w) {
				i := 0
				for i < min(len(m), len(w)) && m[i] == w[i] {
					i++
				}
				t.Errorf("%s: %s minified whole differs at byte %d:\n%s\nwant\n%s", src, name, i, m[max(0, i-60):min(len(m), i+60)], w[max(0, i-60):min(len(w), i+60)])
			}
		}
		if same == len(want) {
			t.Errorf("%s: every file as the whole-page build wrote it: were the templates minified?", src)
		}
		if gotBytes > wantBytes+wantBytes/100 {
			t.Errorf("%s: pages of %d bytes, %d minified whole: more than 1%% longer", src, gotBytes, wantBytes)
		}
		t.Logf("%s: pages of %d bytes, %d minified whole", src, gotBytes, wantBytes)
	}
}
