package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/pdf"
)

// ErrForeign is wrapped by Run's error when the output folder holds files
// showcase did not write and Force is not set.
var ErrForeign = errors.New("output folder holds files showcase did not write")

// Run builds the site into the output folder. It writes into a new folder
// beside the output and swaps it in only when the build succeeded; the
// previous output survives any failure untouched.
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
	if err := checkDest(absSrc, absDest, dest); err != nil {
		return nil, err
	}
	parent := filepath.Dir(absDest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	prefix := "." + filepath.Base(absDest) + ".showcase-"
	unlock, err := lockOutput(parent, prefix, dest)
	if err != nil {
		return nil, err
	}
	defer unlock()
	var chrome string
	if opts.PDF { // before building: no browser, no build
		if chrome, err = pdf.FindChrome(opts.Chrome); err != nil {
			return nil, err
		}
	}
	if !opts.Force {
		foreign, err := foreignFiles(absDest)
		if err != nil {
			return nil, err
		}
		if len(foreign) > 0 {
			return nil, diag.Wrap(ErrForeign, "output-foreign", dest, diag.Words(foreign))
		}
	}

	cleanStale(parent, prefix, absDest)
	tmp, err := os.MkdirTemp(parent, prefix+"new-")
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()

	w, err := newRootWriter(tmp)
	if err != nil {
		return nil, err
	}
	aw := newAsyncWriter(w, 8)
	res, err := Build(ctx, opts, aw)
	if werr := aw.Close(); err == nil {
		err = werr
	}
	if err != nil {
		w.Close()
		return nil, err
	}
	if opts.PDF {
		if err := printReports(ctx, opts, chrome, tmp, w); err != nil {
			w.Close()
			return nil, err
		}
	}
	manifest := strings.Join(w.written(), "\n") + "\n"
	if err := w.WriteFile(manifestName, []byte(manifest)); err != nil {
		w.Close()
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	if err := swap(tmp, absDest, prefix); err != nil {
		return nil, err
	}
	ok = true
	res.Dest = dest
	return res, nil
}

// swap puts the new folder in place of dest. On Linux both names are
// exchanged in one atomic step, so readers never see a missing folder.
func swap(tmp, dest, prefix string) error {
	if _, err := os.Lstat(dest); os.IsNotExist(err) {
		return os.Rename(tmp, dest)
	}
	err := exchange(tmp, dest)
	if err == nil {
		return os.RemoveAll(tmp) // tmp now holds the old output
	}
	// No atomic exchange on this file system: move the old one aside first.
	old := filepath.Join(filepath.Dir(dest), prefix+"old")
	os.RemoveAll(old)
	if err := os.Rename(dest, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Rename(old, dest)
		return err
	}
	return os.RemoveAll(old)
}

// cleanStale removes folders left by a build that was killed, and puts back
// an old output that a killed non-atomic swap had moved aside.
func cleanStale(parent, prefix, dest string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		p := filepath.Join(parent, e.Name())
		if e.Name() == prefix+"old" {
			if _, err := os.Lstat(dest); os.IsNotExist(err) {
				os.Rename(p, dest)
				continue
			}
		}
		os.RemoveAll(p)
	}
}
