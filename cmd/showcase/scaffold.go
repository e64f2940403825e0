package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/scaffold"
	"github.com/jiangninglu/showcase/internal/wordimport"
)

func newCommand() *command {
	return &command{
		name:    "new",
		summary: "start a new story from a template",
		usage:   "showcase new story SLUG [-s DIR] [--title T]",
		help: `New writes content/stories/SLUG.md from the site's archetypes/story.md (or
the built-in one) with today's date, every front-matter key with a short
comment, and each metric declared in showcase.yaml. The story starts as a
draft. New never overwrites a file, and refuses a slug that cannot be a URL
name (no /, \, .., spaces or control characters).

Examples:

	showcase new story community-garden --title 楼道里的小花园
	showcase new story 社区花园 -s mysite`,
		flags: func() *flagSet {
			fs := newFlagSet("new")
			fs.String("s", ".", "the site's root `folder`")
			fs.String("title", "", "the story's `title` (default: the slug)")
			return fs
		},
		run: func(ctx context.Context, fs *flagSet, pos []string, stdout, stderr io.Writer) error {
			if len(pos) == 0 || pos[0] != "story" {
				return &usageError{"want: showcase new story SLUG"}
			}
			if len(pos) != 2 {
				return &usageError{"want exactly one SLUG after \"story\""}
			}
			dir := fs.Lookup("s").Value.String()
			cfg, err := config.Load(os.DirFS(dir))
			if err != nil {
				return err
			}
			rel, err := scaffold.NewStory(dir, pos[1], fs.Lookup("title").Value.String(), cfg, time.Now())
			if err != nil {
				return err
			}
			fmt.Fprintln(stdout, filepath.Join(dir, rel))
			return nil
		},
	}
}

func initCommand() *command {
	return &command{
		name:    "init",
		summary: "create a new site that builds at once",
		usage:   "showcase init DIR",
		help: `Init creates a new site in DIR (which must not exist or must be empty): a
commented showcase.yaml, the home page text, one example story and one
example report, all marked as examples, and 故事模板.docx, the Word
template project leads fill in (see "showcase template"). The site builds at once with the
built-in theme.

Examples:

	showcase init mysite
	cd mysite && showcase build`,
		run: func(ctx context.Context, fs *flagSet, pos []string, stdout, stderr io.Writer) error {
			if len(pos) != 1 {
				return &usageError{"want: showcase init DIR"}
			}
			files, err := scaffold.Init(pos[0], time.Now())
			if err != nil {
				return err
			}
			// The Word template for project leads, with the new site's
			// fields and metrics.
			cfg, err := config.Load(os.DirFS(pos[0]))
			if err != nil {
				return err
			}
			tpl := wordimport.TemplateName(cfg.Language)
			if err := writeTemplate(filepath.Join(pos[0], tpl), cfg); err != nil {
				return err
			}
			files = append(files, tpl)
			for _, f := range files {
				fmt.Fprintln(stdout, filepath.Join(pos[0], f))
			}
			fmt.Fprintln(stdout, diag.M("init-done", pos[0]).Format(termLang(fs)))
			return nil
		},
	}
}
