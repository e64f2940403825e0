package search

import (
	"slices"
	"sync"

	"github.com/jiangninglu/showcase/internal/keys"
)

// Key is the key of d: the hash of every field of it the index reads
// (TestDocKey changes each field and checks that the key follows). It is
// made from the Doc's values, not its address, so that a Cache holds no
// story's HTML.
func (d *Doc) Key() uint64 {
	h := keys.New()
	h.Str(d.Title).Str(d.URL).Str(d.Summary).Str(d.HTML)
	// Of params, the index reads their strings (see appendStrings).
	params := appendStrings(nil, d.Params)
	h.Int(len(params))
	for _, p := range params {
		h.Str(p)
	}
	h.Str(d.Neighborhood).Str(d.Project).Str(d.Track).Str(d.Award)
	for _, list := range [][]string{d.Leads, d.Tags} {
		h.Int(len(list))
		for _, v := range list {
			h.Str(v)
		}
	}
	return h.Bool(d.Draft).Sum()
}

// A Cache keeps what Indexers read of each Doc (its keys, each with its
// best field, and its entry in the story chunks), by the Doc's Key: a
// Doc read once is not read again while the Cache has it. It keeps the
// Docs of the last index made, and lets the others go. Safe for
// concurrent use.
type Cache struct {
	mu  sync.Mutex // guards m and gen
	m   map[uint64]*cached
	gen uint32
}

// cached is what was read of one Doc.
type cached struct {
	entry [3]string
	cjk   []uint64 // pack(...) | field<<fieldShift
	words []wordKey
	gen   uint32 // the last index that used it
}

// newCached copies the keys the reader filled k with.
func newCached(k *storyKeys, entry [3]string) *cached {
	c := &cached{entry: entry}
	for i := range k.cjk {
		c.cjk = append(c.cjk, k.cjk[i]...)
		c.words = append(c.words, k.words[i]...)
	}
	c.cjk, c.words = slices.Clip(c.cjk), slices.Clip(c.words)
	return c
}

// fill puts c's keys into k, each with the owner that adds it.
func (c *cached) fill(k *storyKeys) {
	k.reset()
	for _, e := range c.cjk {
		o := ownerOfKey(e&(1<<fieldShift-1), len(k.cjk))
		k.cjk[o] = append(k.cjk[o], e)
	}
	for _, e := range c.words {
		o := ownerOfWord(e.w, len(k.words))
		k.words[o] = append(k.words[o], e)
	}
}

func (c *Cache) get(key uint64) *cached {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.m[key]
	if e != nil {
		e.gen = c.gen
	}
	return e
}

func (c *Cache) put(key uint64, e *cached) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[uint64]*cached{}
	}
	e.gen = c.gen
	c.m[key] = e
}

// next ends an index: the Docs it did not read go.
func (c *Cache) next() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.m {
		if e.gen != c.gen {
			delete(c.m, k)
		}
	}
	c.gen++
}
