package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"text/template"
	"time"

	"github.com/jiangninglu/showcase"
	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
)

//go:embed all:starter
var starter embed.FS

// NewStory writes content/stories/SLUG.md under the site root from the
// site's archetypes/story.md, else the built-in one, and returns the path
// it wrote (relative to the site root).
func NewStory(siteDir, slug, title string, cfg *config.Config, now time.Time) (string, error) {
	if err := content.CheckFileSlug(slug); err != nil {
		return "", diag.NewError("new-slug", diag.Quote(slug), err)
	}
	rel := filepath.Join("content", "stories", slug+".md")
	for _, p := range []string{rel, filepath.Join("content", "stories", slug, "index.md")} {
		if _, err := os.Stat(filepath.Join(siteDir, p)); err == nil {
			return "", diag.NewError("new-exists", p)
		}
	}
	src, err := os.ReadFile(filepath.Join(siteDir, "archetypes", "story.md"))
	name := "archetypes/story.md"
	if errors.Is(err, fs.ErrNotExist) {
		src, err = fs.ReadFile(showcase.Archetypes, "archetypes/story.md")
		name = "built-in archetypes/story.md"
	}
	if err != nil {
		return "", err
	}
	tpl, err := template.New(name).Option("missingkey=error").Funcs(template.FuncMap{"quote": strconv.Quote}).Parse(string(src))
	if err != nil {
		return "", err
	}
	if title == "" {
		title = slug
	}
	var b bytes.Buffer
	err = tpl.Execute(&b, map[string]any{
		"Title":   title,
		"Slug":    slug,
		"Date":    now.Format(time.DateOnly),
		"Year":    now.Year(),
		"Metrics": cfg.Metrics,
	})
	if err != nil {
		return "", err
	}
	p := filepath.Join(siteDir, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return "", diag.NewError("new-exists", rel)
		}
		return "", err
	}
	if _, err := f.Write(b.Bytes()); err != nil {
		f.Close()
		return "", err
	}
	return rel, f.Close()
}

// Init creates a starter site in dir, which must not exist or be empty.
// It returns the files it wrote, relative to dir.
func Init(dir string, now time.Time) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err == nil && len(entries) > 0 {
		return nil, diag.NewError("init-not-empty", dir)
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	var written []string
	err = fs.WalkDir(starter, "starter", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel("starter", p)
		data, err := fs.ReadFile(starter, p)
		if err != nil {
			return err
		}
		data = bytes.ReplaceAll(data, []byte("{{YEAR}}"), []byte(strconv.Itoa(now.Year())))
		data = bytes.ReplaceAll(data, []byte("{{DATE}}"), []byte(now.Format(time.DateOnly)))
		out := filepath.Join(dir, rel)
		if filepath.Base(out) == "YEAR.md" {
			out = filepath.Join(filepath.Dir(out), strconv.Itoa(now.Year())+".md")
		}
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(out, data, 0o644); err != nil {
			return err
		}
		r, _ := filepath.Rel(dir, out)
		written = append(written, filepath.ToSlash(r))
		return nil
	})
	return written, err
}
