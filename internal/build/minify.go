package build

import (
	"bytes"
	"io"
	"path"
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
}

func newMinifier(on bool) *minifier {
	if !on {
		return &minifier{}
	}
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepSpecialComments: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("image/svg+xml", minifySVG)
	// Numbers as written: the minifier would turn 10000 into 1e4, which a
	// reader decoding stats.json into integers refuses.
	m.Add("application/json", &json.Minifier{KeepNumbers: true})
	m.AddFunc("text/xml", xml.Minify)
	m.AddFunc("application/atom+xml", xml.Minify)
	return &minifier{m: m}
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
func tooCostly(data []byte) bool {
	return len(data) > 1<<16 && int64(bytes.Count(data, []byte{'&'}))*int64(len(data)) > maxMinifyWork
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
