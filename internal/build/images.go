package build

import (
	"context"
	"errors"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/images"
)

// photo extensions: the content files that are processed (resized, turned
// upright, stripped of metadata) rather than copied.
var photoExt = map[string]bool{".jpg": true, ".jpeg": true, ".png": true, ".webp": true, ".gif": true}

// photos holds this build's processed content images by output path (the
// path the original would have had), for the Markdown and cover HTML and
// for writing their variants.
type photos struct {
	proc    *images.Processor
	results map[string]*images.Result
	check   bool // check only: results are nil, nothing is encoded
}

// newProcessor returns the image processor for cfg: with a cache under the
// site's .showcase-cache/images, or none (check writes nothing).
func newProcessor(cfg *config.Config, src string, basePath string, cache bool) *images.Processor {
	dir := ""
	if cache {
		if abs, err := filepath.Abs(src); err == nil {
			// A cache folder that is a link is not used (images.CacheDir).
			dir, _ = images.CacheDir(abs, ".showcase-cache/images")
		}
	}
	im := cfg.Images
	return images.New(images.Options{Widths: im.Widths, Quality: im.Quality, WebP: im.WebP, KeepOriginal: im.KeepOriginal, URLPrefix: basePath}, dir)
}

// processPhotos processes every image asset of the content, in parallel.
// A bad image is a problem naming its file.
func processPhotos(ctx context.Context, fsys fs.FS, proc *images.Processor, assets []content.Asset, check bool, last *photos, ch Changes) (*photos, diag.List, error) {
	ph := &photos{proc: proc, results: map[string]*images.Result{}, check: check}
	if proc == nil {
		return ph, nil, nil
	}
	var mu sync.Mutex // guards ph.results and probs
	var probs diag.List
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	// photo.jpg and photo.png would both become photo-480.jpg: refuse.
	stems := map[string]string{}
	for _, a := range assets {
		if !photoExt[strings.ToLower(path.Ext(a.File))] {
			continue
		}
		stem := strings.TrimSuffix(a.Dest, path.Ext(a.Dest))
		if other, ok := stems[stem]; ok {
			probs.Report(diag.Pos{File: a.File}, "", "photo-name-clash", other)
			continue
		}
		stems[stem] = a.File
	}
	for _, a := range assets {
		if !photoExt[strings.ToLower(path.Ext(a.File))] {
			continue
		}
		// Unchanged since the last build (serve): no need to read it again.
		if last != nil && last.proc == proc && !ch.has(a.File) {
			if r, ok := last.results[a.Dest]; ok {
				ph.results[a.Dest] = r
				continue
			}
		}
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			data, err := fs.ReadFile(fsys, a.File)
			if err != nil {
				return err
			}
			var r *images.Result
			if check {
				err = proc.Check(a.Dest, data)
			} else {
				r, err = proc.ProcessContext(gctx, a.Dest, data)
			}
			if cerr := gctx.Err(); cerr != nil {
				return cerr // cancelled while it waited or decoded: no problem of the photo's
			}
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				var ie *images.Error
				if errors.As(err, &ie) {
					err = ie.Err
				}
				probs.Report(diag.Pos{File: a.File}, "", "as-is", err)
				return nil
			}
			ph.results[a.Dest] = r
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, nil, err
	}
	return ph, probs, nil
}

// html returns the responsive HTML for the image at site path p (as a
// Markdown destination resolved against its page), or false when p is not
// a processed image.
func (ph *photos) html(p, alt, title string) (template.HTML, bool) {
	if ph == nil || ph.check {
		return "", false
	}
	r, ok := ph.results[strings.TrimPrefix(p, "/")]
	if !ok || r == nil {
		return "", false
	}
	return ph.proc.HTML(r, alt, title, ""), true
}

// imageFunc resolves a Markdown image destination against the page URL.
func (ph *photos) imageFunc(pageURL string) func(dest, alt string) (string, bool) {
	if ph == nil || len(ph.results) == 0 {
		return nil
	}
	return func(dest, alt string) (string, bool) {
		if isExternal(dest) || strings.ContainsAny(dest, "?#") {
			return "", false
		}
		p := dest
		if !strings.HasPrefix(p, "/") {
			p = path.Join(pageURL, dest)
		}
		h, ok := ph.html(p, alt, "")
		return string(h), ok
	}
}

// isPhoto reports whether dest (an output path) is an image this build
// processes instead of copying.
func (ph *photos) isPhoto(dest string) bool {
	if ph == nil || ph.check {
		return false
	}
	_, ok := ph.results[dest]
	return ok
}

// cardImage returns the site path of the published file a social card
// should show for the image at site path p: of the variants a browser
// without WebP gets, the one whose width is closest to 1200 pixels (the
// size Open Graph asks for). The original is not published unless kept,
// so a card must not name it. false when p is not a processed image.
func (ph *photos) cardImage(p string) (string, bool) {
	if ph == nil || ph.check {
		return "", false
	}
	r, ok := ph.results[strings.TrimPrefix(p, "/")]
	if !ok || r == nil {
		return "", false
	}
	best := r.Fallback
	for _, v := range r.Variants {
		if v.Type == r.Fallback.Type && abs(v.Width-1200) < abs(best.Width-1200) {
			best = v
		}
	}
	return "/" + best.Path, true
}

func abs(n int) int { return max(n, -n) }

// basePath is the path of a base URL: "/showcase/" of
// https://example.org/showcase/, "/" when it has none.
func basePath(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}
