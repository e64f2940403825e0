package markdown

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configures a Renderer. The zero value is the safe default.
type Options struct {
	// UnsafeHTML passes raw HTML in Markdown through as HTML. When false, it
	// is escaped and shown as text. Dangerous link and image URLs are
	// dropped either way.
	UnsafeHTML bool

	// Finish, if set, writes a document's rendered HTML (src, which it
	// must not keep) to dst, whose text becomes the Result's HTML: a
	// minifier, say. It spares a copy of every document's HTML.
	Finish func(dst *strings.Builder, src *bytes.Buffer) error
}

// Renderer renders Markdown stories. It holds one goldmark.Markdown, built
// once by New, and is safe for concurrent use by many goroutines.
type Renderer struct {
	md     goldmark.Markdown
	finish func(dst *strings.Builder, src *bytes.Buffer) error
}

// New returns a Renderer configured with opts.
func New(opts Options) *Renderer {
	md := goldmark.New(
		goldmark.WithExtensions(
			guardExtension{}, // the limits, and GFM: tables, strikethrough, linkify, task lists
			extension.Footnote,
			cjkLinkify{},
			cjkEmphasis{}, cjkStrikethrough{}, // * _ ~ beside Chinese punctuation
		),
		// {#id} after a heading sets its ID; the collector drops any other
		// attribute. Automatic IDs are not goldmark's: they come from the
		// heading's plain text after parsing (see collector.toc), whereas
		// goldmark would slug the raw Markdown, link URLs and all.
		goldmark.WithParserOptions(
			parser.WithHeadingAttribute(),
			parser.WithASTTransformers(util.Prioritized(figures{}, 100), util.Prioritized(captions{}, 110)),
		),
		goldmark.WithRendererOptions(
			// Never html.WithUnsafe: that would also let javascript: URLs
			// through. Raw HTML is ours to render (nodeRenderer).
			renderer.WithNodeRenderers(util.Prioritized(&nodeRenderer{
				unsafeHTML: opts.UnsafeHTML,
				writer:     html.NewWriter(),
			}, 100)), // goldmark's HTML renderer has 1000; lower wins
		),
	)
	return &Renderer{md: md, finish: opts.Finish}
}

// Heading is one entry of a story's table of contents.
type Heading struct {
	Level int    // 1 to 6
	ID    string // the id attribute in the HTML, unique within the story
	Text  string // plain text, markup stripped
}

// Link is a link, autolink or image destination in the source.
type Link struct {
	// Dest is the destination as written, with backslash escapes and
	// entities resolved but not percent-encoded ("图片/1.jpg",
	// "../other-story/"). Autolinks give their full URL: "mailto:" or
	// "http://" added as in the href. Dangerous destinations
	// (javascript: ...) are listed too, though the HTML drops them.
	Dest string
	// Line and Col locate the link in the source passed to Render: 1-based,
	// Col counted in bytes. For links and images it is the "[" or "!" that
	// opens them, for autolinks the first character of the URL (after "<").
	Line, Col int
	Image     bool
}

// Result is a rendered story.
type Result struct {
	HTML           string    // the rendered body, HTML5
	TOC            []Heading // headings in document order, nil if none
	Summary        string    // Summarize(first paragraph's plain text, DefaultSummaryLen)
	Links          []Link    // in document order, footnote text last; nil if none
	Chars          int       // CountChars of the text: CJK characters plus Latin words
	ReadingMinutes int       // ReadingMinutes of the same counts; 0 only for no text
}

var bom = []byte("\xEF\xBB\xBF")

// Render renders one Markdown document. src may start with a UTF-8
// byte-order mark and use CRLF line endings.
//
// Summary comes from the first paragraph, anywhere in the document except
// footnotes, that has text once markup is stripped (a paragraph holding only
// an image is skipped). Chars and ReadingMinutes count the text of headings,
// paragraphs, lists, tables, quotes, footnotes and inline code; code blocks,
// raw HTML and image alt text are not read, so not counted.
//
// A document beyond one of the limits (see MaxNesting) is not parsed: the
// error is a *LimitError naming the line. Otherwise the error is goldmark's;
// rendering to memory does not fail in practice.
func (r *Renderer) Render(src []byte) (Result, error) {
	return r.RenderWith(context.Background(), src, nil)
}

// ImageFunc returns the HTML for an image (<img> or <picture>), given its
// destination as written and its alternative text, or ok false to keep
// the plain <img>. It is how a build puts processed, responsive images in
// place of the editor's photo. It must escape what it writes.
type ImageFunc func(dest, alt string) (html string, ok bool)

