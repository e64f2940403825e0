package meta

import (
	"errors"
	"strings"
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
	// Nesting around the limit, in every format and TOML's every way.
	for _, d := range []int{MaxDepth - 2, MaxDepth + 1} {
		deep := func(open, mid, close string) string {
			return strings.Repeat(open, d) + mid + strings.Repeat(close, d)
		}
		for _, s := range []string{
			"+++\nx = " + deep("[", "", "]") + "\n+++\n",
			"+++\nx = " + deep("{a=", "1", "}") + "\n+++\n",
			"+++\nx = " + deep("[{a=", "1", "}]") + "\n+++\n",
			"+++\n" + strings.Repeat("a.", d) + "b = 1\n+++\n",
			"+++\n[" + strings.Repeat("a.", d) + "b]\nc = '[[{'\n+++\n",
			"+++\n[[" + strings.Repeat("a.", d/2) + "b]]\n" + strings.Repeat("c.", d/2) + "d = \"\"\"\n[[\"\"\"\n+++\n",
			"---toml\nx = [ # [[[\n" + deep("[", "1.5", "]") + "]\n---\n",
			"{\n\"x\": " + deep("[", "\"[[\\\"\"", "]") + "\n}\n\n",
			"---\nx: " + deep("[", "", "]") + "\n---\n",
			"---\n" + strings.Repeat("- ", d) + "x\n---\n",
		} {
			f.Add([]byte(s))
		}
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
