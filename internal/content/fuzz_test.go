package content

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/diag"
)

// FuzzLoad: loading any story file never panics; every problem names the
// file, and a loaded story has a title and a safe slug.
func FuzzLoad(f *testing.F) {
	for _, s := range []string{
		goodYAML,
		"---\ntitle: A\nmetrics: {participants: 1e308, b: .nan, c: \"12\", d: true, e: -1}\n---\n",
		"---\ntitle: A\ndate: 2021-02-30\nslug: ../x\n---\n",
		"+++\ntitle = \"A\"\nyear = 99999\n+++\n",
		"{\"title\": \"A\", \"tags\": [1, null]}\n\n",
		"---\ntitle: A\nparams: {a: [1, {b: 2}]}\n---\n",
		"\xff\xfe",
		"",
	} {
		f.Add(s)
	}
	cfg, _ := config.Parse([]byte("metrics:\n  - {key: participants}\n  - {key: b}\n"))
	f.Fuzz(func(t *testing.T, src string) {
		fsys := fstest.MapFS{"content/stories/x.md": &fstest.MapFile{Data: []byte(src)}}
		c, err := Load(context.Background(), fsys, cfg, Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Drafts: true, Future: true})
		probs := diag.Problems(err)
		if w, ok := err.(*Warnings); ok {
			probs = w.List
		}
		if err != nil && probs == nil {
			t.Fatalf("Load returned a non-content error: %v", err)
		}
		for _, p := range probs {
			if p.Pos.File != "content/stories/x.md" || p.Pos.Line < 0 {
				t.Fatalf("problem without its place: %v", p)
			}
		}
		if err == nil || !probs.HasErrors() {
			for _, s := range c.Stories {
				if strings.TrimSpace(s.Title) == "" {
					t.Fatal("a story without a title loaded")
				}
				if CheckSlug(s.Slug) != nil {
					t.Fatalf("unsafe slug %q loaded", s.Slug)
				}
				for k, v := range s.Metrics {
					if v < 0 || v != v {
						t.Fatalf("metric %s = %v loaded", k, v)
					}
				}
			}
		}
	})
}

// FuzzSlug: a slug CheckSlug accepts, and every URL name, is one safe path
// segment.
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"high-heels", "社区花园", "../x", "a/b", "a\\b", "北京 居民区", "page", "", "\x00", "é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		safe := func(x string) bool {
			if x == "" || x == "." || strings.Contains(x, "..") || strings.ContainsAny(x, "/\\?#%") {
				return false
			}
			for _, r := range x {
				if unicode.IsControl(r) || unicode.IsSpace(r) {
					return false
				}
			}
			return true
		}
		if CheckSlug(s) == nil && !safe(s) {
			t.Fatalf("CheckSlug accepted %q", s)
		}
		if u := URLName(s); !safe(u) && u != "-" {
			t.Fatalf("URLName(%q) = %q", s, u)
		}
	})
}
