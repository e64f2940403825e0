package images

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"strings"
	"testing"
	"time"
)

// progressiveJPEG makes a valid grey progressive JPEG of tx*1736 x
// ty*1208 pixels (tx*ty*32,767 blocks) with one DC scan and then acScans
// AC scans of three bytes for each 32,767 blocks: end-of-band runs over
// every block, which Go's decoder nevertheless walks block by block. This
// is the shape of issue 23's hostile photo: 3,000 such scans of one tile
// are a 43 KB file that took 8 s.
func progressiveJPEG(tx, ty, acScans int) []byte {
	w, h := 8*217*tx, 8*151*ty
	runs := tx * ty
	b := []byte{0xff, 0xd8}
	b = append(b, segment(0xdb, append([]byte{0}, bytes.Repeat([]byte{1}, 64)...))...)                      // quantisation: all 1
	b = append(b, segment(0xc2, []byte{8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), 1, 1, 0x11, 0})...) // SOF2, one component
	counts := func(sym byte) []byte { return append(append([]byte{1}, make([]byte, 15)...), sym) }          // one code of length 1
	b = append(b, segment(0xc4, append([]byte{0x00}, counts(0x00)...))...)                                  // DC: difference 0
	b = append(b, segment(0xc4, append([]byte{0x10}, counts(0xe0)...))...)                                  // AC: an end-of-band run of 2^14 + 14 bits
	b = append(b, segment(0xda, []byte{1, 1, 0x00, 0, 0, 0})...)                                            // DC scan
	b = append(b, make([]byte, runs*32767/8)...)                                                            // a 0 bit for every block
	if r := runs * 32767 % 8; r > 0 {
		b = append(b, byte(0xff>>r)) // the last bits, padded with 1
	}
	var ac []byte // 0, then 14 ones (a run of 32,767 blocks), runs times; padded with 1
	var acc, n uint
	for range runs {
		acc, n = acc<<15|0x3fff, n+15
		for n >= 8 {
			ac, n = append(ac, byte(acc>>(n-8))), n-8
		}
	}
	if n > 0 {
		ac = append(ac, byte(acc<<(8-n))|byte(0xff>>n))
	}
	ac = bytes.ReplaceAll(ac, []byte{0xff}, []byte{0xff, 0x00}) // stuffed
	for range acScans {
		b = append(b, segment(0xda, []byte{1, 1, 0x00, 1, 63, 0})...)
		b = append(b, ac...)
	}
	return append(b, 0xff, 0xd9)
}

// TestManyScans: a progressive JPEG of thousands of scans is refused from
// its markers, before any pixel is decoded, by Process, Check and
// Validate; one of a few scans decodes.
func TestManyScans(t *testing.T) {
	few := progressiveJPEG(1, 1, 10)
	if n, blocks, prog := jpegScans(few); n != 11 || blocks != 11*32767 || !prog {
		t.Fatalf("jpegScans: %d scans of %d blocks, progressive %t; want 11 of %d, true", n, blocks, prog, 11*32767)
	}
	p := New(Options{}, "")
	if r, err := p.Process("few.jpg", few); err != nil || r.Width != 1736 {
		t.Fatalf("11 scans: %+v, %v", r, err)
	}
	if err := Validate(bytes.NewReader(few), "few.jpg"); err != nil {
		t.Fatalf("Validate, 11 scans: %v", err)
	}

	many := progressiveJPEG(1, 1, 3_000)
	p = New(Options{}, "")
	want := "many.jpg: image too large: a JPEG of more than 64 scans (progressive passes); save it again as a plain JPEG"
	for name, err := range map[string]error{
		"Process":  func() error { _, err := p.Process("many.jpg", many); return err }(),
		"Check":    p.Check("many.jpg", many),
		"Validate": Validate(bytes.NewReader(many), "many.jpg"),
	} {
		if !errors.Is(err, ErrTooLarge) || err.Error() != want {
			t.Errorf("%s: got %v, want %s", name, err, want)
		}
	}
	if n := p.decodes.Load(); n != 0 {
		t.Errorf("%d decodes, want none", n)
	}

	// Fewer scans, but of a 25-megapixel image: 42 scans of 393,204
	// blocks take Go's decoder 2.9 s (3 scans: 0.7 s).
	large := progressiveJPEG(3, 4, 41)
	want = "large.jpg: image too large: the 42 scans (progressive passes) of this JPEG read 16.5 million blocks, more than the 16 million allowed; save it again as a plain JPEG or make it smaller"
	if _, err := p.Process("large.jpg", large); !errors.Is(err, ErrTooLarge) || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	if n, blocks, _ := jpegScans(progressiveJPEG(3, 4, 1)); n != 2 || blocks != 2*12*32767 {
		t.Errorf("jpegScans: %d scans of %d blocks, want 2 of %d", n, blocks, 2*12*32767)
	}
}

