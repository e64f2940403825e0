package linkcheck

import (
	"strings"
	"sync"
	"testing"

	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/markdown"
	"github.com/jiangninglu/showcase/internal/render"
)

// site is a small site: two stories, a page, a stylesheet and a photo.
var site = Targets{
	Outputs: []string{
		"index.html", "stories/index.html", "stories/old-brand/index.html", "stories/a/index.html",
		"about/index.html", "css/style.css", "stories/a/photo.jpg",
	},
	Pages: []Page{
		{File: "content/stories/a.md", URL: "/stories/a/"},
		{File: "content/stories/old-brand.md", URL: "/stories/old-brand/"},
		{File: "content/about.md", URL: "/about/"},
	},
}

// links makes one link a line, from line 1 of the body.
func links(dests ...string) []markdown.Link {
	l := make([]markdown.Link, len(dests))
	for i, d := range dests {
		image := strings.HasPrefix(d, "!")
		l[i] = markdown.Link{Dest: strings.TrimPrefix(d, "!"), Line: i + 1, Col: 1, Image: image}
	}
	return l
}

func headings(ids ...string) []markdown.Heading {
	h := make([]markdown.Heading, len(ids))
	for i, id := range ids {
		h[i] = markdown.Heading{Level: 2, ID: id, Text: id}
	}
	return h
}

func text(l diag.List) string {
	var b strings.Builder
	for _, p := range l {
		b.WriteString(p.Error() + "\n")
	}
	return b.String()
}

// sources: a.md links everywhere, its body from line 5; old-brand.md has
// the heading 历史沿革.
func sources(aLinks ...string) []Source {
	return []Source{
		{File: "content/stories/a.md", BodyLine: 5, Version: 1, Links: links(aLinks...), Headings: headings("开头")},
		{File: "content/stories/old-brand.md", BodyLine: 4, Version: 1, Headings: headings("历史沿革")},
		{File: "content/about.md", BodyLine: 3, Version: 1},
	}
}

func check(t Targets, o Options, srcs []Source) diag.List {
	c := New(t, o)
	for _, s := range srcs {
		c.Check(s)
	}
	return c.Problems()
}

func TestCheck(t *testing.T) {
	ok := []string{
		"old-brand.md", "/stories/old-brand/", "../old-brand/", "../old-brand", "#开头", "/stories/old-brand/#历史沿革",
		"old-brand.md#历史沿革", "/about.md", "../about.md", "https://example.org/x", "mailto:a@b.c", "//example.org/",
		"/css/style.css", "/css/style.css?v=2", "!photo.jpg", "/stories/a/%E5%BC%80%E5%A4%B4/../", "#fn:1", "/about/#fnref:1", "",
		"/stories/#x", // a list page: its headings are not known
	}
	if got := check(site, Options{}, sources(ok...)); len(got) != 0 {
		t.Errorf("links that resolve are reported:\n%s", text(got))
	}
	cases := []struct{ dest, want string }{
		{"old.md", "content/stories/a.md:5:1: link: old.md links to content/stories/old.md, which does not exist; did you mean content/stories/old-brand.md?"},
		{"/nothing.md", "content/stories/a.md:5:1: link: /nothing.md links to content/nothing.md, which does not exist"},
		{"/stories/olde-brand/", "content/stories/a.md:5:1: link: /stories/olde-brand/: no page at /stories/olde-brand/; did you mean /stories/old-brand/?"},
		{"/zzzzzzzz/", "content/stories/a.md:5:1: link: /zzzzzzzz/: no page at /zzzzzzzz/; check the spelling, or whether it was renamed"},
		{"/css/styles.css", "content/stories/a.md:5:1: link: /css/styles.css: no file at /css/styles.css; check the spelling, or whether it was renamed"},
		{"!photo2.jpg", "content/stories/a.md:5:1: image: photo2.jpg: no image at /stories/a/photo2.jpg; check the spelling, or whether it was renamed"},
		{"/stories/old-brand/#历史", "content/stories/a.md:5:1: link: /stories/old-brand/#历史: no heading #历史 on that page; did you mean #历史沿革?"},
		{"old-brand.md#zzzzzz", "content/stories/a.md:5:1: link: old-brand.md#zzzzzz: no heading #zzzzzz on that page"},
		{"/about/#whatever", "content/stories/a.md:5:1: link: /about/#whatever: no heading #whatever on that page"}, // a page without headings
		{"#没有", "content/stories/a.md:5:1: link: #没有: no heading #没有 on that page"},
	}
	for _, tc := range cases {
		got := check(site, Options{}, sources(tc.dest))
		if len(got) != 1 || got[0].Error() != tc.want || got[0].Severity != diag.Error {
			t.Errorf("%s: got\n%swant\n%s", tc.dest, text(got), tc.want)
		}
		// broken_links: warning turns the links into warnings, never a
		// missing picture.
		got = check(site, Options{Warn: true}, sources(tc.dest))
		want := diag.Warning
		if strings.HasPrefix(tc.dest, "!") {
			want = diag.Error
		}
		if len(got) != 1 || got[0].Severity != want {
			t.Errorf("%s with Warn: got\n%swant one %v", tc.dest, text(got), want)
		}
	}
}

