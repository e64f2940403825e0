package images

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/gen2brain/webp"
)

func decode(t testing.TB, v Variant) image.Image {
	t.Helper()
	var m image.Image
	var err error
	switch v.Type {
	case TypeJPEG:
		m, err = jpeg.Decode(bytes.NewReader(v.Data))
	case TypePNG:
		m, err = png.Decode(bytes.NewReader(v.Data))
	case TypeWebP:
		m, err = webp.Decode(bytes.NewReader(v.Data))
	default:
		t.Fatalf("%s: cannot decode %s", v.Path, v.Type)
	}
	if err != nil {
		t.Fatalf("%s: %v", v.Path, err)
	}
	if got := m.Bounds().Size(); got != image.Pt(v.Width, v.Height) {
		t.Fatalf("%s: decoded size %v, Variant says %dx%d", v.Path, got, v.Width, v.Height)
	}
	return m
}

func TestOrientation(t *testing.T) {
	const w, h = 96, 64 // upright, landscape
	upright := quadrants(w, h)
	for o := 1; o <= 8; o++ {
		for _, bo := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
			t.Run(fmt.Sprintf("%d/%v", o, bo), func(t *testing.T) {
				data := withSegments(encodeJPEG(t, storedAs(upright, o)), exifAPP1(tiffOpts{order: bo, orientation: o, gps: true}))
				p := New(Options{Widths: []int{48, 1000}}, "")
				r, err := p.Process("s/photo.jpg", data)
				if err != nil {
					t.Fatal(err)
				}
				if r.Width != w || r.Height != h {
					t.Errorf("Result %dx%d, want upright %dx%d", r.Width, r.Height, w, h)
				}
				var sizes []string
				for _, v := range r.Variants {
					sizes = append(sizes, fmt.Sprintf("%s %dx%d", v.Path, v.Width, v.Height))
					m := decode(t, v)
					vw, vh := m.Bounds().Dx(), m.Bounds().Dy()
					for _, q := range []struct {
						x, y int
						want color.RGBA
					}{{vw / 4, vh / 4, red}, {3 * vw / 4, vh / 4, green}, {vw / 4, 3 * vh / 4, blue}, {3 * vw / 4, 3 * vh / 4, white}} {
						if got := m.At(q.x, q.y); !near(got, q.want, 40) {
							t.Errorf("%s at (%d,%d): got %v, want %v", v.Path, q.x, q.y, got, q.want)
						}
					}
				}
				want := []string{"s/photo-48.jpg 48x32", "s/photo-96.jpg 96x64"}
				if !slices.Equal(sizes, want) {
					t.Errorf("variants %q, want %q", sizes, want)
				}
			})
		}
	}
}

func TestOrientationInPNG(t *testing.T) {
	upright := quadrants(40, 20)
	data := withChunks(encodePNG(t, storedAs(upright, 6)), pngChunk("eXIf", buildTIFF(tiffOpts{order: binary.BigEndian, orientation: 6})))
	r, err := New(Options{Widths: []int{40}}, "").Process("a.png", data)
	if err != nil {
		t.Fatal(err)
	}
	m := decode(t, r.Fallback)
	if r.Width != 40 || r.Height != 20 || !near(m.At(30, 5), green, 40) {
		t.Errorf("PNG eXIf orientation 6 not applied: %dx%d, top right %v", r.Width, r.Height, m.At(30, 5))
	}
}

