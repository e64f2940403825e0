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
	"slices"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/images"
	"github.com/jiangninglu/showcase/internal/linkcheck"
)

// photo extensions: the content files that are processed (resized, turned
// upright, stripped of metadata) rather than copied.
var photoExt = map[string]bool{".jpg": true, ".jpeg": true, ".png": true, ".webp": true, ".gif": true}

// photos holds this build's content images by output path (the path the
// original would have had), for the Markdown and cover HTML and for
// writing their variants. A photo is processed (decoded, resized,
// encoded) only when a page uses it: the Markdown and the covers ask for
// theirs as they are rendered (get), and the publish gate asks for the
// rest it counts as used, the files linked to or named in params (use).
// A photo no page uses costs no decoding, however large or hostile.
type photos struct {
	proc  *images.Processor
	check bool // check only: every photo's header is read, nothing is decoded
	ctx   context.Context
	fsys  fs.FS
	files map[string]string // photo output path → its content file

	mu      sync.Mutex
	results map[string]*images.Result // the photos processed, or kept from the last build
	calls   map[string]*photoCall     // the photos being processed or tried in this build
	probs   diag.List                 // problems of the photos used (see use)
	// checked holds, in a check, what each photo's header says is wrong
	// with it: an error if a page uses the photo, a warning if none does.
	checked map[string]error
	// decodes counts the photos processed (tests).
	decodes int
}

