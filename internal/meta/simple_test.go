package meta

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// simpleSeeds are front matter in and just outside decodeSimpleYAML's
// subset.
var simpleSeeds = []string{
	"title: 合成故事第1篇：居民们在楼道里摆上了花草\ndate: 2019-03-04\nyear: 2019\nleads: [张芳]\nneighborhood: 示例一居民区\nproject: 合成项目1\ntrack: 疫后修复\naward: 优秀奖\ntags: [楼组, 绿化]\nmetrics:\n  participants: 100\n  funding: 2000\n  volunteers: 3\n  activities: 4\n",
	"title: 「“老字号”的前世今生」\nleads: [马婷婷, 李凯]\nsummary: 海防村居民区联席会议始于2008年，每月25日开会。\nmetrics:\n  young_share: 66.7\nparams:\n  summary_en: \"Haifangcun's joint meeting has met since 2008; in 2020 it added salons.\"\n",
	"# 故事标题（必填）\ntitle: \"标题\"\n# 发布日期\ndate: 2021-01-18\nleads: []\nneighborhood: \"\"\ntags: []\n# cover: cover.jpg\ndraft: true\nweight: 0\nmetrics:\n  # 参与人次\n  # participants: 0\n# 其他\nparams: {}\n",
	"a:\nb: 1\n", "a:\n", "a:", "a:   \nb: 1", "a:\n  # c\nb: 1\n", "a:\n  x: 1\n  y:\nb: [a, 'b', \"c\"]\n",
	"m:\n  x:\n", "a: {}\nb: [ ]\nc: { }\n", "a: 社区 [x] {y}, z\n", "a: [社区,  花园 , x]\n", "# c\n\nt: 1\n",
	"a: 2021-02-30\nb: 2021-01-01\nc: 0123\nd: 1.50\ne: 12345678901234567890\nf: 01.5\ng: 0\nh: 007\n",
	"a: true\nb: False\nc: ~\nd: null\ne: yes\nf: on\ng: NULL\nh: Null\ni: TRUE\nj: trueish\n",
	"a: [true, 1, 1.5, 2021-01-01, ~, x y, '', \"\"]\n", "a: [a,,b]\nb: [a,]\n", "a: [a\nb: 1\n", "a: b: c\n", "a: b:\n",
	"a: b #c\n", "a: b # c #d\n", "a: 'b' #c\n", "a: [b] #c\n", "a: [b] #c]\n", "a: 'b'#c\n", "a: # c\n", "a: C#\n", "a: 'it''s'\n", "a: \"x\\ty\"\n", "a:b\n", "a : b\n", "-a: 1\n", "a: -1\n", "a: .5\n", "a: +1\n",
	"a: x\n  y\n", "a: x\n\n  y\n", "a: x\n  # c\n", "a:\n  b: 1\n c: 2\n", "a:\n  b: 1\n    c: 2\n", "a:\n  b:\n    c: 1\n",
	"a:\n  b: 1\n# c\n  c: 2\n", "a:\n  b: 1\n  b: 2\n", "a: 1\na: 2\n", "a: 1\n---\nb: 2\n", "---\na: 1\n", "a: 1\n...\n",
	"a: \"x\" y\n", "a: [\"x\" y]\n", "a: [x, \"y\"]\n", "a: [x]]\n", "a: [[x]]\n", "a: {b: 1}\n", "a: {}\n  b: 1\n",
	"a: 1\n  b: 2\n", "  a: 1\n", "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: |\n  x\n", "a: >\n  x\n", "? a\n: 1\n",
	"a: \u00a0x\n", "a: x\u2028y\n", "a: \ufeffx\n", "a: \u0085\n", "a: x\x7f\n", "a: 2021-1-1\n", "a: 9999-12-31\n", "a: 0000-01-01\n",
	"a: 123456789012345678\nb: 1234567890123456789\n", "a: 1.5.5\n", "a: 1e5\n", "a: 1_000\n", "a: 0x1F\n", "a: 0o17\n",
	"a: [x,y]\nb: [ x , y ]\nc: [x ,y]\n", "0: [园?]\n", "a: [x?y]\n", "a: 园?\n", "a: [x:y]\nb: [x: y]\n", "a: x\tb\n", "\ta: 1\n", "a: 1\r\nb: 2\r\n",
	"a: 2020-02-29\nb: 2000-02-29\nc: 0000-02-29\nd: 2021-12-31\ne: 2021-04-30\nf: 0001-01-01\n",
	"a: 2019-02-29\n", "a: 1900-02-29\n", "a: 2021-00-10\n", "a: 2021-13-01\n", "a: 2021-04-31\n", "a: 2021-12-00\n", "a: 2021-1a-01\n", "a: 202a-01-01\n",
	"", "\n\n", "# only\n", "true: 1\n1: 2\nnull: 3\n", "a-b_c: 1\n", "a: 1 \nb: x  \n", "a:  x\n",
}

func TestSimpleYAML(t *testing.T) {
	simple := 0
	for _, s := range simpleSeeds {
		if checkSimpleYAML(t, s) {
			simple++
		}
	}
	if simple < 20 {
		t.Errorf("only %d seeds took the simple path", simple)
	}
	// Trailing comments, as the shared benchmark's corpus writes titles.
	for _, s := range []string{"title: 夜校重新亮灯：记录与反思 #1\nleads: [董思, 钟华] # 两位\nsummary: '社区' # 摘要\nmetrics:\n  funding: 150000  # 约数\n"} {
		if !checkSimpleYAML(t, s) {
			t.Errorf("%q did not take the simple path", s)
		}
	}
	huge := "a: [" + strings.Repeat("x, ", maxSimpleNodes) + "x]\n"
	if _, ok := decodeSimpleYAML([]byte(huge), 1); ok {
		t.Errorf("%d list items took the simple path", maxSimpleNodes+1)
	}
}

