package images

import (
	"fmt"
	"image"
	"image/color"
	"math/rand/v2"
	"testing"

	xdraw "golang.org/x/image/draw"
)

func TestTaps(t *testing.T) {
	for _, c := range [][2]int{{1600, 2016}, {960, 1008}, {2133, 4032}, {5, 3}, {1, 7}, {3, 3}, {1, 1}, {10, 1000}} {
		dn, sn := c[0], c[1]
		tp := makeTaps(dn, sn, float64(sn)/float64(dn))
		for i := range dn {
			if tp.start[i] < 0 || tp.start[i]+tp.n > sn {
				t.Fatalf("%d from %d: output %d reads %d..%d", dn, sn, i, tp.start[i], tp.start[i]+tp.n)
			}
			var sum int32
			for _, w := range tp.weight[i*tp.n : i*tp.n+tp.n] {
				sum += w
			}
			if sum != 1<<weightBits {
				t.Fatalf("%d from %d: output %d weights sum to %d", dn, sn, i, sum)
			}
		}
	}
}

func TestResampleFlatAndIdentity(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const sw, sh = 37, 23
	flat := make([]byte, sw*sh)
	noise := make([]byte, sw*sh)
	for i := range flat {
		flat[i] = 173
		noise[i] = byte(r.IntN(256))
	}
	for _, d := range []image.Point{{20, 11}, {37, 23}, {5, 23}, {1, 1}, {36, 2}} {
		out := make([]byte, d.X*d.Y)
		resamplePlane(out, d.X, d.X, d.Y, flat, sw, sw, sh, 1, float64(sw)/float64(d.X), float64(sh)/float64(d.Y))
		for i, v := range out {
			if v != 173 {
				t.Fatalf("%v: a flat plane gave %d at %d", d, v, i)
			}
		}
	}
	out := make([]byte, sw*sh)
	resamplePlane(out, sw, sw, sh, noise, sw, sw, sh, 1, 1, 1)
	for i := range out {
		if out[i] != noise[i] {
			t.Fatalf("same size changed sample %d: %d -> %d", i, noise[i], out[i])
		}
	}
}

// The resampler is the Catmull-Rom filter of golang.org/x/image/draw, done
// faster: they agree on a detailed image.
func TestResampleMatchesXImageDraw(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	src := image.NewRGBA(image.Rect(0, 0, 301, 203))
	for y := range 203 {
		for x := range 301 {
			v := uint8(128 + 60*((x/7+y/5)%2) + r.IntN(40) - 20)
			src.SetRGBA(x, y, color.RGBA{v, uint8(x * 255 / 301), uint8(y * 255 / 203), 255})
		}
	}
	for _, d := range []image.Point{{200, 135}, {160, 108}, {301, 150}, {97, 65}} {
		t.Run(fmt.Sprint(d), func(t *testing.T) {
			got := resample(src, d.X, d.Y).(*image.RGBA)
			want := image.NewRGBA(image.Rect(0, 0, d.X, d.Y))
			xdraw.CatmullRom.Scale(want, want.Bounds(), src, src.Bounds(), xdraw.Src, nil)
			worst := 0
			for i := range got.Pix {
				worst = max(worst, abs(int(got.Pix[i])-int(want.Pix[i])))
			}
			if worst > 2 {
				t.Errorf("differs from x/image/draw by up to %d levels", worst)
			}
		})
	}
}
