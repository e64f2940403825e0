package build

import (
	"cmp"
	"context"
	"io/fs"
	"net/url"
	"os"
	"path"
	"sort"
	"strconv"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/pdf"
	"github.com/jiangninglu/showcase/internal/publisher"
)

// ReportPDF is the file name of a report's printed copy, beside its page.
const ReportPDF = "report.pdf"

// printReports prints every report page of the finished site in dir to
// reports/YEAR/report.pdf, written through w so that the manifest lists
// them. It runs after the pages are written and before the new folder is
// swapped in: a failed print leaves the previous output untouched.
func printReports(ctx context.Context, opts Options, chrome, dir string, w publisher.Writer) error {
	years, err := fs.Glob(os.DirFS(dir), "reports/*/index.html")
	if err != nil {
		return err
	}
	base := "/"
	var info pdf.Info
	cfg, err := config.Load(os.DirFS(sourceDir(opts)))
	if err == nil {
		base = basePath(cfg.BaseURL)
		// The issuing body is the report's author; the site is what it
		// is about. The title is the page's own.
		info.Author = cmp.Or(cfg.Publisher, cfg.Title)
		info.Subject = cmp.Or(cfg.Description, cfg.Title)
	}
	if opts.BaseURL != "" {
		if u, err := url.Parse(opts.BaseURL); err == nil && u.Path != "" {
			base = u.Path
		}
	}
	sort.Strings(years)
	var jobs []pdf.Job
	for _, p := range years {
		dirName := path.Dir(p)
		if _, err := strconv.Atoi(path.Base(dirName)); err != nil {
			continue
		}
		out := dirName + "/" + ReportPDF
		jobs = append(jobs, pdf.Job{
			Page:  path.Join(base, dirName) + "/",
			Write: func(data []byte) error { return w.WriteFile(out, data) },
			Info:  info,
		})
	}
	return pdf.Print(ctx, pdf.Options{Chrome: chrome, Dir: dir, BasePath: base}, jobs)
}

func sourceDir(opts Options) string {
	if opts.Source == "" {
		return "."
	}
	return opts.Source
}