// photoCall is one photo being processed: the others asking for it wait.
type photoCall struct {
	done chan struct{}
	res  *images.Result
	err  error // the build's cancellation, not the photo's own problem
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

// processPhotos lists the image assets of the content and keeps the last
// build's results of those unchanged (serve); it processes none of them:
// see photos. Two photos that would publish under the same names are a
// problem. A check reads every photo's header (no pixels), in parallel.
func processPhotos(ctx context.Context, fsys fs.FS, proc *images.Processor, assets []content.Asset, check bool, last *photos, ch Changes) (*photos, diag.List, error) {
	ph := &photos{proc: proc, check: check, ctx: ctx, fsys: fsys, files: map[string]string{},
		results: map[string]*images.Result{}, calls: map[string]*photoCall{}}
	if proc == nil {
		return ph, nil, nil
	}
	var probs diag.List
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
		ph.files[a.Dest] = a.File
		// Unchanged since the last build (serve): no need to read it again.
		if last != nil && last.proc == proc && !ch.has(a.File) {
			last.mu.Lock()
			r, ok := last.results[a.Dest]
			last.mu.Unlock()
			if ok {
				ph.results[a.Dest] = r
			}
		}
	}
	if !check {
		return ph, probs, nil
	}
	// A check reads every photo's header, used or not: a broken photo is
	// reported even where no page shows it yet.
	ph.checked = map[string]error{}
	var mu sync.Mutex
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for dest, file := range ph.files {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			data, err := fs.ReadFile(fsys, file)
			if err != nil {
				return err
			}
			if err := proc.Check(dest, data); err != nil {
				mu.Lock()
				ph.checked[dest] = photoError(err)
				mu.Unlock()
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, nil, err
	}
	return ph, probs, nil
}

// photoError is the photo's own problem in err, without its name (the
// problem names the file).
func photoError(err error) error {
	var ie *images.Error
	if errors.As(err, &ie) {
		return ie.Err
	}
	return err
}

// get returns the processed photo at output path dest, processing it now
// if no one has in this build: nil when dest is no photo, when the photo
// could not be processed (a problem, see use) or in a check.
func (ph *photos) get(dest string) *images.Result {
	if ph == nil || ph.check {
		return nil
	}
	file, ok := ph.files[dest]
	if !ok {
		return nil
	}
	ph.mu.Lock()
	if r, ok := ph.results[dest]; ok {
		ph.mu.Unlock()
		return r
	}
	c, ok := ph.calls[dest]
	if ok {
		ph.mu.Unlock()
		<-c.done
		return c.res
	}
	c = &photoCall{done: make(chan struct{})}
	ph.calls[dest] = c
	ph.decodes++
	ph.mu.Unlock()
	defer close(c.done)
	data, err := fs.ReadFile(ph.fsys, file)
	var r *images.Result
	if err == nil {
		r, err = ph.proc.ProcessContext(ph.ctx, dest, data)
	}
	ph.mu.Lock()
	defer ph.mu.Unlock()
	switch {
	case ph.ctx.Err() != nil:
		c.err = ph.ctx.Err() // cancelled while it waited or decoded: no problem of the photo's
	case err != nil:
		ph.probs.Report(diag.Pos{File: file}, "", "as-is", photoError(err))
	default:
		ph.results[dest] = r
		c.res = r
	}
	return c.res
}

// use makes sure every photo among dests (the output paths the publish
// gate counts as used) is processed, in parallel, and returns the
// problems of the photos used in this build: those the pages asked for
// while they were rendered too. In a check, a photo whose header is wrong
// is an error when used and a warning when not.
func (ph *photos) use(dests map[string]bool) (diag.List, error) {
	if ph == nil || ph.proc == nil {
		return nil, nil
	}
	if ph.check {
		var probs diag.List
		for dest, err := range ph.checked {
			pos := diag.Pos{File: ph.files[dest]}
			if dests[dest] {
				probs.Report(pos, "", "as-is", err)
			} else {
				probs.Warn(pos, "", "photo-unused-broken", err)
			}
		}
		return probs, nil
	}
	g, gctx := errgroup.WithContext(ph.ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for dest := range dests {
		if _, ok := ph.files[dest]; !ok {
			continue
		}
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			ph.get(dest)
			return ph.callErr(dest)
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := ph.ctx.Err(); err != nil {
		return nil, err
	}
	ph.mu.Lock()
	defer ph.mu.Unlock()
	return slices.Clone(ph.probs), nil
}

// callErr is the cancellation that stopped the photo at dest, if any.
func (ph *photos) callErr(dest string) error {
	ph.mu.Lock()
	defer ph.mu.Unlock()
	if c, ok := ph.calls[dest]; ok {
		return c.err
	}
	return nil
}

// html returns the responsive HTML for the image at site path p (as a
// Markdown destination resolved against its page), processing it if
// needed, or false when p is not a photo that could be processed.
func (ph *photos) html(p, alt, title string) (template.HTML, bool) {
	r := ph.get(strings.TrimPrefix(p, "/"))
	if r == nil {
		return "", false
	}
	return ph.proc.HTML(r, alt, title, ""), true
}

// imageFunc resolves a Markdown image destination against the page URL.
func (ph *photos) imageFunc(pageURL string) func(dest, alt string) (string, bool) {
	return ph.imageFuncShown(pageURL, nil)
}

// imageFuncShown is imageFunc that also adds to shown, if not nil, the
// output path of each image asked for (one body's render calls it from
// one goroutine).
func (ph *photos) imageFuncShown(pageURL string, shown *[]string) func(dest, alt string) (string, bool) {
	if ph == nil || ph.check || len(ph.files) == 0 {
		return nil
	}
	return func(dest, alt string) (string, bool) {
		if linkcheck.IsExternal(dest) || strings.ContainsAny(dest, "?#") {
			return "", false
		}
		p := dest
		if !strings.HasPrefix(p, "/") {
			p = path.Join(pageURL, dest)
		}
		if shown != nil {
			*shown = append(*shown, strings.TrimPrefix(p, "/"))
		}
		h, ok := ph.html(p, alt, "")
		return string(h), ok
	}
}

// changed reports whether one of the photos at output paths dests has
// changed (or is no longer a photo): a body that shows it renders again.
func (ph *photos) changed(dests []string, ch Changes) bool {
	for _, dest := range dests {
		file, ok := ph.files[dest]
		if !ok || ch.has(file) {
			return true
		}
	}
	return false
}

// isPhoto reports whether dest (an output path) is an image this build
// processed, whose variants are published instead of the original.
func (ph *photos) isPhoto(dest string) bool {
	if ph == nil || ph.check {
		return false
	}
	ph.mu.Lock()
	defer ph.mu.Unlock()
	_, ok := ph.results[dest]
	return ok
}

// cardImage returns the site path of the published file a social card
// should show for the image at site path p: of the variants a browser
// without WebP gets, the one whose width is closest to 1200 pixels (the
// size Open Graph asks for). The original is not published unless kept,
// so a card must not name it. false when p is not a processed image.
func (ph *photos) cardImage(p string) (string, bool) {
	r := ph.get(strings.TrimPrefix(p, "/"))
	if r == nil {
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
