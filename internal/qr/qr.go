// Package qr draws QR codes as SVG at build time, so that a printed page
// carries its online address in a form a phone can read.
package qr

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	qrcode "github.com/yeqown/go-qrcode/v2"
)

// quiet is the light margin around the code, in modules, that readers
// need to find it (the standard asks for 4).
const quiet = 4

// capture is a qrcode.Writer that keeps the code's modules.
type capture struct{ bits [][]bool }

func (c *capture) Write(m qrcode.Matrix) error { c.bits = m.Bitmap(); return nil }
func (c *capture) Close() error                { return nil }

// Modules returns the code for text as rows of dark (true) and light
// modules, without the quiet zone.
func Modules(text string) ([][]bool, error) {
	code, err := qrcode.NewWith(text,
		qrcode.WithEncodingMode(qrcode.EncModeByte),
		qrcode.WithErrorCorrectionLevel(qrcode.ErrorCorrectionMedium))
	if err != nil {
		return nil, fmt.Errorf("qr %q: %w", text, err)
	}
	var c capture
	if err := code.Save(&c); err != nil {
		return nil, fmt.Errorf("qr %q: %w", text, err)
	}
	return c.bits, nil
}

// SVG draws the code for text: dark modules on a light square, its quiet
// zone included, as one path of horizontal strokes a module thick (each
// run of dark modules in a row is "M x y.5 h n"); label is the image's
// accessible name.
func SVG(text, label string) (string, error) {
	bits, err := Modules(text)
	if err != nil {
		return "", err
	}
	n := len(bits) + 2*quiet
	var b strings.Builder
	b.Grow(64 * n)
	size := strconv.Itoa(n)
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 ` + size + ` ` + size + `" role="img" aria-label="`)
	b.WriteString(escape(label))
	b.WriteString(`" shape-rendering="crispEdges"><rect width="` + size + `" height="` + size + `" fill="#fff"/><path stroke="#000" d="`)
	for y, row := range bits {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < len(row) && row[x] {
				x++
			}
			b.WriteByte('M')
			b.WriteString(strconv.Itoa(start + quiet))
			b.WriteByte(' ')
			b.WriteString(strconv.Itoa(y + quiet))
			b.WriteString(".5h")
			b.WriteString(strconv.Itoa(x - start))
		}
	}
	b.WriteString(`"/></svg>`)
	return b.String(), nil
}

// escape makes s safe inside an XML attribute.
func escape(s string) string {
	return strings.NewReplacer(`&`, "&amp;", `<`, "&lt;", `>`, "&gt;", `"`, "&quot;").Replace(s)
}

// Address is u as a QR code should carry it: non-ASCII characters of the
// path percent-encoded (any phone opens that), the rest as it is.
func Address(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	return p.String()
}
