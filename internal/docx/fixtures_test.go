package docx

import (
	"encoding/json"
	"os"
	"os/exec"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/jiangninglu/showcase/internal/markdown"
)

// The fixtures are Word files other programs wrote (testdata/gen.sh):
// pandoc's writer and LibreOffice's, from the same synthetic story, and
// LibreOffice's from an HTML page with merged cells. Each is read, and its
// Markdown rendered by the build's own renderer, and compared with what
// the document holds.

func readFixture(t *testing.T, name string) (*Document, string, markdown.Result) {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	d, err := Read(name, f, st.Size(), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	md := Markdown(d, d.Body, MarkdownOptions{Picture: func(s string) string { return path.Base(s) }})
	res, err := markdown.New(markdown.Options{}).Render([]byte(md))
	if err != nil {
		t.Fatal(err)
	}
	return d, md, res
}

func TestStoryFixtures(t *testing.T) {
	for _, name := range []string{"pandoc.docx", "libreoffice.docx"} {
		t.Run(name, func(t *testing.T) {
			d, md, res := readFixture(t, name)
			var heads []string
			for _, h := range res.TOC {
				heads = append(heads, strings.Repeat("#", h.Level)+" "+h.Text)
			}
			if want := []string{"## 项目缘起", "### 怎么做的", "## 成效与体会"}; !slices.Equal(heads, want) {
				t.Errorf("headings %q, want %q\n%s", heads, want, md)
			}
			first, ok := d.Body[0].(*Para)
			if !ok || !first.Title || PlainText(first.Inlines) != "楼道里的小花园" {
				t.Errorf("first block is not the Title 楼道里的小花园: %#v", d.Body[0])
			}
			html := res.HTML
			for _, want := range []string{
				"<strong>老旧小区</strong>", "<em>楼道</em>", "<del>删掉的话</del>",
				`<a href="https://www.jingan.gov.cn/">静安区政府网站</a>`,
				`<a href="#%E6%88%90%E6%95%88%E4%B8%8E%E4%BD%93%E4%BC%9A">后文</a>`, `<h2 id="成效与体会">`,
				"<li>召开居民会议</li>", "<li>楼组长走访</li>", `<ol start="5">`, "<li>第五步</li>", "<li>花盆 20 个</li>",
				"<blockquote>\n<p>居民说：花园让邻里更亲近。</p>",
				"<th>阶段</th>", "<td>2021年4月</td>", "<td>35</td>",
				`alt="居民在楼道里种花"`, "<figcaption>居民在楼道里种花</figcaption>",
				"数字来自居委会台账。", `<sup id="fnref:1"><a href="#fn:1"`,
			} {
				if !strings.Contains(html, want) {
					t.Errorf("HTML lacks %s\nMarkdown:\n%s\nHTML:\n%s", want, md, html)
				}
			}
			// pandoc's "**“重点”**" is bold around the quotes; LibreOffice's
			// "“**重点**”" inside them: both render.
			if !strings.Contains(html, "<strong>“重点”</strong>") && !strings.Contains(html, "“<strong>重点</strong>”") {
				t.Errorf("bold beside Chinese quotes did not render:\n%s", html)
			}
			if len(d.Media) != 1 {
				t.Errorf("%d pictures, want 1", len(d.Media))
			}
		})
	}
}

func TestMergedCellsFixture(t *testing.T) {
	_, md, res := readFixture(t, "lo-merged.docx")
	want := "| 阶段 | 内容 |  |\n| --- | --- | --- |\n| 筹备 | 走访 | 12 户 |\n|  | 问卷 | 35 份 |\n"
	if !strings.Contains(md, want) {
		t.Errorf("table:\n%s\nwant\n%s", md, want)
	}
	for _, w := range []string{`<ol start="3">`, "<li>第四步\n<ul>\n<li>细节一</li>", "<strong>粗体</strong>", "<em>斜体</em>", "<del>删除线</del>", `<a href="https://example.org/a">一个链接</a>`} {
		if !strings.Contains(res.HTML, w) {
			t.Errorf("HTML lacks %s:\n%s", w, res.HTML)
		}
	}
}

// TestPandocOracle reads each fixture with pandoc too and compares the
// headings, list items, table cells, links and notes both find.
func TestPandocOracle(t *testing.T) {
	if _, err := exec.LookPath("pandoc"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pandoc is not installed")
		}
		t.Skip("pandoc is not installed")
	}
	for _, name := range []string{"pandoc.docx", "libreoffice.docx", "lo-merged.docx"} {
		t.Run(name, func(t *testing.T) {
			out, err := exec.Command("pandoc", "-f", "docx", "-t", "json", "testdata/"+name).Output()
			if err != nil {
				t.Fatal(err)
			}
			var doc struct{ Blocks []any }
			if err := json.Unmarshal(out, &doc); err != nil {
				t.Fatal(err)
			}
			want := oracle(doc.Blocks)
			_, _, res := readFixture(t, name)
			var got facts
			for _, h := range res.TOC {
				got.headings = append(got.headings, h.Text)
			}
			for _, l := range res.Links {
				if !l.Image && strings.HasPrefix(l.Dest, "http") {
					got.links = append(got.links, l.Dest)
				}
			}
			// pandoc's headings start at h1 where ours start at h2; the
			// texts must match.
			if !slices.Equal(got.headings, want.headings) {
				t.Errorf("headings %q, pandoc finds %q", got.headings, want.headings)
			}
			if !slices.Equal(got.links, want.links) {
				t.Errorf("links %q, pandoc finds %q", got.links, want.links)
			}
			for _, s := range want.texts {
				if !strings.Contains(res.HTML, s) {
					t.Errorf("pandoc finds %q, our HTML lacks it:\n%s", s, res.HTML)
				}
			}
		})
	}
}

