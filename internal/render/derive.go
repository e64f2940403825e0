package render

import (
	"cmp"
	"reflect"
	"slices"
	"sync"
	"time"
	"unsafe"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/keys"
	"github.com/jiangninglu/showcase/internal/site"
	"github.com/jiangninglu/showcase/internal/stats"
)

// A page's key is derived, never listed by hand: it is the hash of all
// the view data its template is given (every value reachable from the
// page's Data, apart from .Site), and, for the parts of the site the page
// read through .Site while its template ran (see SiteView), the hash of
// each. Equal keys mean equal input to the same templates, hence equal
// bytes. Reading one more field in a template, or adding one to the data,
// needs no change here.

// hasher hashes values deeply through reflect: every field, exported or
// not, every element, every map entry, following pointers. What a pointer
// points to is hashed once and remembered by address: the data handed to
// templates is read-only, and a story shown on many pages is hashed once.
// A theme keeps its hasher between serve's builds, and what it remembers
// of the values the last build used (the site gives again the stories that did
// not change, see site.Input.Previous): a rebuild hashes the stories that
// changed. The memory keeps the values alive, so an address is never
// another value's. Safe for concurrent use.
type hasher struct {
	mu   sync.Mutex
	memo map[memoKey]*memoEntry
	gen  uint32 // the build's; entries a build did not use go after it
	// strings: remember long strings too (see walk).
	strings bool
}

type memoKey struct {
	p unsafe.Pointer
	t reflect.Type // or, for a string's bytes, stringLenType
	n stringLen    // a string's length
}

type memoEntry struct {
	sum uint64
	gen uint32
}

func newHasher() *hasher { return &hasher{memo: map[memoKey]*memoEntry{}} }

// next begins a build: what the last build remembered and did not use
// is let go.
func (h *hasher) next() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for k, e := range h.memo {
		if e.gen != h.gen {
			delete(h.memo, k)
		}
	}
	h.gen++
}

var timeType = reflect.TypeFor[time.Time]()

// of returns the key of v.
func (h *hasher) of(v any) uint64 {
	var k keys.Hash
	h.walk(&k, reflect.ValueOf(v))
	return k.Sum()
}