func TestTIFFOrientation(t *testing.T) {
	good := buildTIFF(tiffOpts{order: binary.LittleEndian, orientation: 6, gps: true})
	patch := func(at int, b ...byte) []byte {
		c := slices.Clone(good)
		copy(c[at:], b)
		return c
	}
	// IFD0 starts at 8: count, then Make (12 bytes), then Orientation.
	const orient = 8 + 2 + 12
	for _, tc := range []struct {
		name string
		tiff []byte
		want int
	}{
		{"little endian", good, 6},
		{"big endian", buildTIFF(tiffOpts{order: binary.BigEndian, orientation: 8}), 8},
		{"no tag", buildTIFF(tiffOpts{order: binary.BigEndian, gps: true}), 1},
		{"empty", nil, 1},
		{"short", good[:6], 1},
		{"bad magic", patch(0, 'X', 'X'), 1},
		{"IFD past the end", patch(4, 0xff, 0xff, 0, 0), 1},
		{"IFD inside the header", patch(4, 2, 0, 0, 0), 1},
		{"huge entry count", patch(8, 0xff, 0xff), 6},
		{"value out of range", patch(orient+8, 9, 0), 1},
		{"not a SHORT", patch(orient+2, 4, 0), 1},
		{"two values", patch(orient+4, 2, 0, 0, 0), 1},
		{"cut in the entries", good[:orient+6], 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tiffOrientation(tc.tiff); got != tc.want {
				t.Errorf("got %d, want %d", got, tc.want)
			}
		})
	}
}

func FuzzReadOrientation(f *testing.F) {
	j := []byte("\xff\xd8\xff\xd9")
	f.Add(withSegments(j, exifAPP1(tiffOpts{order: binary.LittleEndian, orientation: 3, gps: true})))
	f.Add(withSegments(j, segment(0xe0, []byte("JFIF\x00")), exifAPP1(tiffOpts{order: binary.BigEndian, orientation: 6})))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, fm := range []format{formatJPEG, formatPNG, formatWebP} {
			if o := readOrientation(fm, b); o < 1 || o > 8 {
				t.Fatalf("orientation %d", o)
			}
		}
	})
}

