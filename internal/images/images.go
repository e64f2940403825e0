package images

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"log/slog"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/jiangninglu/showcase/internal/diag"
)

// codeVersion is part of every cache key. Bump it whenever a change here
// alters the bytes Process writes, so old cache entries are not reused.
const codeVersion = "images/1"

// Defaults for the zero Options.
const (
	DefaultQuality   = 80
	DefaultMaxPixels = 40_000_000
	DefaultSizes     = "(max-width: 42rem) 100vw, 42rem" // the theme's text column
)

// DefaultWidths are the variant widths used when Options.Widths is empty.
var DefaultWidths = []int{480, 960, 1600}

// fallbackWidth picks Result.Fallback: the widest variant not wider than
// this, so <img src> (used by feed readers, which drop srcset) is a
// reasonable size.
const fallbackWidth = 960

// MIME types of the files Process writes or passes through.
const (
	TypeJPEG = "image/jpeg"
	TypePNG  = "image/png"
	TypeWebP = "image/webp"
	TypeGIF  = "image/gif"
	TypeSVG  = "image/svg+xml"
)

// Options configure a Processor. The zero value works: default widths and
// quality, JPEG only, originals not published.
type Options struct {
	Widths       []int        // variant widths in pixels; default DefaultWidths; never upscaled
	Quality      int          // JPEG and WebP quality, 1-100; default DefaultQuality
	WebP         bool         // also write WebP variants
	KeepOriginal bool         // also publish the original file unchanged (default false: privacy)
	MaxPixels    int          // refuse images with more pixels than this, before decoding; default DefaultMaxPixels
	URLPrefix    string       // prepended to Variant.Path in HTML, e.g. "/" or "https://example.org/sub/"; default "/"
	Logger       *slog.Logger // warnings, such as a cache folder that cannot be written; nil discards them
}

// Variant is one file to publish.
type Variant struct {
	Path          string // output path, slash-separated, relative to the output root
	Width, Height int    // pixels; 0 when unknown (SVG without a size)
	Type          string // MIME type: TypeJPEG, TypePNG, TypeWebP, TypeGIF or TypeSVG
	Data          []byte
}

// Result is what Process made of one image. It and the Data it holds are
// shared (between concurrent callers, and with the cache): read them, never
// modify them.
type Result struct {
	Width, Height int       // of the upright (orientation-applied) original
	Variants      []Variant // resized, re-encoded files, sorted by type then width; empty for a pass-through
	Fallback      Variant   // for <img src>: one of Variants, or the original for a pass-through (GIF, SVG)
	Original      *Variant  // the input unchanged, only with Options.KeepOriginal
}

// PassThrough reports whether the image was published as it is (GIF, SVG)
// rather than resized.
func (r *Result) PassThrough() bool { return len(r.Variants) == 0 }

// Files lists every file to write for r: the variants (or the pass-through
// file) and the original when kept, each path once.
func (r *Result) Files() []Variant {
	files := slices.Clone(r.Variants)
	if len(files) == 0 {
		files = append(files, r.Fallback)
	}
	if o := r.Original; o != nil && !slices.ContainsFunc(files, func(v Variant) bool { return v.Path == o.Path }) {
		files = append(files, *o)
	}
	return files
}

// Processor turns editors' image files into publishable variants. It is
// safe for concurrent use; its options are fixed by New.
type Processor struct {
	opts     Options // normalised by New; read-only afterwards
	optsKey  string  // the options' part of every cache key
	cacheDir string  // "" = no disk cache
	logger   *slog.Logger

	mu       sync.Mutex       // guards inflight and used
	inflight map[string]*call // images being processed now, by cache key
	used     map[string]bool  // cache keys Process returned, for Prune

	decodes atomic.Int64 // full decodes done; tests assert that cache hits do none
}

// call is one in-flight Process of an image, shared by concurrent callers
// asking for the same data.
type call struct {
	done chan struct{}
	res  *stored
	err  error
}

// New returns a Processor with opts (zero fields take their defaults) that
// keeps processed images under cacheDir between runs; cacheDir "" means no
// disk cache. The folder is created when first written.
func New(opts Options, cacheDir string) *Processor {
	opts = normalise(opts)
	var k bytes.Buffer
	fmt.Fprintf(&k, "%s\nwidths=%v\nquality=%d\nwebp=%t\n", codeVersion, opts.Widths, opts.Quality, opts.WebP)
	return &Processor{
		opts:     opts,
		optsKey:  k.String(),
		cacheDir: cacheDir,
		logger:   opts.Logger,
		inflight: map[string]*call{},
		used:     map[string]bool{},
	}
}

