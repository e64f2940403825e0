package render

import (
	"cmp"
	"math/bits"
	"reflect"
	"slices"
	"sync"
	"sync/atomic"
	"time"

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

// dataKey is the key of a page's data without its .Site (see SiteView).
func dataKey(h *keys.Deep, seed uint64, d *Data) uint64 {
	var k keys.Hash
	k.U64(seed)
	v := reflect.ValueOf(d).Elem()
	t := v.Type()
	for i := range v.NumField() {
		if t.Field(i).Name == "Site" {
			continue
		}
		h.Walk(&k, v.Field(i))
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

	numParts = iota // how many parts there are
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
// first time a page asks for it, and the key of each set of parts pages
// read. Every page asks: a rebuild that renders few pages still keys
// them all, so that the asking is a load, without a lock. A part that
// holds the same values as in the last keyed build (see keys.Same: the
// same stories, for one) has the key it had then, and is not hashed.
// Safe for concurrent use.
type siteParts struct {
	s     *site.Site
	h     *keys.Deep
	parts [numParts]sitePart
	prev  [numParts]madePart // the last keyed build's parts (see since)
	// byParts are the keys of the sets of parts read (by Reads.parts),
	// for Reads without Latest; 0 stands for not yet made.
	byParts [1 << numParts]atomic.Uint64
	mu      sync.Mutex // guards latest
	latest  map[int]uint64
}

// sitePart is one part's value and key, once made.
type sitePart struct {
	once sync.Once
	madePart
	done atomic.Bool // madePart is made (read by the next build's since)
}

// madePart is a part's value and its key; for a list (the stories),
// what keys.Deep.Since kept of it.
type madePart struct {
	v     any
	sum   uint64
	slice *keys.Slice
	ok    bool
}

// since takes from last (the last keyed build's parts, or nil) the parts
// it made: their values and keys.
func (p *siteParts) since(last *siteParts) {
	if last == nil {
		return
	}
	for i := range last.parts {
		if e := &last.parts[i]; e.done.Load() {
			p.prev[i] = e.madePart
		}
	}
}

func (p *siteParts) part(bit uint16) uint64 {
	i := bits.TrailingZeros16(bit)
	e := &p.parts[i]
	e.once.Do(func() {
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
		e.v, e.ok = v, true
		prev := p.prev[i]
		if sum, slice, ok := p.h.Since(v, prev.slice); ok {
			// A list: the elements the last build had at the same places
			// keep their keys.
			e.sum, e.slice = sum, slice
		} else if prev.ok && sameValue(prev.v, v) {
			e.sum = prev.sum
		} else {
			e.sum = p.h.Of(v)
		}
		e.done.Store(true)
	})
	return e.sum
}

// sameValue reports whether a and b hold the same values (see keys.Same).
func sameValue(a, b any) bool {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	if !va.IsValid() || !vb.IsValid() {
		return va.IsValid() == vb.IsValid()
	}
	return va.Type() == vb.Type() && keys.Same(va, vb)
}

func (p *siteParts) key(r Reads) uint64 {
	if len(r.latest) == 0 {
		if sum := p.byParts[r.parts].Load(); sum != 0 {
			return sum
		}
	}
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
			sum = p.h.Of(p.s.Latest(n))
			p.mu.Lock()
			p.latest[n] = sum
			p.mu.Unlock()
		}
		k.Int(n).U64(sum)
	}
	sum := k.Sum()
	if len(r.latest) == 0 {
		p.byParts[r.parts].Store(sum)
	}
	return sum
}

// sameData reports whether a and b, apart from .Site, hold equal values:
// the same pointers, or pointers to equal structs, equal strings and
// numbers, slices of such. It is a quick way to a page's key when its
// data is made of the values the last build gave it (the unchanged
// stories are the same *site.Story): pointers compared, nothing hashed.
// Maps, functions and the like compare equal only when the same.
func sameData(a, b *Data) bool {
	return keys.SameExcept(reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem(), siteField)
}

var siteField = func() int {
	f, _ := reflect.TypeFor[Data]().FieldByName("Site")
	return f.Index[0]
}()
