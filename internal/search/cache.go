package search

import (
	"slices"
	"sync"
	"sync/atomic"

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
	mu  sync.RWMutex // guards m, gen and the tables below
	m   map[uint64]*cached
	gen uint32
	// The words and CJK keys read, each once, by number: a story's keys
	// are kept as numbers (4 bytes a key, where a string is 16 and a CJK
	// key 8).
	words   []string
	wordIDs map[string]uint32
	cjk     []uint64
	cjkIDs  map[uint64]uint32
}

// cached is what was read of one Doc.
type cached struct {
	entry [3]string
	cjk   []uint32      // the CJK key's number<<2 | field
	words []uint32      // the word's number<<2 | field
	gen   atomic.Uint32 // the last index that used it
}

// get fills k with the keys kept for the Doc key, each with the owner
// that adds it, and returns its entry in the story chunks; ok is false
// when the Cache has none.
func (c *Cache) get(key uint64, k *storyKeys) (entry [3]string, ok bool) {
	c.mu.RLock() // readers fill their stories' keys side by side
	defer c.mu.RUnlock()
	e := c.m[key]
	if e == nil {
		return entry, false
	}
	e.gen.Store(c.gen)
	k.reset()
	for _, v := range e.cjk {
		key := c.cjk[v>>2]
		k.addCJK(key, int(v&3))
	}
	for _, v := range e.words {
		w := c.words[v>>2]
		o := ownerOfWord(w, len(k.words))
		k.words[o] = append(k.words[o], wordKey{w, int(v & 3)})
	}
	return e.entry, true
}

// put keeps the keys the reader filled k with, and the entry.
func (c *Cache) put(key uint64, k *storyKeys, entry [3]string) {
	e := &cached{entry: entry}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m, c.wordIDs, c.cjkIDs = map[uint64]*cached{}, map[string]uint32{}, map[uint64]uint32{}
	}
	for i := range k.cjk {
		for _, v := range k.cjk[i] {
			key := v & (1<<fieldShift - 1)
			id, ok := c.cjkIDs[key]
			if !ok {
				id = uint32(len(c.cjk))
				c.cjk = append(c.cjk, key)
				c.cjkIDs[key] = id
			}
			e.cjk = append(e.cjk, id<<2|uint32(v>>fieldShift))
		}
	}
	for i := range k.words {
		for _, w := range k.words[i] {
			id, ok := c.wordIDs[w.w]
			if !ok {
				id = uint32(len(c.words))
				c.words = append(c.words, w.w)
				c.wordIDs[w.w] = id
			}
			e.words = append(e.words, id<<2|uint32(w.field))
		}
	}
	e.cjk, e.words = slices.Clip(e.cjk), slices.Clip(e.words)
	e.gen.Store(c.gen)
	c.m[key] = e
}

// next ends an index: the Docs it did not read go. (The numbered words
// and CJK keys stay: a site's are few beside its stories' keys, and an
// edit adds few.)
func (c *Cache) next() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.m {
		if e.gen.Load() != c.gen {
			delete(c.m, k)
		}
	}
	c.gen++
}
