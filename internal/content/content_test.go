package content

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/diag"
)

func load(t *testing.T, files map[string]string, cfg *config.Config, opts Options) (*Content, diag.List) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	if cfg == nil {
		cfg = config.Default()
	}
	if opts.Now.IsZero() {
		opts.Now = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	c, err := Load(context.Background(), fsys, cfg, opts)
	if err != nil {
		if w, ok := err.(*Warnings); ok {
			return c, w.List
		}
		p := diag.Problems(err)
		if p == nil {
			t.Fatal(err)
		}
		return c, p
	}
	return c, nil
}

func messages(l diag.List) string {
	var b strings.Builder
	for _, p := range l {
		b.WriteString(p.Error())
		b.WriteByte('\n')
	}
	return b.String()
}

const goodYAML = `---
title: 高跟鞋
date: 2021-01-18
year: 2020
leads: [夏敏]
neighborhood: 北京居民区
tags: [新社工, 居商共建]
metrics:
  days_in_post: 571
  young_share: 66.7
---
正文。
`

func TestFormats(t *testing.T) {
	for _, tc := range []struct {
		name, src string
	}{
		{"yaml", goodYAML},
		{"yaml-bom-crlf", "\ufeff" + strings.ReplaceAll(goodYAML, "\n", "\r\n")},
		{"toml", `+++
title = "高跟鞋"
date = 2021-01-18
year = 2020
leads = ["夏敏"]
neighborhood = "北京居民区"
tags = ["新社工", "居商共建"]
[metrics]
days_in_post = 571
young_share = 66.7
+++
正文。
`},
		{"json", `{
  "title": "高跟鞋",
  "date": "2021-01-18",
  "year": 2020,
  "leads": ["夏敏"],
  "neighborhood": "北京居民区",
  "tags": ["新社工", "居商共建"],
  "metrics": {"days_in_post": 571, "young_share": 66.7}
}

正文。
`},
		{"json-bom-crlf", "\ufeff" + strings.ReplaceAll(`{
  "title": "高跟鞋", "date": "2021-01-18", "year": 2020, "leads": ["夏敏"],
  "neighborhood": "北京居民区", "tags": ["新社工", "居商共建"],
  "metrics": {"days_in_post": 571, "young_share": 66.7}
}

正文。
`, "\n", "\r\n")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, probs := load(t, map[string]string{"content/stories/high-heels.md": tc.src}, nil, Options{})
			if len(probs) > 0 {
				t.Fatalf("problems:\n%s", messages(probs))
			}
			if len(c.Stories) != 1 {
				t.Fatalf("got %d stories", len(c.Stories))
			}
			s := c.Stories[0]
			if s.Title != "高跟鞋" || s.Slug != "high-heels" || s.Year != 2020 || s.Neighborhood != "北京居民区" {
				t.Errorf("story = %+v", s)
			}
			if s.Date.Format(time.DateOnly) != "2021-01-18" {
				t.Errorf("date = %v", s.Date)
			}
			if strings.Join(s.Leads, ",") != "夏敏" || strings.Join(s.Tags, ",") != "新社工,居商共建" {
				t.Errorf("leads %v tags %v", s.Leads, s.Tags)
			}
			if s.Metrics["days_in_post"] != 571 || s.Metrics["young_share"] != 66.7 || len(s.Metrics) != 2 {
				t.Errorf("metrics = %v", s.Metrics)
			}
			if s.Body != nil {
				t.Errorf("Load holds the story's body %q", s.Body)
			}
			body, err := ReadBody(fstest.MapFS{s.File: {Data: []byte(tc.src)}}, &s.Source)
			if err != nil {
				t.Fatal(err)
			}
			if strings.TrimSpace(string(body)) != "正文。" {
				t.Errorf("body = %q", body)
			}
			if strings.Contains(string(body), "\r") {
				t.Errorf("body keeps CR: %q", body)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		file string
		src  string
		want string
	}{
		{"unknown key", "content/stories/a.md", "---\ntitle: A\nneighbourhood: 北京\n---\n",
			"content/stories/a.md:3:1: neighbourhood: unknown key; did you mean neighborhood?"},
		{"unknown key toml", "content/stories/a.md", "+++\ntitle = \"A\"\n\ntitel = \"B\"\n+++\n",
			"content/stories/a.md:4:1: titel: unknown key; did you mean title?"},
		{"unknown key json", "content/stories/a.md", "{\n  \"title\": \"A\",\n  \"lead\": [\"x\"]\n}\n\n",
			"content/stories/a.md:3:3: lead: unknown key; did you mean leads?"},
		{"missing title", "content/stories/a.md", "---\nyear: 2020\n---\n",
			"content/stories/a.md:2: title: missing: every story and page needs a title"},
		{"metric text", "content/stories/a.md", "---\ntitle: A\nmetrics:\n  participants: many\n---\n",
			`content/stories/a.md:4:17: metrics.participants: want a non-negative number, got "many"`},
		{"metric quoted number", "content/stories/a.md", "---\ntitle: A\nmetrics:\n  participants: \"12\"\n---\n",
			`content/stories/a.md:4:17: metrics.participants: want a non-negative number, got "12"`},
		{"metric negative", "content/stories/a.md", "---\ntitle: A\nmetrics: {participants: -3}\n---\n",
			`content/stories/a.md:3:25: metrics.participants: want a non-negative number, got -3`},
		{"metric bool", "content/stories/a.md", "---\ntitle: A\nmetrics: {participants: true}\n---\n",
			`content/stories/a.md:3:25: metrics.participants: want a non-negative number, got true`},
		{"metric nan", "content/stories/a.md", "---\ntitle: A\nmetrics: {participants: .nan}\n---\n",
			`content/stories/a.md:3:25: metrics.participants: want a non-negative number, got .nan`},
		{"bad date", "content/stories/a.md", "---\ntitle: A\ndate: 2021-02-30\n---\n",
			`content/stories/a.md:3:7: date: want a real date such as 2021-01-18 or 2021-01-18T14:00:00+08:00, got "2021-02-30"`},
		{"yes is not true", "content/stories/a.md", "---\ntitle: A\ndraft: yes\n---\n",
			`content/stories/a.md:3:8: draft: want true or false, got "yes"`},
		{"unclosed", "content/stories/a.md", "---\ntitle: A\n\nbody\n",
			"content/stories/a.md:1: front matter never closes: the block opened with --- on line 1 needs a closing --- line"},
		{"json no blank line", "content/stories/a.md", "{\n\"title\": \"A\"\n}\nbody\n",
			"content/stories/a.md:1: front matter never closes: JSON front matter opened with { on line 1 needs a line holding only } followed by a blank line"},
		{"tab indent", "content/stories/a.md", "---\ntitle: A\nmetrics:\n\tparticipants: 3\n---\n",
			"content/stories/a.md:4:1: a tab is used for indentation; YAML allows only spaces"},
		{"yaml syntax", "content/stories/a.md", "---\ntitle: A\nleads: [a, b\n---\n",
			"content/stories/a.md:3: YAML: did not find expected ',' or ']'"},
		{"bad slug", "content/stories/a.md", "---\ntitle: A\nslug: ../etc\n---\n",
			`content/stories/a.md:3:7: slug: "../etc" must not contain ".."`},
		{"reserved slug", "content/stories/page.md", "---\ntitle: A\n---\n",
			`content/stories/page.md: slug: the file name "page" cannot be a URL name: it is reserved for the site's own pages; rename the file or set slug`},
		{"title number", "content/stories/a.md", "---\ntitle: 2020\n---\n",
			"content/stories/a.md:2:8: title: want text, got 2020"},
		{"report needs year", "content/reports/2020.md", "---\ntitle: R\n---\n",
			"content/reports/2020.md:2: year: missing: a report needs the year it covers"},
		// Issue 23: a 4.2 MB title with 250 tags made 1.1 GB of output.
		{"long title", "content/stories/a.md", "---\ntitle: " + strings.Repeat("社", 201) + "\n---\n",
			"content/stories/a.md:2:8: title: 201 characters, more than the 200 a title may have"},
		{"huge title", "content/stories/a.md", "---\ntitle: \"" + strings.Repeat("&", 4_200_000) + "\"\n---\n",
			"content/stories/a.md:2:8: title: 4200000 characters, more than the 1000 a value may have"},
		{"long summary", "content/stories/a.md", "---\ntitle: A\nsummary: " + strings.Repeat("社", 1_001) + "\n---\n",
			"content/stories/a.md:3:10: summary: 1001 characters, more than the 1000 a value may have"},
		{"many tags", "content/stories/a.md", "---\ntitle: A\ntags: [" + strings.Repeat("t,", 249) + "t]\n---\n",
			"content/stories/a.md:3:7: tags: 250 items, more than the 50 a list may have"},
		{"long tag", "content/stories/a.md", "---\ntitle: A\ntags: [a, " + strings.Repeat("b", 1_001) + "]\n---\n",
			"content/stories/a.md:3:11: tags: 1001 characters, more than the 1000 a value may have"},
		{"long param", "content/stories/a.md", "---\ntitle: A\nparams:\n  note: [" + strings.Repeat("b", 1_001) + "]\n---\n",
			"content/stories/a.md:4:10: params.note: 1001 characters, more than the 1000 a value may have"},
		// The fields the kinds share are decoded once (decodeFront); a
		// kind still refuses those it does not have.
		{"report weight", "content/reports/2020.md", "---\ntitle: R\nyear: 2020\nweight: 1\n---\n",
			"content/reports/2020.md:4:1: weight: unknown key; known keys are title, year, date, summary, draft, reported"},
		{"page year", "content/about.md", "---\ntitle: A\nyear: 2020\n---\n",
			"content/about.md:3:1: year: unknown key; known keys are title, slug, date, summary, draft, weight, params"},
		{"page slug", "content/about.md", "---\ntitle: A\nslug: a/b\n---\n",
			`content/about.md:3:7: slug: "a/b" must not contain '/'`},
		{"report year", "content/reports/2020.md", "---\ntitle: R\nyear: 1800\n---\n",
			"content/reports/2020.md:3:7: year: want a year such as 2020, got 1800"},
		{"invalid utf8", "content/stories/a.md", "---\ntitle: A\n---\n\xff\xfe\n",
			"content/stories/a.md:4: the file is not UTF-8 text; save it as UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, probs := load(t, map[string]string{tc.file: tc.src}, nil, Options{})
			got := strings.TrimSpace(messages(probs))
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestEveryErrorListed(t *testing.T) {
	_, probs := load(t, map[string]string{
		"content/stories/a.md": "---\ntitle: A\nyear: twenty\nmetrics: {x: -1}\n---\n",
		"content/stories/b.md": "---\ntitel: B\n---\n",
		"content/stories/c.md": "---\ntitle: C\n---\n",
	}, nil, Options{})
	want := `content/stories/a.md:3:7: year: want a whole number, got "twenty"
content/stories/a.md:4:14: metrics.x: want a non-negative number, got -1
content/stories/b.md:2: title: missing: every story and page needs a title
content/stories/b.md:2:1: titel: unknown key; did you mean title?`
	if got := strings.TrimSpace(messages(probs)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestDeclaredMetrics(t *testing.T) {
	cfg, err := config.Parse([]byte("metrics:\n  - {key: participants, label: 参与人次}\n  - {key: funding}\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, probs := load(t, map[string]string{
		"content/stories/a.md": "---\ntitle: A\nmetrics:\n  particpants: 3\n  funding: 100\n  colour: 2\n---\n",
		"content/stories/b.md": "---\ntitle: B\nmetrics:\nparticipants: 3\n---\n",
	}, cfg, Options{})
	want := `content/stories/a.md:4:3: metrics.particpants: metric not declared in showcase.yaml; did you mean participants?
content/stories/a.md:6:3: metrics.colour: metric not declared in showcase.yaml (declared: participants, funding)
content/stories/b.md:4:1: participants: participants is a metric: indent it under metrics: with two spaces`
	if got := strings.TrimSpace(messages(probs)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestProgrammeMetrics: a programme figure belongs to a report's reported:,
// and a story that gives it is told so.
func TestProgrammeMetrics(t *testing.T) {
	cfg, err := config.Parse([]byte("metrics:\n  - {key: projects, scope: programme}\n  - {key: salons}\n"))
	if err != nil {
		t.Fatal(err)
	}
	c, probs := load(t, map[string]string{
		"content/stories/a.md":    "---\ntitle: A\nyear: 2020\nmetrics:\n  salons: 3\n  projects: 113\n---\n",
		"content/reports/2020.md": "---\ntitle: R\nyear: 2020\nreported:\n  projects: 113\n  salons: 3\n---\n",
	}, cfg, Options{})
	want := "content/stories/a.md:6:3: metrics.projects: a programme figure (scope: programme in showcase.yaml) is stated in a report's reported:, not by a story"
	if got := strings.TrimSpace(messages(probs)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if r := c.Reports[0].Reported; r["projects"] != 113 || r["salons"] != 3 {
		t.Errorf("reported = %v", r)
	}
}

func TestDraftsFutureBundlesDuplicates(t *testing.T) {
	files := map[string]string{
		"content/_index.md":              "---\ntitle: Home\n---\nHi\n",
		"content/about.md":               "---\ntitle: About\n---\n",
		"content/stories/draft.md":       "---\ntitle: D\ndraft: true\n---\n",
		"content/stories/future.md":      "---\ntitle: F\ndate: 2030-01-01\n---\n",
		"content/stories/b/index.md":     "---\ntitle: B\ndate: 2021-01-01\n---\n![x](pic.png)\n",
		"content/stories/b/pic.png":      "png",
		"content/stories/b/img/more.png": "png",
		"content/stories/a.md":           "---\ntitle: A\ndate: 2020-06-01\n---\n",
		"content/stories/.a.md.swp":      "junk",
		"content/reports/2020.md":        "---\ntitle: R\nyear: 2020\nreported: {micro_projects: 113}\n---\n",
		"content/images/logo.png":        "png",
	}
	c, probs := load(t, files, nil, Options{})
	if len(probs) > 0 {
		t.Fatal(messages(probs))
	}
	var slugs []string
	for _, s := range c.Stories {
		slugs = append(slugs, s.Slug)
	}
	if got := strings.Join(slugs, ","); got != "b,a" {
		t.Errorf("stories = %s, want b,a (drafts and future left out, newest first)", got)
	}
	if c.Home == nil || c.Home.Title != "Home" || len(c.Pages) != 1 || c.Pages[0].Path != "about" {
		t.Errorf("home %v pages %v", c.Home, c.Pages)
	}
	var dests []string
	for _, a := range c.Assets {
		dests = append(dests, a.Dest)
	}
	if got := strings.Join(dests, ","); got != "images/logo.png,stories/b/img/more.png,stories/b/pic.png" {
		t.Errorf("assets = %s", got)
	}
	if len(c.Reports) != 1 || c.Reports[0].Reported["micro_projects"] != 113 {
		t.Errorf("reports = %+v", c.Reports)
	}

	c, _ = load(t, files, nil, Options{Drafts: true, Future: true})
	if len(c.Stories) != 4 {
		t.Errorf("with --drafts --future: %d stories, want 4", len(c.Stories))
	}

	_, probs = load(t, map[string]string{
		"content/stories/a.md": "---\ntitle: A\n---\n",
		"content/stories/b.md": "---\ntitle: B\nslug: A\n---\n",
	}, nil, Options{})
	want := `content/stories/b.md: slug: "A" is also the URL name of content/stories/a.md; give one of them another slug`
	if got := strings.TrimSpace(messages(probs)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestSlugs(t *testing.T) {
	for _, s := range []string{"high-heels", "社区花园", "story_1", "v1.2", "console", "com10", "lpt", "auxiliary", strings.Repeat("社区", 33)} {
		if err := CheckSlug(s); err != nil {
			t.Errorf("CheckSlug(%q) = %v", s, err)
		}
	}
	for _, s := range []string{"", "a/b", `a\b`, "..", "a..b", ".hidden", "a b", "a\x00b", "a?b", "page", "a#b", "a%20",
		"CON", "nul.txt", "com1", "LPT9", "aux", "Prn.md", "COM¹", "a.", strings.Repeat("社区", 34)} {
		if err := CheckSlug(s); err == nil {
			t.Errorf("CheckSlug(%q) = nil, want an error", s)
		}
	}
	for in, want := range map[string]string{
		"北京居民区": "北京居民区", "北京 居民区": "北京-居民区", "Post-Epidemic Recovery": "post-epidemic-recovery",
		"a/b?c": "a-b-c", "  x  ": "x", "疫后修复": "疫后修复",
	} {
		if got := URLName(in); got != want {
			t.Errorf("URLName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEditorTempFilesIgnored: what an editor writes beside a story while
// saving is neither loaded nor published, even by a build that runs in the
// middle of the save.
func TestEditorTempFilesIgnored(t *testing.T) {
	c, probs := load(t, map[string]string{
		"content/stories/a.md":             "---\ntitle: A\n---\n",
		"content/stories/4913":             "",
		"content/stories/a.md___jb_tmp___": "---\ntitle: half\n",
		"content/stories/a.md___jb_old___": "old",
		"content/stories/.a.md.swp":        "swap",
		"content/stories/#a.md#":           "autosave",
		"content/stories/a.md~":            "backup",
		"content/stories/b/photo.jpg.tmp":  "partial",
		"content/stories/b/index.md":       "---\ntitle: B\n---\n",
	}, nil, Options{})
	if len(probs) > 0 {
		t.Fatal(messages(probs))
	}
	if len(c.Stories) != 2 || len(c.Assets) != 0 {
		t.Errorf("stories %d, assets %v; want 2 stories and no assets", len(c.Stories), c.Assets)
	}
}

// TestVersion: version tells valid UTF-8 as utf8.Valid does, gives the
// same bytes the same sum, and a changed file another.
func TestVersion(t *testing.T) {
	pieces := []string{"a", "\n", "社", "。", "é", "😀", "\u0800", "\uffff", "\ufffd", "\ud7ff", "\ue000", "\U0010ffff",
		"\xe0\x9f\xbf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc0\xaf", "\xe4\xb8", "\xe4", "\xbf", "\xff", "\xef\xbb\xbf"}
	rnd := rand.New(rand.NewPCG(3, 3))
	for i := 0; i < 20000; i++ {
		var b []byte
		for n := rnd.IntN(10); n >= 0; n-- {
			b = append(b, pieces[rnd.IntN(len(pieces))]...)
		}
		got, ok := version(b)
		if ok != utf8.Valid(b) {
			t.Fatalf("version(%q) says valid UTF-8 %v", b, ok)
		}
		if again, _ := version(append([]byte(nil), b...)); again != got {
			t.Fatalf("version(%q) = %x, then %x", b, got, again)
		}
		if changed, _ := version(append(b, 'x')); ok && changed == got {
			t.Fatalf("version(%q) and version(%q) are both %x", b, append(b, 'x'), got)
		}
	}
}

// TestLines: each key's line, metrics.KEY included, as a problem found
// after loading names it; facet values equal across stories share their
// bytes.
func TestLines(t *testing.T) {
	c, probs := load(t, map[string]string{
		"content/stories/a.md": goodYAML,
		"content/stories/b.md": goodYAML,
	}, nil, Options{})
	if len(probs) > 0 {
		t.Fatal(messages(probs))
	}
	a, b := c.Stories[0], c.Stories[1]
	for key, want := range map[string]int{"title": 2, "neighborhood": 6, "tags": 7, "metrics": 8, "metrics.young_share": 10, "award": 0, "young_share": 0} {
		if got := a.Lines.Line(key); got != want {
			t.Errorf("Lines.Line(%q) = %d, want %d", key, got, want)
		}
	}
	if unsafe.StringData(a.Neighborhood) != unsafe.StringData(b.Neighborhood) ||
		unsafe.StringData(a.Tags[1]) != unsafe.StringData(b.Tags[1]) {
		t.Error("equal facet values of two stories are separate copies")
	}
}

// TestKeyLinesEncoding: lines and names of any size come back, a key
// under metrics is told from a key of the same name outside it, the last
// of a key written twice wins, and the zero value has no keys.
func TestKeyLinesEncoding(t *testing.T) {
	long := strings.Repeat("长", 100)
	var enc []byte
	enc = appendKeyLine(enc, "title", false, 2)
	enc = appendKeyLine(enc, "metrics", false, 300)
	enc = appendKeyLine(enc, "title", true, 301)
	enc = appendKeyLine(enc, long, false, 1<<20)
	enc = appendKeyLine(enc, "tags", false, 9)
	enc = appendKeyLine(enc, "tags", false, 12)
	l := KeyLines{string(enc)}
	for key, want := range map[string]int{"title": 2, "metrics": 300, "metrics.title": 301, long: 1 << 20, "tags": 12, "metrics.tags": 0, "titl": 0, "": 0} {
		if got := l.Line(key); got != want {
			t.Errorf("Line(%.12q) = %d, want %d", key, got, want)
		}
	}
	if got := (KeyLines{}).Line("title"); got != 0 {
		t.Errorf("zero KeyLines: Line = %d", got)
	}
}

// TestBodies: Load holds no story's Markdown, however small the site
// (ReadBody reads it, and refuses a file changed since Load), and holds
// the reports' and pages'.
func TestBodies(t *testing.T) {
	files := map[string]string{
		"content/stories/a.md":    "---\ntitle: a\n---\n正文。\n",
		"content/reports/2020.md": "---\ntitle: r\nyear: 2020\n---\n报告。\n",
		"content/about.md":        "---\ntitle: p\n---\n关于。\n",
	}
	c, probs := load(t, files, nil, Options{})
	if len(probs) > 0 {
		t.Fatal(messages(probs))
	}
	if len(c.Stories) != 1 || len(c.Reports) != 1 || len(c.Pages) != 1 {
		t.Fatalf("loaded %d stories, %d reports, %d pages", len(c.Stories), len(c.Reports), len(c.Pages))
	}
	s := c.Stories[0]
	if s.Body != nil {
		t.Errorf("Load holds the story's body %q", s.Body)
	}
	if string(c.Reports[0].Body) != "报告。\n" || string(c.Pages[0].Body) != "关于。\n" {
		t.Errorf("report body %q, page body %q", c.Reports[0].Body, c.Pages[0].Body)
	}
	fsys := fstest.MapFS{s.File: {Data: []byte(files[s.File])}}
	if body, err := ReadBody(fsys, &s.Source); err != nil || string(body) != "正文。\n" {
		t.Errorf("ReadBody = %q, %v", body, err)
	}
	// Into a buffer with room: read there, and handed back for reuse.
	buf := make([]byte, 0, 4096)
	body, read, err := ReadBodyTo(fsys, &s.Source, buf)
	if err != nil || string(body) != "正文。\n" || len(read) == 0 || &read[0] != &buf[:1][0] {
		t.Errorf("ReadBodyTo = %q, %v; read into the buffer given: %v", body, err, len(read) > 0 && &read[0] == &buf[:1][0])
	}
	// Into one too small: a new buffer, as large as the file.
	if body, read, err := ReadBodyTo(fsys, &s.Source, make([]byte, 0, 4)); err != nil || string(body) != "正文。\n" || len(read) != len(files[s.File]) {
		t.Errorf("ReadBodyTo, small buffer = %q, %d bytes read, %v", body, len(read), err)
	}
	fsys[s.File] = &fstest.MapFile{Data: []byte("---\ntitle: a\n---\n改过的正文。\n")}
	if _, err := ReadBody(fsys, &s.Source); err == nil || !strings.Contains(err.Error(), "changed during the build") {
		t.Errorf("ReadBody of a changed file: %v", err)
	}
}

// TestCachedOrder: a Load with a Cache, which sorts only the stories read
// anew and merges them into the last order, orders the stories as a Load
// without one, after edits that move stories (dates, years, weights,
// titles), add, delete, draft and undraft them; ties and equal slugs
// included.
func TestCachedOrder(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 7))
	story := func() string {
		var b strings.Builder
		b.WriteString("---\ntitle: T" + string(rune('a'+rnd.IntN(3))) + "\n")
		if rnd.IntN(4) > 0 {
			b.WriteString("date: 2020-0" + string(rune('1'+rnd.IntN(3))) + "-01\n")
		}
		if rnd.IntN(3) == 0 {
			b.WriteString("year: 201" + string(rune('7'+rnd.IntN(3))) + "\n")
		}
		if rnd.IntN(3) == 0 {
			b.WriteString("weight: " + string(rune('1'+rnd.IntN(2))) + "\n")
		}
		if rnd.IntN(5) == 0 {
			b.WriteString("slug: same\n")
		}
		if rnd.IntN(6) == 0 {
			b.WriteString("draft: true\n")
		}
		b.WriteString("---\n")
		return b.String()
	}
	fsys := fstest.MapFS{}
	name := func(i int) string {
		return "content/stories/s" + string(rune('a'+i/26)) + string(rune('a'+i%26)) + ".md"
	}
	for i := range 60 {
		fsys[name(i)] = &fstest.MapFile{Data: []byte(story())}
	}
	cfg := config.Default()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	files := func(c *Content) []string {
		var out []string
		for _, s := range c.Stories {
			out = append(out, s.File)
		}
		return out
	}
	cache := NewCache()
	var changed []string
	for round := range 30 {
		opts := Options{Now: now, Cache: cache, Stale: func(f string) bool { return slices.Contains(changed, f) }}
		if round > 0 {
			opts.Changed = func() []string { return changed }
		}
		got, _ := Load(context.Background(), fsys, cfg, opts)
		want, _ := Load(context.Background(), fsys, cfg, Options{Now: now})
		if g, w := strings.Join(files(got), " "), strings.Join(files(want), " "); g != w {
			t.Fatalf("round %d: cached order\n%s\nwant\n%s", round, g, w)
		}
		changed = nil
		for range 1 + rnd.IntN(6) {
			f := name(rnd.IntN(70))
			if rnd.IntN(8) == 0 {
				delete(fsys, f)
			} else {
				fsys[f] = &fstest.MapFile{Data: []byte(story())}
			}
			changed = append(changed, f)
		}
	}
}