// TestDecodeWaitsForItsShare: decodes take their estimated memory from one
// budget for the process, whatever the number of cores: with the budget
// taken, a photo waits (here, until its context ends) instead of decoding.
func TestDecodeWaitsForItsShare(t *testing.T) {
	if got := decodeCost(formatJPEG, 8000, 5000, true); got < 700<<20 || got > MaxDecodeBytes {
		t.Errorf("a 40-megapixel progressive JPEG costs %d MiB, want 700 to 1024", got>>20)
	}
	if 2*decodeCost(formatJPEG, 8000, 5000, true) <= MaxDecodeBytes {
		t.Errorf("two 40-megapixel progressive JPEGs fit in the budget together")
	}
	photo := encodeJPEG(t, quadrants(64, 48))
	if err := decodes.Acquire(context.Background(), MaxDecodeBytes); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	p := New(Options{}, "")
	_, err := p.ProcessContext(ctx, "a.jpg", photo)
	verr := ValidateContext(ctx, bytes.NewReader(photo), "a.jpg")
	decodes.Release(MaxDecodeBytes)
	if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(verr, context.DeadlineExceeded) {
		t.Fatalf("with the budget taken: Process %v, Validate %v; want both to wait", err, verr)
	}
	if _, err := p.ProcessContext(context.Background(), "a.jpg", photo); err != nil {
		t.Fatal(err)
	}
}

// TestProcessCancelled: a cancelled context ends a decode at its next read.
func TestProcessCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p := New(Options{}, "")
	if _, err := p.ProcessContext(ctx, "a.jpg", progressiveJPEG(1, 1, 10)); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

// TestValidate: what the editor may save is what a build accepts; files
// that only start like an image are refused (issue 23, finding 10).
func TestValidate(t *testing.T) {
	photo := encodeJPEG(t, quadrants(64, 48))
	anim := gifBytes(t)
	for _, tc := range []struct {
		name string
		data []byte
		want error // nil: accepted
	}{
		{"photo.jpg", photo, nil},
		{"logo.png", encodePNG(t, quadrants(32, 32)), nil},
		{"anim.gif", anim, nil},
		{"html.jpg", append([]byte("\xff\xd8\xff\xe0"), "<html><script>alert(1)</script></html>"...), ErrCorrupt},
		{"html.gif", append([]byte("GIF89a"), "<html><script>alert(1)</script></html>"...), ErrTooLarge},
		{"cut.jpg", photo[:len(photo)/2], ErrCorrupt},
		{"page.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), ErrUnsupported},
		{"bomb.png", pngHeader(20_000, 20_000), ErrTooLarge},
		{"huge.jpg", append(photo, make([]byte, MaxValidateBytes)...), ErrTooLarge},
	} {
		err := Validate(bytes.NewReader(tc.data), tc.name)
		if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
		}
		if err != nil && !strings.HasPrefix(err.Error(), tc.name+": ") {
			t.Errorf("%s: the error does not name the file: %v", tc.name, err)
		}
	}
}

func gifBytes(t *testing.T) []byte {
	t.Helper()
	m := image.NewPaletted(image.Rect(0, 0, 4, 4), color.Palette{color.Black, color.White})
	var b bytes.Buffer
	if err := gif.Encode(&b, m, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
