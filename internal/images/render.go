package images

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"

	"github.com/gen2brain/webp"
)

// render decodes data and makes every variant. It is the only place that
// decodes pixels.
func (p *Processor) render(ctx context.Context, f format, data []byte, w, h, orientation int) (*stored, error) {
	p.decodes.Add(1)
	img, release, err := decodeBounded(ctx, f, data, w, h)
	if err != nil {
		return nil, err
	}
	defer release()
	img = workable(img)
	sw, sh := img.Bounds().Dx(), img.Bounds().Dy()
	transposed := orientation >= 5
	uw, uh := sw, sh
	if transposed {
		uw, uh = sh, sw
	}
	// Photos become JPEG; images with transparency (logos, diagrams) stay
	// PNG, as flattening them would put a box behind them on any background.
	typ := TypeJPEG
	if o, ok := img.(interface{ Opaque() bool }); ok && !o.Opaque() {
		typ = TypePNG
	}

	s := &stored{Width: uw, Height: uh}
	ws := targets(p.opts.Widths, uw)
	for i := len(ws) - 1; i >= 0; i-- { // widest first: each shrinks what the last left
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		tw := ws[i]
		th := heightFor(uw, uh, tw)
		dw, dh := tw, th
		if transposed {
			dw, dh = th, tw
		}
		var small *image.RGBA
		img, small = resize(img, dw, dh)
		m := orient(small, orientation)

		b, err := p.encode(m, typ)
		if err != nil {
			return nil, err
		}
		s.Files = append(s.Files, storedFile{Suffix: suffix(tw, typ), Width: tw, Height: th, Type: typ, Data: b})
		if p.opts.WebP {
			b, err := p.encode(m, TypeWebP)
			if err != nil {
				return nil, err
			}
			s.Files = append(s.Files, storedFile{Suffix: suffix(tw, TypeWebP), Width: tw, Height: th, Type: TypeWebP, Data: b})
		}
	}
	return s, nil
}

// webpMethod trades WebP encoding speed for size (0 fastest, 6 smallest).
// On a 1600-pixel photo, 2 is three times as fast as libwebp's default 4
// for files about 4% larger.
const webpMethod = 2

// encode writes m with no metadata: the encoders used write none (no EXIF,
// XMP, ICC profile, comment or text chunk), so nothing from the original
// file reaches the output.
func (p *Processor) encode(m *image.RGBA, typ string) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	switch typ {
	case TypeJPEG:
		err = jpeg.Encode(&buf, m, &jpeg.Options{Quality: p.opts.Quality})
	case TypePNG:
		err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, m)
	case TypeWebP:
		var src image.Image = m
		if !m.Opaque() {
			src = toNRGBA(m) // libwebp wants straight, not premultiplied, alpha
		}
		err = webp.Encode(&buf, src, webp.Options{Quality: p.opts.Quality, Method: webpMethod})
	default:
		err = fmt.Errorf("no encoder for %s", typ)
	}
	if err != nil {
		return nil, fmt.Errorf("encoding %s: %w", typ, err)
	}
	return buf.Bytes(), nil
}

// workable returns img as a type that shrink and the scaler handle fast:
// the decoders' usual *image.YCbCr, *image.Gray and *image.RGBA are kept;
// anything else (paletted, 16-bit, CMYK, NRGBA) is converted to RGBA once.
func workable(img image.Image) image.Image {
	switch m := img.(type) {
	case *image.YCbCr:
		if m.Rect.Min == (image.Point{}) {
			return m
		}
	case *image.Gray, *image.RGBA:
		if m.Bounds().Min == (image.Point{}) {
			return m
		}
	}
	b := img.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(dst, dst.Bounds(), img, b.Min, draw.Src)
	return dst
}

// resize scales src to dw x dh pixels as libvips does: first a box filter
// by the largest whole factor that keeps the image at least as big as the
// target (fast, and it removes the noise that would alias), then
// Catmull-Rom (resample) for the remaining factor, which is below 2 unless
// the target is more than half the image's size in one direction only.
//
// It also returns the box-filtered image, from which smaller sizes are
// made faster than from src: a 4032-pixel photo is shrunk to 2016 for the
// 1600 variant, that to 1008 for the 960 one, and so on.
func resize(src image.Image, dw, dh int) (shrunk image.Image, dst *image.RGBA) {
	if k := min(src.Bounds().Dx()/dw, src.Bounds().Dy()/dh); k >= 2 {
		src = shrink(src, k)
	}
	m := src
	if b := src.Bounds(); b.Dx() != dw || b.Dy() != dh {
		m = resample(src, dw, dh)
	}
	if rgba, ok := m.(*image.RGBA); ok && rgba != src {
		return src, rgba
	}
	dst = image.NewRGBA(image.Rect(0, 0, dw, dh))
	draw.Draw(dst, dst.Bounds(), m, image.Point{}, draw.Src)
	return src, dst
}

