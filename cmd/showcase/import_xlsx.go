package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/ledger"
	"github.com/jiangninglu/showcase/internal/stats"
)

const importLedgerHelp = `Import reads an Excel ledger (台账, .xlsx) and writes its figures into
the stories' metrics. The ledger has a header row, possibly under title
rows and possibly two rows with merged cells, and one row per project.
Columns are matched by their header to story fields (网址名, 标题,
项目名称/微项目, 居民区, 年度, ...) and to the metrics of showcase.yaml (label
or key, with a unit in brackets that converts: 资金（万元） fills a metric in
元); 序号 and 备注 are ignored. A row is the story with its 网址名 (slug),
else its title (spacing and quote marks aside), else the one story with
its project name.

Only the figures that differ are written, each on its own line: every
other byte of the file stays (comments, CRLF line endings, TOML). An empty
cell changes nothing. Rows whose first cell is 合计, 小计 or 总计 are checked
against the column's sum. A sheet with a 指标 | 数值 header fills the year's
report (content/reports/YEAR.md, reported:), the year from --report or
the sheet's name or title.

Every problem names its cell (台账.xlsx:2020!F7); if any is an error,
nothing is written and import exits 1. --dry-run prints the changes and
writes nothing. A row no story matches is listed; --create makes a draft
story of it instead.

Examples:

	showcase import --dry-run 台账.xlsx
	showcase import 台账.xlsx
	showcase import --sheet 2021 --create 台账.xlsx
	showcase import --report 2020 汇总.xlsx`

// importLedger imports the figures of the ledger at file into the site of
// the -s folder.
func importLedger(ctx context.Context, fs *flagSet, file string, stdout, stderr io.Writer) error {
	site := str(fs, "s")
	lang := termLang(fs)
	cfg, err := config.Load(os.DirFS(site))
	if err != nil {
		return err
	}
	c, err := content.Load(ctx, os.DirFS(site), cfg, content.Options{Drafts: true, Future: true})
	if err != nil {
		return err // the site must load before figures go into it
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	year := fs.Lookup("report").Value.(interface{ Get() any }).Get().(int)
	vocab := ledger.WithMetrics(cfg, c)
	l, probs := ledger.Read(f, info.Size(), vocab, ledger.Options{Name: filepath.ToSlash(file), Sheet: str(fs, "sheet"), Report: year})
	var plan *ledger.Plan
	var files *ledger.Prepared
	if !probs.HasErrors() {
		var more diag.List
		plan, more = ledger.MakePlan(l, c, vocab, boolean(fs, "create"))
		probs.Merge(more)
		if !probs.HasErrors() {
			files, more = ledger.Prepare(ctx, site, cfg, plan)
			probs.Merge(more)
		}
	}
	for _, p := range probs {
		fmt.Fprintln(stderr, p.Format(lang))
	}
	if probs.HasErrors() {
		fmt.Fprintln(stderr, diag.M("import-failed", len(probs.Errors())).Format(lang))
		return errSilent
	}

	changed := map[string]bool{}
	var table [][]string
	for _, ch := range plan.Changes {
		old := ch.Old
		if old == "" {
			old = "—"
		}
		table = append(table, []string{ch.Name, ch.Key, old, "-> " + ch.New})
		changed[ch.File] = true
	}
	printTable(stdout, table)
	for _, ns := range plan.Create {
		fmt.Fprintln(stdout, diag.M("import-new", ns.Slug, ns.File).Format(lang))
	}
	if len(plan.Unmatched) > 0 {
		fmt.Fprintln(stderr, diag.M("import-unmatched", len(plan.Unmatched)).Format(lang))
	}
	if len(plan.Changes) == 0 && len(plan.Create) == 0 {
		fmt.Fprintln(stdout, diag.M("import-none").Format(lang))
		return nil
	}
	if boolean(fs, "dry-run") {
		fmt.Fprintln(stdout, diag.M("import-dry-run", len(plan.Changes), len(changed)).Format(lang))
		return nil
	}
	written, err := ledger.Write(site, plan, files)
	if err != nil {
		return err
	}
	done := diag.M("import-done", len(plan.Changes), len(written))
	if len(plan.Create) > 0 {
		done = diag.M("import-done-new", len(plan.Changes), len(written), len(plan.Create))
	}
	fmt.Fprintln(stdout, done.Format(lang))
	return nil
}

// printTable prints rows in columns, padded by their width on a terminal
// (a Chinese character takes two columns).
func printTable(w io.Writer, rows [][]string) {
	cols := map[int]int{}
	for _, r := range rows {
		for i, c := range r {
			cols[i] = max(cols[i], stats.TextWidth(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", cols[i]-stats.TextWidth(c)+2))
			}
		}
		fmt.Fprintln(w, b.String())
	}
}
