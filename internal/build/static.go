package build

import (
	"context"
	"errors"
	"io/fs"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
)

// file is a file copied into the output.
type file struct {
	fsys fs.FS
	src  string
	dest string
}

// staticFiles lists static/ of each layer (later layers win) and the
// content assets, by output path.
func staticFiles(layers []fs.FS, assets []content.Asset) (map[string]file, diag.List, error) {
	files := map[string]file{}
	var probs diag.List
	for _, l := range layers {
		err := fs.WalkDir(l, "static", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == "static" {
					return fs.SkipDir
				}
				return err
			}
			if content.Ignored(d.Name()) && p != "static" {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				probs.Warn(diag.Pos{File: p}, "", "symlink-static")
				return nil
			}
			dest := strings.TrimPrefix(p, "static/")
			files[dest] = file{l, p, dest}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	siteFS := layers[len(layers)-1]
	for _, a := range assets {
		files[a.Dest] = file{siteFS, a.File, a.Dest}
	}
	return files, probs, nil
}

// writeFiles copies files into the output, minifying the types minify
// knows. Files whose source did not change, and those made already
// (made: the fingerprinted ones), are emitted as they are.
func (b *Builder) writeFiles(ctx context.Context, emit emitFunc, files map[string]file, made map[string][]byte, ch Changes) error {
	var mu sync.Mutex // guards kept
	kept := map[string][]byte{}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, f := range files {
		data, ok := made[f.dest]
		if !ok {
			data, ok = b.static[f.dest]
			ok = ok && !ch.has(f.src)
		}
		if ok {
			mu.Lock()
			kept[f.dest] = data
			mu.Unlock()
			if err := emit(f.dest, data, true); err != nil {
				return err
			}
			continue
		}
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			data, err := fs.ReadFile(f.fsys, f.src)
			if err != nil {
				return err
			}
			if mt := mediaType(f.dest); mt != "" {
				if out, err := b.min.bytes(mt, data); err == nil {
					data = out
				} // a file minify cannot parse is copied as it is
			}
			if b.keep {
				mu.Lock()
				kept[f.dest] = data
				mu.Unlock()
			}
			return emit(f.dest, data, true)
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	if b.keep {
		b.static = kept
	}
	return nil
}
