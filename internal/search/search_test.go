package search_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jiangninglu/showcase/internal/build"
	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/publisher"
	"github.com/jiangninglu/showcase/internal/search"
	"github.com/jiangninglu/showcase/internal/site"
)

// exampleSite builds the repository's example site in memory and returns
// it as templates see it.
func exampleSite(t *testing.T) *site.Site {
	t.Helper()
	var s *site.Site
	_, err := build.Build(context.Background(), build.Options{
		Source: "../..", NoMinify: true,
		Now:     time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		Inspect: func(st *site.Site) diag.List { s = st; return nil },
	}, publisher.NewMemWriter())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func index(t testing.TB, s *site.Site) (map[string][]byte, *search.Reader) {
	t.Helper()
	files, err := search.Index(s)
	if err != nil {
		t.Fatal(err)
	}
	r, err := search.Open(loader(files))
	if err != nil {
		t.Fatal(err)
	}
	return files, r
}

func loader(files map[string][]byte) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		b, ok := files[search.Dir+name]
		if !ok {
			return nil, fmt.Errorf("no file %s", name)
		}
		return b, nil
	}
}

// TestExampleSite: the queries of issue 6 find the right story first.
func TestExampleSite(t *testing.T) {
	_, r := index(t, exampleSite(t))
	tests := []struct {
		query, first string
	}{
		{"高跟鞋", "stories/high-heels/"},
		{"联席会议", "stories/old-brand/"},
		{"夏敏", "stories/high-heels/"},
		{"严晴", "stories/disdain-chain/"},
		{"向容里", "stories/face-swiping/"},
		{"烘焙课", "stories/disdain-chain/"},
		{"人口普查", "stories/face-swiping/"},
		{"鄙视链", "stories/disdain-chain/"},
		{"刷脸", "stories/face-swiping/"},
		{"疫后修复", "stories/high-heels/"},
		{"sneakers", "stories/high-heels/"}, // in the English summary the theme shows
		{"SNEAK", "stories/high-heels/"},    // a prefix, any case
		{"wechat", "stories/old-brand/"},
		{"夏敏 高跟鞋", "stories/high-heels/"},
		{"鞋", "stories/high-heels/"},     // one character
		{"ｗｅｃｈａｔ", "stories/old-brand/"}, // full-width letters
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res, err := r.Search(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			if len(res) == 0 {
				t.Fatalf("%q found nothing", tt.query)
			}
			if res[0].URL != tt.first {
				t.Errorf("%q: first result %s (%s), want %s; all: %v", tt.query, res[0].URL, res[0].Title, tt.first, urls(res))
			}
		})
	}
	for _, q := range []string{"", "  ", "，。", "量子计算机", "xylophone"} {
		res, err := r.Search(q)
		if err != nil {
			t.Fatal(err)
		}
		if len(res) != 0 {
			t.Errorf("%q found %v, want nothing", q, urls(res))
		}
	}
}

func urls(res []search.Result) []string {
	var out []string
	for _, r := range res {
		out = append(out, r.URL)
	}
	return out
}

func testStory(slug, title string, draft bool, set func(*content.Story), summary, body string) *site.Story {
	cs := &content.Story{Title: title, Slug: slug, Draft: draft}
	if set != nil {
		set(cs)
	}
	st := site.NewStory(cs, site.Rendered{HTML: template.HTML(body)})
	st.Summary = summary
	return st
}

