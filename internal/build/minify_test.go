package build

import (
	"bytes"
	"strings"
	"testing"

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
