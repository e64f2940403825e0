package markdown

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func render(t testing.TB, opts Options, src string) Result {
	t.Helper()
	res, err := New(opts).Render([]byte(src))
	if err != nil {
		t.Fatalf("Render(%q): %v", src, err)
	}
	return res
}

func TestRenderHTML(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		src  string
		want string
	}{
		// GFM and footnotes
		{"table", Options{}, "| 指标 | 数 |\n| --- | ---: |\n| 人次 | 320 |",
			"<table>\n<thead>\n<tr>\n<th>指标</th>\n<th style=\"text-align:right\">数</th>\n</tr>\n</thead>\n" +
				"<tbody>\n<tr>\n<td>人次</td>\n<td style=\"text-align:right\">320</td>\n</tr>\n</tbody>\n</table>\n"},
		{"strikethrough", Options{}, "~~旧~~新", "<p><del>旧</del>新</p>\n"},
		{"task list", Options{}, "- [x] 完成\n- [ ] 待办",
			"<ul>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> 完成</li>\n" +
				"<li><input disabled=\"\" type=\"checkbox\"> 待办</li>\n</ul>\n"},
		{"linkify after space", Options{}, "see https://example.org/a and www.example.org.",
			`<p>see <a href="https://example.org/a">https://example.org/a</a> and <a href="http://www.example.org">www.example.org</a>.</p>` + "\n"},
		{"linkify after Chinese", Options{}, "详见https://example.org/a。网址：www.example.org，好",
			`<p>详见<a href="https://example.org/a">https://example.org/a</a>。网址：<a href="http://www.example.org">www.example.org</a>，好</p>` + "\n"},
		{"no linkify after Latin", Options{}, "abchttps://example.org", "<p>abchttps://example.org</p>\n"},
		{"no linkify inside link text", Options{}, "[详见https://a.org](https://b.org)",
			`<p><a href="https://b.org">详见https://a.org</a></p>` + "\n"},
		{"footnote", Options{}, "文字[^1]\n\n[^1]: 注释",
			`<p>文字<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup></p>` + "\n" +
				"<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n<li id=\"fn:1\">\n" +
				`<p>注释&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p>` +
				"\n</li>\n</ol>\n</div>\n"},

		// soft line breaks
		{"Chinese/Chinese", Options{}, "社区\n花园", "<p>社区花园</p>\n"},
		{"Chinese/full-width comma", Options{}, "社区\n，花园", "<p>社区，花园</p>\n"},
		{"full-width comma/Chinese", Options{}, "你好，\n世界", "<p>你好，世界</p>\n"},
		{"corner bracket/Chinese", Options{}, "他说\n「好」", "<p>他说「好」</p>\n"},
		{"Latin/Latin", Options{}, "hello\nworld", "<p>hello\nworld</p>\n"},
		{"ASCII comma/Latin", Options{}, "Hello,\nworld", "<p>Hello,\nworld</p>\n"},
		{"Latin before code span", Options{}, "enforced in\n`file`", "<p>enforced in\n<code>file</code></p>\n"},
		{"Latin before link", Options{}, "see\n[docs](d)", "<p>see\n<a href=\"d\">docs</a></p>\n"},
		{"Latin before emphasis", Options{}, "very\n*good*", "<p>very\n<em>good</em></p>\n"},
		{"Latin before strong", Options{}, "very\n**good**", "<p>very\n<strong>good</strong></p>\n"},
		{"Latin after strong", Options{}, "**very**\ngood", "<p><strong>very</strong>\ngood</p>\n"},
		{"Chinese before link", Options{}, "中文\n[链接](u)", "<p>中文<a href=\"u\">链接</a></p>\n"},
		{"Chinese before code span", Options{}, "中文\n`代码`", "<p>中文<code>代码</code></p>\n"},
		{"Chinese after strong", Options{}, "**强**\n次", "<p><strong>强</strong>次</p>\n"},
		{"Chinese after link", Options{}, "[链接](u)\n中文", "<p><a href=\"u\">链接</a>中文</p>\n"},
		{"break inside link", Options{}, "[社区\n花园](u)", "<p><a href=\"u\">社区花园</a></p>\n"},
		{"Chinese/Latin", Options{}, "中文\nEnglish", "<p>中文\nEnglish</p>\n"},
		{"Latin/Chinese", Options{}, "English\n中文", "<p>English\n中文</p>\n"},
		{"Chinese/curly quote", Options{}, "他说\n“你好”", "<p>他说“你好”</p>\n"},
		{"Hangul keeps", Options{}, "한국어\n문장", "<p>한국어\n문장</p>\n"},
		{"Chinese/emoji", Options{}, "社区\n😀花园", "<p>社区😀花园</p>\n"},
		{"emoji/Chinese", Options{}, "好😀\n花园", "<p>好😀花园</p>\n"},
		{"emoji with selector/Chinese", Options{}, "爱❤️\n花园", "<p>爱❤️花园</p>\n"},
		{"Latin/emoji", Options{}, "good\n😀", "<p>good\n😀</p>\n"},
		{"nested image alt", Options{}, "![图 ![花园](a.png)](b.png)", "<p><img src=\"b.png\" alt=\"图 花园\"></p>\n"},
		{"before image kept", Options{}, "图\n![x](a.png)", "<p>图\n<img src=\"a.png\" alt=\"x\"></p>\n"},
		{"hard break spaces", Options{}, "社区  \n花园", "<p>社区<br>\n花园</p>\n"},
		{"hard break backslash", Options{}, "社区\\\n花园", "<p>社区<br>\n花园</p>\n"},
		{"CRLF", Options{}, "社区\r\n花园\r\nand\r\nmore", "<p>社区花园\nand\nmore</p>\n"},

		// raw HTML
		{"HTML block escaped", Options{}, "<div class=\"x\">\n<script>alert(1)</script>\n</div>\n\n后文",
			"<p>&lt;div class=&quot;x&quot;&gt;\n&lt;script&gt;alert(1)&lt;/script&gt;\n&lt;/div&gt;</p>\n<p>后文</p>\n"},
		{"script block escaped", Options{}, "<script>\nalert(1)\n</script>",
			"<p>&lt;script&gt;\nalert(1)\n&lt;/script&gt;</p>\n"},
		{"comment block escaped", Options{}, "<!-- 注释 -->", "<p>&lt;!-- 注释 --&gt;</p>\n"},
		{"inline HTML escaped", Options{}, "文字<b onclick=\"x\">粗</b>体",
			"<p>文字&lt;b onclick=&quot;x&quot;&gt;粗&lt;/b&gt;体</p>\n"},
		{"HTML block unsafe", Options{UnsafeHTML: true}, "<div class=\"x\">\n<b>hi</b>\n</div>\n",
			"<div class=\"x\">\n<b>hi</b>\n</div>\n"},
		{"script block unsafe", Options{UnsafeHTML: true}, "<script>\nalert(1)\n</script>\n",
			"<script>\nalert(1)\n</script>\n"},
		{"inline HTML unsafe", Options{UnsafeHTML: true}, "文字<b>粗</b>体", "<p>文字<b>粗</b>体</p>\n"},
		{"entities stay text", Options{}, "a &amp; b &lt;c&gt; &#x4E2D;", "<p>a &amp; b &lt;c&gt; 中</p>\n"},

		// URLs
		{"javascript link", Options{}, "[点我](javascript:alert(1))", "<p><a>点我</a></p>\n"},
		{"javascript link unsafe", Options{UnsafeHTML: true}, "[点我](JavaScript:alert(1))", "<p><a>点我</a></p>\n"},
		{"javascript entity", Options{UnsafeHTML: true}, "[x](javascript&#58;alert(1))", "<p><a>x</a></p>\n"},
		{"double entity stays text", Options{}, "[x](&amp;#x6A;avascript:alert(1))",
			"<p><a href=\"&amp;#x6A;avascript:alert(1)\">x</a></p>\n"},
		{"vbscript link", Options{}, "[x](vbscript:msgbox)", "<p><a>x</a></p>\n"},
		{"file link", Options{}, "[x](file:///etc/passwd)", "<p><a>x</a></p>\n"},
		{"javascript autolink", Options{UnsafeHTML: true}, "<javascript:alert(1)>", "<p><a>javascript:alert(1)</a></p>\n"},
		{"javascript reference", Options{}, "[x][r]\n\n[r]: javascript:alert(1)", "<p><a>x</a></p>\n"},
		{"data link", Options{}, "[x](data:image/png;base64,AAAA)", "<p><a>x</a></p>\n"},
		{"data png image", Options{}, "![x](data:image/png;base64,AAAA)",
			"<p><img src=\"data:image/png;base64,AAAA\" alt=\"x\"></p>\n"},
		{"data svg image", Options{UnsafeHTML: true}, "![x](data:image/svg+xml;base64,AAAA)", "<p><img alt=\"x\"></p>\n"},
		{"data html image", Options{}, "![x](data:text/html,hi)", "<p><img alt=\"x\"></p>\n"},
		{"javascript image", Options{}, "![x](javascript:alert(1))", "<p><img alt=\"x\"></p>\n"},
		{"tab in scheme", Options{}, "[x](<java\tscript:x>)", "<p><a href=\"java%09script:x\">x</a></p>\n"},
		{"relative and query", Options{}, "[x](../故事/?a=1&b=2 \"标 题\")",
			"<p><a href=\"../%E6%95%85%E4%BA%8B/?a=1&amp;b=2\" title=\"标 题\">x</a></p>\n"},
		{"mailto autolink", Options{}, "<hi@example.org>", "<p><a href=\"mailto:hi@example.org\">hi@example.org</a></p>\n"},
		{"image alt plain", Options{}, "![图 *社区* `c`\n&amp;\n花园](a.png)", "<p><img src=\"a.png\" alt=\"图 社区 c &amp; 花园\"></p>\n"},
		{"image alt CJK break", Options{}, "![图 *社区*\n花园](a.png)", "<p><img src=\"a.png\" alt=\"图 社区花园\"></p>\n"},

		// headings
		{"Chinese heading id", Options{}, "# 社区花园", "<h1 id=\"社区花园\">社区花园</h1>\n"},
		{"custom id, other attributes dropped", Options{}, "## 标题 {#intro .red style=\"color:red\" onclick=\"x\"}",
			"<h2 id=\"intro\">标题</h2>\n"},
		{"custom id escaped", Options{}, "## 标题 {id=\"a&quot;b\"}", "<h2 id=\"a&amp;quot;b\">标题</h2>\n"},
		{"plain HTML5", Options{}, "a\n\n---\n\n![b](c)", "<p>a</p>\n<hr>\n<p><img src=\"c\" alt=\"b\"></p>\n"},
		{"byte-order mark", Options{}, "\uFEFF# 标题", "<h1 id=\"标题\">标题</h1>\n"},
		{"empty", Options{}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(render(t, tt.opts, tt.src).HTML)
			if got != tt.want {
				t.Errorf("Render(%q)\n got %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestTOC(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []Heading
	}{
		{"none", "段落", nil},
		{"Chinese kept, duplicates numbered", "# 社区花园\n\n## 社区花园\n\n### 社区花园",
			[]Heading{{1, "社区花园", "社区花园"}, {2, "社区花园-1", "社区花园"}, {3, "社区花园-2", "社区花园"}}},
		{"markup stripped", "## *强调* [链接](https://x.org) `code` &amp; \\*",
			[]Heading{{2, "强调-链接-code", "强调 链接 code & *"}}},
		{"Latin lowercased, punctuation one dash", "## Hello,  World! 2021",
			[]Heading{{2, "hello-world-2021", "Hello, World! 2021"}}},
		{"nothing to keep", "## ???\n\n## ！！",
			[]Heading{{2, "section", "???"}, {2, "section-1", "！！"}}},
		{"setext", "社区\n===\n\n花园\n---", []Heading{{1, "社区", "社区"}, {2, "花园", "花园"}}},
		{"custom id reserved before automatic ones", "# intro\n\n# 简介 {#intro}",
			[]Heading{{1, "intro-1", "intro"}, {1, "intro", "简介"}}},
		{"duplicate custom ids", "# 一 {#a}\n\n# 二 {#a}", []Heading{{1, "a", "一"}, {1, "a-1", "二"}}},
		{"custom Chinese id", "# 关于 {#关于我们}", []Heading{{1, "关于我们", "关于"}}},
		{"generated id avoids taken suffix", "# a-1\n\n# a\n\n# a", []Heading{{1, "a-1", "a-1"}, {1, "a", "a"}, {1, "a-2", "a"}}},
		{"in a list", "- ## 项", []Heading{{2, "项", "项"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := render(t, Options{}, tt.src)
			if !reflect.DeepEqual(res.TOC, tt.want) {
				t.Errorf("TOC = %+v, want %+v", res.TOC, tt.want)
			}
			for _, h := range res.TOC {
				if !strings.Contains(res.HTML, ` id="`+h.ID+`"`) {
					t.Errorf("HTML lacks id %q:\n%s", h.ID, res.HTML)
				}
			}
		})
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"社区花园", "社区花园"},
		{"Hello World", "hello-world"},
		{"  Hello -- World  ", "hello-world"},
		{"C++ & Go", "c-go"},
		{"2021年 社区花园", "2021年-社区花园"},
		{"社区·花园（二期）", "社区-花园-二期"},
		{"Ünïcode ÄÖ", "ünïcode-äö"},
		{"e\u0301t\u0301e\u0301", "e\u0301t\u0301e\u0301"}, // combining marks stay on their letters
		{"\u0301x", "x"},
		{"snake_case", "snake-case"},
		{"١٢٣ arabic digits", "١٢٣-arabic-digits"},
		{"😀 emoji", "emoji"},
		{"", "section"},
		{"——", "section"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := string(appendSlug(nil, []byte(tt.in))); got != tt.want {
				t.Errorf("slug(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestHeadingIDsImplementsParserIDs(t *testing.T) {
	ids := &headingIDs{}
	ids.Put([]byte("社区"))
	for _, want := range []string{"社区-1", "社区-2"} {
		if got := string(ids.Generate([]byte("社区"), 0)); got != want {
			t.Errorf("Generate = %q, want %q", got, want)
		}
	}
}

func TestSummary(t *testing.T) {
	long := strings.Repeat("社区花园", 40) // 160 runes, no punctuation
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"first paragraph", "# 标题\n\n第一段\n接着写。\n\n第二段", "第一段接着写。"},
		{"markup stripped", "这是**重点**和[链接](u)，`代码`与 &amp; <b>标签</b>。", "这是重点和链接，代码与 & 标签。"},
		{"image-only paragraph skipped", "![封面](c.jpg)\n\n正文开始", "正文开始"},
		{"inside a quote", "> 引用的话", "引用的话"},
		{"not from a list or table", "- 列表\n\n| a |\n| - |\n| b |", ""},
		{"not from footnotes", "标题行\n===\n\n[^1]: 脚注\n\n文[^1]", "文"},
		{"Latin soft break is a space", "hello\nworld", "hello world"},
		{"cut", long, strings.Repeat("社区花园", 30) + "…"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(t, Options{}, tt.src).Summary; got != tt.want {
				t.Errorf("Summary = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLinks(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []Link
	}{
		{"none", "文字", nil},
		{"link and image", "开头[链接](a.md)\n\n  ![图](图片/1.jpg)",
			[]Link{{"a.md", 1, 7, false}, {"图片/1.jpg", 3, 3, true}}},
		{"escapes resolved, not percent-encoded", `[x](a\_b&amp;c.md "t")`, []Link{{"a_b&c.md", 1, 1, false}}},
		{"reference link", "[x][r]\n\n[r]: /about/", []Link{{"/about/", 1, 1, false}}},
		{"autolinks", "<https://a.org> see www.b.org\n联系<hi@c.org>",
			[]Link{{"https://a.org", 1, 2, false}, {"http://www.b.org", 1, 21, false}, {"mailto:hi@c.org", 2, 8, false}}},
		{"CJK linkify", "前文\n详见https://a.org。", []Link{{"https://a.org", 2, 7, false}}},
		{"dangerous listed", "[x](javascript:alert(1))", []Link{{"javascript:alert(1)", 1, 1, false}}},
		{"inside table and list", "| [a](t) |\n| - |\n\n- ![b](l)", []Link{{"t", 1, 3, false}, {"l", 4, 3, true}}},
		{"footnote links last", "[^1] [a](1)\n\n[^1]: [b](2)\n\n[c](3)",
			[]Link{{"1", 1, 6, false}, {"3", 5, 1, false}, {"2", 3, 7, false}}},
		{"CRLF", "a\r\n[x](y)", []Link{{"y", 2, 1, false}}},
		{"byte-order mark counts", "\uFEFF[x](y)\n[z](w)", []Link{{"y", 1, 4, false}, {"w", 2, 1, false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(t, Options{}, tt.src).Links; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Links = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestCounts(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		chars   int
		minutes int
	}{
		{"empty", "", 0, 0},
		{"only markup", "---\n\n<div>x</div>", 0, 0},
		{"Chinese and Latin", "# 标题\n\n2021年社区花园 opened\n\n- 列表`code`", 2 + 1 + 5 + 1 + 2 + 1, 1},
		{"word split by soft break", "foo\nbar", 2, 1},
		{"word joined across emphasis", "foo**bar**", 1, 1},
		{"entities resolved", "AT&amp;T", 2, 1},
		{"code block and alt text not counted", "```\ncode here\n```\n\n![很多字](a.png)", 0, 0},
		{"400 characters is one minute", strings.Repeat("字", 400), 400, 1},
		{"401 characters is two", strings.Repeat("字", 401), 401, 2},
		{"words", strings.Repeat("word ", 201), 201, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := render(t, Options{}, tt.src)
			if res.Chars != tt.chars || res.ReadingMinutes != tt.minutes {
				t.Errorf("Chars, ReadingMinutes = %d, %d, want %d, %d", res.Chars, res.ReadingMinutes, tt.chars, tt.minutes)
			}
		})
	}
}

// TestConcurrentRender renders the same documents from many goroutines with
// one Renderer (run with -race): results must match sequential ones, so no
// state, heading IDs above all, leaks between renders.
func TestConcurrentRender(t *testing.T) {
	story, err := os.ReadFile(filepath.Join("testdata", "story.md"))
	if err != nil {
		t.Fatal(err)
	}
	docs := [][]byte{story, []byte("# 社区\n\n# 社区\n\n文[链](u)"), []byte("# 社区\n\n<b>x</b>")}
	r := New(Options{})
	want := make([]Result, len(docs))
	for i, d := range docs {
		if want[i], err = r.Render(d); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				for i, d := range docs {
					got, err := r.Render(d)
					if err != nil || !reflect.DeepEqual(got, want[i]) {
						t.Errorf("concurrent Render of doc %d differs (err %v)", i, err)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}

// TestGolden renders testdata/*.md and compares with the .html beside it;
// go test -update rewrites them.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	r := New(Options{})
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			res, err := r.Render(src)
			if err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(file, ".md") + ".html"
			if *update {
				if err := os.WriteFile(golden, []byte(res.HTML), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if res.HTML != string(want) {
				t.Errorf("%s differs from %s (go test -update rewrites it):\n%s", file, golden, res.HTML)
			}
		})
	}
}

func TestStoryResult(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "story.md"))
	if err != nil {
		t.Fatal(err)
	}
	res := render(t, Options{}, string(src))
	if len(res.TOC) != 7 || res.TOC[0] != (Heading{1, "楼道里长出的社区花园", "楼道里长出的社区花园"}) {
		t.Errorf("TOC = %+v", res.TOC)
	}
	wantSummary := "2021年春天，江宁路街道的一个老小区里，几位退休居民在楼道口的空地上种下了第一批月季。" +
		"谁也没有想到，这块不到二十平方米的角落，后来成了整个居民区最热闹的地方。" +
		"项目负责人王阿姨说：“一开始只是想让大家出门能看到一点绿色，后来发现…"
	if res.Summary != wantSummary {
		t.Errorf("Summary = %q", res.Summary)
	}
	if len(res.Links) != 6 || res.Links[1] != (Link{"garden.jpg", 23, 1, true}) {
		t.Errorf("Links = %+v", res.Links)
	}
	if res.ReadingMinutes != 4 {
		t.Errorf("ReadingMinutes = %d (Chars %d)", res.ReadingMinutes, res.Chars)
	}
}

func TestImageHookAndFigure(t *testing.T) {
	r := New(Options{})
	hook := func(dest, alt string) (string, bool) {
		if dest == "skip.jpg" {
			return "", false
		}
		return `<img src="/processed/` + dest + `" alt="` + alt + `" width="10" height="5">`, true
	}
	res, err := r.RenderWith(context.Background(), []byte("![花园](a.jpg \"说明\")\n\n文字 ![小图](b.jpg) 文字\n\n![原样](skip.jpg)\n\n![坏](javascript:alert(1))\n"), hook)
	if err != nil {
		t.Fatal(err)
	}
	want := `<figure><img src="/processed/a.jpg" alt="花园" width="10" height="5"><figcaption>说明</figcaption></figure>
<p>文字 <img src="/processed/b.jpg" alt="小图" width="10" height="5"> 文字</p>
<p><img src="skip.jpg" alt="原样"></p>
<p><img alt="坏"></p>
`
	if string(res.HTML) != want {
		t.Errorf("got\n%s\nwant\n%s", res.HTML, want)
	}
}

// TestFinish: Options.Finish is given the rendered HTML and writes the
// Result's; its error is RenderWith's.
func TestFinish(t *testing.T) {
	upper := New(Options{Finish: func(dst *strings.Builder, src *bytes.Buffer) error {
		dst.WriteString(strings.ToUpper(src.String()))
		return nil
	}})
	res, err := upper.Render([]byte("# 标题\n\nabc *d*"))
	if err != nil || res.HTML != strings.ToUpper(mustRender(t, "# 标题\n\nabc *d*")) {
		t.Errorf("Finish: %q, %v", res.HTML, err)
	}
	if len(res.TOC) != 1 || res.TOC[0].Text != "标题" {
		t.Errorf("TOC with Finish: %+v", res.TOC)
	}
	failing := New(Options{Finish: func(*strings.Builder, *bytes.Buffer) error { return errors.New("finish failed") }})
	if _, err := failing.Render([]byte("abc")); err == nil || err.Error() != "finish failed" {
		t.Errorf("Finish's error: %v", err)
	}
}

func mustRender(t *testing.T, src string) string {
	t.Helper()
	res, err := New(Options{}).Render([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return res.HTML
}
