package qr

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	goqr "github.com/piglig/go-qr"
)

// quiet is the light margin around the code, in modules, that readers
// need to find it (the standard asks for 4).
const quiet = 4

// mask is the mask pattern every code uses. The standard lets an encoder
// use any of the eight; choosing the one with the lowest penalty score
// makes the encoding about 30 times slower (a millisecond a code, which
// is ten CPU-seconds for a site of 10,000 stories) for codes a phone
// reads as well: the tests decode every printed code with zbar.
const mask = 2

// encode returns the code for text: medium error correction, raised when
// the version has room.
func encode(text string) (*goqr.QrCode, error) {
	segs, err := goqr.MakeSegments(text)
	if err == nil {
		var code *goqr.QrCode
		if code, err = goqr.EncodeSegments(segs, goqr.Medium, goqr.MinVersion, goqr.MaxVersion, mask, true); err == nil {
			return code, nil
		}
	}
	return nil, fmt.Errorf("qr %q: %w", text, err)
}

// Start is how every SVG this package draws begins. The page minifier
// passes an inline SVG that begins so as it is: SVG writes it minified
// already (a test in internal/build holds it to the minifier's output).
const Start = `<svg class="qr" viewBox="0 0 `

// SVG draws the code for text, for use inline in an HTML page (so without
// an xmlns): dark modules on a light square, its quiet zone included;
// label is the image's accessible name. Each row is one line whose dash
// pattern is the row's runs of dark and light modules: few elements and
// numbers. It is written as the minifier would write it, so that a page's
// minifier need not read it again. The lines are a little thicker than a
// module, so that no seam shows between rows when a PDF viewer or printer
// rasterises the page.
func SVG(text, label string) (string, error) {
	code, err := encode(text)
	if err != nil {
		return "", err
	}
	m := code.Size()
	n := m + 2*quiet
	var b strings.Builder
	b.Grow(64*n + len(label)) // a row takes about 60 bytes
	size := strconv.Itoa(n)
	b.WriteString(Start + size + ` ` + size + `" role="img" aria-label="`)
	b.WriteString(escaper.Replace(label))
	b.WriteString(`"><rect width="` + size + `" height="` + size + `" fill="#fff"/><g stroke="#000" stroke-width="1.04">`)
	var num [20]byte
	for y := range m {
		x := 0
		for x < m && !code.Module(x, y) {
			x++
		}
		if x == m {
			continue // a row without a dark module
		}
		// From the first dark module to the row's end: dark, light, dark...
		b.WriteString(`<path d="M`)
		b.Write(strconv.AppendInt(num[:0], int64(x+quiet), 10))
		b.WriteByte(' ')
		b.Write(strconv.AppendInt(num[:0], int64(y+quiet), 10))
		b.WriteString(".5h")
		b.Write(strconv.AppendInt(num[:0], int64(m-x), 10))
		b.WriteString(`" stroke-dasharray="`)
		for first := true; x < m; first = false {
			v, start := code.Module(x, y), x
			for x < m && code.Module(x, y) == v {
				x++
			}
			if !first {
				b.WriteByte(' ')
			}
			b.Write(strconv.AppendInt(num[:0], int64(x-start), 10))
		}
		b.WriteString(`"/>`)
	}
	b.WriteString(`</g></svg>`)
	return b.String(), nil
}

var escaper = strings.NewReplacer(`&`, "&amp;", `<`, "&lt;", `>`, "&gt;", `"`, "&quot;")

// Address is u as a QR code should carry it: non-ASCII characters of the
// path percent-encoded (any phone opens that), the rest as it is.
func Address(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	return p.String()
}
