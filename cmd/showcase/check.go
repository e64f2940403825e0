package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/jiangninglu/showcase/internal/build"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/quality"
)

// discard is a build.Writer that keeps nothing: check writes no file.
type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

func checkCommand() *command {
	return &command{
		name:    "check",
		summary: "find every problem in the site without writing anything",
		usage:   "showcase check [-s DIR] [--format text|json]",
		help: `Check validates everything a build would (showcase.yaml, front matter,
metrics, templates by executing them, duplicate slugs, internal links, images
and #anchors) and lists every problem with its file:line:col, without writing
anything. It also warns about data that is valid but suspicious: a metric
most stories of a year give but one leaves out, facet values that look like
misspellings of each other (北京居民区 / 北京 居民区 / 北京居民區), a figure
more than ten times its year's median, a story without year or neighbourhood. It exits 1 if there is any error, 0 if there are only warnings or
none. --format json prints a list of {file, line, column, field, severity,
message} for editors' tools and CI.

Examples:

	showcase check
	showcase check -s mysite --format json`,
		flags: func() *flagSet {
			fs := newFlagSet("check")
			fs.String("s", ".", "the site's root `folder`")
			fs.String("format", "text", "output `format`: text or json")
			fs.Bool("drafts", true, "check drafts too")
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
			res, err := build.Build(ctx, build.Options{
				Source: str(fs, "s"), Drafts: boolean(fs, "drafts"), Future: true, NoMinify: true, CheckOnly: true,
				Inspect: quality.Check,
			}, discard{})
			var probs diag.List
			if err != nil {
				if probs = diag.Problems(err); probs == nil {
					return err
				}
			} else {
				probs = res.Warnings
			}
			probs.Sort()
			if format == "json" {
				out := make([]jsonProblem, 0, len(probs))
				for _, p := range probs {
					out = append(out, jsonProblem{File: p.Pos.File, Line: p.Pos.Line, Column: p.Pos.Col, Field: p.Field, Severity: p.Severity.String(), Message: p.Msg})
				}
				enc := json.NewEncoder(stdout)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				if err := enc.Encode(out); err != nil {
					return err
				}
			} else {
				for _, p := range probs {
					fmt.Fprintln(stdout, p.Error())
				}
				fmt.Fprintf(stdout, "%s, %s\n", count(len(probs.Errors()), "error"), count(len(probs.Warnings()), "warning"))
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
	Message  string `json:"message"`
}

// count writes n and the noun, plural unless n is 1: "1 error", "2 warnings".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
