package images

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"io"

	"golang.org/x/sync/semaphore"

	"github.com/jiangninglu/showcase/internal/diag"
)

// Bounds on decoding, whatever the machine: the pixel limit alone does not
// bound the work or the memory of a decode.
const (
	// MaxJPEGScans bounds the scans of a JPEG. Go's decoder visits every
	// block of the image on every scan of a progressive JPEG, however few
	// bytes the scan holds: a 97 KB file of thousands of 58-byte scans
	// took 23 s, a 20 MB one hours. Encoders write 1 (baseline) to about
	// 10 (progressive) scans.
	MaxJPEGScans = 64
	// MaxScanBlocks bounds the blocks of 8x8 samples a JPEG's scans cover
	// in all, each visit about 0.2 µs: a 40-megapixel photo in full colour
	// may be scanned about 8 times over (libjpeg's progressive photos take
	// about 5), a 12-megapixel one about 28 times.
	MaxScanBlocks = 16_000_000

	// MaxDecodeBytes bounds the memory of all the decodes running at once
	// in the process, as estimated by decodeCost: a 40-megapixel
	// progressive JPEG takes 0.74 GiB while it is decoded, so one per core
	// would be 6 GiB on 8 cores. A decode waits for its share.
	MaxDecodeBytes = 1 << 30

	// MaxValidateBytes bounds the file Validate reads.
	MaxValidateBytes = 32 << 20
)

// decodes is the process's budget of decoding memory, shared by every
// Processor and by Validate: builds, serve's rebuilds and the editor's
// uploads together.
var decodes = semaphore.NewWeighted(MaxDecodeBytes)

// decodeCost estimates the bytes a decode of an image of w x h pixels
// takes, until its variants are made: the decoder's pixels (YCbCr, up to 3
// bytes a pixel; PNG up to 8), the 4 bytes a pixel of the workable copy,
// and for a progressive JPEG the coefficients kept between scans, 4 bytes
// for each of up to 3 samples a pixel. It is at most MaxDecodeBytes for an
// image within DefaultMaxPixels.
func decodeCost(f format, w, h int, progressive bool) int64 {
	perPixel := int64(8)
	switch {
	case f == formatJPEG && progressive:
		perPixel = 20
	case f == formatPNG:
		perPixel = 12
	}
	return min(int64(w)*int64(h)*perPixel, MaxDecodeBytes)
}

// jpegScans walks the markers of a JPEG and returns its number of scans
// (start-of-scan markers), the blocks of 8x8 samples they cover in all (a
// scan of all three components of a 40-megapixel photo covers 1.9 million;
// Go's decoder visits each, however few bytes the scan holds), and whether
// its frame is progressive. It reads every byte once and decodes nothing;
// it stops at the end-of-image marker, at the end of data, and once the
// scans pass MaxJPEGScans.
func jpegScans(data []byte) (scans int, blocks int64, progressive bool) {
	var comps map[byte]int64 // blocks of each component, by its id
	i := 2                   // after SOI
	for i+4 <= len(data) && scans <= MaxJPEGScans {
		if data[i] != 0xff {
			i++ // not at a marker: damaged; the decoder will say
			continue
		}
		m := data[i+1]
		switch {
		case m == 0xff: // fill byte
			i++
			continue
		case m == 0xd9: // EOI
			return scans, blocks, progressive
		case m == 0x01 || 0xd0 <= m && m <= 0xd8: // no length
			i += 2
			continue
		}
		n := int(data[i+2])<<8 | int(data[i+3])
		seg := data[i+4 : max(i+4, min(i+2+n, len(data)))]
		i += 2 + n
		switch {
		case 0xc0 <= m && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc: // SOF
			progressive = progressive || m == 0xc2 || m == 0xc6 || m == 0xca || m == 0xce
			comps = frameBlocks(seg)
			continue
		case m != 0xda:
			continue
		}
		// SOS: count it and its blocks, then skip its entropy-coded data.
		scans++
		if len(seg) > 0 {
			for k := 0; k < int(seg[0]) && 1+2*k < len(seg); k++ {
				blocks += comps[seg[1+2*k]]
			}
		}
		for i < len(data) {
			k := bytes.IndexByte(data[i:], 0xff)
			if k < 0 {
				return scans, blocks, progressive
			}
			i += k
			if i+1 < len(data) && (data[i+1] == 0 || 0xd0 <= data[i+1] && data[i+1] <= 0xd7) {
				i += 2 // a stuffed 0xff or a restart marker
				continue
			}
			break
		}
	}
	return scans, blocks, progressive
}

