package images

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

// Every test image is generated here; nothing is read from disk.

var (
	red   = color.RGBA{220, 30, 30, 255}
	green = color.RGBA{30, 200, 40, 255}
	blue  = color.RGBA{30, 40, 220, 255}
	white = color.RGBA{255, 255, 255, 255}
)

// quadrants is an upright w x h image: red top left, green top right, blue
// bottom left, white bottom right. Any rotation or mirroring shows.
func quadrants(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := red
			switch {
			case x >= w/2 && y < h/2:
				c = green
			case x < w/2 && y >= h/2:
				c = blue
			case x >= w/2 && y >= h/2:
				c = white
			}
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

// exifLayout is the EXIF definition of each orientation value: where the
// stored image's first row and first column appear when shown upright.
// It is written out from the standard, independently of orient.
var exifLayout = map[int]struct{ row0, col0 string }{
	1: {"top", "left"},
	2: {"top", "right"},
	3: {"bottom", "right"},
	4: {"bottom", "left"},
	5: {"left", "top"},
	6: {"right", "top"},
	7: {"right", "bottom"},
	8: {"left", "bottom"},
}

// storedAs returns how a camera would store the upright image u under
// orientation o, so that applying o shows u.
func storedAs(u *image.RGBA, o int) *image.RGBA {
	uw, uh := u.Rect.Dx(), u.Rect.Dy()
	l := exifLayout[o]
	transposed := l.row0 == "left" || l.row0 == "right"
	sw, sh := uw, uh
	if transposed {
		sw, sh = uh, uw
	}
	s := image.NewRGBA(image.Rect(0, 0, sw, sh))
	for sy := range sh {
		for sx := range sw {
			var x, y int
			if transposed { // rows run across the picture's columns
				x, y = sy, sx
				if l.row0 == "right" {
					x = uw - 1 - sy
				}
				if l.col0 == "bottom" {
					y = uh - 1 - sx
				}
			} else {
				x, y = sx, sy
				if l.row0 == "bottom" {
					y = uh - 1 - sy
				}
				if l.col0 == "right" {
					x = uw - 1 - sx
				}
			}
			s.Set(sx, sy, u.At(x, y))
		}
	}
	return s
}

func encodeJPEG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodePNG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// tiffOpts describe the EXIF data to build.
type tiffOpts struct {
	order       binary.ByteOrder
	orientation int  // 0: no Orientation tag
	gps         bool // a GPS IFD with latitude and longitude
}

// buildTIFF makes an EXIF TIFF structure: IFD0 with Make, Orientation and
// a GPSInfo pointer, and a GPS IFD, as phones write them.
func buildTIFF(o tiffOpts) []byte {
	bo := o.order
	type entry struct {
		tag, typ uint16
		count    uint32
		value    []byte // inline if <= 4 bytes, else stored in the data area
	}
	u16 := func(v uint16) []byte { b := make([]byte, 2); bo.PutUint16(b, v); return b }
	u32 := func(v uint32) []byte { b := make([]byte, 4); bo.PutUint32(b, v); return b }
	rationals := func(vs ...uint32) []byte {
		var b []byte
		for i := 0; i < len(vs); i += 2 {
			b = append(b, u32(vs[i])...)
			b = append(b, u32(vs[i+1])...)
		}
		return b
	}

	ifd0 := []entry{{0x010f, 2, 8, []byte("PhoneCo\x00")}}
	if o.orientation != 0 {
		ifd0 = append(ifd0, entry{0x0112, 3, 1, u16(uint16(o.orientation))})
	}
	var gps []entry
	if o.gps {
		ifd0 = append(ifd0, entry{0x8825, 4, 1, nil}) // offset filled below
		gps = []entry{
			{0x0000, 1, 4, []byte{2, 2, 0, 0}},
			{0x0001, 2, 2, []byte("N\x00")},
			{0x0002, 5, 3, rationals(31, 1, 14, 1, 2304, 100)},
			{0x0003, 2, 2, []byte("E\x00")},
			{0x0004, 5, 3, rationals(121, 1, 26, 1, 4212, 100)},
		}
	}

	// Layout: header, IFD0, GPS IFD, then the data area.
	ifdSize := func(n int) int { return 2 + 12*n + 4 }
	ifd0At := 8
	gpsAt := ifd0At + ifdSize(len(ifd0))
	dataAt := gpsAt
	if o.gps {
		dataAt += ifdSize(len(gps))
	}
	var data []byte
	write := func(es []entry) []byte {
		b := u16(uint16(len(es)))
		for _, e := range es {
			b = append(b, u16(e.tag)...)
			b = append(b, u16(e.typ)...)
			b = append(b, u32(e.count)...)
			v := e.value
			if e.tag == 0x8825 {
				v = u32(uint32(gpsAt))
			}
			if len(v) <= 4 {
				b = append(b, append(v, make([]byte, 4-len(v))...)...)
			} else {
				b = append(b, u32(uint32(dataAt+len(data)))...)
				data = append(data, v...)
			}
		}
		return append(b, u32(0)...) // no next IFD
	}
	var t []byte
	if bo == binary.LittleEndian {
		t = []byte("II*\x00")
	} else {
		t = []byte("MM\x00*")
	}
	t = append(t, u32(uint32(ifd0At))...)
	t = append(t, write(ifd0)...)
	if o.gps {
		t = append(t, write(gps)...)
	}
	return append(t, data...)
}

// segment is a JPEG marker segment with its length.
func segment(marker byte, payload []byte) []byte {
	s := []byte{0xff, marker, 0, 0}
	binary.BigEndian.PutUint16(s[2:], uint16(len(payload)+2))
	return append(s, payload...)
}

func exifAPP1(o tiffOpts) []byte {
	return segment(0xe1, append([]byte("Exif\x00\x00"), buildTIFF(o)...))
}

// xmpAPP1 is the XMP packet phones add, with the position in text.
func xmpAPP1() []byte {
	return segment(0xe1, []byte("http://ns.adobe.com/xap/1.0/\x00"+
		`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description exif:GPSLatitude="31,14.2304N" exif:GPSLongitude="121,26.4212E"/></rdf:RDF></x:xmpmeta>`))
}

// withSegments puts segments right after a JPEG's SOI marker.
func withSegments(j []byte, segs ...[]byte) []byte {
	out := append([]byte{}, j[:2]...)
	for _, s := range segs {
		out = append(out, s...)
	}
	return append(out, j[2:]...)
}

// pngChunk builds a PNG chunk with its CRC.
func pngChunk(typ string, data []byte) []byte {
	c := make([]byte, 8, 12+len(data))
	binary.BigEndian.PutUint32(c, uint32(len(data)))
	copy(c[4:], typ)
	c = append(c, data...)
	return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
}

// withChunks puts chunks right after a PNG's IHDR.
func withChunks(p []byte, chunks ...[]byte) []byte {
	const afterIHDR = 8 + 12 + 13
	out := append([]byte{}, p[:afterIHDR]...)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return append(out, p[afterIHDR:]...)
}

// jpegMarkers lists the markers of a JPEG up to its scan data.
func jpegMarkers(t testing.TB, b []byte) []byte {
	t.Helper()
	if len(b) < 2 || b[0] != 0xff || b[1] != 0xd8 {
		t.Fatalf("not a JPEG")
	}
	markers := []byte{0xd8}
	for i := 2; i+4 <= len(b); {
		if b[i] != 0xff {
			t.Fatalf("no marker at byte %d", i)
		}
		m := b[i+1]
		markers = append(markers, m)
		if m == 0xda {
			return markers
		}
		i += 2 + int(binary.BigEndian.Uint16(b[i+2:]))
	}
	t.Fatalf("no start of scan")
	return nil
}

// webpChunks lists the chunk types of a WebP file.
func webpChunks(t testing.TB, b []byte) []string {
	t.Helper()
	if len(b) < 12 || string(b[:4]) != "RIFF" || string(b[8:12]) != "WEBP" {
		t.Fatalf("not a WebP")
	}
	var types []string
	for i := 12; i+8 <= len(b); {
		n := int(binary.LittleEndian.Uint32(b[i+4:]))
		types = append(types, string(b[i:i+4]))
		i += 8 + n + n&1
	}
	return types
}

// near reports whether two colours are within tol on every channel.
func near(a, b color.Color, tol int) bool {
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	d := func(x, y uint32) bool { return abs(int(x>>8)-int(y>>8)) <= tol }
	return d(r1, r2) && d(g1, g2) && d(b1, b2) && d(a1, a2)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
