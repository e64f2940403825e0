package build

import (
	"bytes"
	"strings"
	"testing"
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
