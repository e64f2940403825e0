package markdown

import (
	"fmt"
	"testing"
)

func TestScratch(t *testing.T) {
	r := New(Options{})
	for _, s := range []string{
		"社区\n花园",
		"Hello,\nworld *em*\n中文 [链接](http://x)\n**强**\n次\n[](http://y) 访问https://example.org了解更多。",
		"enforced in\n`file` and\n[link](x) and\n*em* and\n**strong**",
		"中文\n[链接](a)",
		"# 社区花园\n\n## 社区花园\n\n## Hello World!\n\n## ???\n\n# 标题 {#custom .cls style=\"color:red\" onclick=\"x\"}\n\n# custom",
		"<div>\n<script>alert(1)</script>\n</div>\n\npara <b>x</b> <!-- c -->",
		"<script>\nalert(1)\n</script>\n",
		"[a](javascript:alert(1)) ![i](data:image/png;base64,xx) [d](data:image/png;base64,xx) <javascript:alert(1)> [t](<java\tscript:x>)",
		"![图 *x*](a.png \"t\")\n\n文字[^1]\n\n[^1]: 注释 <https://e.org> www.example.com\n",
		"| a | b |\n|---|:-:|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n~~del~~",
		"\ufeff# 标题\r\n\r\n第一段\r\n第二行 [链](u)\r\n",
		"网址：www.example.org。见https://example.org/a_(b)，好\n联系hello@example.org",
	} {
		res, err := r.Render([]byte(s))
		fmt.Printf("---\n%s\n%q\n%+v\n%q chars=%d min=%d\n", res.HTML, s, res.TOC, res.Summary, res.Chars, res.ReadingMinutes)
		fmt.Printf("%+v %v\n", res.Links, err)
	}
}
