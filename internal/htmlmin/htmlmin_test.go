package htmlmin

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	mhtml "github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
)

// newM is a minifier like build's (internal/build newMinifier).
func newM() *minify.M {
	m := minify.New()
	m.Add("text/html", Options())
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.Add("application/json", &json.Minifier{KeepNumbers: true})
	return m
}

// compare minifies src both ways. It reports whether htmlmin took src and
// fails the test if it did and the bytes differ from tdewolff's.
func compare(t testing.TB, m *minify.M, src string) bool {
	t.Helper()
	var want bytes.Buffer
	wantErr := m.Minify("text/html", &want, bytes.NewBufferString(src))
	in := []byte(src)
	var got bytes.Buffer
	got.WriteString("kept")
	ok := Minify(m, &got, in)
	if string(in) != src {
		t.Fatalf("Minify changed its input %q to %q", src, in)
	}
	if !ok {
		if got.String() != "kept" {
			t.Fatalf("Minify refused %q but left %q in w", src, got.String())
		}
		return false
	}
	if wantErr != nil {
		t.Fatalf("%q: tdewolff fails (%v), htmlmin wrote %q", src, wantErr, got.String()[4:])
	}
	if got.String()[4:] != want.String() {
		t.Fatalf("%q:\n htmlmin  %q\n tdewolff %q", src, got.String()[4:], want.String())
	}
	return true
}

// cases are taken by htmlmin and cover its branches.
var cases = []string{
	"",
	"plain text",
	"  lead and trail  ",
	"<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\n<title> 标题 &amp; 副题 </title></head><body>\n</body></html>\n",
	"<!DOCTYPE html>\n<p>a</p>",
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\">",
	"<meta name=\"keywords\" content=\"a, b, c\">",
	"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">",
	"<meta property=\"og:title\" content=\"他说&#34;好&#34;\">",
	"<p>段落一</p>\n<p>段落 <em>强调</em> 和 <strong>加粗</strong> 。</p>\n",
	"<ul>\n<li>一</li>\n<li><a href=\"/x/\">二</a> </li>\n</ul>",
	"<p>a <span></span> b <i></i></p>",
	"<pre><code class=\"language-go\">func main() {\n\tx  :=  1\n}\n</code></pre>\n<p>after</p>",
	"<p>&quot;quoted&quot; &#39;single&#39; &#43; &lt;tag&gt; &amp;amp; &amp; &copy; &#x4e2d; &#128512; &bogus;</p>",
	"<p>tabs\tand\r\nlines\n\n  spaces</p>",
	"<a href=\"HTTP://Example.org/\">x</a><a href=\"https://example.org/?a=1&amp;b=2\">y</a>",
	"<img src=\"/a.png\" alt=\"\" class=\"\" id=\"\" loading=\"lazy\"><br/><hr />",
	"<input type=\"checkbox\" checked=\"\" disabled=\"\"> <input type=\"text\" value=\"\">",
	"<input type=\"radio\" value=\"on\">",
	"<a id=\"x\" name=\"x\">same</a>",
	"<script>\n  var a = 1 ;\n  console.log( a );\n</script>",
	"<script src=\"/js/a.js\" charset=\"utf-8\" defer></script>",
	"<script type=\"text/javascript\">x = 1</script><script></script><style></style>",
	"<script type=\"application/ld+json\">{ \"a\" : 1 }</script>",
	"<script type=\"text/template\"> keep  this </script>",
	"<style>\n body { color : red ; }\n</style>",
	"<style media=\"all\" type=\"text/css\">p{}</style>",
	"<div style=\" color : red ; \">x</div><div style=\"\">y</div>",
	"<button type=\"submit\" onclick=\"javascript: go( 1 )\">go</button>",
	"<form method=\"GET\" action=\"\" enctype=\"application/x-www-form-urlencoded\"></form>",
	"<table><colgroup></colgroup><colgroup span=\"1\"><col span=\"2\"></colgroup><tr><td colspan=\"1\" rowspan=\"2\">c</td></tr></table>",
	"<select>\n<option value=\"1\">one</option>\n<option>two</option>\n</select>",
	"<!-- comment --><p>x</p><!--#include file=\"a\" --><!---->",
	"<p>before <!-- c --> after</p>",
	"<custom-el data-x=\"1\">c</custom-el> <x-y></x-y>",
	"<link rel=\"stylesheet\" type=\"text/css\" href=\"/s.css\"><link rel=\"alternate\" type=\"application/atom+xml\" href=\"/feed.xml\">",
	"<p>end with space </p> <p> start</p>",
	"<span>a </span> <span> b</span>",
	"<figure><img src=\"a.jpg\" alt=\"图\"><figcaption>说明 </figcaption></figure>",
	"<blockquote>\n<p>引用</p>\n</blockquote>\n",
	"<nav aria-label=\"分页\"><a href=\"/p/2/\" rel=\"next\">下一页 →</a></nav>",
	"<h2 id=\"标题\">标题 <a class=\"anchor\" href=\"#标题\">#</a></h2>",
	"<td align=\"right\">1,234</td>",
	"<time datetime=\" 2024-01-01 \">2024</time>",
	"<a href=\"  /padded/  \" title=\" t  \">p</a>",
}

