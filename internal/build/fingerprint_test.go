package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jiangninglu/showcase/internal/deploy"
	"github.com/jiangninglu/showcase/internal/publisher"
)

// publishedAs finds the name plain (css/style.css) is published under in
// files: the one with a hash of its bytes, css/style.3f2a9c1e.css.
func publishedAs(t *testing.T, files map[string][]byte, plain string) string {
	t.Helper()
	ext := filepath.Ext(plain)
	re := regexp.MustCompile(`^` + regexp.QuoteMeta(strings.TrimSuffix(plain, ext)) + `\.[0-9a-f]{8}` + regexp.QuoteMeta(ext) + `$`)
	found := ""
	for name := range files {
		if re.MatchString(name) {
			if found != "" {
				t.Fatalf("%s is published as both %s and %s", plain, found, name)
			}
			found = name
		}
	}
	if found == "" {
		t.Fatalf("%s is not published under a hashed name", plain)
	}
	return found
}

// TestFingerprinted: the theme's CSS and JavaScript are published under
// names carrying the first 8 hex digits of the SHA-256 of their bytes (as
// published), which deploy serves as immutable for a year; every page
// links those names; an edited stylesheet gets a new name, in a full
// build and under serve alike; a site's own stylesheet over the theme's
// gets its own hash. The plain names are still written.
func TestFingerprinted(t *testing.T) {
	site := writeSite(t, map[string]string{
		"showcase.yaml":              "title: T\n",
		"content/stories/a.md":       "---\ntitle: A\n---\nbody\n",
		"static/css/extra.css":       "p { color: red }\n",
		"static/js/own.js":           "console.log(1)\n",
		"content/stories/b/a.js":     "x()\n", // a story's own file keeps its name
		"content/stories/b/index.md": "---\ntitle: B\n---\n",
	})
	files := func(opts Options) map[string][]byte {
		t.Helper()
		w := publisher.NewMemWriter()
		if _, err := Build(context.Background(), opts, w); err != nil {
			t.Fatal(err)
		}
		return w.Files
	}
	got := files(Options{Source: site})
	css := map[string]string{}
	for _, plain := range []string{"css/style.css", "js/search.js", "js/prefs.js", "css/extra.css", "js/own.js"} {
		name := publishedAs(t, got, plain)
		sum := sha256.Sum256(got[name])
		if want := strings.TrimSuffix(plain, filepath.Ext(plain)) + "." + hex.EncodeToString(sum[:])[:8] + filepath.Ext(plain); name != want {
			t.Errorf("%s published as %s, want %s (the hash of its bytes)", plain, name, want)
		}
		if string(got[plain]) != string(got[name]) {
			t.Errorf("%s and %s differ", plain, name)
		}
		if cc := deploy.CacheControl(name); cc != deploy.CacheImmutable {
			t.Errorf("deploy serves %s with %q, want %q", name, cc, deploy.CacheImmutable)
		}
		css[plain] = name
	}
	for name := range got {
		if strings.HasPrefix(name, "stories/b/a.") && name != "stories/b/a.js" {
			t.Errorf("a story's file is published as %s", name)
		}
	}
	pages := 0
	for name, data := range got {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		page := string(data)
		if !strings.Contains(page, `href="/`+css["css/style.css"]+`"`) || !strings.Contains(page, `src="/`+css["js/prefs.js"]+`"`) {
			t.Errorf("%s does not link %s and %s", name, css["css/style.css"], css["js/prefs.js"])
		}
		if strings.Contains(page, `"/css/style.css"`) || strings.Contains(page, `"/js/prefs.js"`) {
			t.Errorf("%s links a stylesheet or script by its plain name", name)
		}
	}
	if pages < 5 {
		t.Fatalf("only %d pages", pages)
	}
	if !strings.Contains(string(got["search/index.html"]), `src="/`+css["js/search.js"]+`"`) {
		t.Errorf("the search page does not link %s", css["js/search.js"])
	}

	// Unminified, the bytes differ, and so does the name.
	if n := publishedAs(t, files(Options{Source: site, NoMinify: true}), "css/style.css"); n == css["css/style.css"] {
		t.Errorf("minified and unminified style.css are both %s", n)
	}

	// Serve, then the site's own style.css over the theme's: a new hash,
	// in every page, equal to a full build's.
	inc := NewBuilder(Options{Source: site}, true)
	if _, _, err := inc.Snapshot(context.Background(), Changes{All: true}); err != nil {
		t.Fatal(err)
	}
	// A stylesheet no page links gets a new name, and no page renders.
	if err := os.WriteFile(filepath.Join(site, "static/css/extra.css"), []byte("p { color: blue }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	snap, res, err := inc.Snapshot(context.Background(), Changes{Paths: []string{"static/css/extra.css"}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Rendered != 0 {
		t.Errorf("serve rendered %d pages after an edit of a stylesheet no page links", res.Rendered)
	}
	if n := publishedAs(t, snap, "css/extra.css"); n == css["css/extra.css"] || string(snap[n]) != "p{color:blue}" {
		t.Errorf("the edited extra.css is published as %s: %q", n, snap[n])
	}
	if err := os.WriteFile(filepath.Join(site, "static/css/style.css"), []byte("body { color: navy }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	snap, res, err = inc.Snapshot(context.Background(), Changes{Paths: []string{"static/css/style.css"}})
	if err != nil {
		t.Fatal(err)
	}
	full := files(Options{Source: site})
	own := publishedAs(t, full, "css/style.css")
	if own == css["css/style.css"] {
		t.Fatalf("the site's own style.css has the theme's name %s", own)
	}
	if string(full[own]) != "body{color:navy}" {
		t.Errorf("%s holds %q", own, full[own])
	}
	if res.Rendered != res.Pages {
		t.Errorf("serve rendered %d of %d pages after a stylesheet changed its name", res.Rendered, res.Pages)
	}
	if _, ok := snap[css["css/style.css"]]; ok {
		t.Errorf("serve still publishes the old %s", css["css/style.css"])
	}
	for name, data := range full {
		if string(snap[name]) != string(data) {
			t.Errorf("serve's %s differs from a full build's", name)
		}
	}
	if len(snap) != len(full) {
		t.Errorf("serve published %d files, a full build %d", len(snap), len(full))
	}
}

// TestFingerprintedAtRunTime: a site's template that links a stylesheet
// through a variable (relURL is not folded) gets its hashed name too, and
// under serve an edit of it renames it in the pages, as a full build.
func TestFingerprintedAtRunTime(t *testing.T) {
	site := writeSite(t, map[string]string{
		"showcase.yaml":        "title: T\n",
		"content/stories/a.md": "---\ntitle: A\n---\nbody\n",
		"static/css/extra.css": "p { color: red }\n",
		"layouts/partials/head.html": `{{define "partials/head.html"}}<meta charset="utf-8"><title>{{.Title}}</title>` +
			`{{$p := "/css/extra.css"}}<link rel="stylesheet" href="{{relURL $p}}">{{end}}`,
	})
	inc := NewBuilder(Options{Source: site}, true)
	first, _, err := inc.Snapshot(context.Background(), Changes{All: true})
	if err != nil {
		t.Fatal(err)
	}
	name := publishedAs(t, first, "css/extra.css")
	if !strings.Contains(string(first["stories/a/index.html"]), `href="/`+name+`"`) {
		t.Fatalf("the story does not link %s", name)
	}
	if err := os.WriteFile(filepath.Join(site, "static/css/extra.css"), []byte("p { color: blue }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	snap, _, err := inc.Snapshot(context.Background(), Changes{Paths: []string{"static/css/extra.css"}})
	if err != nil {
		t.Fatal(err)
	}
	w := publisher.NewMemWriter()
	if _, err := Build(context.Background(), Options{Source: site}, w); err != nil {
		t.Fatal(err)
	}
	now := publishedAs(t, w.Files, "css/extra.css")
	if now == name {
		t.Fatal("the edited extra.css kept its name")
	}
	for n, data := range w.Files {
		if string(snap[n]) != string(data) {
			t.Errorf("serve's %s differs from a full build's", n)
		}
	}
}
