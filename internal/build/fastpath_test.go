package build

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jiangninglu/showcase"
	"github.com/jiangninglu/showcase/internal/bench"
	"github.com/jiangninglu/showcase/internal/htmlmin"
)

// edgeSite has what the example site does not: the English interface, a
// base URL with a path, facets left out, undeclared metrics, covers of
// every kind, missing fields, and characters every escaper treats.
var edgeSite = map[string]string{
	"showcase.yaml": "title: 'Q&A <site> \"x\" + ''y'''\nbaseURL: https://example.org/sub/\nlanguage: en\nfacets: [year, tags]\nbroken_links: warning\n",
	"content/stories/a.md": `---
title: "A & B <c> 'd' \"e\" +f"
date: 2021-03-04T05:06:07+08:00
leads: [甲, "B&C"]
neighborhood: "南京西路 <居民区>"
project: "P+Q"
track: 自治共治
award: 一等奖
tags: [长者, "a b", "%41", "c/d?e#f"]
summary: "It's <fine> & \"good\""
cover: /images/pic.jpg
cover_alt: "alt \"x\" & <y>"
params: {summary_en: "In English & <more>"}
metrics: {participants: 1234.5, funding: 0, "volunteers": 12}
---
Body with <b>raw</b> & [a link](https://example.org/x "t").
`,
	"content/stories/b/index.md": `---
title: B
year: 2019
cover: photo.svg
params: {summary_en: 42}
---
No date, no leads.
`,
	"content/stories/b/photo.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>`,
	"content/stories/c.md":        "---\ntitle: C\ncover: 'sub dir/p+q&x.svg'\ncover_alt: ''\nparams: {summary_en: ''}\n---\n",
	"content/stories/d.md":        "---\ntitle: \"\\u0000nul\"\ndate: 2018-01-01\nsummary: ''\n---\n\n",
}

// pathSites are the sites the quicker paths are checked on, by name.
func pathSites(t *testing.T) (map[string]string, []string) {
	synthetic := t.TempDir()
	if err := bench.Write(synthetic, 300, 7); err != nil {
		t.Fatal(err)
	}
	example, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	sites := map[string]string{
		"example":   example,
		"hostile":   writeSite(t, hostile),
		"edge":      writeSite(t, edgeSite),
		"synthetic": synthetic,
		"empty":     writeSite(t, map[string]string{"showcase.yaml": "title: 空\n", "content/stories/_index.md": "---\ntitle: 故事\n---\n还没有<故事>。\n"}),
	}
	names := make([]string, 0, len(sites))
	for n := range sites {
		names = append(names, n)
	}
	sort.Strings(names)
	return sites, names
}

// TestFastPages: the built-in theme's story, story list and facet pages
// are written in Go (render.fastPages) rather than by text/template, and
// pages are minified by internal/htmlmin rather than tdewolff's minifier.
// Every file of each test site must be the same either way, minified or
// not.
func TestFastPages(t *testing.T) {
	sites, names := pathSites(t)
	example := sites["example"]
	for _, name := range names {
		for _, noMinify := range []bool{true, false} {
			opts := Options{Source: sites[name], NoMinify: noMinify, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
			fast, slow := NewMemWriter(), NewMemWriter()
			if _, err := Build(context.Background(), opts, fast); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			opts.Reference = true
			if _, err := Build(context.Background(), opts, slow); err != nil {
				t.Fatalf("%s, reference build: %v", name, err)
			}
			if len(fast.Files) != len(slow.Files) {
				t.Errorf("%s: %d files, %d in the reference build", name, len(fast.Files), len(slow.Files))
			}
			stories := 0
			for f, want := range slow.Files {
				got, ok := fast.Files[f]
				if !ok {
					t.Errorf("%s: %s missing", name, f)
					continue
				}
				if filepath.Dir(filepath.Dir(f)) == "stories" {
					stories++
				}
				if string(got) != string(want) {
					t.Errorf("%s (minified %v): %s differs from the template's:\n%s", name, !noMinify, f, firstDiff(string(got), string(want)))
				}
			}
			if stories == 0 && name != "empty" {
				t.Errorf("%s: no story pages compared", name)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(example, "content", "stories")); err != nil {
		t.Fatal("example site not found:", err)
	}
}

// TestHTMLMinTakesPages: internal/htmlmin minifies every page of the
// built-in theme itself (were it to leave them to tdewolff, the build would
// be right but slow, and TestFastPages would not notice), and as tdewolff
// does. Only the statistics page, whose charts are inline SVG, and a story
// body's raw HTML may send a page to tdewolff.
func TestHTMLMinTakesPages(t *testing.T) {
	sites, names := pathSites(t)
	m := newMinifier(true, false).m
	for _, name := range names {
		w := NewMemWriter()
		opts := Options{Source: sites[name], NoMinify: true, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
		if _, err := Build(context.Background(), opts, w); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		pages, refused := 0, []string{}
		for f, src := range w.Files {
			if !strings.HasSuffix(f, ".html") {
				continue
			}
			pages++
			var want, got bytes.Buffer
			if err := m.Minify("text/html", &want, bytes.NewBuffer(bytes.Clone(src))); err != nil {
				t.Fatalf("%s: %s: %v", name, f, err)
			}
			if !htmlmin.Minify(m, &got, src) {
				refused = append(refused, f)
				continue
			}
			if got.String() != want.String() {
				t.Errorf("%s: %s minified differently:\n%s", name, f, firstDiff(got.String(), want.String()))
			}
		}
		sort.Strings(refused)
		t.Logf("%s: htmlmin took %d of %d pages", name, pages-len(refused), pages)
		for _, f := range refused {
			if f != "stats/index.html" && (name != "hostile" && name != "edge" || !strings.HasPrefix(f, "stories/")) {
				t.Errorf("%s: htmlmin left %s to tdewolff", name, f)
			}
		}
	}
}

// TestFastPagesFallBack: a page the Go writer cannot finish (here a word
// missing from a site's own i18n file) is left to the templates, whose
// error the build reports, the same as with templates only.
func TestFastPagesFallBack(t *testing.T) {
	words, err := fs.ReadFile(showcase.Theme, "i18n/zh-CN.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, l := range strings.Split(string(words), "\n") {
		if !strings.HasPrefix(l, "leads:") {
			kept = append(kept, l)
		}
	}
	dir := writeSite(t, map[string]string{
		"showcase.yaml":        "title: 站\n",
		"i18n/zh-CN.yaml":      strings.Join(kept, "\n"),
		"content/stories/a.md": "---\ntitle: A\nleads: [甲]\n---\n正文\n",
	})
	var msgs [2]string
	for i, only := range []bool{false, true} {
		_, err := Build(context.Background(), Options{Source: dir, Reference: only}, NewMemWriter())
		if err == nil {
			t.Fatalf("templates only %v: built without the word \"leads\"", only)
		}
		msgs[i] = err.Error()
	}
	if !strings.Contains(msgs[0], `no word "leads"`) || msgs[0] != msgs[1] {
		t.Errorf("errors differ or miss the word:\n%s\n%s", msgs[0], msgs[1])
	}
}