// refused are left to tdewolff.
var refused = []string{
	"<svg viewBox=\"0 0 1 1\"><path d=\"M0 0\"/></svg>",
	"<p class='single'>x</p>",
	"<p class=unquoted>x</p>",
	"<P>upper</P>",
	"<p>a < b</p>",
	"<textarea> x </textarea>",
	"<iframe src=\"/x\"></iframe>",
	"<template><p>x</p></template>",
	"<!--[if IE]><p>x</p><![endif]-->",
	"<![CDATA[x]]>",
	"<?xml version=\"1.0\"?>",
	"<p>nul\x00</p>",
	"<script>if (a <!--b) {}</script>",
	"<script>document.write(\"</div>\")</script>",
	"<title>unclosed",
	"<p a = \"x\">x</p>",
	"<p a=\"x\"b=\"y\">x</p>",
	"</p >",
	"<script>var = ;</script>",
}

func TestCases(t *testing.T) {
	m := newM()
	for _, c := range cases {
		if !compare(t, m, c) {
			t.Errorf("htmlmin refused %q", c)
		}
	}
	for _, c := range refused {
		if compare(t, m, c) {
			t.Errorf("htmlmin took %q, which it should leave to tdewolff", c)
		}
	}
}

// TestURLScheme: with m.URL set, tdewolff drops a link's scheme when it
// matches the site's.
func TestURLScheme(t *testing.T) {
	m := newM()
	var err error
	if m.URL, err = url.Parse("https://example.org/"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"<a href=\"https://example.org/a\">a</a>", "<a href=\"http://x.org/\">b</a>"} {
		if !compare(t, m, c) {
			t.Errorf("htmlmin refused %q", c)
		}
	}
}

// TestRandom compares the two on documents made of the pieces htmlmin
// takes: tags block and inline, attributes, text with spaces, newlines
// and entities, pre, script, style, comments.
func TestRandom(t *testing.T) {
	m := newM()
	n := 20000
	if testing.Short() {
		n = 2000
	}
	r := rand.New(rand.NewPCG(7, 11))
	took := 0
	for i := 0; i < n; i++ {
		if compare(t, m, randomDoc(r)) {
			took++
		}
	}
	if took < n*9/10 {
		t.Errorf("htmlmin took only %d of %d random documents", took, n)
	}
}

var (
	randTags  = []string{"p", "div", "span", "a", "em", "strong", "code", "pre", "li", "ul", "h2", "td", "tr", "table", "section", "nav", "button", "label", "img", "br", "hr", "input", "select", "option", "i", "b", "x-card", "figure", "figcaption", "time", "meta", "link", "video", "canvas", "noscript", "colgroup"}
	randAttrs = []string{"class", "id", "href", "src", "title", "alt", "type", "name", "value", "checked", "disabled", "style", "data-x", "aria-label", "rel", "lang", "datetime", "width", "loading", "content", "property", "colspan", "span", "method", "action", "media", "onclick"}
	randVals  = []string{"", " ", "a", "a b", " pad ", "/x/", "HTTP://E.org/", "https://e.org/?a=1&amp;b=2", "&#34;q&#34;", "it&#39;s", "text", "TEXT", "submit", "get", "1", "one", "color:red", "x&amp;y", "中文 值", "all", "rect", "text/css", "&lt;&gt;", "data-y"}
	randTexts = []string{"中文", "text", " ", "  ", "\n", " \n ", "\t", "a b", "&amp;", "&quot;", "&#39;", "&#x27;", "&lt;", "&gt;", "&nbsp;", "&copy;", "&amp;amp;", "，", "1,234", "&", "&#", "&#128512;", "x  y", "\r\n"}
)

