package build

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestReportPDFForFiling opens the example's printed report as an archive
// or a printer would: the contents give each section's page, and each
// section is on that page (read back with pdftotext); every font is
// embedded as a font (pdffonts: no Type 3 glyph procedures); and the
// document information names the publisher as author, showcase as
// creator, and has a title and a subject (pdfinfo).
func TestReportPDFForFiling(t *testing.T) {
	dest := printedExample(t, "pdftotext", "pdffonts", "pdfinfo")
	file := filepath.Join(dest, "reports/2020/report.pdf")
	run := func(name string, args ...string) string {
		t.Helper()
		out, err := exec.Command(name, append(args, file)...).Output()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return string(out)
	}
	page := func(n int) string {
		t.Helper()
		out, err := exec.Command("pdftotext", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), "-layout", file, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}

	info := run("pdfinfo")
	pages := 0
	if m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(info); m != nil {
		pages, _ = strconv.Atoi(m[1])
	}
	for _, want := range []string{
		"Author:          静安区江宁路街道办事处",
		"Creator:         showcase",
		"Title:           「微项目」深耕四载——2020年度社区微项目总结",
		"Subject:         上海市静安区江宁路街道社区微项目大赛的故事与数字",
	} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}

	if fonts := run("pdffonts"); strings.Contains(fonts, "Type 3") || !strings.Contains(fonts, "CID TrueType") {
		t.Errorf("fonts are not embedded as fonts:\n%s", fonts)
	}

	// The contents, on the page after the cover: each entry's number is
	// the page its heading stands on.
	entry := regexp.MustCompile(`(?m)^\s*(回顾篇|成长篇|收获篇|展望篇|数字|本年度故事)\s+(\d+)\s*$`)
	toc := entry.FindAllStringSubmatch(page(2), -1)
	if len(toc) != 6 {
		t.Fatalf("the contents list %d entries with page numbers, want 6:\n%s", len(toc), page(2))
	}
	texts := make([]string, pages+1)
	for n := 1; n <= pages; n++ {
		texts[n] = page(n)
	}
	for _, e := range toc {
		n, _ := strconv.Atoi(e[2])
		if n < 2 || n > pages {
			t.Errorf("%s: page %d of %d", e[1], n, pages)
			continue
		}
		heading := regexp.MustCompile(`(?m)^\s*` + e[1] + `\s*$`)
		if !heading.MatchString(texts[n]) {
			on := 0
			for m := 2; m <= pages; m++ {
				if heading.MatchString(texts[m]) {
					on = m
				}
			}
			t.Errorf("the contents put %s on page %d; it is on page %d", e[1], n, on)
		}
	}
}
