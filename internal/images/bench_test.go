package images

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"
)

// phonePhoto is a synthetic 4032 x 3024 photo: smooth colour fields,
// edges and fine texture, with sensor-like noise, saved at quality 92 as
// phones do. It decodes and compresses like a real photo (about 4 MB);
// nothing in it is real.
func phonePhoto(tb testing.TB, seed uint64) []byte {
	tb.Helper()
	const w, h = 4032, 3024
	m := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	r := rand.New(rand.NewPCG(seed, 7))
	fx, fy := 0.002+r.Float64()*0.004, 0.002+r.Float64()*0.004
	for y := range h {
		for x := range w {
			v := 110 + 60*math.Sin(float64(x)*fx)*math.Cos(float64(y)*fy) // light and shade
			if (x/97+y/131)%5 == 0 {
				v += 40 // edges
			}
			v += 12*math.Sin(float64(x*y)*0.0007) + float64(r.IntN(17)-8) // texture, noise
			m.Y[y*m.YStride+x] = uint8(max(0, min(255, v)))
		}
	}
	for y := range (h + 1) / 2 {
		for x := range (w + 1) / 2 {
			i := y*m.CStride + x
			m.Cb[i] = uint8(128 + 30*math.Sin(float64(x)*fy*3+float64(seed)))
			m.Cr[i] = uint8(128 + 30*math.Cos(float64(y)*fx*3))
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 92}); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// phonePhotos makes n distinct photos from 4 generated pictures, each copy
// with its own EXIF (half of them stored sideways, orientation 6, as a
// phone held upright stores them), GPS block and comment.
func phonePhotos(tb testing.TB, n int) [][]byte {
	var bases [][]byte
	for i := range 4 {
		bases = append(bases, phonePhoto(tb, uint64(i)))
	}
	photos := make([][]byte, n)
	for i := range photos {
		o := 1 + 5*(i%2)
		photos[i] = withSegments(bases[i%len(bases)],
			exifAPP1(tiffOpts{order: binary.LittleEndian, orientation: o, gps: true}),
			segment(0xfe, fmt.Appendf(nil, "photo %d", i)))
	}
	return photos
}

// BenchmarkProcess100 processes 100 phone-size photos the way a build does
// (one goroutine per core) with the default widths and WebP on: cold, into
// an empty cache, and warm, from the cache a previous build left.
//
//	go test -run '^$' -bench Process100 -benchtime 1x ./internal/images/
func BenchmarkProcess100(b *testing.B) {
	photos := phonePhotos(b, 100)
	var in int
	for _, p := range photos {
		in += len(p)
	}
	opts := Options{WebP: true}
	run := func(b *testing.B, p *Processor) (out int) {
		g := new(errgroup.Group)
		g.SetLimit(runtime.GOMAXPROCS(0))
		sizes := make([]int, len(photos))
		for i, d := range photos {
			g.Go(func() error {
				r, err := p.Process(fmt.Sprintf("stories/s%d/photo.jpg", i), d)
				if err == nil {
					for _, v := range r.Variants {
						sizes[i] += len(v.Data)
					}
				}
				return err
			})
		}
		if err := g.Wait(); err != nil {
			b.Fatal(err)
		}
		for _, s := range sizes {
			out += s
		}
		return out
	}
	report := func(b *testing.B, out int, cpu time.Duration) {
		n := float64(b.N * len(photos))
		b.ReportMetric(float64(b.Elapsed().Milliseconds())/n, "ms/photo")
		b.ReportMetric(float64(cpu.Milliseconds())/n, "cpu-ms/photo")
		b.ReportMetric(float64(in)/float64(len(photos)), "in-B/photo")
		b.ReportMetric(float64(out)/float64(len(photos)), "out-B/photo")
	}

	var warmDir string
	parent := b
	b.Run("cold", func(b *testing.B) {
		b.ReportAllocs()
		var out int
		var cpu time.Duration
		for range b.N {
			b.StopTimer()
			dir, err := os.MkdirTemp("", "images-bench-")
			if err != nil {
				b.Fatal(err)
			}
			parent.Cleanup(func() { os.RemoveAll(dir) }) // after "warm" used it
			b.StartTimer()
			c := cpuTime()
			out = run(b, New(opts, dir))
			cpu += cpuTime() - c
			warmDir = dir
		}
		report(b, out, cpu)
	})
	b.Run("warm", func(b *testing.B) {
		if warmDir == "" {
			warmDir = b.TempDir()
			run(b, New(opts, warmDir))
		}
		b.ReportAllocs()
		b.ResetTimer()
		var out int
		c := cpuTime()
		for range b.N {
			p := New(opts, warmDir)
			out = run(b, p)
			if n := p.decodes.Load(); n != 0 {
				b.Fatalf("warm cache: %d decodes", n)
			}
		}
		report(b, out, cpuTime()-c)
	})
}
