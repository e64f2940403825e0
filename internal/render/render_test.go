package render

import (
	"testing"
	"time"

	"github.com/jiangninglu/showcase/internal/config"
)

func TestURLs(t *testing.T) {
	cfg := config.Default()
	cfg.BaseURL = "https://example.org/showcase/"
	f := Funcs(cfg, nil)
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

func TestFormatDate(t *testing.T) {
	d := time.Date(2021, 3, 7, 0, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{"en": "7 March 2021", "zh-CN": "2021年3月7日"} {
		if got := FormatDate(d, lang); got != want {
			t.Errorf("FormatDate(%s) = %q, want %q", lang, got, want)
		}
		if got := FormatDate(time.Time{}, lang); got != "" {
			t.Errorf("FormatDate(zero, %s) = %q, want \"\"", lang, got)
		}
	}
}