func TestWidths(t *testing.T) {
	widths := []int{400, 100, 200, 200, -5} // unsorted, duplicated, nonsense: New tidies them
	for _, tc := range []struct {
		w, h int
		want []string
	}{
		{500, 300, []string{"100x60", "200x120", "400x240"}},
		{250, 150, []string{"100x60", "200x120", "250x150"}}, // the widest clamped to the original
		{200, 101, []string{"100x51", "200x101"}},            // the original's own width, once
		{80, 60, []string{"80x60"}},                          // narrower than every width: its own size
		{1000, 10, []string{"100x1", "200x2", "400x4"}},
		{1000, 1, []string{"100x1", "200x1", "400x1"}}, // never 0 pixels high
	} {
		t.Run(fmt.Sprintf("%dx%d", tc.w, tc.h), func(t *testing.T) {
			r, err := New(Options{Widths: widths}, "").Process("p.png", encodePNG(t, quadrants(tc.w, tc.h)))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, v := range r.Variants {
				decode(t, v)
				got = append(got, fmt.Sprintf("%dx%d", v.Width, v.Height))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			if r.Width != tc.w || r.Height != tc.h {
				t.Errorf("Result %dx%d", r.Width, r.Height)
			}
		})
	}
}

// The box pre-shrink on YCbCr planes must agree with doing the same on RGBA.
func TestResizeYCbCrMatchesRGBA(t *testing.T) {
	for _, size := range []image.Point{{333, 217}, {640, 480}, {1001, 97}} {
		src := image.NewRGBA(image.Rect(0, 0, size.X, size.Y))
		for y := range size.Y {
			for x := range size.X {
				// Away from 0 and 255, where YCbCr to RGB clamps.
				src.SetRGBA(x, y, color.RGBA{uint8(40 + x*175/size.X), uint8(40 + y*175/size.Y), 128, 255})
			}
		}
		m, err := jpeg.Decode(bytes.NewReader(encodeJPEG(t, src)))
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := m.(*image.YCbCr); !ok {
			t.Fatalf("decoded %T", m)
		}
		dw := max(1, size.X/5)
		dh := heightFor(size.X, size.Y, dw)
		_, a := resize(m, dw, dh)
		_, b := resize(workable(toRGBAForTest(m)), dw, dh)
		for y := range dh {
			for x := range dw {
				if !near(a.At(x, y), b.At(x, y), 8) { // chroma stays at half resolution on the YCbCr path, as in a JPEG
					t.Fatalf("%v at (%d,%d): YCbCr path %v, RGBA path %v", size, x, y, a.At(x, y), b.At(x, y))
				}
			}
		}
	}
}

func toRGBAForTest(m image.Image) *image.RGBA {
	r := image.NewRGBA(m.Bounds())
	for y := m.Bounds().Min.Y; y < m.Bounds().Max.Y; y++ {
		for x := m.Bounds().Min.X; x < m.Bounds().Max.X; x++ {
			r.Set(x, y, m.At(x, y))
		}
	}
	return r
}

func TestNoMetadata(t *testing.T) {
	const comment = "taken at Mrs Wang's flat, 3rd floor"
	secrets := []string{"Exif", "GPS", "xmpmeta", "PhoneCo", comment, "eXIf", "tEXt"}
	photo := encodeJPEG(t, quadrants(120, 80))
	jpg := withSegments(photo,
		exifAPP1(tiffOpts{order: binary.BigEndian, orientation: 6, gps: true}),
		xmpAPP1(),
		segment(0xfe, []byte(comment)))
	pngData := withChunks(encodePNG(t, quadrants(120, 80)),
		pngChunk("eXIf", buildTIFF(tiffOpts{order: binary.LittleEndian, orientation: 1, gps: true})),
		pngChunk("tEXt", []byte("Comment\x00"+comment+" GPS")))
	for name, data := range map[string][]byte{"photo.jpg": jpg, "photo.png": pngData} {
		t.Run(name, func(t *testing.T) {
			for _, s := range []string{"GPS", comment} {
				if !bytes.Contains(data, []byte(s)) {
					t.Fatalf("the input lacks %q: the test proves nothing", s)
				}
			}
			r, err := New(Options{Widths: []int{60, 120}, WebP: true}, "").Process(name, data)
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Variants) != 4 {
				t.Fatalf("%d variants, want 2 JPEG and 2 WebP", len(r.Variants))
			}
			for _, v := range r.Variants {
				for _, s := range secrets {
					if bytes.Contains(v.Data, []byte(s)) {
						t.Errorf("%s contains %q", v.Path, s)
					}
				}
				switch v.Type {
				case TypeJPEG:
					// SOI, quantisation and Huffman tables, frame, scan: no APPn, no COM.
					for _, m := range jpegMarkers(t, v.Data) {
						if (m >= 0xe0 && m <= 0xef) || m == 0xfe {
							t.Errorf("%s has marker FF%02X", v.Path, m)
						}
					}
				case TypeWebP:
					for _, c := range webpChunks(t, v.Data) {
						if c != "VP8 " && c != "VP8L" && c != "VP8X" && c != "ALPH" {
							t.Errorf("%s has chunk %q", v.Path, c)
						}
					}
				default:
					t.Errorf("%s: type %s", v.Path, v.Type)
				}
			}
		})
	}
}

func TestTransparency(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 64, 64))
	for y := range 64 {
		for x := range 64 {
			if x >= 16 && x < 48 && y >= 16 && y < 48 {
				m.SetNRGBA(x, y, color.NRGBA{200, 0, 0, 255})
			}
		}
	}
	r, err := New(Options{Widths: []int{32, 64}, WebP: true}, "").Process("logo.png", encodePNG(t, m))
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, v := range r.Variants {
		types = append(types, v.Path+" "+v.Type)
		img := decode(t, v)
		if _, _, _, a := img.At(1, 1).RGBA(); a != 0 {
			t.Errorf("%s: corner alpha %d, want transparent", v.Path, a>>8)
		}
		c := img.At(v.Width/2, v.Height/2)
		if !near(c, color.NRGBA{200, 0, 0, 255}, 30) {
			t.Errorf("%s: centre %v, want opaque red", v.Path, c)
		}
	}
	want := []string{"logo-32.png image/png", "logo-64.png image/png", "logo-32.webp image/webp", "logo-64.webp image/webp"}
	if !slices.Equal(types, want) {
		t.Errorf("variants %q, want %q", types, want)
	}
	if r.Fallback.Path != "logo-64.png" {
		t.Errorf("fallback %s", r.Fallback.Path)
	}
}