// TestOrder: a file may be checked before the page it links into; the
// problems are the same, and in the same order, whichever file comes
// first and however many goroutines check.
func TestOrder(t *testing.T) {
	srcs := sources("old-brand.md#nowhere", "/stories/olde-brand/", "#开头", "#没有")
	srcs[1].Links = links("a.md#开头x", "/about/#x")
	want := check(site, Options{}, srcs)
	if len(want) != 5 {
		t.Fatalf("got %d problems, want 5:\n%s", len(want), text(want))
	}
	reversed := []Source{srcs[2], srcs[1], srcs[0]}
	if got := check(site, Options{}, reversed); text(got) != text(want) {
		t.Errorf("reversed order gives\n%swant\n%s", text(got), text(want))
	}
	c := New(site, Options{})
	var wg sync.WaitGroup
	for _, s := range srcs {
		wg.Add(1)
		go func() { defer wg.Done(); c.Check(s) }()
	}
	wg.Wait()
	if got := c.Problems(); text(got) != text(want) {
		t.Errorf("concurrent checks give\n%swant\n%s", text(got), text(want))
	}
}

// TestPublish: a link to a file made after the checks began is found once
// it is published; until then it is reported, with the late files among
// the suggestions.
func TestPublish(t *testing.T) {
	srcs := sources("/search/index.json", "/stories/b/")
	c := New(site, Options{})
	for _, s := range srcs {
		c.Check(s)
	}
	c.Publish("search/index.json", "stories/bb/index.html")
	got := c.Problems()
	want := "content/stories/a.md:6:1: link: /stories/b/: no page at /stories/b/; did you mean /stories/bb/?\n"
	if text(got) != want {
		t.Errorf("got\n%swant\n%s", text(got), want)
	}
}

// TestCache: a Checker with a Cache reuses a file's result while its
// version and the targets are the same, and a heading changed elsewhere
// is seen all the same.
func TestCache(t *testing.T) {
	cache := new(Cache)
	srcs := sources("old-brand.md#历史沿革", "/stories/olde-brand/")
	first := check(site, Options{Cache: cache}, srcs)
	if len(first) != 1 {
		t.Fatalf("got %d problems, want 1:\n%s", len(first), text(first))
	}
	// The same version: its result is kept (a Source's links follow from
	// its version, so a changed list shows whether it was read again).
	srcs[0].Links = links("old-brand.md#历史沿革")
	if got := check(site, Options{Cache: cache}, srcs); text(got) != text(first) {
		t.Errorf("same version: got\n%swant the kept\n%s", text(got), text(first))
	}
	// The heading it links to renamed in another file.
	srcs[1].Headings, srcs[1].Version = headings("历史沿革2"), 2
	got := check(site, Options{Cache: cache}, srcs)
	if len(got) != 2 || got[0].Msg.Code != "link-anchor-suggest" {
		t.Errorf("heading renamed: got\n%s", text(got))
	}
	// A build that checks a renamed heading but fails before Problems;
	// the next build reports the anchor all the same.
	srcs[1].Headings, srcs[1].Version = headings("历史沿革"), 3
	if got := check(site, Options{Cache: cache}, srcs); len(got) != 1 {
		t.Errorf("heading back: got\n%s", text(got))
	}
	srcs[1].Headings, srcs[1].Version = headings("历史沿革2"), 4
	failed := New(site, Options{Cache: cache})
	for _, s := range srcs {
		failed.Check(s)
	}
	if got := check(site, Options{Cache: cache}, srcs); len(got) != 2 || got[0].Msg.Code != "link-anchor-suggest" {
		t.Errorf("after a failed build: got\n%s", text(got))
	}
	// A new version is read again.
	srcs[0].Version = 2
	if got := check(site, Options{Cache: cache}, srcs); len(got) != 1 || got[0].Msg.Code != "link-anchor-suggest" {
		t.Errorf("new version: got\n%s", text(got))
	}
	// The page it missed now exists: every file is checked again.
	srcs[0].Version, srcs[0].Links = 3, links("/stories/olde-brand/")
	check(site, Options{Cache: cache}, srcs)
	more := site
	more.Outputs = append([]string{"stories/olde-brand/index.html"}, site.Outputs...)
	if got := check(more, Options{Cache: cache}, srcs); len(got) != 0 {
		t.Errorf("page added: got\n%s", text(got))
	}
	// Warn is part of the key.
	more.Outputs = site.Outputs
	if got := check(more, Options{Cache: cache, Warn: true}, srcs); len(got) != 1 || got[0].Severity != diag.Warning {
		t.Errorf("warn: got\n%s", text(got))
	}
}