func randomDoc(r *rand.Rand) string {
	var b strings.Builder
	if r.IntN(4) == 0 {
		b.WriteString("<!doctype html>\n")
	}
	var open []string
	for n := r.IntN(40); n > 0; n-- {
		switch k := r.IntN(10); {
		case k < 3:
			for j := r.IntN(3) + 1; j > 0; j-- {
				b.WriteString(randTexts[r.IntN(len(randTexts))])
			}
		case k < 6:
			tag := randTags[r.IntN(len(randTags))]
			b.WriteString("<" + tag)
			for j := r.IntN(4); j > 0; j-- {
				sep := " "
				if r.IntN(8) == 0 {
					sep = "\n  "
				}
				b.WriteString(sep + randAttrs[r.IntN(len(randAttrs))])
				if r.IntN(5) != 0 {
					b.WriteString("=\"" + randVals[r.IntN(len(randVals))] + "\"")
				}
			}
			if r.IntN(10) == 0 {
				b.WriteString("/")
			}
			b.WriteString(">")
			open = append(open, tag)
		case k < 9:
			if len(open) > 0 {
				b.WriteString("</" + open[len(open)-1] + ">")
				open = open[:len(open)-1]
			}
		default:
			switch r.IntN(5) {
			case 0:
				b.WriteString("<!-- c" + randTexts[r.IntN(len(randTexts))] + " -->")
			case 1:
				b.WriteString("<script>var x = " + fmt.Sprint(r.IntN(100)) + " ;</script>")
			case 2:
				b.WriteString("<style> p { margin : 0 } </style>")
			case 3:
				b.WriteString("<title> " + randTexts[r.IntN(len(randTexts))] + " </title>")
			default:
				b.WriteString("<pre>  " + randTexts[r.IntN(len(randTexts))] + "\n  </pre>")
			}
		}
	}
	for len(open) > 0 && r.IntN(3) != 0 {
		b.WriteString("</" + open[len(open)-1] + ">")
		open = open[:len(open)-1]
	}
	return b.String()
}

// FuzzMinify: whatever htmlmin takes, it minifies as tdewolff does.
func FuzzMinify(f *testing.F) {
	for _, c := range cases {
		f.Add(c)
	}
	for _, c := range refused {
		f.Add(c)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 50; i++ {
		f.Add(randomDoc(r))
	}
	m := newM()
	f.Fuzz(func(t *testing.T, src string) {
		compare(t, m, src)
	})
}

func TestTraitTable(t *testing.T) {
	for _, tt := range []struct {
		m     map[mhtml.Hash]traits
		table *traitTable
	}{{tagMap, tagTraits}, {attrMap, attrTraits}} {
		for h, v := range tt.m {
			if got := tt.table.get(h); got != v {
				t.Errorf("%s: %d, want %d", h, got, v)
			}
		}
		for _, name := range []string{"", "x-card", "nosuchtag", "data-x"} {
			h := mhtml.ToHash([]byte(name))
			if got := tt.table.get(h); got != tt.m[h] {
				t.Errorf("%q: %d, want %d", name, got, tt.m[h])
			}
		}
	}
}

// TestNeedsText: the word-at-a-time scan answers as a byte loop does.
func TestNeedsText(t *testing.T) {
	slow := func(b []byte) bool {
		for i, c := range b {
			if c == '&' || c == 0 || c == '\t' || c == '\r' || c == '\f' {
				return true
			}
			if isSpace(c) && i+1 < len(b) && isSpace(b[i+1]) {
				return true
			}
		}
		return false
	}
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []byte("中文 \n\t\r\f&<a1'\"\x00\x7f\xff")
	for n := 0; n < 100000; n++ {
		b := make([]byte, r.IntN(40))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		if got, want := needsText(b), slow(b); got != want {
			t.Fatalf("needsText(%q) = %v, want %v", b, got, want)
		}
	}
}