func normalise(o Options) Options {
	var widths []int
	for _, w := range o.Widths {
		if w > 0 {
			widths = append(widths, w)
		}
	}
	if len(widths) == 0 {
		widths = slices.Clone(DefaultWidths)
	}
	slices.Sort(widths)
	o.Widths = slices.Compact(widths)
	if o.Quality <= 0 {
		o.Quality = DefaultQuality
	}
	o.Quality = min(o.Quality, 100)
	if o.MaxPixels <= 0 {
		o.MaxPixels = DefaultMaxPixels
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if !strings.HasSuffix(o.URLPrefix, "/") {
		o.URLPrefix += "/"
	}
	return o
}

// Options returns the Processor's options with defaults filled in.
func (p *Processor) Options() Options {
	o := p.opts
	o.Widths = slices.Clone(o.Widths)
	return o
}

// Process makes the publishable files for one image. name is the output
// path of the image as the editor named it, slash-separated, e.g.
// "stories/high-heels/photo.jpg"; variants go beside it as
// "stories/high-heels/photo-480.jpg" and "photo-480.webp". The format is
// sniffed from data, not taken from the name's extension.
//
// JPEG, PNG and WebP are resized and re-encoded without metadata; GIF and SVG
// are passed through (see the package documentation). Errors name the file
// and wrap ErrUnsupported, ErrTooLarge or ErrCorrupt where one applies.
func (p *Processor) Process(name string, data []byte) (*Result, error) {
	return p.ProcessContext(context.Background(), name, data)
}

// ProcessContext is Process, ended early with ctx's error when ctx is done:
// while the image waits for its turn to decode (at most MaxDecodeBytes of
// decodes run at once in the process), while it is decoded, and between
// its variants.
func (p *Processor) ProcessContext(ctx context.Context, name string, data []byte) (*Result, error) {
	r, err := p.process(ctx, name, data)
	if err != nil {
		return nil, &Error{Name: name, Err: err}
	}
	if p.opts.KeepOriginal {
		r.Original = &Variant{Path: name, Width: r.Width, Height: r.Height, Type: sniffedType(data), Data: data}
	}
	return r, nil
}

func (p *Processor) process(ctx context.Context, name string, data []byte) (*Result, error) {
	f := sniff(data)
	switch f {
	case formatSVG:
		return passSVG(name, data)
	case formatGIF:
		return p.passGIF(name, data)
	case formatJPEG, formatPNG, formatWebP:
	default:
		return nil, unsupported(f)
	}
	// Header only: a decompression bomb is refused before any pixel
	// buffer exists.
	cfg, err := decodeConfig(f, data)
	if err != nil {
		return nil, corrupt(f, data, err)
	}
	if err := p.checkSize(cfg.Width, cfg.Height); err != nil {
		return nil, err
	}
	if f == formatJPEG {
		if err := checkScans(data); err != nil {
			return nil, err
		}
	}
	orientation := readOrientation(f, data)

	key := p.key(data)
	s, err := p.once(key, func() (*stored, error) {
		if s, ok := p.readCache(key); ok {
			return s, nil
		}
		s, err := p.render(ctx, f, data, cfg.Width, cfg.Height, orientation)
		if err != nil {
			return nil, err
		}
		p.writeCache(key, s)
		return s, nil
	})
	if err != nil {
		return nil, err
	}
	return s.result(name), nil
}

// key is the cache key of data under p's options: a hex SHA-256.
func (p *Processor) key(data []byte) string {
	h := sha256.New()
	h.Write([]byte(p.optsKey))
	h.Write([]byte("data\n"))
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

// once runs fn for key unless a call for the same key is in flight, in
// which case it waits for that call's result: concurrent builds of the same
// photo decode it once.
func (p *Processor) once(key string, fn func() (*stored, error)) (*stored, error) {
	p.mu.Lock()
	if c, ok := p.inflight[key]; ok {
		p.mu.Unlock()
		<-c.done
		return c.res, c.err
	}
	c := &call{done: make(chan struct{})}
	p.inflight[key] = c
	p.mu.Unlock()

	func() {
		// A decoder that panics on a hostile file must fail that file, not
		// the build, and must not leave other callers waiting forever.
		defer func() {
			if r := recover(); r != nil {
				c.res, c.err = nil, diag.Wrap(ErrCorrupt, "image-decoder-failed", fmt.Sprint(r))
			}
		}()
		c.res, c.err = fn()
	}()

	p.mu.Lock()
	delete(p.inflight, key)
	if c.err == nil {
		p.used[key] = true
	}
	p.mu.Unlock()
	close(c.done)
	return c.res, c.err
}

func (p *Processor) checkSize(w, h int) error { return checkSize(w, h, p.opts.MaxPixels) }

func checkSize(w, h, maxPixels int) error {
	if w <= 0 || h <= 0 {
		return diag.Wrap(ErrCorrupt, "image-no-pixels", w, h)
	}
	if int64(w)*int64(h) > int64(maxPixels) {
		return diag.Wrap(ErrTooLarge, "image-too-large", w, h, float64(w)*float64(h)/1e6, float64(maxPixels)/1e6)
	}
	return nil
}

// stored is a processed image independent of its name: what the cache
// keeps. Files are named by suffix, e.g. "-480.jpg".
type stored struct {
	Width, Height int
	Files         []storedFile
}

type storedFile struct {
	Suffix        string // "-480.jpg"
	Width, Height int
	Type          string
	Data          []byte
}

// result names s's files after name and picks the fallback.
func (s *stored) result(name string) *Result {
	base := stem(name)
	r := &Result{Width: s.Width, Height: s.Height, Variants: make([]Variant, len(s.Files))}
	for i, f := range s.Files {
		r.Variants[i] = Variant{Path: base + f.Suffix, Width: f.Width, Height: f.Height, Type: f.Type, Data: f.Data}
	}
	slices.SortFunc(r.Variants, func(a, b Variant) int {
		if a.Type != b.Type {
			return compareStrings(a.Type, b.Type)
		}
		return a.Width - b.Width
	})
	r.Fallback = fallback(r.Variants)
	return r
}

// fallback is the widest JPEG or PNG variant not wider than fallbackWidth,
// or the narrowest when all are wider.
func fallback(vs []Variant) Variant {
	var best, narrowest *Variant
	for i := range vs {
		v := &vs[i]
		if v.Type == TypeWebP {
			continue
		}
		if narrowest == nil || v.Width < narrowest.Width {
			narrowest = v
		}
		if v.Width <= fallbackWidth && (best == nil || v.Width > best.Width) {
			best = v
		}
	}
	if best == nil {
		best = narrowest
	}
	if best == nil {
		return Variant{}
	}
	return *best
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// stem is name without its extension: "a/photo.jpg" -> "a/photo".
func stem(name string) string {
	ext := path.Ext(name)
	if ext == "" || len(ext) == len(path.Base(name)) {
		return name
	}
	return name[:len(name)-len(ext)]
}

func suffix(width int, typ string) string {
	return "-" + strconv.Itoa(width) + extension(typ)
}

func extension(typ string) string {
	switch typ {
	case TypeJPEG:
		return ".jpg"
	case TypePNG:
		return ".png"
	case TypeWebP:
		return ".webp"
	case TypeGIF:
		return ".gif"
	case TypeSVG:
		return ".svg"
	}
	return ""
}

// targets are the upright widths to make for an image w pixels wide: each
// configured width, clamped to w (never upscale), once each.
func targets(widths []int, w int) []int {
	var out []int
	for _, t := range widths {
		out = append(out, min(t, w))
	}
	return slices.Compact(out) // widths is sorted, so clamped values are too
}

// heightFor keeps the aspect ratio, rounding to the nearest pixel.
func heightFor(w, h, tw int) int {
	if tw == w {
		return h
	}
	return max(1, int((int64(h)*int64(tw)*2+int64(w))/(int64(w)*2)))
}

// decodeConfig reads only the header of data.
func decodeConfig(f format, data []byte) (image.Config, error) {
	dec, ok := decoders[f]
	if !ok {
		return image.Config{}, fmt.Errorf("no decoder for %s", f)
	}
	return dec.config(bytes.NewReader(data))
}
