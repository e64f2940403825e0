package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/jiangninglu/showcase/internal/build"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/publisher"
	"github.com/jiangninglu/showcase/internal/quality"
	"github.com/jiangninglu/showcase/internal/site"
)

// discard is a publisher.Writer that keeps nothing: check writes no file.
type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

// fileList is a publisher.Writer that keeps only the names (check --published).
type fileList struct {
	mu    sync.Mutex // guards names: files are written in parallel
	names []string
}

func (l *fileList) WriteFile(name string, _ []byte) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.names = append(l.names, name)
	return nil
}

func (l *fileList) sorted() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Sorted(slices.Values(l.names))
}

func checkCommand() *command {
	return &command{
		name:    "check",
		summary: "find every problem in the site without writing anything",
		usage:   "showcase check [-s DIR] [--format text|json] [--published]",
		help: `Check validates everything a build would (showcase.yaml, front matter,
metrics, templates by executing them, duplicate slugs, internal links, images
and #anchors) and lists every problem with its file:line:col, without writing
anything. It also warns about data that is valid but suspicious: a metric
most stories of a year give but one leaves out, facet values that look like
misspellings of each other (北京居民区 / 北京 居民区 / 北京居民區), a figure
more than ten times its year's median, a story without year or neighbourhood. It exits 1 if there is any error, 0 if there are only warnings or
none. Messages follow the site's language (SHOWCASE_LANG=en or zh-CN
overrides it). --format json prints a list of {file, line, column, field,
severity, code, message} for editors' tools and CI: severity is error,
warning or note, code a stable English name of the message, message its
text in that language.

Check also says what a build would leave out: the stories it leaves out as
drafts and as dated in the future (each future one is named: a typo in a
year hides a story), and, as notes, the files under content/ that no page
shows or links to (a Word original, a spreadsheet, notes), which are not
published. It warns about a story that looks like a copy of another (the
same title, a name ending in 副本, - Copy or (1)) and about a list such as
leads: [马婷婷，李凯] whose full-width comma makes one item of two.
--published prints every file a build would publish, one a line.

Examples:

	showcase check
	showcase check -s mysite --format json
	showcase check --published`,
		flags: func() *flagSet {
			fs := newFlagSet("check")
			fs.String("s", ".", "the site's root `folder`")
			fs.String("format", "text", "output `format`: text or json")
			fs.Bool("drafts", true, "check drafts too")
			fs.Bool("published", false, "also print every file a build would publish, one a line (drafts and future stories left out, as build leaves them out)")
			return fs
		},
		run: func(ctx context.Context, fs *flagSet, pos []string, stdout, stderr io.Writer) error {
			if len(pos) > 0 {
				return &usageError{fmt.Sprintf("unexpected argument %q", pos[0])}
			}
			format := str(fs, "format")
			if format != "text" && format != "json" {
				return &usageError{fmt.Sprintf("--format wants text or json, got %q", format)}
			}
			if err := requireSite(str(fs, "s")); err != nil {
				return err
			}
			// --published lists what a build publishes: no drafts, no
			// stories dated in the future.
			published := boolean(fs, "published")
			var drafts, future int
			var w publisher.Writer = discard{}
			var files *fileList
			if published {
				files = &fileList{}
				w = files
			}
			res, err := build.Build(ctx, build.Options{
				Source: str(fs, "s"), Drafts: boolean(fs, "drafts") && !published, Future: !published, NoMinify: true, CheckOnly: true,
				Inspect: func(st *site.Site) diag.List {
					drafts, future = quality.LeftOut(st)
					l := quality.Check(st)
					l.Merge(quality.Careless(st))
					return l
				},
			}, w)
			var probs diag.List
			if err != nil {
				if probs = diag.Problems(err); probs == nil {
					return err
				}
			} else {
				probs = res.Warnings
			}
			probs.Sort()
			lang := termLang(fs)
			if format == "json" {
				out := make([]jsonProblem, 0, len(probs))
				for _, p := range probs {
					out = append(out, jsonProblem{File: p.Pos.File, Line: p.Pos.Line, Column: p.Pos.Col, Field: p.Field, Severity: p.Severity.String(), Code: p.Msg.Code, Message: p.Msg.Format(lang)})
				}
				enc := json.NewEncoder(stdout)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				if err := enc.Encode(out); err != nil {
					return err
				}
			} else {
				for _, p := range probs {
					fmt.Fprintln(stdout, p.Format(lang))
				}
				if files != nil && !probs.HasErrors() {
					for _, name := range files.sorted() {
						fmt.Fprintln(stdout, name)
					}
				}
				if drafts+future > 0 && !published {
					fmt.Fprintln(stdout, diag.M("check-left-out", drafts, future).Format(lang))
				}
				if n := len(probs.Notes()); n > 0 {
					fmt.Fprintln(stdout, diag.M("check-unpublished", n).Format(lang))
				}
				fmt.Fprintln(stdout, diag.M("check-summary", diag.M("n-errors", len(probs.Errors())), diag.M("n-warnings", len(probs.Warnings()))).Format(lang))
			}
			if probs.HasErrors() {
				return errSilent
			}
			return nil
		},
	}
}

type jsonProblem struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Field    string `json:"field"`
	Severity string `json:"severity"`
	Code     string `json:"code"` // the catalogue's code: stable, English
	Message  string `json:"message"`
}
