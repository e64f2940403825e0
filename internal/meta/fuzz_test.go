package meta

import (
	"errors"
	"testing"
)

// FuzzSplitDecode: splitting and decoding any file never panics, and a
// syntax error's position stays inside the file.
func FuzzSplitDecode(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: a\n---\nbody",
		"\ufeff---\r\ntitle: a\r\n---\r\n",
		"+++\ntitle = 'a'\n[metrics]\nx = 1\n+++\n",
		"{\n\"title\": \"a\"\n}\n\nbody",
		"{\n\"title\": \"a\"\n}\nbody",
		"---\na: &a [1,2]\nb: [*a,*a]\n---\n",
		"---\n\tx: 1\n---\n",
		"---\ntitle: [\n---\n",
		"---yaml\nx: 1\n---\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		src = Normalize(src)
		b, err := Split(src)
		if err != nil {
			if !errors.Is(err, ErrUnclosed) {
				t.Fatalf("Split: unexpected error kind: %v", err)
			}
			return
		}
		if b.Format == "" {
			return
		}
		lines := 1
		for _, c := range src {
			if c == '\n' {
				lines++
			}
		}
		n, err := Decode(b.Format, b.Data, b.Line)
		var se *SyntaxError
		if errors.As(err, &se) {
			if se.Line < 0 || se.Line > lines+1 {
				t.Fatalf("syntax error on line %d of a %d-line file", se.Line, lines)
			}
			return
		}
		if err == nil && n == nil {
			t.Fatal("nil node without error")
		}
	})
}