// shrink averages k x k blocks of a workable image (origin at 0,0).
func shrink(src image.Image, k int) image.Image {
	w, h := src.Bounds().Dx(), src.Bounds().Dy()
	nw, nh := (w+k-1)/k, (h+k-1)/k
	switch m := src.(type) {
	case *image.YCbCr:
		dst := image.NewYCbCr(image.Rect(0, 0, nw, nh), m.SubsampleRatio)
		box(dst.Y, dst.YStride, nw, nh, m.Y, m.YStride, w, h, k, 1)
		scw, sch := chromaSize(m.SubsampleRatio, w, h)
		dcw, dch := chromaSize(m.SubsampleRatio, nw, nh)
		box(dst.Cb, dst.CStride, dcw, dch, m.Cb, m.CStride, scw, sch, k, 1)
		box(dst.Cr, dst.CStride, dcw, dch, m.Cr, m.CStride, scw, sch, k, 1)
		return dst
	case *image.Gray:
		dst := image.NewGray(image.Rect(0, 0, nw, nh))
		box(dst.Pix, dst.Stride, nw, nh, m.Pix, m.Stride, w, h, k, 1)
		return dst
	case *image.RGBA: // premultiplied, so plain averages are right
		dst := image.NewRGBA(image.Rect(0, 0, nw, nh))
		box(dst.Pix, dst.Stride, nw, nh, m.Pix, m.Stride, w, h, k, 4)
		return dst
	}
	return src // not reached: workable made it one of the above
}

// chromaSize is the size of the chroma planes of a w x h YCbCr image.
func chromaSize(r image.YCbCrSubsampleRatio, w, h int) (int, int) {
	switch r {
	case image.YCbCrSubsampleRatio422:
		return (w + 1) / 2, h
	case image.YCbCrSubsampleRatio420:
		return (w + 1) / 2, (h + 1) / 2
	case image.YCbCrSubsampleRatio440:
		return w, (h + 1) / 2
	case image.YCbCrSubsampleRatio411:
		return (w + 3) / 4, h
	case image.YCbCrSubsampleRatio410:
		return (w + 3) / 4, (h + 1) / 2
	}
	return w, h
}

// box fills the dw x dh plane dst (c bytes a pixel) with the averages of
// k x k blocks of the sw x sh plane src; blocks at the edges are partial,
// and a block that would start past the edge takes the last row or column.
func box(dst []byte, dstStride, dw, dh int, src []byte, srcStride, sw, sh, k, c int) {
	sums := make([]int, dw*c)
	span := func(i, n int) (int, int) {
		lo := min(i*k, n-1)
		return lo, min(lo+k, n)
	}
	for dy := range dh {
		y0, y1 := span(dy, sh)
		clear(sums)
		for y := y0; y < y1; y++ {
			row := src[y*srcStride : y*srcStride+sw*c]
			for dx := range dw {
				x0, x1 := span(dx, sw)
				for ch := range c {
					s := 0
					for x := x0; x < x1; x++ {
						s += int(row[x*c+ch])
					}
					sums[dx*c+ch] += s
				}
			}
		}
		out := dst[dy*dstStride : dy*dstStride+dw*c]
		for dx := range dw {
			x0, x1 := span(dx, sw)
			n := (y1 - y0) * (x1 - x0)
			for ch := range c {
				out[dx*c+ch] = uint8((sums[dx*c+ch] + n/2) / n)
			}
		}
	}
}

// orient turns m upright according to an EXIF orientation (1-8).
func orient(m *image.RGBA, o int) *image.RGBA {
	if o < 2 || o > 8 {
		return m
	}
	w, h := m.Rect.Dx(), m.Rect.Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range dh {
		for x := range dw {
			var sx, sy int
			switch o {
			case 2: // mirrored
				sx, sy = w-1-x, y
			case 3: // upside down
				sx, sy = w-1-x, h-1-y
			case 4: // mirrored upside down
				sx, sy = x, h-1-y
			case 5: // transposed
				sx, sy = y, x
			case 6: // stored turned a quarter left: turn it right
				sx, sy = y, h-1-x
			case 7: // transversed
				sx, sy = w-1-y, h-1-x
			case 8: // stored turned a quarter right: turn it left
				sx, sy = w-1-y, x
			}
			copy(dst.Pix[y*dst.Stride+4*x:y*dst.Stride+4*x+4], m.Pix[sy*m.Stride+4*sx:sy*m.Stride+4*sx+4])
		}
	}
	return dst
}

func toNRGBA(m *image.RGBA) *image.NRGBA {
	dst := image.NewNRGBA(m.Rect)
	draw.Draw(dst, dst.Rect, m, m.Rect.Min, draw.Src)
	return dst
}
