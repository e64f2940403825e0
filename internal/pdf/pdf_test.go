package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestFindChromeMissing: a browser that is not there is an error that says
// how to install one, never a silent skip.
func TestFindChromeMissing(t *testing.T) {
	_, err := FindChrome("/no/such/chromium")
	var nc *NoChromeError
	if !errors.As(err, &nc) {
		t.Fatalf("err = %v, want a *NoChromeError", err)
	}
	for _, want := range []string{"--chrome /no/such/chromium", "apt-get install chromium", "https://www.google.com/chrome/", "--chrome PATH"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q:\n%s", want, err)
		}
	}
	t.Setenv("PATH", t.TempDir())
	if _, err := FindChrome(""); err == nil || !strings.Contains(err.Error(), "none of chromium, chromium-browser") {
		t.Errorf("with an empty PATH: %v", err)
	}
}

// TestDestName: Chromium names a destination by the link's fragment as
// the URL has it, escaped again as a PDF name.
func TestDestName(t *testing.T) {
	for in, want := range map[string]string{
		"#25e5#259b#259e#25e9#25a1#25be#25e7#25af#2587": "回顾篇",
		"report-figures": "report-figures",
		"a#2520b":        "a b",
	} {
		if got := destName([]byte(in)); got != want {
			t.Errorf("destName(%q) = %q, want %q", in, got, want)
		}
	}
}

// tinyPDF is a one-page PDF written the way Skia writes them: a classic
// cross-reference table, a catalogue with named destinations.
func tinyPDF() []byte {
	objs := []string{
		"<</Type /Catalog\n/Pages 2 0 R\n/Dests 4 0 R>>",
		"<</Type /Pages\n/Count 2\n/Kids [3 0 R 5 0 R]>>",
		"<</Type /Page\n/Parent 2 0 R>>",
		"<</report-stories [5 0 R /XYZ 0 800 0]\n/#25e5#259b#259e [3 0 R /XYZ 0 700 0]>>",
		"<</Type /Page\n/Parent 2 0 R>>",
		"<</Title (old)\n/Producer (Skia/PDF m156)>>",
	}
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	offs := []int{}
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d\n/Root 1 0 R\n/Info 6 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return []byte(b.String())
}

// TestDestPagesAndInfo reads the pages of named destinations back, and
// sets the document information by an incremental update that a second
// reading still understands.
func TestDestPagesAndInfo(t *testing.T) {
	data := tinyPDF()
	got, err := destPages(data)
	if err != nil {
		t.Fatal(err)
	}
	if got["report-stories"] != 2 || got["回"] != 1 || len(got) != 2 {
		t.Errorf("destPages = %v", got)
	}
	out, err := withInfo(data, Info{Title: "报告", Author: "街道办事处"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, data) {
		t.Error("the update changed the bytes before it")
	}
	s := string(out[len(data):])
	for _, want := range []string{"/Creator (showcase)", "/Author " + pdfString("街道办事处"), "/Title " + pdfString("报告"), "/Producer " + pdfString("Skia/PDF m156; showcase"), "/Prev ", "/Info 7 0 R", "/Size 8"} {
		if !strings.Contains(s, want) {
			t.Errorf("update lacks %q:\n%s", want, s)
		}
	}
	if again, err := destPages(out); err != nil || again["report-stories"] != 2 {
		t.Errorf("after the update: %v, %v", again, err)
	}
}
