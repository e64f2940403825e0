package images

import (
	"testing"
)

func TestHTML(t *testing.T) {
	v := func(path string, w, h int, typ string) Variant {
		return Variant{Path: path, Width: w, Height: h, Type: typ}
	}
	photo := &Result{
		Width: 2000, Height: 1500,
		Variants: []Variant{
			v("stories/北京/my photo-480.jpg", 480, 360, TypeJPEG),
			v("stories/北京/my photo-960.jpg", 960, 720, TypeJPEG),
			v("stories/北京/my photo-480.webp", 480, 360, TypeWebP),
			v("stories/北京/my photo-960.webp", 960, 720, TypeWebP),
		},
	}
	photo.Fallback = fallback(photo.Variants)
	jpegOnly := &Result{Width: 800, Height: 600, Variants: []Variant{v("s/a,b-480.jpg", 480, 360, TypeJPEG), v("s/a,b-800.jpg", 800, 600, TypeJPEG)}}
	jpegOnly.Fallback = fallback(jpegOnly.Variants)
	small := &Result{Width: 300, Height: 200, Variants: []Variant{v("s/s-300.jpg", 300, 200, TypeJPEG)}}
	small.Fallback = fallback(small.Variants)
	svg := &Result{Fallback: v("s/logo.svg", 0, 0, TypeSVG)}

	for _, tc := range []struct {
		name              string
		opts              Options
		r                 *Result
		alt, title, sizes string
		want              string
	}{
		{
			"figure with WebP", Options{}, photo, `Mrs "Li" & <friends>`, "舞蹈队 <排练>", "",
			`<figure><picture><source type="image/webp" srcset="/stories/%E5%8C%97%E4%BA%AC/my%20photo-480.webp 480w, /stories/%E5%8C%97%E4%BA%AC/my%20photo-960.webp 960w" sizes="(max-width: 42rem) 100vw, 42rem">` +
				`<img src="/stories/%E5%8C%97%E4%BA%AC/my%20photo-960.jpg" srcset="/stories/%E5%8C%97%E4%BA%AC/my%20photo-480.jpg 480w, /stories/%E5%8C%97%E4%BA%AC/my%20photo-960.jpg 960w" sizes="(max-width: 42rem) 100vw, 42rem" width="960" height="720" alt="Mrs &#34;Li&#34; &amp; &lt;friends&gt;" loading="lazy" decoding="async"></picture>` +
				`<figcaption>舞蹈队 &lt;排练&gt;</figcaption></figure>`,
		},
		{
			"plain img", Options{URLPrefix: "https://example.org/sub"}, jpegOnly, "", "", "50vw",
			`<img src="https://example.org/sub/s/a%2Cb-800.jpg" srcset="https://example.org/sub/s/a%2Cb-480.jpg 480w, https://example.org/sub/s/a%2Cb-800.jpg 800w" sizes="50vw" width="800" height="600" alt="" loading="lazy" decoding="async">`,
		},
		{
			"one variant", Options{}, small, "a", "", "",
			`<img src="/s/s-300.jpg" width="300" height="200" alt="a" loading="lazy" decoding="async">`,
		},
		{
			"svg without size", Options{}, svg, "logo", "Logo", "",
			`<figure><img src="/s/logo.svg" alt="logo" loading="lazy" decoding="async"><figcaption>Logo</figcaption></figure>`,
		},
		{"nil", Options{}, nil, "", "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(New(tc.opts, "").HTML(tc.r, tc.alt, tc.title, tc.sizes)); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestFallback(t *testing.T) {
	for _, tc := range []struct {
		widths []int
		want   int
	}{
		{[]int{480, 960, 1600}, 960},
		{[]int{480, 1200}, 480},
		{[]int{1200, 1600}, 1200},
		{[]int{300}, 300},
	} {
		var vs []Variant
		for _, w := range tc.widths {
			vs = append(vs, Variant{Width: w, Type: TypeJPEG}, Variant{Width: w + 1, Type: TypeWebP})
		}
		if got := fallback(vs); got.Width != tc.want || got.Type != TypeJPEG {
			t.Errorf("%v: fallback %d %s, want %d", tc.widths, got.Width, got.Type, tc.want)
		}
	}
}
