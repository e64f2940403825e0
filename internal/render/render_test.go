package render

import (
	"testing"

	"github.com/jiangninglu/showcase/internal/config"
)

func TestURLs(t *testing.T) {
	cfg := config.Default()
	cfg.BaseURL = "https://example.org/showcase/"
	f := Funcs(cfg)
	rel := f["relURL"].(Pure)
	abs := f["absURL"].(Pure)
	for in, want := range map[string]string{
		"/stories/a/":          "/showcase/stories/a/",
		"/showcase/stories/a/": "/showcase/stories/a/",
		"photo.jpg":            "photo.jpg",
		"/":                    "/showcase/",
	} {
		if got := rel(in); got != want {
			t.Errorf("relURL(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"/stories/a/":          "https://example.org/showcase/stories/a/",
		"/showcase/stories/a/": "https://example.org/showcase/stories/a/",
		"/":                    "https://example.org/showcase/",
	} {
		if got := abs(in); got != want {
			t.Errorf("absURL(%q) = %q, want %q", in, got, want)
		}
	}
}
