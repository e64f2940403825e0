package images

import (
	"image"
	"math"
)

// Resampling works on the decoder's own planes (Y, Cb, Cr of a JPEG; the
// interleaved bytes of an RGBA or Gray image) in two separable passes with
// Catmull-Rom weights in fixed point. Compared with
// golang.org/x/image/draw.CatmullRom, which converts every tap to float64
// RGBA and allocates a float64 buffer of 32 bytes a pixel, this is about
// three times faster on phone photos and needs a tenth of the memory; the
// filter is the same.

const (
	weightBits = 14 // weights sum to 1 << weightBits
	midBits    = 4  // extra precision kept between the passes
)

// catmullRom is the Catmull-Rom cubic (B=0, C=0.5), support 2.
func catmullRom(t float64) float64 {
	t = math.Abs(t)
	switch {
	case t < 1:
		return (1.5*t-2.5)*t*t + 1
	case t < 2:
		return ((-0.5*t+2.5)*t-4)*t + 2
	}
	return 0
}

// taps are the weights that make dn samples from sn: output i is the sum
// over k < n of weight[i*n+k] * input[start[i]+k].
type taps struct {
	n      int
	start  []int
	weight []int32
}

// makeTaps maps output sample i to input position (i+0.5)*scale. The scale
// is sn/dn for a whole plane, and the luma's for chroma planes, whose
// sample counts are rounded up from half the luma's.
func makeTaps(dn, sn int, scale float64) taps {
	stretch := max(scale, 1) // widen the kernel when shrinking, so it also filters
	support := 2 * stretch
	n := min(int(math.Ceil(2*support))+1, sn)
	t := taps{n: n, start: make([]int, dn), weight: make([]int32, dn*n)}
	fw := make([]float64, n)
	for i := range dn {
		center := (float64(i) + 0.5) * scale
		lo := max(0, int(math.Floor(center-support)))
		lo = min(lo, max(0, sn-n)) // keep all n taps inside the input
		t.start[i] = lo
		sum := 0.0
		for k := range n {
			j := lo + k
			fw[k] = 0
			if j < sn {
				fw[k] = catmullRom((float64(j) + 0.5 - center) / stretch)
			}
			sum += fw[k]
		}
		// Round to fixed point; give the rounding error to the largest
		// weight so that a flat area stays exactly flat.
		w := t.weight[i*n : i*n+n]
		total, big := int32(0), 0
		for k := range n {
			w[k] = int32(math.Round(fw[k] / sum * (1 << weightBits)))
			total += w[k]
			if w[k] > w[big] {
				big = k
			}
		}
		w[big] += 1<<weightBits - total
	}
	return t
}

// resamplePlane scales the sw x sh plane src (c interleaved bytes a pixel)
// to the dw x dh plane dst, by sx across and sy down (input samples per
// output sample).
func resamplePlane(dst []byte, dstStride, dw, dh int, src []byte, srcStride, sw, sh, c int, sx, sy float64) {
	h, v := makeTaps(dw, sw, sx), makeTaps(dh, sh, sy)
	row := dw * c

	// Horizontal: every source row to dw pixels, kept with midBits more
	// precision (and the negative lobes' undershoot) as int16.
	mid := make([]int16, sh*row)
	const hShift = weightBits - midBits
	for y := range sh {
		in := src[y*srcStride : y*srcStride+sw*c]
		out := mid[y*row : y*row+row]
		for x := range dw {
			w := h.weight[x*h.n : x*h.n+h.n]
			base := h.start[x] * c
			for ch := range c {
				var s int32
				p := base + ch
				for _, wk := range w {
					s += wk * int32(in[p])
					p += c
				}
				out[x*c+ch] = int16((s + 1<<(hShift-1)) >> hShift)
			}
		}
	}

	// Vertical: each output row accumulates its source rows.
	acc := make([]int32, row)
	const vShift = weightBits + midBits
	for y := range dh {
		clear(acc)
		w := v.weight[y*v.n : y*v.n+v.n]
		for k, wk := range w {
			if wk == 0 {
				continue
			}
			in := mid[(v.start[y]+k)*row : (v.start[y]+k)*row+row]
			for i, m := range in {
				acc[i] += wk * int32(m)
			}
		}
		out := dst[y*dstStride : y*dstStride+row]
		for i, s := range acc {
			out[i] = uint8(min(max((s+1<<(vShift-1))>>vShift, 0), 255))
		}
	}
}

// resample scales a workable image to exactly dw x dh, keeping its type.
func resample(src image.Image, dw, dh int) image.Image {
	w, h := src.Bounds().Dx(), src.Bounds().Dy()
	sx, sy := float64(w)/float64(dw), float64(h)/float64(dh)
	switch m := src.(type) {
	case *image.YCbCr:
		dst := image.NewYCbCr(image.Rect(0, 0, dw, dh), m.SubsampleRatio)
		resamplePlane(dst.Y, dst.YStride, dw, dh, m.Y, m.YStride, w, h, 1, sx, sy)
		scw, sch := chromaSize(m.SubsampleRatio, w, h)
		dcw, dch := chromaSize(m.SubsampleRatio, dw, dh)
		resamplePlane(dst.Cb, dst.CStride, dcw, dch, m.Cb, m.CStride, scw, sch, 1, sx, sy)
		resamplePlane(dst.Cr, dst.CStride, dcw, dch, m.Cr, m.CStride, scw, sch, 1, sx, sy)
		return dst
	case *image.Gray:
		dst := image.NewGray(image.Rect(0, 0, dw, dh))
		resamplePlane(dst.Pix, dst.Stride, dw, dh, m.Pix, m.Stride, w, h, 1, sx, sy)
		return dst
	case *image.RGBA:
		dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
		resamplePlane(dst.Pix, dst.Stride, dw, dh, m.Pix, m.Stride, w, h, 4, sx, sy)
		// Overshoot must not leave a colour above its (premultiplied) alpha.
		for i := 0; i < len(dst.Pix); i += 4 {
			a := dst.Pix[i+3]
			dst.Pix[i] = min(dst.Pix[i], a)
			dst.Pix[i+1] = min(dst.Pix[i+1], a)
			dst.Pix[i+2] = min(dst.Pix[i+2], a)
		}
		return dst
	}
	return src // not reached: workable made it one of the above
}
