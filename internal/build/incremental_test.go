package build

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/jiangninglu/showcase/internal/bench"
	"github.com/jiangninglu/showcase/internal/diag"
)

// TestIncrementalEqualsFull: after each kind of change, a Builder that
// keeps its caches produces exactly the site a fresh full build produces,
// byte for byte, file for file.
func TestIncrementalEqualsFull(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/numbers.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name, data string) {
		t.Helper()
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range ar.Files {
		write(f.Name, string(f.Data))
	}
	write("content/about.md", "---\ntitle: 关于\n---\n关于本站。\n")
	write("content/stories/bundle/index.md", "---\ntitle: Bundle\ndate: 2021-07-01\nneighborhood: 北京居民区\n---\n![图](pic.svg)\n")
	write("content/stories/bundle/pic.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>`)
	write("static/extra.css", "body { color: red; }\n")
	write("content/stories/bundle/photo.jpg", string(phonePhoto(t, 64, 48)))
	write("content/stories/bundle/index.md", "---\ntitle: Bundle\ndate: 2021-07-01\nneighborhood: 北京居民区\ncover: photo.jpg\ncover_alt: 照片\n---\n![图](pic.svg) ![照片](photo.jpg)\n")

	opts := Options{Source: dir, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	inc := NewBuilder(opts, true)
	if _, _, err := inc.Snapshot(context.Background(), Changes{All: true}); err != nil {
		t.Fatal(err)
	}

	steps := []step{
		{"story body", func() {
			write("content/stories/a.md", "---\ntitle: A\ndate: 2020-03-01\nneighborhood: 北京居民区\naward: 优秀奖\ntrack: 疫后修复\ntags: [花园, 老人]\nmetrics: {participants: 120, funding: 1000.5, days: 30, share: 50}\n---\n新的正文。\n")
		}, []string{"content/stories/a.md"}},
		{"story title", func() {
			write("content/stories/b.md", "---\ntitle: B 改名\ndate: 2020-04-01\nneighborhood: 北京居民区\naward: 参与奖\ntags: [花园]\nmetrics: {participants: 30, days: 45, share: 66.7}\n---\n")
		}, []string{"content/stories/b.md"}},
		{"metric", func() {
			write("content/stories/c.md", "---\ntitle: C\ndate: 2021-05-01\nneighborhood: 海防村居民区\naward: 优秀奖\ntags: [老人]\nmetrics: {participants: 999, funding: 2000}\n---\n")
		}, []string{"content/stories/c.md"}},
		{"project and leads (stats.xlsx only)", func() {
			write("content/stories/c.md", "---\ntitle: C\ndate: 2021-05-01\nneighborhood: 海防村居民区\naward: 优秀奖\ntags: [老人]\nproject: 老字号\nleads: [马婷婷]\nmetrics: {participants: 999, funding: 2000}\n---\n")
		}, []string{"content/stories/c.md"}},
		{"date moves story", func() {
			write("content/stories/e.md", "---\ntitle: E\ndate: 2019-01-01\nneighborhood: 联宝里居民区\nmetrics: {participants: 7.25}\n---\n")
		}, []string{"content/stories/e.md"}},
		{"new story", func() {
			write("content/stories/f.md", "---\ntitle: F\ndate: 2021-08-01\nneighborhood: 新居民区\ntags: [新标签]\n---\n[链接](a.md)\n")
		}, []string{"content/stories/f.md"}},
		{"delete story", func() { os.Remove(filepath.Join(dir, "content/stories/d.md")) }, []string{"content/stories/d.md"}},
		{"rename story", func() {
			os.Rename(filepath.Join(dir, "content/stories/f.md"), filepath.Join(dir, "content/stories/g.md"))
		}, []string{"content/stories/f.md", "content/stories/g.md"}},
		{"page", func() { write("content/about.md", "---\ntitle: 关于我们\n---\n改了。\n") }, []string{"content/about.md"}},
		{"report", func() {
			write("content/reports/2020.md", "---\ntitle: \"2020 报告\"\nyear: 2020\nreported: {participants: 16000}\n---\n")
		}, []string{"content/reports/2020.md"}},
		{"layout", func() {
			write("layouts/partials/footer.html", `{{define "partials/footer.html"}}<footer>自定义页脚</footer>{{end}}`)
		}, []string{"layouts/partials/footer.html"}},
		{"i18n", func() {
			write("i18n/zh-CN.yaml", strings.Replace(mustRead(t, "../../i18n/zh-CN.yaml"), "stories: 故事", "stories: 全部故事", 1))
		}, []string{"i18n/zh-CN.yaml"}},
		{"static edit", func() { write("static/extra.css", "body { color: blue; }\n") }, []string{"static/extra.css"}},
		{"static new", func() { write("static/new.txt", "hello\n") }, []string{"static/new.txt"}},
		{"static delete", func() { os.Remove(filepath.Join(dir, "static/extra.css")) }, []string{"static/extra.css"}},
		{"bundle image", func() {
			write("content/stories/bundle/pic.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>`)
		}, []string{"content/stories/bundle/pic.svg"}},
		{"photo", func() { write("content/stories/bundle/photo.jpg", string(phonePhoto(t, 80, 40))) }, []string{"content/stories/bundle/photo.jpg"}},
		{"config", func() { write("showcase.yaml", mustRead(t, filepath.Join(dir, "showcase.yaml"))+"paginate: 1\n") }, []string{"showcase.yaml"}},
		{"folder removed", func() { os.RemoveAll(filepath.Join(dir, "content/stories/bundle")) }, []string{"content/stories/bundle"}},
	}
	checkSteps(t, inc, opts, steps, func(name string, res *Result, _ Snapshot) {
		// Its page, its neighbours' (they are given it), the lists that
		// show its card (the story list, its year, neighbourhood, award,
		// track and two tags), the home page, the statistics and the
		// reports (given the latest report, with its stories) and its
		// year's report.
		if name == "story body" && res.Rendered > 14 {
			t.Errorf("a body edit rendered %d pages; want the pages given the story, no more", res.Rendered)
		}
	})
}

// step is one change to a site and the paths it touched.
type step struct {
	name  string
	apply func()
	paths []string
}

// checkSteps applies each step, rebuilds with inc (as serve does: the
// pages left for SitePages and the search index made after the swap, then
// put in), and compares the result with a fresh full build, byte for
// byte. check, if set, sees each incremental build's Result and files,
// as the rebuild returned them.
func checkSteps(t *testing.T, inc *Builder, opts Options, steps []step, check func(string, *Result, Snapshot)) {
	t.Helper()
	ctx := context.Background()
	for _, s := range steps {
		s.apply()
		got, res, err := inc.Snapshot(ctx, Changes{Paths: s.paths})
		if err != nil {
			t.Fatalf("%s: incremental: %v", s.name, err)
		}
		if check != nil {
			check(s.name, res, got)
		}
		got = maps.Clone(got)
		pages, ok, err := res.Later.SitePages(ctx)
		if err != nil {
			t.Fatalf("%s: site pages: %v", s.name, err)
		}
		if ok {
			t.Logf("%s: %d pages left for later, %d of them changed", s.name, res.Deferred, len(pages))
			maps.Copy(got, pages)
		}
		index, replaces, ok, err := res.Later.Data()
		if err != nil {
			t.Fatalf("%s: data files: %v", s.name, err)
		}
		if ok {
			maps.DeleteFunc(got, func(name string, _ []byte) bool { return replaces(name) })
			maps.Copy(got, index)
		}
		t.Logf("%s: rendered %d of %d pages, %d minified anew", s.name, res.Rendered, res.Pages, res.Changed)
		want, _, err := NewBuilder(opts, false).Snapshot(ctx, Changes{All: true})
		if err != nil {
			t.Fatalf("%s: full: %v", s.name, err)
		}
		if d := diffSnapshots(got, want); d != "" {
			t.Errorf("after %s, incremental differs from full build: %s", s.name, d)
		}
	}
}

// TestIncrementalOwnTemplates: a site's own story template that reads
// .Site.Stories shows every story's title on every story page; after a
// story is added, renamed, retitled, edited or deleted, serve's Builder
// gives what a full build gives.
func TestIncrementalOwnTemplates(t *testing.T) {
	dir := writeArchive(t, "testdata/own-templates.txtar")
	write := func(name, data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opts := Options{Source: dir, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	inc := NewBuilder(opts, true)
	inc.DeferData()
	inc.DeferSitePages()
	if _, _, err := inc.Snapshot(context.Background(), Changes{All: true}); err != nil {
		t.Fatal(err)
	}
	story := func(title, date string) string {
		return "---\ntitle: " + title + "\ndate: " + date + "\nneighborhood: 北京居民区\n---\nStory " + title + ".\n"
	}
	steps := []step{
		{"add", func() { write("content/stories/d.md", story("D", "2021-06-01")) }, []string{"content/stories/d.md"}},
		{"retitle", func() { write("content/stories/a.md", story("A 改名", "2020-03-01")) }, []string{"content/stories/a.md"}},
		{"body", func() { write("content/stories/b.md", story("B", "2020-04-01")+"More.\n") }, []string{"content/stories/b.md"}},
		{"rename", func() {
			if err := os.Rename(filepath.Join(dir, "content/stories/d.md"), filepath.Join(dir, "content/stories/e.md")); err != nil {
				t.Fatal(err)
			}
		}, []string{"content/stories/d.md", "content/stories/e.md"}},
		{"delete", func() {
			if err := os.Remove(filepath.Join(dir, "content/stories/c.md")); err != nil {
				t.Fatal(err)
			}
		}, []string{"content/stories/c.md"}},
	}
	checkSteps(t, inc, opts, steps, nil)
}

// TestIncrementalKeepsUnchangedOutput: a page of a site's own template
// renders again after any story changes (its key holds the whole site's
// version), but when its template writes the same bytes as last time,
// serve's Builder keeps the bytes minified then; a page whose output
// changed is minified anew. Either way the site equals a full build.
func TestIncrementalKeepsUnchangedOutput(t *testing.T) {
	story := func(title, date, body string) string {
		return "---\ntitle: " + title + "\ndate: " + date + "\nneighborhood: 北京居民区\n---\n" + body + "\n"
	}
	dir := writeSite(t, map[string]string{
		"showcase.yaml": "title: T\nbaseURL: https://example.org/\n",
		// A story's page shows the count of stories and its neighbours'
		// titles; the about page, the count alone.
		"layouts/story.html": `{{define "main"}}<article><h1>{{.Title}}</h1>{{.Content}}
<p>{{len .Site.Stories}} stories</p>
<nav>{{with .Prev}}<a href="{{relURL .URL}}">{{.Title}}</a>{{end}} {{with .Next}}<a href="{{relURL .URL}}">{{.Title}}</a>{{end}}</nav></article>{{end}}`,
		"layouts/page.html":    `{{define "main"}}<p>{{.Title}}:   {{len .Site.Stories}}   stories</p>{{end}}`,
		"content/about.md":     "---\ntitle: 关于\n---\n关于本站。\n",
		"content/stories/a.md": story("A", "2020-03-01", "Story A."),
		"content/stories/b.md": story("B", "2020-04-01", "Story B."),
		"content/stories/c.md": story("C", "2021-05-01", "Story C."),
		"content/stories/d.md": story("D", "2021-06-01", "Story D."),
	})
	write := func(name, data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opts := Options{Source: dir, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	inc := NewBuilder(opts, true)
	prev, _, err := inc.Snapshot(context.Background(), Changes{All: true})
	if err != nil {
		t.Fatal(err)
	}
	// kept lists, for each step, own pages that render again and must
	// keep their bytes; anew, those whose bytes must change.
	steps := []struct {
		step
		kept, anew []string
	}{
		{step{"body", func() { write("content/stories/b.md", story("B", "2020-04-01", "Story B, longer.")) }, []string{"content/stories/b.md"}},
			[]string{"stories/a/index.html", "stories/c/index.html", "stories/d/index.html", "about/index.html"},
			[]string{"stories/b/index.html"}},
		{step{"retitle", func() { write("content/stories/d.md", story("D 改名", "2021-06-01", "Story D.")) }, []string{"content/stories/d.md"}},
			[]string{"stories/a/index.html", "stories/b/index.html", "about/index.html"},
			[]string{"stories/c/index.html", "stories/d/index.html"}},
		{step{"add", func() { write("content/stories/e.md", story("E", "2019-01-01", "Story E.")) }, []string{"content/stories/e.md"}},
			nil,
			[]string{"stories/a/index.html", "stories/b/index.html", "stories/c/index.html", "stories/d/index.html", "stories/e/index.html", "about/index.html"}},
	}
	var list []step
	for _, s := range steps {
		list = append(list, s.step)
	}
	i := 0
	checkSteps(t, inc, opts, list, func(name string, res *Result, got Snapshot) {
		s := steps[i]
		i++
		// Every HTML page minified anew differs from last time's (the
		// edits change what a page shows, not only its spaces); every
		// other keeps last time's bytes, not a copy.
		differ := 0
		for n, data := range got {
			if !strings.HasSuffix(n, ".html") {
				continue
			}
			old, ok := prev[n]
			switch {
			case !ok || string(old) != string(data):
				differ++
			case &old[0] != &data[0]:
				t.Errorf("%s: %s has the same bytes as before, but a new copy", name, n)
			}
		}
		if res.Changed != differ {
			t.Errorf("%s: %d pages minified anew, %d differ from the last build", name, res.Changed, differ)
		}
		for _, n := range s.kept {
			if string(got[n]) != string(prev[n]) {
				t.Errorf("%s: %s changed", name, n)
			}
		}
		for _, n := range s.anew {
			if string(got[n]) == string(prev[n]) {
				t.Errorf("%s: %s did not change", name, n)
			}
		}
		if len(s.kept) > 0 && res.Rendered < res.Changed+len(s.kept) {
			t.Errorf("%s: rendered %d pages, minified %d anew; want at least %d rendered and kept", name, res.Rendered, res.Changed, len(s.kept))
		}
		prev = got
	})
}

// TestIncrementalDefersSitePages: with DeferSitePages, a rebuild renders
// the pages of the site's own template whose own data changed (the edited
// story's, its neighbours' after a new title) and leaves the rest, which
// changed only because the site did, for SitePages; the rebuild's files
// already show the edit, and with SitePages' files they equal a full build.
func TestIncrementalDefersSitePages(t *testing.T) {
	story := func(title, date, body string) string {
		return "---\ntitle: " + title + "\ndate: " + date + "\nneighborhood: 北京居民区\n---\n" + body + "\n"
	}
	dir := writeSite(t, map[string]string{
		"showcase.yaml":        "title: T\nbaseURL: https://example.org/\n",
		"layouts/story.html":   bench.OwnStory,
		"layouts/page.html":    `{{define "main"}}<p>{{.Title}}: {{len .Site.Stories}} stories</p>{{end}}`,
		"content/about.md":     "---\ntitle: 关于\n---\n关于本站。\n",
		"content/stories/a.md": story("A", "2020-03-01", "Story A."),
		"content/stories/b.md": story("B", "2020-04-01", "Story B."),
		"content/stories/c.md": story("C", "2021-05-01", "Story C."),
		"content/stories/d.md": story("D", "2021-06-01", "Story D."),
	})
	write := func(name, data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opts := Options{Source: dir, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	inc := NewBuilder(opts, true)
	inc.DeferSitePages()
	if _, _, err := inc.Snapshot(context.Background(), Changes{All: true}); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		step
		page, shows string // the rebuild's files show the edit in page
		deferred    int
	}{
		{step{"body", func() { write("content/stories/b.md", story("B", "2020-04-01", "Story B, longer.")) }, []string{"content/stories/b.md"}},
			"stories/b/index.html", "Story B, longer.", 2}, // d and about; a and c are given b as a neighbour, so their data changed
		{step{"retitle", func() { write("content/stories/d.md", story("D 改名", "2021-06-01", "Story D.")) }, []string{"content/stories/d.md"}},
			"stories/c/index.html", "D 改名", 3}, // a, b and about; c shows d's title
		{step{"add", func() { write("content/stories/e.md", story("E", "2019-01-01", "Story E.")) }, []string{"content/stories/e.md"}},
			"stories/e/index.html", "5 stories", 4}, // b, c, d and about show 4 stories until SitePages
		{step{"delete", func() { os.Remove(filepath.Join(dir, "content/stories/b.md")) }, []string{"content/stories/b.md"}},
			"stories/a/index.html", "4 stories", 3}, // d, e and about; a and c had b as a neighbour
	}
	var list []step
	for _, s := range steps {
		list = append(list, s.step)
	}
	i := 0
	checkSteps(t, inc, opts, list, func(name string, res *Result, got Snapshot) {
		s := steps[i]
		i++
		if !strings.Contains(string(got[s.page]), s.shows) {
			t.Errorf("%s: the rebuild's %s does not show %q", name, s.page, s.shows)
		}
		if res.Deferred != s.deferred {
			t.Errorf("%s: %d pages left for SitePages, want %d", name, res.Deferred, s.deferred)
		}
	})
}

// TestSitePagesBesideBuild: SitePages runs beside the next build (serve
// starts it after the swap, and the editor saves again); whichever ends
// first, what the newer build and its SitePages give equals a full build.
func TestSitePagesBesideBuild(t *testing.T) {
	dir := writeArchive(t, "testdata/own-templates.txtar")
	opts := Options{Source: dir, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	inc := NewBuilder(opts, true)
	inc.DeferSitePages()
	ctx := context.Background()
	if _, _, err := inc.Snapshot(ctx, Changes{All: true}); err != nil {
		t.Fatal(err)
	}
	body := func(n int) {
		story := fmt.Sprintf("---\ntitle: A\ndate: 2020-03-01\nneighborhood: 北京居民区\n---\nStory A, edit %d.\n", n)
		if err := os.WriteFile(filepath.Join(dir, "content/stories/a.md"), []byte(story), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ch := Changes{Paths: []string{"content/stories/a.md"}}
	for n := range 20 {
		body(n)
		snap, res, err := inc.Snapshot(ctx, ch)
		if err != nil {
			t.Fatal(err)
		}
		if res.Deferred == 0 {
			t.Fatalf("edit %d left no page for SitePages", n)
		}
		done := make(chan map[string][]byte, 1)
		later := res.Later // res is given the next build's result below
		go func() {
			files, _, err := later.SitePages(ctx)
			if err != nil {
				t.Error(err)
			}
			done <- files
		}()
		got := maps.Clone(snap)
		if n%2 == 0 { // the next build after SitePages, or beside it
			maps.Copy(got, <-done)
		} else {
			body(n + 100)
			snap, res, err = inc.Snapshot(ctx, ch)
			if err != nil {
				t.Fatal(err)
			}
			<-done // made for the older build: not used
			got = maps.Clone(snap)
			files, _, err := res.Later.SitePages(ctx)
			if err != nil {
				t.Fatal(err)
			}
			maps.Copy(got, files)
		}
		want, _, err := NewBuilder(opts, false).Snapshot(ctx, Changes{All: true})
		if err != nil {
			t.Fatal(err)
		}
		if d := diffSnapshots(got, want); d != "" {
			t.Fatalf("edit %d: incremental differs from full build: %s", n, d)
		}
	}
}

// writeArchive writes the files of a txtar archive into a new folder.
func writeArchive(t *testing.T, archive string) string {
	t.Helper()
	ar, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range ar.Files {
		files[f.Name] = string(f.Data)
	}
	return writeSite(t, files)
}

func mustRead(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func diffSnapshots(got, want Snapshot) string {
	var names []string
	for n := range want {
		names = append(names, n)
	}
	for n := range got {
		if _, ok := want[n]; !ok {
			return "extra file " + n
		}
	}
	sort.Strings(names)
	for _, n := range names {
		g, ok := got[n]
		if !ok {
			return "missing file " + n
		}
		if string(g) != string(want[n]) {
			return n + ": " + firstDiff(string(g), string(want[n]))
		}
	}
	return ""
}

// TestIncrementalLinks: serve's Builder keeps each file's link check while
// the file and the link targets are the same; after edits to the linking
// file, to a heading it links to, and to the pages that exist, it reports
// the broken links a full build reports, in the same order.
func TestIncrementalLinks(t *testing.T) {
	story := func(title, body string) string {
		return "---\ntitle: " + title + "\ndate: 2020-03-01\nneighborhood: 北京居民区\n---\n" + body
	}
	dir := writeSite(t, map[string]string{
		"showcase.yaml":          "title: T\nbaseURL: https://example.org/\nbroken_links: warning\n",
		"content/stories/a.md":   story("A", "[b](b.md#sec) [c](c.md) [z](/stories/z/)\n"),
		"content/stories/b.md":   story("B", "## sec\n\n[a](a.md#nowhere)\n"),
		"content/stories/own.md": story("Own", "[self](#top)\n"),
	})
	write := func(name, data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opts := Options{Source: dir, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	inc := NewBuilder(opts, true)
	ctx := context.Background()
	if _, _, err := inc.Snapshot(ctx, Changes{All: true}); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name  string
		apply func()
		path  string
		n     int // warnings after the step
	}{
		{"linking file's body", func() {
			write("content/stories/a.md", story("A", "[b](b.md#sec) [c](c.md) [z](/stories/z/)\n\n更多。\n"))
		}, "content/stories/a.md", 4},
		{"another file's body", func() { write("content/stories/own.md", story("Own", "[self](#top)\n\n更多。\n")) }, "content/stories/own.md", 4},
		{"heading removed", func() { write("content/stories/b.md", story("B", "## other\n\n[a](a.md#nowhere)\n")) }, "content/stories/b.md", 5},
		{"page added", func() { write("content/stories/c.md", story("C", "text\n")) }, "content/stories/c.md", 4},
		{"page deleted", func() { os.Remove(filepath.Join(dir, "content/stories/c.md")) }, "content/stories/c.md", 5},
	}
	for _, s := range steps {
		s.apply()
		got, res, err := inc.Snapshot(ctx, Changes{Paths: []string{s.path}})
		if err != nil {
			t.Fatalf("%s: incremental: %v", s.name, err)
		}
		want, full, err := NewBuilder(opts, false).Snapshot(ctx, Changes{All: true})
		if err != nil {
			t.Fatalf("%s: full: %v", s.name, err)
		}
		if g, w := problemsText(res.Warnings), problemsText(full.Warnings); g != w {
			t.Errorf("after %s, incremental warns\n%s\nfull build warns\n%s", s.name, g, w)
		}
		if len(full.Warnings) != s.n {
			t.Errorf("after %s, %d warnings, want %d:\n%s", s.name, len(full.Warnings), s.n, problemsText(full.Warnings))
		}
		if d := diffSnapshots(got, want); d != "" {
			t.Errorf("after %s, incremental differs from full build: %s", s.name, d)
		}
	}
}

// problemsText is a list's problems, one a line, in its order.
func problemsText(l diag.List) string {
	var b strings.Builder
	for _, p := range l {
		b.WriteString(p.Error() + "\n")
	}
	return b.String()
}
