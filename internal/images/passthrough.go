package images

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image/gif"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/jiangninglu/showcase/internal/diag"
)

// passGIF publishes a GIF at its own size, keeping its animation, with its
// comment, XMP and other application blocks removed. Re-encoding would
// lose quality and often grow the file, and resizing animations is not
// worth the cost for the few GIFs a story has.
func (p *Processor) passGIF(name string, data []byte) (*Result, error) {
	cfg, err := gif.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, corrupt(formatGIF, data, err)
	}
	if err := p.checkSize(cfg.Width, cfg.Height); err != nil {
		return nil, err
	}
	clean, err := stripGIF(data)
	if err != nil {
		return nil, corrupt(formatGIF, data, err)
	}
	v := Variant{Path: name, Width: cfg.Width, Height: cfg.Height, Type: TypeGIF, Data: clean}
	return &Result{Width: cfg.Width, Height: cfg.Height, Fallback: v}, nil
}

// stripGIF copies a GIF's header, colour tables, frames and the extensions
// that drive animation (graphic control, NETSCAPE2.0 looping), and drops
// every other block: comments, plain text, XMP and other application data.
func stripGIF(b []byte) ([]byte, error) {
	const header = 13 // signature, logical screen descriptor
	if len(b) < header {
		return nil, io.ErrUnexpectedEOF
	}
	i := header
	if flags := b[10]; flags&0x80 != 0 {
		i += 3 << (flags&7 + 1) // global colour table
	}
	if i > len(b) {
		return nil, io.ErrUnexpectedEOF
	}
	out := append(make([]byte, 0, len(b)), b[:i]...)
	frames := 0
	for {
		if i >= len(b) {
			if frames == 0 {
				return nil, io.ErrUnexpectedEOF
			}
			return append(out, 0x3b), nil // browsers accept a missing trailer; we add it
		}
		switch b[i] {
		case 0x3b: // trailer
			return append(out, 0x3b), nil
		case 0x2c: // image descriptor, local colour table, LZW code size, data
			if i+11 > len(b) {
				return nil, io.ErrUnexpectedEOF
			}
			j := i + 10
			if flags := b[i+9]; flags&0x80 != 0 {
				j += 3 << (flags&7 + 1)
			}
			j, err := subBlocks(b, j+1)
			if err != nil {
				return nil, err
			}
			out = append(out, b[i:j]...)
			i = j
			frames++
		case 0x21: // extension
			if i+2 > len(b) {
				return nil, io.ErrUnexpectedEOF
			}
			label := b[i+1]
			j, err := subBlocks(b, i+2)
			if err != nil {
				return nil, err
			}
			if label == 0xf9 || (label == 0xff && isLoopExtension(b[i+2:j])) {
				out = append(out, b[i:j]...)
			}
			i = j
		default:
			return nil, fmt.Errorf("unexpected block type 0x%02x at byte %d", b[i], i)
		}
	}
}

// subBlocks returns the index just past the data sub-blocks starting at i.
func subBlocks(b []byte, i int) (int, error) {
	for {
		if i >= len(b) {
			return 0, io.ErrUnexpectedEOF
		}
		n := int(b[i])
		i += 1 + n
		if n == 0 {
			return i, nil
		}
	}
}

func isLoopExtension(blocks []byte) bool {
	if len(blocks) < 12 || blocks[0] != 11 {
		return false
	}
	id := string(blocks[1:12])
	return id == "NETSCAPE2.0" || id == "ANIMEXTS1.0"
}

// passSVG publishes an SVG as it is: it is text an editor or designer
// made, scales by itself, and carries no camera metadata. Width and
// height come from its width/height attributes, else its viewBox; they
// are 0 when neither gives a size in pixels.
func passSVG(name string, data []byte) (*Result, error) {
	w, h, err := svgSize(data)
	if err != nil {
		return nil, err
	}
	v := Variant{Path: name, Width: w, Height: h, Type: TypeSVG, Data: data}
	return &Result{Width: w, Height: h, Fallback: v}, nil
}

func svgSize(data []byte) (int, int, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	for {
		tok, err := d.Token()
		if err != nil {
			return 0, 0, diag.Wrap(ErrCorrupt, "image-svg-corrupt", err.Error())
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if el.Name.Local != "svg" {
			return 0, 0, diag.Wrap(ErrCorrupt, "image-svg-root", el.Name.Local)
		}
		var w, h float64
		var viewBox string
		for _, a := range el.Attr {
			switch a.Name.Local {
			case "width":
				w = pixels(a.Value)
			case "height":
				h = pixels(a.Value)
			case "viewBox":
				viewBox = a.Value
			}
		}
		if (w == 0 || h == 0) && viewBox != "" {
			f := strings.FieldsFunc(viewBox, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\n' || r == '\r' })
			if len(f) == 4 {
				vw, vh := pixels(f[2]), pixels(f[3])
				switch {
				case w == 0 && h == 0:
					w, h = vw, vh
				case w == 0 && vh > 0:
					w = h * vw / vh
				case h == 0 && vw > 0:
					h = w * vh / vw
				}
			}
		}
		if w == 0 || h == 0 {
			return 0, 0, nil
		}
		return int(math.Round(w)), int(math.Round(h)), nil
	}
}

// pixels parses "120", "120.5" or "120px"; 0 for other units or nonsense.
func pixels(s string) float64 {
	s = strings.TrimSuffix(strings.TrimSpace(s), "px")
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f <= 0 || math.IsInf(f, 0) || math.IsNaN(f) || f > 1e6 {
		return 0
	}
	return f
}