type facts struct {
	headings, links, texts []string
}

// oracle walks pandoc's JSON AST: headings (but the Title, which pandoc
// keeps as metadata), external links, and the text of list items, table
// cells and notes.
func oracle(blocks []any) facts {
	var f facts
	var inl func(v any) string
	inl = func(v any) string {
		var b strings.Builder
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				b.WriteString(inl(e))
			}
		case map[string]any:
			switch x["t"] {
			case "Str":
				b.WriteString(x["c"].(string))
			case "Space", "SoftBreak":
				b.WriteString(" ")
			case "Link":
				c := x["c"].([]any)
				if u := c[2].([]any)[0].(string); strings.HasPrefix(u, "http") {
					f.links = append(f.links, u)
				}
				b.WriteString(inl(c[1]))
			case "Note":
				for _, nb := range x["c"].([]any) {
					f.texts = append(f.texts, strings.TrimSpace(blockText(nb, inl)))
				}
			case "Emph", "Strong", "Strikeout", "Quoted", "Span":
				c := x["c"]
				if arr, ok := c.([]any); ok && len(arr) == 2 {
					if _, isAttr := arr[0].([]any); isAttr && x["t"] != "Emph" {
						c = arr[1]
					}
				}
				b.WriteString(inl(c))
			}
		}
		return b.String()
	}
	var walk func(bs []any, in string)
	walk = func(bs []any, in string) {
		for _, bv := range bs {
			b := bv.(map[string]any)
			switch b["t"] {
			case "Header":
				c := b["c"].([]any)
				f.headings = append(f.headings, strings.TrimSpace(inl(c[2])))
			case "Para", "Plain":
				s := strings.TrimSpace(inl(b["c"]))
				if in != "" && s != "" {
					f.texts = append(f.texts, s)
				}
			case "BulletList", "OrderedList":
				items := b["c"]
				if b["t"] == "OrderedList" {
					items = b["c"].([]any)[1]
				}
				for _, it := range items.([]any) {
					walk(it.([]any), "list")
				}
			case "BlockQuote", "Div":
				c := b["c"].([]any)
				if b["t"] == "Div" {
					c = c[1].([]any)
				}
				walk(c, in)
			case "Table":
				// pandoc 2.17: [attr, caption, colspecs, head, bodies, foot]
				c := b["c"].([]any)
				var cellsOf func(v any)
				cellsOf = func(v any) {
					switch x := v.(type) {
					case []any:
						for _, e := range x {
							cellsOf(e)
						}
					case map[string]any:
						if x["t"] == "Plain" || x["t"] == "Para" {
							if s := strings.TrimSpace(inl(x["c"])); s != "" {
								f.texts = append(f.texts, s)
							}
						}
					}
				}
				cellsOf(c[3:])
			}
		}
	}
	walk(blocks, "")
	return f
}

func blockText(v any, inl func(any) string) string {
	b, ok := v.(map[string]any)
	if !ok {
		return ""
	}
	if b["t"] == "Para" || b["t"] == "Plain" {
		return inl(b["c"])
	}
	return ""
}
