package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/wordimport"
)

// importCommand brings stories in from Word documents (here) and figures
// in from Excel ledgers (import_xlsx.go): each argument goes by its
// extension.
func importCommand() *command {
	return &command{
		name:    "import",
		summary: "make stories of Word documents (.docx); write an Excel ledger's figures (.xlsx) into the stories",
		usage:   "showcase import [-s DIR] [--slug SLUG] [--publish] [--dry-run] FILE.docx... | showcase import [-s DIR] [--sheet NAME] [--create] [--dry-run] [--report YEAR] FILE.xlsx",
		help:    importWordHelp + "\n\n" + importLedgerHelp,
		flags: func() *flagSet {
			fs := newFlagSet("import")
			fs.String("s", ".", "the site's root `folder`")
			fs.Bool("dry-run", false, "print what would change; write nothing")
			// Word documents.
			fs.String("slug", "", "the story's URL `name` (one .docx only)")
			fs.Bool("publish", false, "write the stories from .docx as published, not drafts")
			// Excel ledgers.
			fs.String("sheet", "", "the ledger's sheet of projects (default: the first)")
			fs.Bool("create", false, "make a draft story of each row no story matches")
			fs.Int("report", 0, "the `year` whose report a sheet of 指标/数值 fills (default: the year in the sheet's name or title)")
			return fs
		},
		run: func(ctx context.Context, fs *flagSet, pos []string, stdout, stderr io.Writer) error {
			if len(pos) == 0 {
				return &usageError{"no file to import: give FILE.docx... or FILE.xlsx"}
			}
			var word, ledger []string
			for _, p := range pos {
				switch strings.ToLower(filepath.Ext(p)) {
				case ".docx", ".doc", ".wps", ".docm", ".dotx", ".wpt":
					word = append(word, p)
				case ".xlsx":
					ledger = append(ledger, p)
				default:
					return &usageError{diag.M("import-kind", p).Format(termLang(fs))}
				}
			}
			switch {
			case len(ledger) > 0 && len(word) > 0:
				return &usageError{"import Word documents and a ledger in separate commands"}
			case len(ledger) > 1:
				return &usageError{"one ledger at a time"}
			case len(ledger) == 1:
				return importLedger(ctx, fs, ledger[0], stdout, stderr)
			}
			return importWord(ctx, fs, word, stdout, stderr)
		},
	}
}

const importWordHelp = `Import makes a story of each Word or WPS document (.docx):
content/stories/SLUG/index.md with the document's pictures beside it, a
draft unless --publish. The front matter comes from the project
information table (项目信息表) at the top of the document, as the template
from "showcase template docx" has it: the left column names a field
(标题, 项目负责人, 居民区, 年度, 日期, ...) or a metric, with an optional
unit (资金（万元）); figures are converted into the metric's unit. Without
the table, the title is the document's Title line or first heading.
Headings, emphasis, lists, tables, footnotes, links, quotes and pictures
become Markdown; comments, headers, footers and page numbers are left out,
and each file's line says so.

The slug (the story's URL name) is --slug, the table's 网址名, or made
from the title. Import never replaces a story: a slug in use is an error.
If any document cannot be read, nothing is written. --dry-run prints what
would be written and writes nothing.

Binary .doc and .wps files must first be saved as .docx in Word or WPS.

Examples:

	showcase import 楼道花园.docx
	showcase import -s mysite --slug garden --publish 楼道花园.docx
	showcase import --dry-run *.docx

With an Excel ledger:`