func TestGIFPassThrough(t *testing.T) {
	pal := color.Palette{color.Black, color.White}
	frames := []*image.Paletted{image.NewPaletted(image.Rect(0, 0, 30, 20), pal), image.NewPaletted(image.Rect(0, 0, 30, 20), pal)}
	frames[1].SetColorIndex(3, 3, 1)
	var b bytes.Buffer
	if err := gif.EncodeAll(&b, &gif.GIF{Image: frames, Delay: []int{10, 10}, LoopCount: 0}); err != nil {
		t.Fatal(err)
	}
	orig := b.Bytes()
	// Comment and XMP extensions before the first frame (after the header,
	// global table and NETSCAPE2.0 block that image/gif writes).
	at := bytes.Index(orig, []byte{0x21, 0xf9})
	comment := append([]byte{0x21, 0xfe, 11}, "GPS 31.2304"...)
	comment = append(comment, 0)
	xmp := append([]byte{0x21, 0xff, 11}, "XMP DataXMP"...)
	xmp = append(xmp, 9)
	xmp = append(xmp, "<xmpmeta>"...)
	xmp = append(xmp, 0)
	data := slices.Concat(orig[:at], comment, xmp, orig[at:])

	p := New(Options{KeepOriginal: false}, "")
	r, err := p.Process("s/anim.gif", data)
	if err != nil {
		t.Fatal(err)
	}
	if !r.PassThrough() || r.Fallback.Type != TypeGIF || r.Fallback.Path != "s/anim.gif" || r.Width != 30 || r.Height != 20 {
		t.Fatalf("got %+v", r)
	}
	out := r.Fallback.Data
	if !bytes.Equal(out, orig) {
		t.Errorf("stripped GIF differs from the GIF without the extra blocks")
	}
	for _, s := range []string{"GPS", "XMP", "xmpmeta"} {
		if bytes.Contains(out, []byte(s)) {
			t.Errorf("output contains %q", s)
		}
	}
	g, err := gif.DecodeAll(bytes.NewReader(out))
	if err != nil || len(g.Image) != 2 || g.LoopCount != 0 {
		t.Errorf("animation lost: %v", err)
	}
	if p.decodes.Load() != 0 {
		t.Errorf("a GIF was decoded")
	}
	if got := r.Files(); len(got) != 1 || got[0].Path != "s/anim.gif" {
		t.Errorf("Files() = %+v", got)
	}

	if _, err := p.Process("s/cut.gif", data[:len(data)-20]); !errors.Is(err, ErrCorrupt) {
		t.Errorf("truncated GIF: %v", err)
	}
}

func TestSVG(t *testing.T) {
	for _, tc := range []struct {
		name, svg string
		w, h      int
		err       string
	}{
		{"size", `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80px"></svg>`, 120, 80, ""},
		{"viewBox", "\ufeff<?xml version=\"1.0\"?>\n<!-- logo -->\n<svg viewBox=\"0 0 300 150\"><rect/></svg>", 300, 150, ""},
		{"width and viewBox", `<svg width="600" viewBox="0,0,300,150"/>`, 600, 300, ""},
		{"percent", `<svg width="100%" height="100%"/>`, 0, 0, ""},
		{"not svg", `<html><svg/></html>`, 0, 0, "x.svg: corrupt image: SVG: the root element is <html>, not <svg>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := New(Options{}, "").Process("x.svg", []byte(tc.svg))
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("error %v, want %s", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !r.PassThrough() || r.Fallback.Type != TypeSVG || string(r.Fallback.Data) != tc.svg || r.Width != tc.w || r.Height != tc.h {
				t.Errorf("got %dx%d %s", r.Width, r.Height, r.Fallback.Type)
			}
		})
	}
}