// walk adds v to k.
func (h *hasher) walk(k *keys.Hash, v reflect.Value) {
	if !v.IsValid() {
		k.U64(0xdead)
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		k.Bool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		k.U64(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		k.U64(v.Uint())
	case reflect.Float32, reflect.Float64:
		k.Float(v.Float())
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		k.Float(real(c)).Float(imag(c))
	case reflect.String:
		str := v.String()
		if len(str) < longString || !h.strings {
			k.Str(str)
			return
		}
		// A long string (a story's HTML, given to its page twice, as
		// .Content and .Story.HTML) is hashed once and remembered by
		// address, as what a pointer points to: strings never change.
		mk := memoKey{unsafe.Pointer(unsafe.StringData(str)), stringLenType, stringLen(len(str))}
		sum, ok := h.lookup(mk)
		if !ok {
			var sk keys.Hash
			sk.Str(str)
			sum = h.store(mk, sk.Sum())
		}
		k.U64(sum)
	case reflect.Slice:
		if v.IsNil() {
			k.U64(0xdead)
			return
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			k.Bytes(v.Bytes())
			return
		}
		fallthrough
	case reflect.Array:
		n := v.Len()
		k.Int(n)
		for i := range n {
			h.walk(k, v.Index(i))
		}
	case reflect.Map:
		if v.IsNil() {
			k.U64(0xdead)
			return
		}
		// Each entry hashed alone, the entries in the order of their
		// hashes: a map's order is random.
		entries := make([]uint64, 0, v.Len())
		it := v.MapRange()
		for it.Next() {
			var e keys.Hash
			h.walk(&e, it.Key())
			h.walk(&e, it.Value())
			entries = append(entries, e.Sum())
		}
		slices.Sort(entries)
		k.Int(len(entries))
		for _, e := range entries {
			k.U64(e)
		}
	case reflect.Pointer:
		if v.IsNil() {
			k.U64(0xdead)
			return
		}
		k.U64(h.pointer(v))
	case reflect.Interface:
		if v.IsNil() {
			k.U64(0xdead)
			return
		}
		e := v.Elem()
		k.Str(e.Type().String())
		h.walk(k, e)
	case reflect.Struct:
		if v.Type() == timeType {
			t := v.Interface().(time.Time)
			k.Bytes(t.AppendFormat(nil, time.RFC3339Nano)).Str(t.Location().String())
			return
		}
		for i := range v.NumField() {
			h.walk(k, v.Field(i))
		}
	default:
		// Functions, channels and unsafe pointers: by identity. (No
		// view data holds one; were it to, its pages would render every
		// time, never stale.)
		k.U64(uint64(v.Pointer()))
	}
}

// longString is the length from which walk remembers a string's key.
const longString = 256

// stringLen stands for a string's length in a memoKey: a string's bytes
// are keyed by their address and length.
type stringLen int

var stringLenType = reflect.TypeFor[stringLen]()

// pointer returns the key of what v points to, hashed once.
func (h *hasher) pointer(v reflect.Value) uint64 {
	mk := memoKey{p: v.UnsafePointer(), t: v.Type()}
	if sum, ok := h.lookup(mk); ok {
		return sum
	}
	var k keys.Hash
	k.Str(v.Type().String())
	h.walk(&k, v.Elem())
	return h.store(mk, k.Sum())
}

// lookup returns the key remembered for mk, if any. (No closure is
// passed around: each would be allocated, at every pointer of every page.)
func (h *hasher) lookup(mk memoKey) (uint64, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	e, ok := h.memo[mk]
	if !ok {
		return 0, false
	}
	e.gen = h.gen
	return e.sum, true
}

// store remembers sum as mk's key, and returns it.
func (h *hasher) store(mk memoKey, sum uint64) uint64 {
	h.mu.Lock()
	h.memo[mk] = &memoEntry{sum, h.gen}
	h.mu.Unlock()
	return sum
}

// dataKey is the key of a page's data without its .Site (see SiteView).
func (h *hasher) dataKey(seed uint64, d *Data) uint64 {
	var k keys.Hash
	k.U64(seed)
	v := reflect.ValueOf(d).Elem()
	t := v.Type()
	for i := range v.NumField() {
		if t.Field(i).Name == "Site" {
			continue
		}
		h.walk(&k, v.Field(i))
	}
	return k.Sum()
}

// sortedInts returns a sorted copy of a set of ints without repeats.
func sortedInts(a []int) []int {
	a = slices.Clone(a)
	slices.SortFunc(a, cmp.Compare)
	return slices.Compact(a)
}

// The parts of the site a template can read through .Site, one bit each.
const (
	readConfig uint16 = 1 << iota
	readHome
	readStoriesIntro
	readStories
	readReports
	readPages
	readBuilt
	readStats
	readLatestReport
	readMenu // see SiteView.menuPages
)

// Reads are the parts of the site a page read through .Site as its
// template ran (see SiteView).
type Reads struct {
	parts  uint16
	latest []int // n of each .Site.Latest n, sorted
}

func (r *Reads) merge(o Reads) {
	r.parts |= o.parts
	if len(o.latest) > 0 {
		r.latest = sortedInts(append(r.latest, o.latest...))
	}
}

// SiteView is .Site as a template sees it: the site's fields and methods,
// each read through a method that records it, so that a page's key can
// hold the parts of the site the page read, and no more. A template
// writes .Site.Stories, .Site.Config.Title or .Site.Latest 6 as it would
// of a site.Site.
type SiteView struct {
	s     *site.Site
	parts *siteParts
	reads Reads
}

func (v *SiteView) read(part uint16) { v.reads.parts |= part }

// Config is the site's configuration.
func (v *SiteView) Config() *config.Config { v.read(readConfig); return v.s.Config }

// Home is content/_index.md, or nil.
func (v *SiteView) Home() *site.Page { v.read(readHome); return v.s.Home }

// StoriesIntro is content/stories/_index.md, or nil.
func (v *SiteView) StoriesIntro() *site.Page { v.read(readStoriesIntro); return v.s.StoriesIntro }

// Stories are every story, newest first.
func (v *SiteView) Stories() []*site.Story { v.read(readStories); return v.s.Stories }

// Reports are the yearly reports, newest first.
func (v *SiteView) Reports() []*site.Report { v.read(readReports); return v.s.Reports }

// Pages are the standalone pages.
func (v *SiteView) Pages() []*site.Page { v.read(readPages); return v.s.Pages }

// Built is when the site was built.
func (v *SiteView) Built() time.Time { v.read(readBuilt); return v.s.Built }

// Stats are the statistics of every story.
func (v *SiteView) Stats() *stats.Stats { v.read(readStats); return v.s.Stats }

// AllStats are the statistics by report year, 0 being the whole site's.
func (v *SiteView) AllStats() map[int]*stats.Stats {
	v.read(readStats | readReports)
	return v.s.AllStats()
}

// LatestReport is the newest report, or nil.
func (v *SiteView) LatestReport() *site.Report { v.read(readLatestReport); return v.s.LatestReport() }

// Latest returns up to n newest stories.
func (v *SiteView) Latest(n int) []*site.Story {
	if !slices.Contains(v.reads.latest, n) {
		v.reads.latest = sortedInts(append(v.reads.latest, n))
	}
	return v.s.Latest(n)
}

// StoriesOf returns the stories of a statistics group, in site order.
func (v *SiteView) StoriesOf(g *stats.Group) []*site.Story {
	v.read(readStories)
	return v.s.StoriesOf(g)
}

// menuPage is what the menu shows of a content page.
type menuPage struct{ URL, Title string }

// menuPages are the content pages as the menu shows them, and whether
// the site has reports: the menu reads no more, and records no more, so
// that a page's body or a report's stories change no page's menu.
func (v *SiteView) menuPages() (pages []menuPage, reports bool) {
	v.read(readMenu)
	return menuOf(v.s)
}

func menuOf(s *site.Site) ([]menuPage, bool) {
	pages := make([]menuPage, len(s.Pages))
	for i, p := range s.Pages {
		pages[i] = menuPage{p.URL, p.Title}
	}
	return pages, len(s.Reports) > 0
}

// Read returns what the page read of the site while it rendered.
func (v *SiteView) Read() Reads { return v.reads }

// Key returns the key of the parts r names of this build's site: equal
// keys for the same Reads mean those parts are the same.
func (v *SiteView) Key(r Reads) uint64 { return v.parts.key(r) }

// siteParts keeps the key of each part of one build's site, made the
// first time a page asks for it. Safe for concurrent use.
type siteParts struct {
	s      *site.Site
	h      *hasher
	mu     sync.Mutex
	sums   map[uint16]uint64
	latest map[int]uint64
}

func (p *siteParts) part(bit uint16) uint64 {
	p.mu.Lock()
	sum, ok := p.sums[bit]
	p.mu.Unlock()
	if ok {
		return sum
	}
	s := p.s
	var v any
	switch bit {
	case readConfig:
		v = s.Config
	case readHome:
		v = s.Home
	case readStoriesIntro:
		v = s.StoriesIntro
	case readStories:
		v = s.Stories
	case readReports:
		v = s.Reports
	case readPages:
		v = s.Pages
	case readBuilt:
		v = s.Built
	case readStats:
		v = s.Stats
	case readLatestReport:
		v = s.LatestReport()
	case readMenu:
		pages, reports := menuOf(s)
		v = struct {
			P []menuPage
			R bool
		}{pages, reports}
	}
	sum = p.h.of(v)
	p.mu.Lock()
	p.sums[bit] = sum
	p.mu.Unlock()
	return sum
}

func (p *siteParts) key(r Reads) uint64 {
	var k keys.Hash
	k.U64(uint64(r.parts))
	for bit := uint16(1); bit != 0 && bit <= readMenu; bit <<= 1 {
		if r.parts&bit != 0 {
			k.U64(p.part(bit))
		}
	}
	k.Int(len(r.latest))
	for _, n := range r.latest {
		p.mu.Lock()
		sum, ok := p.latest[n]
		p.mu.Unlock()
		if !ok {
			sum = p.h.of(p.s.Latest(n))
			p.mu.Lock()
			p.latest[n] = sum
			p.mu.Unlock()
		}
		k.Int(n).U64(sum)
	}
	return k.Sum()
}

// keyedData is a page's data with its key, kept from one build to the
// next (see Theme.lastPages).
type keyedData struct {
	d      *Data
	global uint64
	key    uint64
}

// sameData reports whether a and b, apart from .Site, hold equal values:
// the same pointers, or pointers to equal structs, equal strings and
// numbers, slices of such. It is a quick way to a page's key when its
// data is made of the values the last build gave it (the unchanged
// stories are the same *site.Story): pointers compared, nothing hashed.
// Maps, functions and the like compare equal only when the same.
func sameData(a, b *Data) bool {
	va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	for i := range va.NumField() {
		if i == siteField {
			continue
		}
		if !keys.Same(va.Field(i), vb.Field(i)) {
			return false
		}
	}
	return true
}

var siteField = func() int {
	f, _ := reflect.TypeFor[Data]().FieldByName("Site")
	return f.Index[0]
}()