// frameBlocks returns the blocks of each component of a JPEG frame header
// (the payload of an SOF marker), by component id.
func frameBlocks(sof []byte) map[byte]int64 {
	if len(sof) < 6 {
		return nil
	}
	h, w, nc := int64(sof[1])<<8|int64(sof[2]), int64(sof[3])<<8|int64(sof[4]), int(sof[5])
	if len(sof) < 6+3*nc {
		return nil
	}
	hmax, vmax := int64(1), int64(1)
	for k := range nc {
		hv := sof[7+3*k]
		hmax, vmax = max(hmax, int64(hv>>4)), max(vmax, int64(hv&15))
	}
	out := make(map[byte]int64, nc)
	for k := range nc {
		hv := sof[7+3*k]
		cw := (w*int64(hv>>4) + hmax - 1) / hmax
		ch := (h*int64(hv&15) + vmax - 1) / vmax
		out[sof[6+3*k]] = (cw + 7) / 8 * ((ch + 7) / 8)
	}
	return out
}

// checkScans refuses a JPEG of more than MaxJPEGScans scans or
// MaxScanBlocks blocks in all its scans.
func checkScans(data []byte) error {
	switch n, b, _ := jpegScans(data); {
	case n > MaxJPEGScans:
		return diag.Wrap(ErrTooLarge, "image-too-many-scans", MaxJPEGScans)
	case b > MaxScanBlocks:
		return diag.Wrap(ErrTooLarge, "image-scans-too-large", n, float64(b)/1e6, MaxScanBlocks/1_000_000)
	}
	return nil
}

// ctxReader ends a decode, at its next read, once ctx is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (r ctxReader) Read(b []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	return r.r.Read(b[:min(len(b), 4<<10)])
}

// decodeBounded decodes data (of format f, w x h pixels, already checked)
// once its share of MaxDecodeBytes is free, reading through ctx.
func decodeBounded(ctx context.Context, f format, data []byte, w, h int) (image.Image, func(), error) {
	_, _, progressive := jpegScans(data)
	cost := decodeCost(f, w, h, progressive)
	if err := decodes.Acquire(ctx, cost); err != nil {
		return nil, nil, err
	}
	decoded := false
	defer func() {
		if !decoded { // an error, or a decoder's panic
			decodes.Release(cost)
		}
	}()
	var img image.Image
	var err error
	if f == formatGIF {
		img, err = gif.Decode(ctxReader{ctx, bytes.NewReader(data)})
	} else {
		img, err = decoders[f].decode(ctxReader{ctx, bytes.NewReader(data)})
	}
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, nil, ctxErr
		}
		return nil, nil, corrupt(f, data, err)
	}
	decoded = true
	return img, func() { decodes.Release(cost) }, nil
}

// Validate decodes the image r holds, within the bounds a build uses, and
// says whether a build would accept it: for the editor, before it saves an
// upload. name is used in the error. It accepts JPEG, PNG, WebP and GIF,
// of at most DefaultMaxPixels pixels (a JPEG of at most MaxJPEGScans
// scans), whose pixels decode; it reads at most MaxValidateBytes. Errors
// are *Error values wrapping ErrUnsupported, ErrTooLarge or ErrCorrupt.
func Validate(r io.Reader, name string) error {
	return ValidateContext(context.Background(), r, name)
}

// ValidateContext is Validate, ended early with ctx's error when ctx is
// done (while waiting for its turn to decode, or decoding).
func ValidateContext(ctx context.Context, r io.Reader, name string) error {
	data, err := io.ReadAll(io.LimitReader(r, MaxValidateBytes+1))
	if err != nil {
		return &Error{Name: name, Err: err}
	}
	if len(data) > MaxValidateBytes {
		return &Error{Name: name, Err: diag.Wrap(ErrTooLarge, "image-file-too-large", MaxValidateBytes>>20)}
	}
	if err := validate(ctx, data); err != nil {
		return &Error{Name: name, Err: err}
	}
	return nil
}

func validate(ctx context.Context, data []byte) error {
	f := sniff(data)
	var cfg image.Config
	var err error
	switch f {
	case formatGIF:
		cfg, err = gif.DecodeConfig(bytes.NewReader(data))
	case formatJPEG, formatPNG, formatWebP:
		cfg, err = decodeConfig(f, data)
	default:
		return unsupported(f)
	}
	if err != nil {
		return corrupt(f, data, err)
	}
	if err := checkSize(cfg.Width, cfg.Height, DefaultMaxPixels); err != nil {
		return err
	}
	if f == formatJPEG {
		if err := checkScans(data); err != nil {
			return err
		}
	}
	if f == formatGIF {
		if _, err := stripGIF(data); err != nil {
			return corrupt(f, data, err)
		}
	}
	var img image.Image
	err = func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = diag.Wrap(ErrCorrupt, "image-decoder-failed", fmt.Sprint(r))
			}
		}()
		var release func()
		img, release, err = decodeBounded(ctx, f, data, cfg.Width, cfg.Height)
		if err == nil {
			release()
		}
		return err
	}()
	if err != nil {
		return err
	}
	if b := img.Bounds(); b.Dx() != cfg.Width || b.Dy() != cfg.Height {
		return diag.Wrap(ErrCorrupt, "image-corrupt", string(f), errors.New("the pixels do not match the header").Error())
	}
	return nil
}
