package build

import (
	"context"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jiangninglu/showcase/internal/publisher"
)

var (
	ogImageRe = regexp.MustCompile(`<meta (?:property|name)="(?:og:image|twitter:image)" content="([^"]*)"`)
	imgSrcRe  = regexp.MustCompile(`<(?:img|source)\b[^>]*?\s(src|srcset)="([^"]*)"`)
	iconRe    = regexp.MustCompile(`<link rel="icon" href="([^"]*)"`)
	assetRe   = regexp.MustCompile(`<(?:link rel="stylesheet" href|script src)="([^"]*)"`)
)

// TestPublishedReferences builds the example site, the chart fixture (with
// a logo) and a site whose bundle story has a photo cover, and checks that
// every og:image, twitter:image, <img src>, srcset entry, favicon,
// stylesheet and script of every page names a file the build wrote: a
// social card must not point at the original photo, which is re-encoded
// and not published. Stylesheets and scripts are linked by their
// fingerprinted names (style.3f2a9c1e.css), which deploy caches a year.
func TestPublishedReferences(t *testing.T) {
	photoSite := writeSite(t, map[string]string{
		"showcase.yaml":                   "baseURL: https://example.org/sub/\n",
		"content/stories/garden/index.md": "---\ntitle: 花园\ncover: photo.jpg\ncover_alt: 花园全景\n---\n正文。\n",
	})
	if err := os.WriteFile(filepath.Join(photoSite, "content/stories/garden/photo.jpg"), phonePhoto(t, 2000, 1300), 0o644); err != nil {
		t.Fatal(err)
	}
	sites := map[string]func() *publisher.MemWriter{
		"example": func() *publisher.MemWriter { return buildDir(t, exampleSite) },
		"charts":  func() *publisher.MemWriter { return buildTxtarWith(t, "testdata/charts.txtar", Options{}) },
		"photo":   func() *publisher.MemWriter { return buildDir(t, photoSite) },
	}
	for name, build := range sites {
		t.Run(name, func(t *testing.T) {
			w := build()
			prefix := "/"
			if name == "photo" {
				prefix = "/sub/"
			}
			resolve := func(page, ref string) string {
				u, err := url.Parse(ref)
				if err != nil {
					return ""
				}
				p := u.Path
				if !strings.HasPrefix(p, "/") {
					p = path.Join(path.Dir("/"+page), p)
				}
				p, _ = url.PathUnescape(strings.TrimPrefix(p, prefix))
				if p == "" || strings.HasSuffix(p, "/") {
					p += "index.html"
				}
				return p
			}
			checked := 0
			for page, data := range w.Files {
				if !strings.HasSuffix(page, ".html") {
					continue
				}
				var refs []string
				for _, m := range ogImageRe.FindAllSubmatch(data, -1) {
					refs = append(refs, string(m[1]))
				}
				for _, m := range iconRe.FindAllSubmatch(data, -1) {
					refs = append(refs, string(m[1]))
				}
				for _, m := range assetRe.FindAllSubmatch(data, -1) {
					ref := string(m[1])
					if !hashedRef.MatchString(ref + `"`) {
						t.Errorf("%s: %s is not a fingerprinted name", page, ref)
					}
					refs = append(refs, ref)
				}
				for _, m := range imgSrcRe.FindAllSubmatch(data, -1) {
					if string(m[1]) == "src" {
						refs = append(refs, string(m[2]))
						continue
					}
					for _, cand := range strings.Split(string(m[2]), ",") {
						refs = append(refs, strings.Fields(cand)[0])
					}
				}
				for _, ref := range refs {
					checked++
					if _, ok := w.Files[resolve(page, ref)]; !ok {
						t.Errorf("%s: %s names no published file", page, ref)
					}
				}
			}
			if checked == 0 {
				t.Error("no image reference checked")
			}
		})
	}
	// The photo (1300 pixels wide upright: variants 480, 960 and 1300)
	// gets the card nearest 1200 pixels wide.
	w := buildDir(t, photoSite)
	if page := string(w.Files["stories/garden/index.html"]); !strings.Contains(page, `<meta property="og:image" content="https://example.org/sub/stories/garden/photo-1300.jpg">`) {
		t.Errorf("og:image is not the 1300-pixel variant:\n%s", ogImageRe.FindString(page))
	}
}

func buildDir(t *testing.T, dir string) *publisher.MemWriter {
	t.Helper()
	w := publisher.NewMemWriter()
	if _, err := Build(context.Background(), Options{Source: dir, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}, w); err != nil {
		t.Fatal(err)
	}
	return w
}

// chinesePunctuation is what an English page must not show: the theme's
// punctuation, list separators and phrasing come from i18n/en.yaml.
var chinesePunctuation = regexp.MustCompile(`[，。：；（）、《》“”「」！？]`)

// TestEnglishThemeText builds an English site whose content has no Chinese
// punctuation and finds none in any page: whatever there is came from the
// theme.
func TestEnglishThemeText(t *testing.T) {
	w := buildTxtarWith(t, "testdata/en.txtar", Options{NoMinify: true})
	pages := 0
	for name, data := range w.Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		for _, line := range strings.Split(string(data), "\n") {
			if m := chinesePunctuation.FindString(line); m != "" {
				t.Errorf("%s: %q in %s", name, m, strings.TrimSpace(line))
			}
		}
	}
	if pages < 20 {
		t.Fatalf("only %d pages", pages)
	}
	for page, want := range map[string]string{
		"stories/two/index.html": "Project leads: 马婷婷, 李凯",
		"stats/index.html":       "2 of 3 stories",
		"years/2020/index.html":  "1 story",
		"stories/index.html":     `style="--cols:3"`,
	} {
		if !strings.Contains(string(w.Files[page]), want) {
			t.Errorf("%s does not show %q", page, want)
		}
	}
}