// RenderWith is Render with image, if not nil, asked for the HTML of every
// image whose destination is not dangerous. It returns ctx's error as soon
// as ctx is done, even in the middle of parsing a long document.
func (r *Renderer) RenderWith(ctx context.Context, src []byte, image ImageFunc) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	body, offset := src, 0
	if bytes.HasPrefix(src, bom) { // goldmark would read it as text: "\uFEFF# Title" is no heading
		body, offset = src[len(bom):], len(bom)
	}
	if err := scanLimits(body); err != nil {
		return Result{}, err
	}

	ids := &headingIDs{}
	doc, err := r.parse(ctx, body, ids)
	if err != nil {
		return Result{}, err
	}
	if image != nil {
		doc.SetAttributeString(imageHookAttr, image)
	}

	c := collector{src: body, offset: offset, fullSrc: src,
		escapes: bytes.IndexByte(body, '\\') >= 0 || bytes.IndexByte(body, '&') >= 0}
	if err := ast.Walk(doc, c.visit); err != nil {
		return Result{}, err
	}
	toc := c.toc(ids)
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}

	// Into a recycled buffer, then copied once into a string (or finished
	// into one): the HTML is kept for the whole build.
	out := outBufs.Get().(*bytes.Buffer)
	defer outBufs.Put(out)
	out.Reset()
	if err := r.render(bufWriter{out, maxHTML(len(body))}, body, doc); err != nil {
		return Result{}, err
	}
	html := ""
	if r.finish == nil {
		html = out.String()
	} else {
		var b strings.Builder
		b.Grow(out.Len())
		if err := r.finish(&b, out); err != nil {
			return Result{}, err
		}
		html = b.String()
	}
	return Result{
		HTML:           html,
		TOC:            toc,
		Summary:        c.summary,
		Links:          c.links,
		Chars:          c.count.cjk + c.count.words,
		ReadingMinutes: ReadingMinutes(c.count.cjk, c.count.words),
	}, nil
}

// parse runs goldmark's parser, with a budget its guard counts down
// (guard.go): a document beyond a limit ends the parse with a
// *LimitError, and so does ctx, done, with its error, within a few hundred
// lines or pieces of markup.
func (r *Renderer) parse(ctx context.Context, body []byte, ids *headingIDs) (doc ast.Node, err error) {
	pc := parser.NewContext(parser.WithIDs(ids))
	pc.Set(budgetKey, &budget{ctx: ctx, src: body, heading: -1})
	defer func() {
		if v := recover(); v != nil {
			a, ok := v.(abort)
			if !ok {
				panic(v)
			}
			doc, err = nil, a.err
		}
	}()
	return r.md.Parser().Parse(text.NewReader(body), parser.WithContext(pc)), nil
}

var outBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render runs goldmark's renderer into w, stopping with a *LimitError
// when the HTML passes w's bound.
func (r *Renderer) render(w bufWriter, body []byte, doc ast.Node) (err error) {
	defer func() {
		if v := recover(); v != nil {
			a, ok := v.(abort)
			if !ok {
				panic(v)
			}
			err = a.err
		}
	}()
	return r.md.Renderer().Render(w, body, doc)
}

// maxHTML is the most HTML a document of n bytes may render to: MaxHTML,
// or twice n for a longer document.
func maxHTML(n int) int { return max(MaxHTML, 2*n) }

// bufWriter lets goldmark write straight into a bytes.Buffer: it wraps any
// writer that is not a util.BufWriter in a fresh 4 KiB bufio.Writer. It
// ends the render (a panic that render recovers) before the buffer grows
// past max bytes.
type bufWriter struct {
	*bytes.Buffer
	max int
}

func (w bufWriter) room(n int) {
	if w.Len()+n > w.max {
		panic(abort{&LimitError{Limit: HTMLLimit, Line: 1}})
	}
}

func (w bufWriter) Write(p []byte) (int, error) {
	w.room(len(p))
	return w.Buffer.Write(p)
}

func (w bufWriter) WriteString(s string) (int, error) {
	w.room(len(s))
	return w.Buffer.WriteString(s)
}

func (w bufWriter) WriteByte(c byte) error {
	w.room(1)
	return w.Buffer.WriteByte(c)
}

func (w bufWriter) WriteRune(r rune) (int, error) {
	w.room(utf8.UTFMax)
	return w.Buffer.WriteRune(r)
}

func (bufWriter) Flush() error     { return nil }
func (w bufWriter) Buffered() int  { return w.Len() }
func (w bufWriter) Available() int { return w.Buffer.Available() }