// pngHeader is a PNG whose header claims w x h pixels: a decompression
// bomb's first bytes.
func pngHeader(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	return slices.Concat([]byte("\x89PNG\r\n\x1a\n"), pngChunk("IHDR", ihdr), pngChunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}), pngChunk("IEND", nil))
}

func TestBadImages(t *testing.T) {
	photo := encodeJPEG(t, quadrants(200, 100))
	// A JPEG whose frame header claims 60000 x 60000.
	bigJPEG := slices.Clone(photo)
	sof := bytes.Index(bigJPEG, []byte{0xff, 0xc0})
	binary.BigEndian.PutUint16(bigJPEG[sof+5:], 60000)
	binary.BigEndian.PutUint16(bigJPEG[sof+7:], 60000)
	bigGIF := []byte("GIF89a\xff\xff\xff\xff\x00\x00\x00\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00\x3b")

	for _, tc := range []struct {
		name string
		data []byte
		kind error
		msg  string
	}{
		{"stories/a/cut.jpg", photo[:len(photo)/2], ErrCorrupt, "stories/a/cut.jpg: corrupt image: the JPEG data ends early (truncated file?)"},
		{"stories/a/header.jpg", photo[:40], ErrCorrupt, "stories/a/header.jpg: corrupt image: the JPEG data ends early (truncated file?)"},
		{"stories/a/cut.png", encodePNG(t, quadrants(50, 50))[:100], ErrCorrupt, "stories/a/cut.png: corrupt image: the PNG data ends early (truncated file?)"},
		{"stories/a/bomb.png", pngHeader(20000, 20000), ErrTooLarge, "stories/a/bomb.png: image too large: 20000x20000 is 400.0 megapixels, above the limit of 40.0; scale it down before adding it"},
		{"stories/a/bomb.jpg", bigJPEG, ErrTooLarge, "stories/a/bomb.jpg: image too large: 60000x60000 is 3600.0 megapixels, above the limit of 40.0; scale it down before adding it"},
		{"stories/a/bomb.gif", bigGIF, ErrTooLarge, "stories/a/bomb.gif: image too large: 65535x65535 is 4294.8 megapixels, above the limit of 40.0; scale it down before adding it"},
		{"stories/a/zero.png", pngHeader(0, 10), ErrCorrupt, ""},
		{"stories/a/iphone.jpg", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), ErrUnsupported, "stories/a/iphone.jpg: unsupported image format: HEIC/HEIF; export the photo as JPEG"},
		{"stories/a/scan.tif", []byte("II*\x00\x08\x00\x00\x00"), ErrUnsupported, "stories/a/scan.tif: unsupported image format: TIFF; convert it to JPEG or PNG"},
		{"stories/a/notes.jpg", []byte("these are my notes, not a photo"), ErrUnsupported, "stories/a/notes.jpg: unsupported image format: not a JPEG, PNG, WebP, GIF or SVG file"},
		{"stories/a/empty.jpg", nil, ErrUnsupported, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := New(Options{}, t.TempDir())
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			r, err := p.Process(tc.name, tc.data)
			runtime.ReadMemStats(&after)
			if r != nil || !errors.Is(err, tc.kind) {
				t.Fatalf("got %v, %v; want %v", r, err, tc.kind)
			}
			var e *Error
			if !errors.As(err, &e) || e.Name != tc.name || !strings.HasPrefix(err.Error(), tc.name+": ") {
				t.Errorf("error does not name the file: %v", err)
			}
			if tc.msg != "" && err.Error() != tc.msg {
				t.Errorf("error\n%s\nwant\n%s", err, tc.msg)
			}
			if tc.kind == ErrTooLarge {
				if n := p.decodes.Load(); n != 0 {
					t.Errorf("decoded %d times", n)
				}
				if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4<<20 {
					t.Errorf("allocated %d bytes refusing it", alloc)
				}
			}
		})
	}
}

