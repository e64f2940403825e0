package build

import (
	"context"
	"os"
	"path/filepath"

	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/pdf"
	"github.com/jiangninglu/showcase/internal/publisher"
)

// Run builds the site into the output folder, through a
// publisher.Output: it writes into a new folder beside the output and
// swaps it in only when the build succeeded; the previous output survives
// any failure untouched. Its error wraps publisher.ErrBusy when another
// build is writing the folder, and publisher.ErrForeign when the folder
// holds files showcase did not write and Force is not set.
func Run(ctx context.Context, opts Options) (*Result, error) {
	src := opts.Source
	if src == "" {
		src = "."
	}
	dest := opts.Dest
	if dest == "" {
		dest = filepath.Join(src, "public")
	}
	absSrc, err := filepath.Abs(src)
	if err != nil {
		return nil, err
	}
	absDest, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	if info, err := os.Stat(absSrc); err != nil || !info.IsDir() {
		return nil, diag.NewError("site-folder", src)
	}
	out, err := publisher.Open(absSrc, absDest, dest)
	if err != nil {
		return nil, err
	}
	defer out.Close()
	var chrome string
	if opts.PDF { // before building: no browser, no build
		if chrome, err = pdf.FindChrome(opts.Chrome); err != nil {
			return nil, err
		}
	}
	if err := out.Begin(opts.Force); err != nil {
		return nil, err
	}
	res, err := Build(ctx, opts, out)
	if werr := out.Wait(); err == nil {
		err = werr
	}
	if err != nil {
		return nil, err
	}
	if opts.PDF {
		if err := printReports(ctx, opts, chrome, out.Dir(), out); err != nil {
			return nil, err
		}
	}
	if err := out.Publish(); err != nil {
		return nil, err
	}
	res.Dest = dest
	return res, nil
}