// TestSimpleYAMLRandom compares decodeSimpleYAML with yaml.v3 on random
// documents made of the subset's pieces and of near misses.
func TestSimpleYAMLRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pick := func(list ...string) string { return list[r.IntN(len(list))] }
	// odd picks from near, one time in odds, else from good
	mix := func(odds int, good, near []string) string {
		if r.IntN(odds) == 0 {
			return pick(near...)
		}
		return pick(good...)
	}
	good := []string{"社区", "社区 花园", "x", "x y", "Hello, world", "a:b", "C#", "it's", "[x] {y}", "0", "1", "1.5", "01.5",
		"123456789012345678", "2021-01-18", "2020-02-29", "2019-02-29", "1900-02-29", "2021-04-31", "2021-00-01", "true", "False", "~", "null", "yes", "on", "'a'", "''", "\"a\"", "\"\"", "\"a # b\"",
		"'x: y'", "「标题」", "“引号”", "x\u00a0y", "x #c", "夜校重新亮灯：记录与反思 #1", "x # c: d", "'a' # c", "\"a\" #c", "[a, b] # c", "[a] #", "x  # c # d",
		"{}", "{ }", "[]", "[ ]"}
	near := []string{"007", "1.", "12345678901234567890", "-1", "+1", ".5", "1e5", "1_000", "2021-02-30", "2021-1-1", "'it''s'",
		"\"a\\\"b\"", "x?", "园?y", "x#c", "'a'#c", "[a]#c", "# c", "'a' x #c", "x:", "|", ">", "&a x", "*a", "!!str x", "-", "- x", "?", "@x", "`x`", "%x", "{a: 1}"}
	value := func() string {
		switch r.IntN(4) {
		case 0:
			items := make([]string, r.IntN(4))
			for i := range items {
				items[i] = pick("", " ", "  ") + mix(10, good[:len(good)-4], near) + pick("", "", " ")
			}
			return "[" + strings.Join(items, mix(10, []string{",", ", "}, []string{" ,", ",,"})) + mix(10, []string{"]", "] "}, []string{"], x", ""})
		case 1:
			return ""
		}
		return mix(10, good, near) + pick("", "", " ", "  ")
	}
	line := func() string {
		switch r.IntN(10) {
		case 0:
			return pick("", " ", "  ", "    ") + "# 注释" + pick("", " x: 1")
		case 1:
			return pick("", "  ")
		}
		ind := mix(10, []string{"", "", "", "  "}, []string{" ", "    "})
		key := mix(10, []string{"a", "b", "title", "x-y", "k_1", "1", "true", "null", "c", "d", "e", "f"}, []string{"-a", "a b", "a.b"})
		return ind + key + mix(10, []string{":", ": ", ":  "}, []string{" :"}) + value()
	}
	simple := 0
	for i := 0; i < 50000; i++ {
		var b strings.Builder
		for n := r.IntN(8); n >= 0; n-- {
			b.WriteString(line() + "\n")
		}
		doc := b.String()
		if r.IntN(5) == 0 {
			doc = strings.TrimSuffix(doc, "\n")
		}
		if checkSimpleYAML(t, doc) {
			simple++
		}
	}
	if simple < 2500 {
		t.Errorf("only %d documents took the simple path", simple)
	}
}

// FuzzSimpleYAML: whatever decodeSimpleYAML accepts, yaml.v3 decodes to the
// same tree.
func FuzzSimpleYAML(f *testing.F) {
	for _, s := range simpleSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkSimpleYAML(t, s) })
}

// checkSimpleYAML compares decodeSimpleYAML with yaml.v3 on s and reports
// whether s took the simple path.
func checkSimpleYAML(t *testing.T, s string) bool {
	t.Helper()
	got, ok := decodeSimpleYAML([]byte(s), 3)
	if !ok {
		return false
	}
	want, err := decodeYAMLv3([]byte(s), 3)
	if err != nil {
		t.Fatalf("%q: simple path decoded what yaml.v3 refuses: %v", s, err)
	}
	if g, w := dumpNode(got), dumpNode(want); g != w {
		t.Fatalf("%q:\nsimple  %s\nyaml.v3 %s", s, g, w)
	}
	return true
}

// dumpNode prints every field of a tree, NaN included.
func dumpNode(n *Node) string {
	if n == nil {
		return "nil"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "{%v %q %v %v %d:%d", n.Kind, n.Str, n.Num, n.Bool, n.Line, n.Col)
	if n.List != nil {
		b.WriteString(" [")
		for _, e := range n.List {
			b.WriteString(dumpNode(e))
		}
		b.WriteString("]")
	}
	if n.Map != nil {
		b.WriteString(" {")
		for _, p := range n.Map {
			fmt.Fprintf(&b, "%q %d:%d %s,", p.Key, p.Line, p.Col, dumpNode(p.Value))
		}
		b.WriteString("}")
	}
	b.WriteString("}")
	return b.String()
}
