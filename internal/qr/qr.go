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

// Modules returns the code for text (medium error correction, raised
// when the version has room) as rows of dark (true) and light modules,
// without the quiet zone.
func Modules(text string) ([][]bool, error) {
	segs, err := goqr.MakeSegments(text)
	if err == nil {
		var code *goqr.QrCode
		code, err = goqr.EncodeSegments(segs, goqr.Medium, goqr.MinVersion, goqr.MaxVersion, mask, true)
		if err == nil {
			n := code.Size()
			bits := make([][]bool, n)
			for y := range bits {
				bits[y] = make([]bool, n)
				for x := range bits[y] {
					bits[y][x] = code.Module(x, y)
				}
			}
			return bits, nil
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
	bits, err := Modules(text)
	if err != nil {
		return "", err
	}
	n := len(bits) + 2*quiet
	var b strings.Builder
	b.Grow(48 * n)
	size := strconv.Itoa(n)
	b.WriteString(Start + size + ` ` + size + `" role="img" aria-label="`)
	b.WriteString(escaper.Replace(label))
	b.WriteString(`"><rect width="` + size + `" height="` + size + `" fill="#fff"/><g stroke="#000" stroke-width="1.04">`)
	for y, row := range bits {
		x := 0
		for x < len(row) && !row[x] {
			x++
		}
		if x == len(row) {
			continue // a row without a dark module
		}
		// From the first dark module to the row's end: dark, light, dark...
		b.WriteString(`<path d="M`)
		b.WriteString(strconv.Itoa(x + quiet))
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(y + quiet))
		b.WriteString(".5h")
		b.WriteString(strconv.Itoa(len(row) - x))
		b.WriteString(`" stroke-dasharray="`)
		for first := true; x < len(row); first = false {
			v, start := row[x], x
			for x < len(row) && row[x] == v {
				x++
			}
			if !first {
				b.WriteByte(' ')
			}
			b.WriteString(strconv.Itoa(x - start))
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
