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

// heldBody is a Renderer that holds its Body, as the build's holders do.
type heldBody struct {
	body    site.Body
	renders int
}

func (h *heldBody) Render() (site.Rendered, error) {
	h.renders++
	return site.Rendered{HTML: "<p>x</p>", Summary: "x", Chars: 1}, nil
}

// TestBodyInit: a Body made with Init inside its Renderer renders on
// first demand, once, and again after a release, as NewBody's does.
func TestBodyInit(t *testing.T) {
	h := &heldBody{}
	h.body.Init(h)
	if h.body.Rendered() || h.renders != 0 {
		t.Fatal("rendered before a demand")
	}
	s := site.NewStoryOf(&content.Story{}, &h.body)
	if html, err := s.HTML(); err != nil || html != "<p>x</p>" || s.Summary() != "x" || h.renders != 1 {
		t.Fatalf("HTML %q %v, summary %q, %d renders", html, err, s.Summary(), h.renders)
	}
	h.body.Release()
	if html, _ := s.HTML(); html != "<p>x</p>" || h.renders != 2 || s.Chars() != 1 {
		t.Errorf("after release: HTML %q, %d renders, chars %d", html, h.renders, s.Chars())
	}
}
