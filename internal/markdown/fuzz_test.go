package markdown

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jiangninglu/showcase/internal/unitext"
)

func FuzzRender(f *testing.F) {
	for _, seed := range []string{
		"# 社区花园\n\n社区\n花园，**强**\n次 [链接](u) `code`\n",
		"<script>alert(1)</script>\n\n<SCRIPT>x</SCRIPT> <img src=x onerror=alert(1)>",
		"[x](javascript:alert(1)) ![y](data:text/html,<script>) <javascript:alert(1)>",
		"| a | b |\n| - | - |\n| 1 | 2 |\n\n- [x] 完成\n\n~~删~~ 文[^1]\n\n[^1]: 注 https://x.org",
		"## 标题 {#id .c onclick=\"alert(1)\"}\n\n## 标题\n\n详见https://example.org/a_(b)。www.x.org",
		"\uFEFF第一行\r\n第二行  \r\n第三行\\\r\n",
		"> 引用\n>\n> ```\n> <script>\n> ```\n",
		"[a]: <javascript&#58;x>\n\n[b][a] &#x3c;script&#x3e;",
		"这是**“引号”**后面，*注意：*请~~删除。~~然后\n羽︀**(はね)**“︁_Git_”︁ 葛󠄀__a__ 。︀*b*",
	} {
		f.Add(seed, false)
	}
	// Structure around the limits.
	for _, d := range []int{MaxNesting, MaxNesting + 1} {
		f.Add(strings.Repeat("- ", d)+"x\n", false)
		f.Add(strings.Repeat("> ", d)+"1. x\n", false)
		f.Add(strings.Repeat("[", 2*d)+"x"+strings.Repeat("](u)", 2*d)+"\n", false)
		f.Add(strings.Repeat("|a", 4*d)+"|\n"+strings.Repeat("|-", 4*d)+"|\n|b|\n", false)
	}
	// Lines that only look like code fences (issue 23).
	f.Add("> ```\n\n"+strings.Repeat("- ", MaxNesting+1)+"x\n", false)
	f.Add("    ```\n"+strings.Repeat("[", MaxBracketDepth+1)+"\n", false)
	f.Add("<div>\n```\n\n"+strings.Repeat("|a", MaxTableColumns+1)+"|\n"+strings.Repeat("|-", MaxTableColumns+1)+"|\n", false)
	f.Add("<div><script>x</script></div>", true)
	safe, unsafe := New(Options{}), New(Options{UnsafeHTML: true})
	f.Fuzz(func(t *testing.T, src string, unsafeHTML bool) {
		r := safe
		if unsafeHTML {
			r = unsafe
		}
		res, err := r.Render([]byte(src))
		var le *LimitError
		if errors.As(err, &le) {
			if le.Line < 1 || le.Line > strings.Count(src, "\n")+1 {
				t.Fatalf("limit error on line %d of a %d-line source", le.Line, strings.Count(src, "\n")+1)
			}
			return
		}
		if err != nil {
			t.Fatalf("Render: %v", err)
		}
		lower := []byte(strings.ToLower(res.HTML))
		if !unsafeHTML && bytes.Contains(lower, []byte("<script")) {
			t.Errorf("HTML has <script:\n%s", res.HTML)
		}
		for _, attr := range []string{`href="javascript:`, `src="javascript:`, `href="vbscript:`, `href="data:`} {
			if bytes.Contains(lower, []byte(attr)) {
				t.Errorf("HTML has %s:\n%s", attr, res.HTML)
			}
		}
		lines := strings.Count(src, "\n") + 1
		for _, l := range res.Links {
			if l.Line < 1 || l.Line > lines || l.Col < 1 {
				t.Errorf("link %+v outside the source (%d lines)", l, lines)
			}
		}
		ids := map[string]bool{}
		for _, h := range res.TOC {
			if h.ID == "" || ids[h.ID] {
				t.Errorf("heading ID %q empty or repeated in %+v", h.ID, res.TOC)
			}
			ids[h.ID] = true
		}
		if n := utf8.RuneCountInString(res.Summary); n > DefaultSummaryLen+1 {
			t.Errorf("Summary has %d runes", n)
		}
		if res.Chars > 0 && res.ReadingMinutes < 1 {
			t.Errorf("Chars %d, ReadingMinutes %d", res.Chars, res.ReadingMinutes)
		}
	})
}

func FuzzSummarize(f *testing.F) {
	f.Add("一二三四五六七八。一二三四五", 12)
	f.Add("hello wonderful world", 10)
	f.Add("家👩\u200d👧 e\u0301", 3)
	f.Add("  社区 \n\t花园  ", 1)
	f.Fuzz(func(t *testing.T, text string, max int) {
		max %= 300
		got := Summarize(text, max)
		whole := string(unitext.CollapseSpace([]byte(text)))
		switch {
		case max <= 0:
			if got != "" {
				t.Errorf("Summarize(%q, %d) = %q, want empty", text, max, got)
			}
		case utf8.RuneCountInString(whole) <= max:
			if got != whole {
				t.Errorf("Summarize(%q, %d) = %q, want it whole", text, max, got)
			}
		default:
			kept, ok := strings.CutSuffix(got, "…")
			if !ok || !strings.HasPrefix(whole, kept) || utf8.RuneCountInString(kept) > max {
				t.Errorf("Summarize(%q, %d) = %q: want at most %d runes of the text and …", text, max, got, max)
			}
		}
	})
}

func FuzzSlug(f *testing.F) {
	for _, s := range []string{"社区花园", "Hello, World!", "  --a--  ", "e\u0301", "😀", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got := string(appendSlug(nil, []byte(text)))
		if got == "" || strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") || strings.Contains(got, "--") {
			t.Errorf("slug(%q) = %q: empty, or a stray dash", text, got)
		}
		if strings.ContainsAny(got, " \t\n\"'<>&#%/?ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
			t.Errorf("slug(%q) = %q: space, markup, URL syntax or upper-case ASCII", text, got)
		}
		if utf8.ValidString(text) && !utf8.ValidString(got) {
			t.Errorf("slug(%q) = %q: invalid UTF-8", text, got)
		}
	})
}
