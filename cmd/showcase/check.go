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
none. Messages follow the site's language (SHOWCASE_LANG=en or zh-CN
overrides it). --format json prints a list of {file, line, column, field,
severity, code, message} for editors' tools and CI: code is a stable
English name of the message, message its text in that language.

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