// importWord converts every document first and writes only if all of them
// can be written.
func importWord(ctx context.Context, fs *flagSet, files []string, stdout, stderr io.Writer) error {
	dir := str(fs, "s")
	slug := str(fs, "slug")
	if slug != "" && len(files) > 1 {
		return &usageError{"--slug names one story; give one document with it"}
	}
	cfg, err := config.Load(os.DirFS(dir))
	if err != nil {
		return err
	}
	lang := termLang(fs)
	opts := wordimport.Options{
		Config:  cfg,
		Labels:  wordimport.NewLabels(cfg, wordimport.ThemeWords(dir, cfg.Language)),
		Slug:    slug,
		Publish: boolean(fs, "publish"),
	}
	var stories []*wordimport.Story
	failed := false
	for _, name := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		s, err := convertFile(ctx, name, opts)
		if err == nil {
			err = s.Check(dir)
		}
		if err != nil {
			failed = true
			printProblems(stderr, err, lang)
			continue
		}
		stories = append(stories, s)
	}
	if failed {
		fmt.Fprintln(stderr, diag.M("import-nothing").Format(lang))
		return errSilent
	}
	if err := wordimport.CheckAll(dir, stories); err != nil {
		printProblems(stderr, err, lang)
		fmt.Fprintln(stderr, diag.M("import-nothing").Format(lang))
		return errSilent
	}
	if boolean(fs, "dry-run") {
		for _, s := range stories {
			fmt.Fprintln(stdout, diag.M("import-would-write", importLine(dir, s, lang)).Format(lang))
			stdout.Write(s.Index)
			for _, p := range s.Pictures {
				fmt.Fprintf(stdout, "%s (%d bytes)\n", filepath.Join(dir, s.Target(), p.Name), len(p.Data))
			}
		}
		return nil
	}
	if err := wordimport.Write(dir, stories); err != nil {
		return err
	}
	for _, s := range stories {
		fmt.Fprintln(stdout, importLine(dir, s, lang))
	}
	return nil
}

// convertFile converts one document.
func convertFile(ctx context.Context, name string, opts wordimport.Options) (*wordimport.Story, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return nil, diag.NewError("docx-not-word", name)
	}
	return wordimport.Convert(ctx, name, f, info.Size(), opts)
}

// printProblems prints an error's problems, one a line.
func printProblems(w io.Writer, err error, lang string) {
	if probs := diag.Problems(err); len(probs) > 0 {
		for _, p := range probs {
			fmt.Fprintln(w, p.Format(lang))
		}
		return
	}
	fmt.Fprintf(w, "showcase import: %s\n", diag.MsgOf(err).Format(lang))
}

// importLine is the line a story gets, in lang: what was (or would be)
// written, its pictures, what was left out.
func importLine(dir string, s *wordimport.Story, lang string) string {
	var rest strings.Builder
	if !bytes.Contains(s.Index, []byte("\ndraft: false\n")) {
		rest.WriteString(diag.M("import-draft").Format(lang))
	}
	var parts []string
	if n := len(s.Pictures); n > 0 {
		parts = append(parts, diag.M("import-pictures", n).Format(lang))
	}
	parts = append(parts, s.Notes(lang)...)
	for _, p := range parts {
		rest.WriteString(diag.M("import-sep").Format(lang) + p)
	}
	return diag.M("import-line", s.Source, filepath.Join(dir, s.Target(), "index.md"), rest.String()).Format(lang)
}

func templateCommand() *command {
	return &command{
		name:    "template",
		summary: "write a Word template for stories (故事模板.docx)",
		usage:   "showcase template docx [-s DIR] [-o FILE]",
		help: `Template docx writes a Word document for project leads to fill in and
send back: the project information table (项目信息表) with this site's
fields and story metrics (labels and units from showcase.yaml), and a few
example headings. "showcase import" turns the filled-in document into a
story. It opens in Word, WPS and LibreOffice. Template never replaces a
file.

Examples:

	showcase template docx
	showcase template docx -s mysite -o 故事模板-2024.docx`,
		flags: func() *flagSet {
			fs := newFlagSet("template")
			fs.String("s", ".", "the site's root `folder`")
			fs.String("o", "", "the `file` to write (default 故事模板.docx in the site folder)")
			return fs
		},
		run: func(ctx context.Context, fs *flagSet, pos []string, stdout, stderr io.Writer) error {
			if len(pos) != 1 || pos[0] != "docx" {
				return &usageError{"want: showcase template docx"}
			}
			dir := str(fs, "s")
			cfg, err := config.Load(os.DirFS(dir))
			if err != nil {
				return err
			}
			out := str(fs, "o")
			if out == "" {
				out = filepath.Join(dir, wordimport.TemplateName(cfg.Language))
			}
			if err := writeTemplate(out, cfg); err != nil {
				return err
			}
			fmt.Fprintln(stdout, diag.M("template-written", out, out).Format(termLang(fs)))
			return nil
		},
	}
}

// writeTemplate writes the site's story template to out, which must not
// exist; a failed write leaves no file.
func writeTemplate(out string, cfg *config.Config) error {
	var b bytes.Buffer
	if err := wordimport.TemplateFor(cfg, cfg.Language).Write(&b); err != nil {
		return err
	}
	f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return diag.NewError("template-exists", out)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(b.Bytes()); err != nil {
		f.Close()
		os.Remove(out)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(out)
		return err
	}
	return nil
}