// TestRanking: a title match beats the facts, which beat the summary,
// which beats the text; more terms matched beat a better field.
func TestRanking(t *testing.T) {
	s := &site.Site{Config: config.Default(), Stories: []*site.Story{
		testStory("body", "其他", false, nil, "", "<p>这里写到了花园。</p>"),
		testStory("summary", "其他", false, nil, "一座花园", "<p>无关</p>"),
		testStory("facts", "其他", false, func(c *content.Story) { c.Tags = []string{"花园"} }, "", ""),
		testStory("title", "楼道花园", false, nil, "", ""),
		testStory("both", "其他", false, nil, "", "<p>花园和菜园</p>"),
		testStory("lead", "其他", false, func(c *content.Story) { c.Leads = []string{"王芳"} }, "", ""),
		testStory("lead2", "其他", false, func(c *content.Story) { c.Leads = []string{"李俊"} }, "", ""),
		testStory("beijing", "其他", false, func(c *content.Story) { c.Neighborhood = "北京居民区" }, "", ""),
		testStory("xiangrong", "其他", false, func(c *content.Story) { c.Neighborhood = "向容里居民区" }, "", ""),
		testStory("yeweihui", "其他", false, nil, "", "<p>成立业委会。</p>"),
		testStory("juweihui", "其他", false, nil, "", "<p>走进居委会。</p>"),
	}}
	_, r := index(t, s)
	tests := []struct {
		query string
		want  []string
	}{
		{"花园", []string{"title", "facts", "summary", "body", "both"}},
		{"花园 菜园", []string{"both"}}, // each word
		{"王芳", []string{"lead"}},
		{"芳", []string{"lead"}},
		{"王芳 李俊", nil},                 // no story names both
		{"北京居民区", []string{"beijing"}}, // not every 居民区
		{"北京 王芳", nil},                 // not either
		{"北京居民区 王芳", nil},              // 王芳 is not in beijing's
		{"居委会", []string{"juweihui"}},  // not 业委会, which shares 委会
		{"居民区", []string{"beijing", "xiangrong"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res, err := r.Search(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, x := range res {
				got = append(got, strings.Trim(strings.TrimPrefix(x.URL, "stories/"), "/"))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestParams: the strings of a story's params, however nested, are found
// as its summary is; numbers and true or false are not text, and no more
// than MaxParamChars characters of them are read.
func TestParams(t *testing.T) {
	params := func(p map[string]any) func(*content.Story) {
		return func(c *content.Story) { c.Params = p }
	}
	s := &site.Site{Config: config.Default(), Stories: []*site.Story{
		testStory("body", "其他", false, nil, "", "<p>屋顶菜园</p>"),
		testStory("params", "其他", false, params(map[string]any{
			"subtitle": "屋顶菜园",
			"credits":  map[string]any{"photo": "摄影王芳", "count": int64(4217)},
			"places":   []any{"向容里", true},
			// read last, by key, after 11 characters: cut after "独"
			"transcript": strings.Repeat("楼", search.MaxParamChars-12) + "独一无二的句子",
		}), "", ""),
		testStory("summary", "其他", false, nil, "屋顶菜园", ""),
	}}
	_, r := index(t, s)
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"屋顶菜园", []string{"params", "summary", "body"}}, // a tie: site order
		{"王芳", []string{"params"}},
		{"向容里", []string{"params"}},
		{"4217", nil},
		{"true", nil},
		{"独一无二", nil},     // past the limit
		{"subtitle", nil}, // names are not text
	} {
		res, err := r.Search(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, x := range res {
			got = append(got, strings.Trim(strings.TrimPrefix(x.URL, "stories/"), "/"))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: got %v, want %v", tt.query, got, tt.want)
		}
	}
}

// TestDrafts: a draft is never in the index, even when the site holds it
// (a build with --drafts).
func TestDrafts(t *testing.T) {
	s := &site.Site{Config: config.Default(), Stories: []*site.Story{
		testStory("public", "公开的故事", false, nil, "", "<p>秘密花园</p>"),
		testStory("draft", "草稿：秘密花园", true, nil, "秘密花园", "<p>秘密花园</p>"),
	}}
	files, r := index(t, s)
	res, err := r.Search("秘密花园")
	if err != nil {
		t.Fatal(err)
	}
	if got := urls(res); !slices.Equal(got, []string{"stories/public/"}) {
		t.Errorf("found %v, want only stories/public/", got)
	}
	for name, b := range files {
		if bytes.Contains(b, []byte("draft")) || bytes.Contains(b, []byte("草稿")) {
			t.Errorf("%s mentions the draft: %s", name, b)
		}
	}
}

// TestEscaped: titles are JSON strings with <, > and & escaped, so the
// index can never be read as HTML; they come back unchanged.
func TestEscaped(t *testing.T) {
	title := `<script>alert("x")</script> & <b>`
	s := &site.Site{Config: config.Default(), Stories: []*site.Story{
		testStory("x", title, false, nil, "<img src=x onerror=alert(1)>", "<p>正文</p>"),
	}}
	files, r := index(t, s)
	for name, b := range files {
		if bytes.ContainsAny(b, "<>&") {
			t.Errorf("%s has a raw <, > or &: %s", name, b)
		}
	}
	res, err := r.Search("script")
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || res[0].Title != title {
		t.Fatalf("got %+v, want the story with its title unchanged", res)
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>一段</p><p>二段</p>", "一段 二段"},
		{"<p>a&amp;b &lt;c&gt; &#20320;</p>", "a&b <c> 你"},
		{"<h2 id=\"x\">标题</h2>\n<ul><li>甲</li><li>乙</li></ul>", "标题 甲 乙"},
		{"<p>你<strong>好</strong>吗</p>", "你好吗"},
		{"<p>前</p><!-- <p>注释</p> --><p>后</p>", "前 后"},
		{"<script>var a = '<p>';</script><p>正文</p>", "正文"},
		{"<p>图<svg/>文</p>", "图文"},
	}
	for _, tt := range tests {
		if got := search.PlainText(tt.in); got != tt.want {
			t.Errorf("PlainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTerms(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"高跟鞋", "高跟 跟鞋"},
		{"联席会议", "联席 席会 会议"},
		{"鞋", "鞋"},
		{"夏敏 高跟鞋", "夏敏 高跟 跟鞋"},
		{"High Heels!", "high* heels*"},
		{"a 2020年", "a 2020* 年"},
		{"Ｗｅｃｈａｔ，微信", "wechat* 微信"},
		{"居民区居民", "居民 民区 区居"},
		{"  ", ""},
		{"café naïve", "café* naïve*"},
		{"ひらがなカタカナ", "ひら らが がな なカ カタ タカ カナ"},
	}
	for _, tt := range tests {
		var got []string
		for _, x := range search.Terms(tt.in) {
			k := x.Key
			if x.Prefix {
				k += "*"
			}
			got = append(got, k)
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("Terms(%q) = %q, want %q", tt.in, g, tt.want)
		}
	}
}

// agreementQueries are cut by Terms and by search.js, and run by Reader
// and search.js, which must agree on every one.
var agreementQueries = []string{
	"高跟鞋", "联席会议", "夏敏", "严晴 李俊", "鞋", "sneakers", "SNEAK", "wechat", "ＷｅＣｈａｔ",
	"夏敏 高跟鞋", "居民区", "2021年1月18日", "the", "a", "café", "İstanbul ΣΑΣ Straße",
	"ひらがな カタカナ 한국어", "𠀋𠀤", "emoji 😀 ok", "tab\tand\nnewline", "x-y_z.w", "Ⅻ ½ ٣",
	"", "，。！", strings.Repeat("长", 40), strings.Repeat("long", 20),
}

// TestJSAgrees runs static/js/search.js under node on the example site's
// index and checks that it cuts, shards, finds and ranks exactly as the
// Go code does. Without node it is skipped, except in CI.
func TestJSAgrees(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node is needed in CI for the search.js test: ", err)
		}
		t.Skip("node not found")
	}
	files, r := index(t, exampleSite(t))

	// Every character class the tokenizer knows, and then some.
	var sample strings.Builder
	for _, rg := range [][2]rune{{0x20, 0x2FF}, {0x370, 0x52F}, {0x1E00, 0x1FFF}, {0x2000, 0x2BFF}, {0x3000, 0x30FF}, {0xFF00, 0xFFEF}} {
		for c := rg[0]; c <= rg[1]; c++ {
			sample.WriteRune(c)
		}
	}
	queries := append(slices.Clone(agreementQueries), sample.String())
	var keys []string
	for _, q := range queries {
		for _, x := range search.Terms(q) {
			keys = append(keys, x.Key)
		}
	}
	type markCase struct {
		Text  string `json:"text"`
		Query string `json:"query"`
	}
	marks := []markCase{
		{"上班第一天穿着小高跟鞋去“熟悉辖区”的新社工夏敏", "高跟鞋 夏敏"},
		{"Xia Min switched to sneakers; the sneak peek", "sneak"},
		{"the theme then", "the"},
		{"WeChat 群", "ｗｅｃｈａｔ"},
	}
	type wholeCase struct {
		Text  string `json:"text"`
		Query string `json:"query"`
		Want  bool   `json:"-"`
	}
	wholes := []wholeCase{
		{"走进居委会。", "居委会", true},
		{"居委干部和业委会", "居委会", false}, // both pairs, never together
		{"居委干部和业委会", "居委", true},   // a pair is found exactly by the index
		{"Ｗｅｃｈａｔ 群里的居委会", "wechat 居委会", true},
		{"居委会", "居委会 业委会", false},
	}
	passages := []markCase{
		{"一二三四五六七八九十高跟鞋甲乙丙丁戊己庚辛壬癸", "高跟鞋"},
		{"高跟鞋在前", "高跟鞋"},
		{"没有要找的", "高跟鞋"},
	}
	in := map[string]any{"queries": queries, "keys": keys, "shards": 7, "files": map[string]string{}, "marks": marks,
		"whole": wholes, "passages": passages}
	for name, b := range files {
		in["files"].(map[string]string)[strings.TrimPrefix(name, search.Dir)] = string(b)
	}
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	js, err := filepath.Abs("../../static/js/search.js")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "testdata/agree.js", js)
	cmd.Stdin = bytes.NewReader(data)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	outb, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.Bytes())
	}
	var out struct {
		Terms    [][]search.Term
		ShardOf  []int
		Results  [][]struct{ ID, Matched, Score int }
		Marks    [][][2]any
		Whole    []bool
		Passages [][][2]any
	}
	if err := json.Unmarshal(outb, &out); err != nil {
		t.Fatal(err)
	}
	for i, q := range queries {
		want := search.Terms(q)
		got := out.Terms[i]
		if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			for j := range max(len(got), len(want)) {
				var g, w search.Term
				if j < len(got) {
					g = got[j]
				}
				if j < len(want) {
					w = want[j]
				}
				if g != w {
					t.Errorf("query %d (%.40q): term %d: JS %+v, Go %+v", i, q, j, g, w)
					break
				}
			}
		}
		res, err := r.Search(q)
		if err != nil {
			t.Fatal(err)
		}
		var goRes, jsRes []string
		for _, x := range res {
			goRes = append(goRes, fmt.Sprint(x.ID, x.Matched, x.Score))
		}
		for _, x := range out.Results[i] {
			jsRes = append(jsRes, fmt.Sprint(x.ID, x.Matched, x.Score))
		}
		if !slices.Equal(goRes, jsRes) {
			t.Errorf("query %.40q: JS found %v, Go %v", q, jsRes, goRes)
		}
	}
	for i, k := range keys {
		if want := search.ShardOf(k, 7); out.ShardOf[i] != want {
			t.Errorf("shard of %q: JS %d, Go %d", k, out.ShardOf[i], want)
		}
	}
	wantMarks := []string{
		"上班第一天穿着小[高跟鞋]去“熟悉辖区”的新社工[夏敏]",
		"Xia Min switched to [sneak]ers; the [sneak] peek",
		"[the] [the]me [the]n", // a word of two or more letters finds the words it begins
		"[WeChat] 群",
	}
	show := func(m [][2]any) string {
		var b strings.Builder
		for _, p := range m {
			if p[1] == true {
				fmt.Fprintf(&b, "[%s]", p[0])
			} else {
				fmt.Fprint(&b, p[0])
			}
		}
		return b.String()
	}
	for i, m := range out.Marks {
		if got := show(m); got != wantMarks[i] {
			t.Errorf("marks %d: got %q, want %q", i, got, wantMarks[i])
		}
	}
	for i, w := range wholes {
		if i >= len(out.Whole) || out.Whole[i] != w.Want {
			t.Errorf("whole(%q, %q): got %v, want %v", w.Text, w.Query, out.Whole, w.Want)
		}
	}
	// A passage: five characters before the first match, twelve in all,
	// an ellipsis where the text is cut; none without a match.
	wantPassages := []string{"…六七八九十[高跟鞋]甲乙丙丁…", "[高跟鞋]在前", ""}
	for i, want := range wantPassages {
		if i >= len(out.Passages) {
			t.Fatalf("no passage %d", i)
		}
		if got := show(out.Passages[i]); got != want {
			t.Errorf("passage %d: got %q, want %q", i, got, want)
		}
	}
}

// TestIndexSize measures the index of a 10,000-story synthetic site (see
// syntheticSite) and checks that no file a query loads is large.
func TestIndexSize(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	n := 10000
	if raceEnabled {
		n = 1000
	}
	s := syntheticSite(n)
	files, r := index(t, s)
	var total, shards, chunks, maxShard, maxChunk int
	for name, b := range files {
		total += len(b)
		switch {
		case strings.HasPrefix(name, search.Dir+"t-"):
			shards++
			maxShard = max(maxShard, len(b))
		case strings.HasPrefix(name, search.Dir+"d-"):
			chunks++
			maxChunk = max(maxChunk, len(b))
		}
	}
	manifest := len(files[search.Dir+"index.json"])
	t.Logf("%d synthetic stories: %d files, %.1f MB in all; manifest %d B; %d term shards (largest %.0f KB); %d story chunks (largest %.1f KB)",
		n, len(files), float64(total)/1e6, manifest, shards, float64(maxShard)/1e3, chunks, float64(maxChunk)/1e3)

	// What a query downloads: the manifest, a shard per term, a chunk per
	// story shown (20 at first).
	for _, q := range []string{s.Stories[n/3].Neighborhood, s.Stories[42].Leads[0], "workshop", "合成"} {
		loaded := map[string]int{}
		rr, err := search.Open(func(name string) ([]byte, error) {
			b, err := loader(files)(name)
			loaded[name] = len(b)
			return b, err
		})
		if err != nil {
			t.Fatal(err)
		}
		res, err := rr.Search(q)
		if err != nil {
			t.Fatal(err)
		}
		_ = res
		// Reader loads every result's chunk; the page loads only the
		// first 20 results' chunks.
		sum := 0
		names := make([]string, 0, len(loaded))
		for name, n := range loaded {
			if !strings.HasPrefix(name, "d-") {
				sum += n
				names = append(names, name)
			}
		}
		for _, x := range res[:min(20, len(res))] {
			name := fmt.Sprintf("d-%d.json", x.ID/chunkOf(t, files))
			if !slices.Contains(names, name) {
				names = append(names, name)
				sum += len(files[search.Dir+name])
			}
		}
		sort.Strings(names)
		t.Logf("query %q: %d results, first page downloads %.0f KB in %d files", q, len(res), float64(sum)/1e3, len(names))
		if sum > 2<<20 {
			t.Errorf("query %q downloads %d bytes, want at most 2 MB", q, sum)
		}
	}
	if maxShard > 512<<10 || maxChunk > 64<<10 || manifest > 1<<10 {
		t.Errorf("files too large: shard %d, chunk %d, manifest %d", maxShard, maxChunk, manifest)
	}
	if res, err := r.Search(s.Stories[n/2].Title); err != nil || len(res) == 0 || res[0].ID != n/2 {
		t.Errorf("a synthetic story's title does not find it first: %v %v", err, res[:min(3, len(res))])
	}
}

func chunkOf(t testing.TB, files map[string][]byte) int {
	var m struct{ C int }
	if err := json.Unmarshal(files[search.Dir+"index.json"], &m); err != nil {
		t.Fatal(err)
	}
	return m.C
}

func BenchmarkIndex10k(b *testing.B) {
	s := syntheticSite(10000)
	b.ResetTimer()
	for b.Loop() {
		files, err := search.Index(s)
		if err != nil {
			b.Fatal(err)
		}
		total := 0
		for _, f := range files {
			total += len(f)
		}
		b.ReportMetric(float64(total), "index-bytes")
	}
}

// TestDeterministic: the same site gives the same bytes, however many
// goroutines build the index.
func TestDeterministic(t *testing.T) {
	s := syntheticSite(600)
	want, err := search.Index(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, procs := range []int{1, 3} {
		old := runtime.GOMAXPROCS(procs)
		got, err := search.Index(s)
		runtime.GOMAXPROCS(old)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("GOMAXPROCS %d: %d files, want %d", procs, len(got), len(want))
		}
		for name, b := range want {
			if !bytes.Equal(got[name], b) {
				t.Errorf("GOMAXPROCS %d: %s differs", procs, name)
			}
		}
	}
}
