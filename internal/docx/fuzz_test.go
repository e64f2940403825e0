package docx

import (
	"bytes"
	"encoding/xml"
	"html"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/jiangninglu/showcase/internal/markdown"
)

var tags = regexp.MustCompile(`<[^>]*>`)

// FuzzText: whatever a run of text holds, the story shows that text:
// Markdown's own characters in it are escaped, never markup.
func FuzzText(f *testing.F) {
	for _, s := range []string{"1. not a list", "# 标题", "*星* _下_ `代码` [链接](x) <b>", "a | b ~~c~~", "&amp; &#65;", "- item", "> 引用", "\\*", "www.example.com", "1) x", "+ y", "***", "[^1]", "![x](y)", "a  b", "=== ", "{#id}"} {
		f.Add(s)
	}
	md := markdown.New(markdown.Options{})
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || len(s) > 200 {
			return
		}
		for _, r := range s {
			if unicode.IsControl(r) || r == '\uFFFD' || !unicode.IsPrint(r) && r != ' ' {
				return
			}
		}
		var esc bytes.Buffer
		xml.EscapeText(&esc, []byte(s))
		g := genDoc{body: p("", r(esc.String()))}
		d, err := Read("f.docx", bytes.NewReader(g.bytes(t)), 0x7fffffff, Limits{})
		if err != nil {
			return // not XML text (encoding/xml refuses some runes)
		}
		src := Markdown(d, d.Body, MarkdownOptions{})
		res, err := md.Render([]byte(src))
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		got := strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(res.HTML, ""))), " ")
		want := strings.Join(strings.Fields(s), " ")
		if got != want {
			t.Errorf("text %q became Markdown %q and shows %q", s, src, got)
		}
	})
}
