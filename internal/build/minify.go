package build

import (
	"bytes"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/jiangninglu/showcase/internal/qr"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// minifier wraps one shared *minify.M (safe for concurrent use once filled).
type minifier struct {
	m *minify.M // nil: minifying is off
	t *minify.M // the same, reading HTML with Go template actions in it
}

// htmlOptions are the HTML minifier's, for pages and templates alike.
var htmlOptions = html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepSpecialComments: true}

func newMinifier(on bool) *minifier {
	if !on {
		return &minifier{}
	}
	tmpl := htmlOptions
	tmpl.TemplateDelims = html.GoTemplateDelims
	return &minifier{m: newM(&htmlOptions, minifySVG), t: newM(&tmpl, templateSVG)}
}

func newM(h *html.Minifier, svgFunc minify.MinifierFunc) *minify.M {
	m := minify.New()
	m.Add("text/html", h)
	m.AddFunc("image/svg+xml", svgFunc)
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	// Numbers as written: the minifier would turn 10000 into 1e4, which a
	// reader decoding stats.json into integers refuses.
	m.Add("application/json", &json.Minifier{KeepNumbers: true})
	m.AddFunc("text/xml", xml.Minify)
	m.AddFunc("application/atom+xml", xml.Minify)
	return m
}

// template minifies a theme's template source once, as it is loaded,
// leaving its {{actions}} as they are (render.LoadTheme): the pages it
// writes are then minified but for the HTML their data brings, which is
// minified where it is made (see html). A template's inline style or
// script with an action in it is left as it is, and an inline SVG with
// one is too (templateSVG).
func (m *minifier) template(src []byte) ([]byte, error) {
	// The minifier reads a quote in an action as the start of a string
	// to its end quote: an apostrophe in a comment would leave the rest
	// of the file as it is. A comment writes nothing, as "" does; its
	// trim markers stay. (Lines move: messages come from the templates
	// as written, see render.LoadTheme.)
	return m.t.Bytes("text/html", templateComment.ReplaceAll(src, []byte(`{{$1""$2}}`)))
}

// templateComment is a template comment, {{/* ... */}} or with trim
// markers {{- /* ... */ -}}: the first */ ends it.
var templateComment = regexp.MustCompile(`\{\{(-\s+)?/\*[^*]*\*+(?:[^/*][^*]*\*+)*/(\s+-)?\}\}`)

// bodyFinisher is what markdown.New is given to minify a body's HTML once,
// as it is rendered, for the pages that show it: their templates were
// minified as they were loaded (see template). It is nil with minifying
// off, and the body's HTML is kept as rendered.
func (m *minifier) bodyFinisher() func(dst *strings.Builder, src *bytes.Buffer) error {
	if m.m == nil {
		return nil
	}
	return m.body
}

// body minifies the HTML in src (a *bytes.Buffer, which the minifier
// reads in place) into dst; a body whose minifying would cost too much
// (tooCostly) is written as it is.
func (m *minifier) body(dst *strings.Builder, src *bytes.Buffer) error {
	if tooCostly(src.Bytes()) {
		_, err := dst.Write(src.Bytes())
		return err
	}
	if err := m.m.Minify("text/html", dst, src); err != nil {
		return fmt.Errorf("minify: %w", err)
	}
	return nil
}

// themeMinifier is what render.LoadTheme is given: nil with minifying off
// (or, in tests, with templates minified not as loaded but as written).
func (m *minifier) themeMinifier() func([]byte) ([]byte, error) {
	if m.t == nil {
		return nil
	}
	return m.template
}

// minifySVG minifies an SVG file or an SVG inside a page, but passes a QR
// code as it is: qr.SVG writes it minified (TestQRWrittenMinified), and
// reading the codes again was a tenth of a 10,000-story build's CPU.
func minifySVG(m *minify.M, w io.Writer, r io.Reader, params map[string]string) error {
	if b, ok := r.(interface{ Bytes() []byte }); ok && bytes.HasPrefix(b.Bytes(), []byte(qr.Start)) {
		_, err := w.Write(b.Bytes())
		return err
	}
	return svg.Minify(m, w, r, params)
}

// templateSVG minifies an SVG in a template's source, but passes one with
// an action in it as it is: the SVG minifier would read the action as SVG.
func templateSVG(m *minify.M, w io.Writer, r io.Reader, params map[string]string) error {
	if b, ok := r.(interface{ Bytes() []byte }); ok && bytes.Contains(b.Bytes(), []byte("{{")) {
		_, err := w.Write(b.Bytes())
		return err
	}
	return minifySVG(m, w, r, params)
}

func (m *minifier) bytes(mediaType string, data []byte) ([]byte, error) {
	return m.into(new(bytes.Buffer), mediaType, data)
}

// into minifies data into out (reset first) and returns its bytes; with
// minifying off it returns data itself.
func (m *minifier) into(out *bytes.Buffer, mediaType string, data []byte) ([]byte, error) {
	if m.m == nil || tooCostly(data) {
		return data, nil
	}
	out.Reset()
	out.Grow(len(data))
	if err := m.m.Minify(mediaType, out, bytes.NewReader(data)); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// page minifies the HTML page in src into out (reset first) and returns
// its bytes. The minifier reads src's bytes in place (a plain io.Reader
// would be copied whole into a new slice first) and may write a NUL just
// past them, in src's spare capacity: src must be the caller's own.
func (m *minifier) page(out, src *bytes.Buffer) ([]byte, error) {
	if m.m == nil || tooCostly(src.Bytes()) {
		return src.Bytes(), nil
	}
	out.Reset()
	out.Grow(src.Len())
	if err := m.m.Minify("text/html", out, src); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// maxMinifyWork bounds the bytes the minifiers may move for one file. They
// shorten each character reference of a text or attribute (&amp; &quot;
// &#34; ...) in place, moving the rest of that text each time: k references
// in n bytes cost up to k*n bytes of copying, and 400,000 "&" in one
// story's body took a minute. A file past the bound, counted as its '&'
// times its length, is written as it is, unminified, in a fraction of a
// second; at 1<<33 bytes the worst case costs about 0.2 s, and real pages
// (a few hundred references in a few hundred kilobytes) are far below.
const maxMinifyWork = 1 << 33

// tooCostly reports whether minifying data could move more than
// maxMinifyWork bytes.
func tooCostly[S string | []byte](data S) bool {
	return len(data) > 1<<16 && int64(bytes.Count([]byte(data), []byte{'&'}))*int64(len(data)) > maxMinifyWork
}

// mediaType is the minifier's media type for a file name, or "" for a
// file that is copied as it is.
func mediaType(name string) string {
	switch path.Ext(name) {
	case ".css":
		return "text/css"
	case ".js", ".mjs":
		return "application/javascript"
	case ".svg":
		return "image/svg+xml"
	case ".json":
		return "application/json"
	case ".xml":
		return "text/xml"
	case ".html":
		return "text/html"
	}
	return ""
}

// bufs recycles page buffers: every page is rendered into one and minified
// into another, then written, so a build allocates a few, not thousands.
var bufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}