// TestIDList: a page's heading IDs come back in order, of any length
// (one longer than a one-byte length), the empty one included, and an
// ID is found only whole.
func TestIDList(t *testing.T) {
	long := strings.Repeat("节", 100)
	ids := []string{"开头", "", long, "a-1", "a"}
	l := makeIDList(headings(ids...))
	if got := l.list(); strings.Join(got, "|") != strings.Join(ids, "|") || len(got) != len(ids) {
		t.Errorf("list() = %q, want %q", got, ids)
	}
	for id, want := range map[string]bool{"开头": true, long: true, "a": true, "a-1": true, "": true, "开": false, "a-": false, long[:3]: false} {
		if got := l.has(id); got != want {
			t.Errorf("has(%.9q) = %v, want %v", id, got, want)
		}
	}
	if makeIDList(nil).has("") || makeIDList(nil).list() != nil {
		t.Error("no headings: some ID is found")
	}
	hs := headings(ids...)
	if n := testing.AllocsPerRun(10, func() { makeIDList(hs) }); n != 1 {
		t.Errorf("makeIDList made %v objects, want 1 (the string)", n)
	}
}

// TestFileAt: a page is found by its output path as render.OutputPath
// makes it of the page's URL, whatever the URL's form.
func TestFileAt(t *testing.T) {
	pages := []Page{
		{File: "content/_index.md", URL: "/"}, {File: "content/stories/a.md", URL: "/stories/a/"},
		{File: "content/b.md", URL: "/b/index.html"}, {File: "content/c.md", URL: "/c.html"}, {File: "content/d.md", URL: "/d"},
	}
	ts := newTargets(Targets{Pages: pages})
	for _, p := range pages {
		out := render.OutputPath(p.URL)
		if f, ok := ts.fileAt(out); !ok || f != p.File {
			t.Errorf("fileAt(%q) = %q, %v; want %q", out, f, ok, p.File)
		}
	}
	for _, out := range []string{"stories/index.html", "stories/a", "a/index.html", "c/index.html", "d/index.html", "stories/aindex.html"} {
		if f, ok := ts.fileAt(out); ok {
			t.Errorf("fileAt(%q) = %q, want none", out, f)
		}
	}
}

// TestUnlistedPage: a content page whose output is not among the
// Outputs, and not Written, is no link target (its anchors are still the
// file's), and a listed one is suggested for a near miss; a Written
// one is a target.
func TestUnlistedPage(t *testing.T) {
	ts := Targets{
		Outputs: []string{"index.html", "stories/a/index.html"},
		Pages: []Page{{File: "content/stories/a.md", URL: "/stories/a/"}, {File: "content/stories/b.md", URL: "/stories/b/"},
			{File: "content/stories/c.md", URL: "/stories/c/", Written: true}},
	}
	srcs := []Source{{File: "content/stories/a.md", BodyLine: 1, Version: 1, Links: links("/stories/b/", "/stories/ab/", "/stories/c/", "c.md")}}
	got := check(ts, Options{}, srcs)
	want := "content/stories/a.md:1:1: link: /stories/b/: no page at /stories/b/; did you mean /stories/a/?\n" +
		"content/stories/a.md:2:1: link: /stories/ab/: no page at /stories/ab/; did you mean /stories/a/?\n"
	if text(got) != want {
		t.Errorf("got\n%swant\n%s", text(got), want)
	}
}
