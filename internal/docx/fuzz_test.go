package docx

import (
	"bytes"
	"encoding/xml"
	"errors"
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

// FuzzBody: any document body is read without panicking, and what it
// becomes is Markdown the build's renderer takes.
func FuzzBody(f *testing.F) {
	for _, s := range []string{
		p("", r("x", "b"), r("y", "i")),
		li("1", "0", "a") + li("1", "3", "b") + li("1", "1", "c"),
		`<w:tbl><w:tr>` + tc(`<w:gridSpan w:val="99"/>`) + tc(`<w:vMerge/>`) + `</w:tr></w:tbl>`,
		p("", `<w:hyperlink w:anchor="x"><w:r><w:fldChar w:fldCharType="begin"/></w:r></w:hyperlink>`, `<w:bookmarkStart w:name="x"/>`),
		`<w:sdt><w:sdtContent>` + p("", `<w:r><w:footnoteReference w:id="9"/></w:r>`) + `</w:sdtContent></w:sdt>`,
	} {
		f.Add(s)
	}
	md := markdown.New(markdown.Options{})
	f.Fuzz(func(t *testing.T, body string) {
		if len(body) > 4000 {
			return
		}
		g := genDoc{body: body, numbering: `<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`}
		d, err := Read("f.docx", bytes.NewReader(g.bytes(t)), 0x7fffffff, Limits{})
		if err != nil {
			return
		}
		src := Markdown(d, d.Body, MarkdownOptions{Picture: func(s string) string { return "x.png" }})
		if _, err := md.Render([]byte(src)); err != nil {
			var le *markdown.LimitError
			if !errors.As(err, &le) {
				t.Fatalf("%q: %v", src, err)
			}
		}
	})
}
