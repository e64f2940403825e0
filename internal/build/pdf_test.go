package build

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestReportPDF builds the example site with PDF set and opens the printed
// report: A4 pages, a cover with the title, the year and the publisher,
// running page numbers ("2 / 4") on every page after the cover, and no
// page but the last left nearly empty. The report page links to the file
// with a download name.
func TestReportPDF(t *testing.T) {
	dest := printedExample(t)
	data, err := os.ReadFile(filepath.Join(dest, "reports/2020/report.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	pages := bytes.Count(data, []byte("/Type /Page\n")) + bytes.Count(data, []byte("/Type /Page/")) + bytes.Count(data, []byte("/Type /Page "))
	if pages < 3 {
		t.Fatalf("the PDF has %d pages; want a cover and the report after it", pages)
	}
	if !bytes.Contains(data, []byte("/MediaBox [0 0 594.95996 841.91998]")) && !bytes.Contains(data, []byte("/MediaBox [0 0 595")) {
		t.Errorf("pages are not A4")
	}
	page := mustRead(t, filepath.Join(dest, "reports/2020/index.html"))
	if !strings.Contains(page, `href="/reports/2020/report.pdf" download="2020年度报告.pdf"`) {
		t.Error("the report page does not link to its PDF with a download name")
	}
	manifest := mustRead(t, filepath.Join(dest, ".showcase-files"))
	if !strings.Contains(manifest, "reports/2020/report.pdf\n") {
		t.Error("the manifest does not list the PDF: the next build would call it foreign")
	}

	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext not on PATH; CI must install it (apt-get install poppler-utils)")
		}
		t.Skip("pdftotext not on PATH: the text of the pages is not checked")
	}
	text := func(n int) string {
		out, err := exec.Command("pdftotext", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), "-layout", filepath.Join(dest, "reports/2020/report.pdf"), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	cover := text(1)
	for _, want := range []string{"2020年度社区微项目总结", "2020", "静安区江宁路街道办事处", "2021年1月18日"} {
		if !strings.Contains(cover, want) {
			t.Errorf("the cover lacks %q:\n%s", want, cover)
		}
	}
	if regexp.MustCompile(`\b1 ?/ ?` + strconv.Itoa(pages) + `\b`).MatchString(cover) {
		t.Errorf("the cover carries a page number:\n%s", cover)
	}
	sizes := make([]int, pages+1)
	for n := 2; n <= pages; n++ {
		p := text(n)
		if want := regexp.MustCompile(`\b` + strconv.Itoa(n) + ` ?/ ?` + strconv.Itoa(pages) + `\b`); !want.MatchString(p) {
			t.Errorf("page %d has no page number %d / %d:\n%s", n, n, pages, p)
		}
		if !strings.Contains(p, "「微项目」深耕四载") {
			t.Errorf("page %d has no running title", n)
		}
		sizes[n] = len([]rune(strings.Join(strings.Fields(p), "")))
	}
	// A page of the body holds some 600 to 900 characters; one with less
	// than a sixth of the fullest is a page a section was pushed off.
	most := 0
	for _, s := range sizes {
		most = max(most, s)
	}
	for n := 2; n < pages; n++ {
		if sizes[n] < most/6 {
			t.Errorf("page %d of %d is nearly empty (%d characters; the fullest has %d)", n, pages, sizes[n], most)
		}
	}
}
