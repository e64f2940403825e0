package build

import (
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jiangninglu/showcase/internal/publisher"
)

var update = flag.Bool("update", false, "rewrite golden files")

// exampleSite is the repository root: the bundled example site.
const exampleSite = "../.."

// TestExampleGolden builds the example site and compares the rendered
// story pages, the report, the home page, the story list, a facet index,
// a facet value's page and the statistics with the golden files in
// testdata/golden.
func TestExampleGolden(t *testing.T) {
	w := publisher.NewMemWriter()
	res, err := Build(context.Background(), Options{Source: exampleSite, NoMinify: true, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}, w)
	if err != nil {
		t.Fatal(err)
	}
	if res.Stories != 4 {
		t.Errorf("example site has %d stories, want 4", res.Stories)
	}
	for _, name := range []string{"stories/high-heels/index.html", "stories/face-swiping/index.html", "stories/old-brand/index.html", "stories/disdain-chain/index.html", "reports/2020/index.html",
		"index.html", "stories/index.html", "neighborhoods/index.html", "years/2020/index.html", "stats/index.html"} {
		t.Run(name, func(t *testing.T) {
			got, ok := w.Files[name]
			if !ok {
				t.Fatalf("%s not built", name)
			}
			// The hashes in the stylesheets' and scripts' names change with
			// every edit of them; TestFingerprinted pins those.
			got = hashedRef.ReplaceAll(got, []byte(".HASH.$1"))
			golden := filepath.Join("testdata/golden", strings.ReplaceAll(strings.TrimSuffix(name, "/index.html"), "/", "_")+".html")
			if name == "index.html" {
				golden = filepath.Join("testdata/golden", "home.html")
			}
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/build -update)", err)
			}
			if string(got) != string(want) {
				t.Errorf("%s differs from %s; if the change is intended, run go test ./internal/build -update and review the diff\n%s", name, golden, firstDiff(string(got), string(want)))
			}
		})
	}
}

// hashedRef is a link to a fingerprinted file: style.3f2a9c1e.css.
var hashedRef = regexp.MustCompile(`\.[0-9a-f]{8}\.(css"|js")`)

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, a, b)
		}
	}
	return ""
}

// treeHash describes every file and folder under dir with its content hash.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			lines = append(lines, rel+"/")
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, _ := d.Info()
		lines = append(lines, fmt.Sprintf("%s %x %v", rel, sha256.Sum256(data), info.ModTime()))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestFailedBuildKeepsOutput: a content error and a template error each
// leave the previous output byte for byte, with no stray folder beside it.
func TestFailedBuildKeepsOutput(t *testing.T) {
	site := writeSite(t, map[string]string{
		"content/stories/a.md": "---\ntitle: A\n---\nbody\n",
		"content/stories/b.md": "---\ntitle: B\n---\nbody\n",
	})
	ctx := context.Background()
	if _, err := Run(ctx, Options{Source: site}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(site, "public")
	before := treeHash(t, out)

	for name, change := range map[string][2]string{
		"content":  {"content/stories/b.md", "---\ntitle: B\nmetrics: {x: -1}\n---\n"},
		"template": {"layouts/story.html", `{{define "main"}}{{.Story.NoSuchField}}{{end}}`},
		"syntax":   {"layouts/page.html", `{{define "main"}}{{if}}{{end}}`},
	} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(site, change[0])
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(change[1]), 0o644); err != nil {
				t.Fatal(err)
			}
			defer os.Remove(p)
			if _, err := Run(ctx, Options{Source: site}); err == nil {
				t.Fatal("build succeeded, want an error")
			}
			if after := treeHash(t, out); after != before {
				t.Errorf("output changed by a failed build:\nbefore:\n%s\nafter:\n%s", before, after)
			}
			entries, _ := os.ReadDir(site)
			for _, e := range entries {
				if strings.Contains(e.Name(), "showcase-") {
					t.Errorf("stray %s left beside the output", e.Name())
				}
			}
		})
	}
	// Restore b.md and check the next build works and replaces the output.
	os.WriteFile(filepath.Join(site, "content/stories/b.md"), []byte("---\ntitle: B2\n---\n"), 0o644)
	if _, err := Run(ctx, Options{Source: site}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(out, "stories/b/index.html"))
	if !strings.Contains(string(data), "B2") {
		t.Error("rebuild did not replace the output")
	}
}

// TestStaleTemporaryFolders: folders left by a killed build do not break
// the next one and are cleaned up.
func TestStaleTemporaryFolders(t *testing.T) {
	site := writeSite(t, map[string]string{
		"content/stories/a.md":                    "---\ntitle: A\n---\n",
		".public.showcase-new-123/index.html":     "half",
		".public.showcase-new-456/stories/x.html": "half",
	})
	if _, err := Run(context.Background(), Options{Source: site}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(site)
	for _, e := range entries {
		if strings.Contains(e.Name(), "showcase-") {
			t.Errorf("stale %s not cleaned", e.Name())
		}
	}
}

// TestTemplateErrorNamesPlace: a missing field names the template file,
// line and column, as the file is written: the templates are minified as
// they are loaded, which joins lines.
func TestTemplateErrorNamesPlace(t *testing.T) {
	site := writeSite(t, map[string]string{
		"content/stories/a.md": "---\ntitle: A\n---\n",
		"layouts/story.html":   "{{define \"main\"}}\n<article>\n  <h1>{{.Title}}</h1>\n\n  <p>\n    {{.Story.Titel}}</p>\n</article>{{end}}",
	})
	for _, noMinify := range []bool{false, true} {
		_, err := Build(context.Background(), Options{Source: site, NoMinify: noMinify}, publisher.NewMemWriter())
		want := `layouts/story.html:6:12: executing "main" at <.Story.Titel>: can't evaluate field Titel in type *site.Story`
		if err == nil || err.Error() != want {
			t.Errorf("NoMinify %v: got  %v\nwant %s", noMinify, err, want)
		}
	}
}

// TestBaseURLPath: a baseURL with a path prefixes every site link.
func TestBaseURLPath(t *testing.T) {
	site := writeSite(t, map[string]string{
		"showcase.yaml":        "baseURL: https://example.org/showcase/\n",
		"content/stories/a.md": "---\ntitle: A\n---\n",
	})
	w := publisher.NewMemWriter()
	if _, err := Build(context.Background(), Options{Source: site, NoMinify: true}, w); err != nil {
		t.Fatal(err)
	}
	home := string(w.Files["index.html"])
	for _, want := range []string{`href="/showcase/stories/a/"`, `href="/showcase/` + publishedAs(t, w.Files, "css/style.css") + `"`, `<link rel="canonical" href="https://example.org/showcase/">`} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %s", want)
		}
	}
}
