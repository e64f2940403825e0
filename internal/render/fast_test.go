package render

import (
	"bytes"
	"html/template"
	"math/rand/v2"
	"strings"
	"testing"
)

// escapeContexts are html/template's contexts whose escapers storyPager
// copies, each with what should produce the same bytes.
var escapeContexts = []struct {
	name, tmpl string
	ours       func(*bytes.Buffer, string)
}{
	{"text", `<p>{{.}}</p>`, escapeText},
	{"attribute", `<p title="{{.}}"></p>`, escapeText},
	{"title", `<title>{{.}}</title>`, escapeText},
	{"url", `<a href="{{.}}"></a>`, escapeURL},
}

// checkEscapers compares our escapers with html/template's on s.
func checkEscapers(t *testing.T, s string) {
	t.Helper()
	for _, c := range escapeContexts {
		tpl := template.Must(template.New("").Parse(c.tmpl))
		var want bytes.Buffer
		if err := tpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		prefix, suffix, _ := strings.Cut(c.tmpl, "{{.}}")
		var got bytes.Buffer
		got.WriteString(prefix)
		c.ours(&got, s)
		got.WriteString(suffix)
		if got.String() != want.String() {
			t.Errorf("%s of %q:\n got %q\nwant %q", c.name, s, got.String(), want.String())
		}
	}
}

// TestEscapersAgree: storyPager's escapers write what html/template's do.
func TestEscapersAgree(t *testing.T) {
	for _, s := range []string{
		"", "plain", "北京居民区", `<script>alert('x')</script>`, `"quoted" & 'single' + plus`,
		"nul\x00byte", "bad \xff\xfe utf-8", "javascript:alert(1)", "JavaScript:x", "mailto:a@b.c",
		"https://example.org/a b?c=d&e=f#g", "/stories/甲 乙/", "%41%4g%", "%", "a%4", "/x/%E5%8C%97/",
		"data:text/html,x", "/a:b", "a/b:c", "HTTP://X", "\uFDD0\uFFFE", "(paren) [bracket] {brace} `tick` \\",
	} {
		checkEscapers(t, s)
	}
	alphabet := []string{"a", "Z", "0", " ", "<", ">", "&", "\"", "'", "+", "%", "/", ":", "?", "#", "=", "\x00", "\xff", "北", "é", "\t", "\n", "http", "javascript", "2", "f", "(", "~", "\uFFFD"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		checkEscapers(t, b.String())
	}
}

func FuzzEscapers(f *testing.F) {
	for _, s := range []string{"<a href='x'>", "javascript:1", "%zz%41", "北京 居民区", "\x00\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkEscapers(t, s) })
}
