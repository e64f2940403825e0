package qr

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestSVGDecodes: zbarimg reads the drawn code back as the address.
func TestSVGDecodes(t *testing.T) {
	zbar, err := exec.LookPath("zbarimg")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("zbarimg is missing: apt-get install zbar-tools")
		}
		t.Skip("no zbarimg (apt-get install zbar-tools)")
	}
	for _, u := range []string{"https://example.org/stories/high-heels/", Address("https://例子.example.org/stories/社区花园/")} {
		svg, err := SVG(u, "QR")
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		writePNG(t, svg, filepath.Join(dir, "qr.png"))
		out, err := exec.Command(zbar, "-q", "--raw", filepath.Join(dir, "qr.png")).Output()
		if err != nil {
			t.Fatalf("zbarimg: %v", err)
		}
		if got := strings.TrimSpace(string(out)); got != u {
			t.Errorf("decoded %q, want %q", got, u)
		}
	}
}

// writePNG paints the SVG's rows (a line from M x y.5 of length h, dashed
// with the runs of stroke-dasharray) into a PNG, 8 pixels a module, as a
// browser would.
func writePNG(t *testing.T, svg, name string) {
	t.Helper()
	var n int
	if _, err := fmt.Sscanf(svg[strings.Index(svg, "viewBox=")+len(`viewBox="0 0 `):], "%d", &n); err != nil {
		t.Fatal(err)
	}
	const px = 8
	img := image.NewGray(image.Rect(0, 0, n*px, n*px))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	rows := regexp.MustCompile(`<path d="M(\d+) (\d+)\.5h(\d+)" stroke-dasharray="([\d ]+)"/>`).FindAllStringSubmatch(svg, -1)
	if len(rows) < 21 {
		t.Fatalf("%d rows in %s", len(rows), svg)
	}
	for _, r := range rows {
		x, _ := strconv.Atoi(r[1])
		y, _ := strconv.Atoi(r[2])
		length, _ := strconv.Atoi(r[3])
		end := x + length
		dark := true
		for _, f := range strings.Fields(r[4]) {
			w, _ := strconv.Atoi(f)
			if dark {
				for yy := y * px; yy < (y+1)*px; yy++ {
					for xx := x * px; xx < (x+w)*px; xx++ {
						img.SetGray(xx, yy, color.Gray{})
					}
				}
			}
			x += w
			dark = !dark
		}
		if x != end {
			t.Fatalf("row %d: runs add up to %d, the line ends at %d", y, x, end)
		}
	}
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

func TestAddress(t *testing.T) {
	if got := Address("https://example.org/neighborhoods/北京居民区/"); got != "https://example.org/neighborhoods/%E5%8C%97%E4%BA%AC%E5%B1%85%E6%B0%91%E5%8C%BA/" {
		t.Errorf("Address = %s", got)
	}
}

func TestSVGShape(t *testing.T) {
	svg, err := SVG("https://example.org/stories/a/", `a "b" <c>`)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(svg, `<svg class="qr" viewBox="0 0 37 37" role="img" aria-label="a &quot;b&quot; &lt;c&gt;"`) {
		t.Errorf("svg = %.200s", svg)
	}
}

func BenchmarkSVG(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		if _, err := SVG("https://bench.example.org/stories/story-"+strings.Repeat("0", 5)+"/", "QR"); err != nil {
			b.Fatal(err)
		}
	}
}
