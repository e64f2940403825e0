package build

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/jiangninglu/showcase/internal/browsertest"
	"github.com/jiangninglu/showcase/internal/pdf"
)

// decodeQR reads every QR code on every page of a PDF: pdftoppm draws the
// pages, zbarimg reads them.
func decodeQR(t *testing.T, file string) []string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("pdftoppm", "-r", "150", "-gray", "-png", file, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
	var codes []string
	for _, p := range pages {
		out, err := exec.Command("zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable", p).Output()
		if err != nil && len(out) == 0 {
			continue // zbarimg exits 4 on a page without a code
		}
		for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if l != "" {
				codes = append(codes, l)
			}
		}
	}
	slices.Sort(codes)
	return codes
}

// TestPrintedQRCodes: every story in the printed report carries a QR code
// that decodes to the story's online address, and so does a story page
// printed from the browser.
func TestPrintedQRCodes(t *testing.T) {
	dest := printedExample(t, "pdftoppm", "zbarimg")
	// The report's stories, as its page links them.
	page := mustRead(t, filepath.Join(dest, "reports/2020/index.html"))
	var want []string
	for _, m := range regexp.MustCompile(`class="?story-title"? href="?(/stories/[^/"]+/)`).FindAllStringSubmatch(page, -1) {
		want = append(want, "https://example.org"+m[1])
	}
	slices.Sort(want)
	if len(want) < 4 {
		t.Fatalf("the report lists %d stories", len(want))
	}
	if got := decodeQR(t, filepath.Join(dest, "reports/2020/report.pdf")); !slices.Equal(got, want) {
		t.Errorf("the report's QR codes read\n%v\nwant the stories' addresses\n%v", got, want)
	}

	// A story page printed from the browser.
	out := filepath.Join(t.TempDir(), "story.pdf")
	err := pdf.Print(context.Background(), pdf.Options{Chrome: browsertest.Path, Dir: dest, BasePath: "/"}, []pdf.Job{{
		Page:  "/stories/high-heels/",
		Write: func(b []byte) error { return os.WriteFile(out, b, 0o644) },
	}})
	if err != nil {
		t.Fatal(err)
	}
	if got := decodeQR(t, out); !slices.Equal(got, []string{"https://example.org/stories/high-heels/"}) {
		t.Errorf("the printed story's QR codes read %v", got)
	}
}
