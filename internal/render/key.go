package render

import (
	"math"

	"github.com/jiangninglu/showcase/internal/keys"
	"github.com/jiangninglu/showcase/internal/site"
	"github.com/jiangninglu/showcase/internal/stats"
)

// key accumulates what a page depends on (see internal/keys).
type key struct{ h keys.Hash }

func newKey(seed uint64) *key { return new(key).u64(seed) }

func (k *key) u64(v uint64) *key { k.h.U64(v); return k }

func (k *key) int(v int) *key { k.h.Int(v); return k }

func (k *key) bool(b bool) *key { k.h.Bool(b); return k }

func (k *key) str(s string) *key { k.h.Str(s); return k }

// storyID identifies a story as a list shows it: its card and links
// follow from its file's version, its URL and its cover (whose image may
// change while the story's file does not).
func storyID(s *site.Story) uint64 {
	return newKey(0).u64(s.Version).str(s.URL).str(string(s.CoverHTML)).sum()
}

// stories adds the stories' identities (see storyID).
func (k *key) stories(list []*site.Story) *key {
	k.int(len(list))
	for _, s := range list {
		k.u64(storyID(s))
	}
	return k
}

// ids adds stories' identities made before (see storyID): a large site's
// lists name each story several times, and hash it once.
func (k *key) ids(list []uint64) *key {
	k.int(len(list))
	for _, id := range list {
		k.u64(id)
	}
	return k
}

func (k *key) group(g *stats.Group) *key {
	k.str(g.Value).str(g.URLName).int(len(g.Items))
	for _, a := range g.Aggs {
		k.str(a.Metric).str(a.Aggregate).u64(math.Float64bits(a.Result)).int(a.Reported).int(a.Stories)
	}
	return k
}

func (k *key) stats(s *stats.Stats) *key {
	if s == nil {
		return k.u64(0)
	}
	for _, m := range s.Metrics {
		k.str(m.Key)
	}
	k.group(&s.Overall)
	for _, f := range s.Facets {
		k.str(f.Key)
		for _, g := range f.Groups {
			k.group(g)
		}
	}
	return k
}

func (k *key) sum() uint64 { return k.h.Sum() }

// siteVersion identifies everything of the site a template can read
// through .Site: each story, report and page by its file version, URL,
// rendered HTML and processed cover, in order. (The configuration is in
// every key already.)
func siteVersion(s *site.Site) uint64 {
	k := newKey(1)
	k.int(len(s.Stories))
	for _, st := range s.Stories {
		k.u64(st.Version).str(st.URL).u64(st.HTMLHash).str(string(st.CoverHTML))
	}
	k.int(len(s.Reports))
	for _, r := range s.Reports {
		k.u64(r.Version).str(r.URL).u64(r.HTMLHash)
	}
	k.int(len(s.Pages))
	for _, p := range append([]*site.Page{s.Home, s.StoriesIntro}, s.Pages...) {
		if p == nil {
			k.u64(0)
			continue
		}
		k.u64(p.Version).str(p.URL).u64(p.HTMLHash)
	}
	return k.sum()
}
