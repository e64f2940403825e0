package site

import (
	"sync"

	"github.com/jiangninglu/showcase/internal/keys"
)

// Body is a story's rendered Markdown as the build that made it holds
// it. It renders on first demand, once: the build asks for each story's
// body as it streams the stories in site order, and a site's own
// template may ask for any story's HTML or summary on any page before
// that. Once the story's own page is written and its links checked, the
// build may Release the HTML, headings and links (a large site cannot
// hold them for every story: at 100,000 stories the headings and links
// alone were about 60 MB); the small parts (summary, counts, the HTML's
// hash) stay, and a later demand for the HTML, headings or links renders
// the Markdown again, without keeping it. Safe for concurrent use.
type Body struct {
	render Renderer

	mu       sync.Mutex // guards the fields below
	done     bool
	r        Rendered
	err      error
	released bool // r.HTML, r.TOC and r.Links let go
}

// A Renderer renders a body, as often as asked (see Body.Init).
type Renderer interface {
	Render() (Rendered, error)
}

type renderFunc func() (Rendered, error)

func (f renderFunc) Render() (Rendered, error) { return f() }

// NewBody returns a body that render makes on first demand. render is
// called at most once, unless the HTML is released and asked for again.
func NewBody(render func() (Rendered, error)) *Body { return &Body{render: renderFunc(render)} }

// Init makes b, a zero Body, one that r renders on first demand, as
// NewBody does. A Body held inside its Renderer (a build's holder of a
// story's body) is then one object with it, where NewBody's is two more
// (the Body, the closure): at 100,000 stories, 200,000 objects fewer for
// the garbage collector. b must not be copied or used before.
func (b *Body) Init(r Renderer) { b.render = r }

// RenderedBody returns the body r, already rendered; an HTMLHash of 0 is
// made from r.HTML.
func RenderedBody(r Rendered) *Body {
	if r.HTMLHash == 0 && r.HTML != "" {
		r.HTMLHash = keys.Of(string(r.HTML))
	}
	return &Body{done: true, r: r}
}

// Get returns the rendered body, HTML included, rendering it on first
// demand (and again, without keeping it, once its HTML was released).
func (b *Body) Get() (Rendered, error) {
	if b == nil {
		return Rendered{}, nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.once()
	if !b.released || b.err != nil {
		return b.r, b.err
	}
	r, err := b.render.Render()
	if err != nil {
		return Rendered{}, err
	}
	return r, nil
}

// parts returns the rendered body, without its HTML, headings and links
// once released: the parts Release keeps. Errors are left to Get: the
// build reports them when it renders the story's page.
func (b *Body) parts() Rendered {
	if b == nil {
		return Rendered{}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.once()
	return b.r
}

// once renders the body if it has not been; b.mu is held.
func (b *Body) once() {
	if b.done {
		return
	}
	b.r, b.err = b.render.Render()
	b.done = true
}

// Rendered reports whether the body has been rendered, and without error.
func (b *Body) Rendered() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.done && b.err == nil
}

// Release lets the HTML, the headings and the links go, keeping the rest.
func (b *Body) Release() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.done && b.err == nil && b.render != nil {
		b.r.HTML, b.r.TOC, b.r.Links, b.released = "", nil, nil, true
	}
}

// DeepKey identifies the rendered body, for keys.Deep: its HTML (by
// HTMLHash) and every small part. It renders the body if need be (again
// for the headings and links, once released).
func (b *Body) DeepKey() uint64 {
	r, _ := b.Get()
	h := keys.New().U64(r.HTMLHash).Str(r.Summary).Int(r.Chars).Int(r.ReadingMinutes).Int(len(r.TOC))
	for _, t := range r.TOC {
		h.Int(t.Level).Str(t.ID).Str(t.Text)
	}
	h.Int(len(r.Links))
	for _, l := range r.Links {
		h.Str(l.Dest).Int(l.Line).Int(l.Col).Bool(l.Image)
	}
	return h.Sum()
}
