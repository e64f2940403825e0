package docx

import (
	"os"
	"path"
	"testing"
)

func TestDump(t *testing.T) {
	for _, n := range []string{"pandoc.docx", "libreoffice.docx", "lo-merged.docx"} {
		f, _ := os.Open("testdata/" + n)
		st, _ := f.Stat()
		d, err := Read(n, f, st.Size(), Limits{})
		if err != nil {
			t.Fatal(err)
		}
		md := Markdown(d, d.Body, MarkdownOptions{Picture: func(s string) string { return path.Base(s) }})
		t.Logf("=== %s dropped=%v media=%d unconv=%v\n%s", n, d.Dropped, len(d.Media), d.Unconvertible, md)
	}
}
