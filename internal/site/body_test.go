package site_test

import (
	"slices"
	"testing"

	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/markdown"
	"github.com/jiangninglu/showcase/internal/site"
)

// TestReleasedBody checks that a released body lets its HTML, headings
// and links go, keeps its small parts, and gives all of them again on
// demand, rendering the Markdown again each time without keeping it.
func TestReleasedBody(t *testing.T) {
	renders := 0
	full := site.Rendered{
		HTML:    "<h2 id=\"a\">A</h2><p><a href=\"/x/\">x</a></p>",
		TOC:     []markdown.Heading{{Level: 2, ID: "a", Text: "A"}},
		Links:   []markdown.Link{{Dest: "/x/", Line: 3, Col: 1}},
		Summary: "x", Chars: 2, ReadingMinutes: 1, HTMLHash: 42,
	}
	body := site.NewBody(func() (site.Rendered, error) {
		renders++
		return full, nil
	})
	s := site.NewStoryOf(&content.Story{}, body)
	key := body.DeepKey()
	if renders != 1 {
		t.Fatalf("renders before release = %d, want 1", renders)
	}
	body.Release()
	if s.Summary() != "x" || s.Chars() != 2 || s.HTMLHash() != 42 {
		t.Errorf("small parts after release: %q %d %d", s.Summary(), s.Chars(), s.HTMLHash())
	}
	if renders != 1 {
		t.Fatalf("small parts rendered the body again (%d renders)", renders)
	}
	if !slices.Equal(s.TOC(), full.TOC) || !slices.Equal(s.Links(), full.Links) {
		t.Errorf("after release: TOC %v, links %v", s.TOC(), s.Links())
	}
	if h, _ := s.HTML(); h != full.HTML {
		t.Errorf("after release: HTML %q", h)
	}
	if body.DeepKey() != key {
		t.Error("the deep key changed with the release")
	}
	if renders != 5 {
		t.Errorf("renders = %d, want 5 (one, then one per demand after the release)", renders)
	}
}