func TestSniffNotExtension(t *testing.T) {
	// A PNG named .jpg, and a JPEG named .png: both are processed by content.
	p := New(Options{Widths: []int{50}}, "")
	for name, data := range map[string][]byte{
		"a/really-png.jpg":  encodePNG(t, quadrants(100, 50)),
		"a/really-jpeg.png": encodeJPEG(t, quadrants(100, 50)),
		"a/no-extension":    encodeJPEG(t, quadrants(100, 50)),
		"a/saved.webp":      encodeWebP(t, quadrants(100, 50)),
	} {
		r, err := p.Process(name, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want := stem(name) + "-50.jpg"
		if len(r.Variants) != 1 || r.Variants[0].Path != want || r.Variants[0].Type != TypeJPEG {
			t.Errorf("%s: got %+v, want one JPEG %s", name, r.Variants, want)
		}
	}
}

func encodeWebP(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := webp.Encode(&b, m, webp.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestKeepOriginal(t *testing.T) {
	data := withSegments(encodeJPEG(t, quadrants(100, 50)), exifAPP1(tiffOpts{order: binary.LittleEndian, orientation: 1, gps: true}))
	r, err := New(Options{Widths: []int{50}}, "").Process("s/p.jpg", data)
	if err != nil {
		t.Fatal(err)
	}
	if r.Original != nil || len(r.Files()) != 1 {
		t.Errorf("original published by default")
	}
	r, err = New(Options{Widths: []int{50}, KeepOriginal: true}, "").Process("s/p.jpg", data)
	if err != nil {
		t.Fatal(err)
	}
	files := r.Files()
	if r.Original == nil || len(files) != 2 || files[1].Path != "s/p.jpg" || !bytes.Equal(files[1].Data, data) || files[1].Type != TypeJPEG {
		t.Errorf("KeepOriginal: files %+v", files)
	}
}

func TestStem(t *testing.T) {
	for in, want := range map[string]string{
		"stories/a/photo.jpg":  "stories/a/photo",
		"stories/a.b/photo":    "stories/a.b/photo",
		"stories/a/.hidden":    "stories/a/.hidden",
		"stories/a/p.tar.jpeg": "stories/a/p.tar",
		"故事/照片.JPG":            "故事/照片",
	} {
		if got := stem(in); got != want {
			t.Errorf("stem(%q) = %q, want %q", in, got, want)
		}
	}
}

// Whatever the bytes, Process returns a result or an error naming the
// file; it never panics.
func FuzzProcess(f *testing.F) {
	f.Add(withSegments(encodeJPEG(f, quadrants(16, 8)), exifAPP1(tiffOpts{order: binary.BigEndian, orientation: 6, gps: true})))
	f.Add(withChunks(encodePNG(f, quadrants(8, 16)), pngChunk("eXIf", buildTIFF(tiffOpts{order: binary.LittleEndian, orientation: 3}))))
	var g bytes.Buffer
	if err := gif.Encode(&g, quadrants(8, 8), nil); err != nil {
		f.Fatal(err)
	}
	f.Add(g.Bytes())
	f.Add([]byte(`<svg width="10" height="5"/>`))
	f.Add(pngHeader(20000, 20000))
	p := New(Options{Widths: []int{4, 8}, MaxPixels: 1 << 16}, "")
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := p.Process("f/x.jpg", b)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f/x.jpg: ") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if r.Fallback.Path == "" {
			t.Fatalf("no fallback: %+v", r)
		}
	})
}
