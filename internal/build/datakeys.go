package build

import (
	"fmt"
	"maps"

	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/keys"
	"github.com/jiangninglu/showcase/internal/search"
	"github.com/jiangninglu/showcase/internal/site"
	"github.com/jiangninglu/showcase/internal/stats"
)

// The data files (the statistics, the exports, the search index, the
// sitemaps) are kept by serve's Builder under keys derived, never listed
// by hand: each generator is a function of the records it is given (the
// stories' search.Doc, the sitemap's feeds.SitemapEntry, the exports'
// stats.Item and stats.Workbook), and its key is the hash of those
// records (keys.Deep: every field of every value). A field added to a
// record is in the key without a change here; a field the generator
// reads is in its record, or the generator cannot read it.

// dataCaches are what a Builder keeps of its data files between builds.
type dataCaches struct {
	deep *keys.Deep // remembers the keys of values the site gives again
	// Each story's records, made once per Story: a site.Story is
	// read-only, and the site gives an unchanged story again as the same
	// Story (site.Input.Previous). Each map holds the last build's
	// stories only.
	items map[*site.Story]storyKeys // the keys of its stats.Item
	docs  map[*site.Story]*search.Doc
	// The statistics of the last build, by the key of their items.
	stats map[uint64]*stats.Stats
	// The files, by the key of their generator's input.
	search, sitemaps, tables kept
	read                     *search.Cache // what the index read of each story's Doc
	docsSlice                *keys.Slice   // what keys.Deep.Since kept of the last build's docs
	workbook                 keptWorkbook
	rows                     map[uint64]stats.StoryRow // by the key of the row's item and metrics
	head                     keptHead
}

func newDataCaches() *dataCaches {
	return &dataCaches{deep: keys.NewDeep(), read: new(search.Cache)}
}

// kept is a generator's files and the key of its input.
type kept struct {
	key   uint64
	files map[string][]byte // nil: none
}

// get returns the files kept under key.
func (k kept) get(key uint64) (map[string][]byte, bool) {
	return k.files, k.files != nil && k.key == key
}

// keptHead is stats.json's head and stats.csv, made from the statistics
// and the stories' slugs (see stats.JSONHead).
type keptHead struct {
	key            uint64
	head, statsCSV []byte
}

// next begins a build: the per-story records and the remembered keys of
// stories no longer in the site are let go: those of gone (stories of the
// last site that this one has not), or, with all, of every story not
// among stories.
func (d *dataCaches) next(stories, gone []*site.Story, all bool) {
	d.deep.Next()
	if !all {
		for _, st := range gone {
			delete(d.items, st)
			delete(d.docs, st)
		}
		return
	}
	items := make(map[*site.Story]storyKeys, len(stories))
	docs := make(map[*site.Story]*search.Doc, len(stories))
	for _, st := range stories {
		if k, ok := d.items[st]; ok {
			items[st] = k
		}
		if doc, ok := d.docs[st]; ok {
			docs[st] = doc
		}
	}
	d.items, d.docs = items, docs
}

// storyKeys are the keys of a story's stats.Item (site.Items), whole
// and of its stats.Facts.
type storyKeys struct{ item, facts uint64 }

// itemsKey is the key of stories' stats.Items, in order: what the
// exports' story rows are made of. Each story's item is hashed whole,
// once per Story. Not safe for concurrent use.
func (d *dataCaches) itemsKey(stories []*site.Story) uint64 {
	h := keys.New().Int(len(stories))
	for _, st := range stories {
		h.U64(d.storyKeys(st).item)
	}
	return h.Sum()
}

func (d *dataCaches) itemKey(st *site.Story) uint64 { return d.storyKeys(st).item }

func (d *dataCaches) storyKeys(st *site.Story) storyKeys {
	k, ok := d.items[st]
	if !ok {
		if d.items == nil {
			d.items = map[*site.Story]storyKeys{}
		}
		it := site.Items([]*site.Story{st})[0]
		k = storyKeys{item: d.deep.Of(it), facts: d.deep.Of(it.Facts())}
		d.items[st] = k
	}
	return k
}

// storyDocs returns the stories' search documents, made once per Story.
// Not safe for concurrent use.
func (d *dataCaches) storyDocs(stories []*site.Story) []*search.Doc {
	docs := make([]*search.Doc, len(stories))
	for i, st := range stories {
		doc, ok := d.docs[st]
		if !ok {
			v := search.DocOf(st)
			doc = &v
			if d.docs == nil {
				d.docs = map[*site.Story]*search.Doc{}
			}
			d.docs[st] = doc
		}
		docs[i] = doc
	}
	return docs
}

// statsKey is the key of the statistics of stories under the
// configuration cfgKey: what stats.Compute reads, the configuration and
// the stories' stats.Facts.
func (d *dataCaches) statsKey(cfgKey uint64, stories []*site.Story) uint64 {
	h := keys.New().U64(cfgKey).Int(len(stories))
	for _, st := range stories {
		h.U64(d.storyKeys(st).facts)
	}
	return h.Sum()
}

// keptStats returns the last build's statistics of exactly these
// stories (see site.Input.Stats), or nil.
func (b *Builder) keptStats(_ int, stories []*site.Story) *stats.Stats {
	if b.data == nil {
		return nil
	}
	return b.data.stats[b.data.statsKey(b.cfgKey, stories)]
}

// keepStats keeps st's statistics for the next build, unless they had
// problems (a build that reused them would not report them).
func (b *Builder) keepStats(st *site.Site, probs diag.List) {
	if b.data == nil {
		return
	}
	b.data.stats = nil
	if len(probs) > 0 {
		return
	}
	b.data.stats = map[uint64]*stats.Stats{b.data.statsKey(b.cfgKey, st.Stories): st.Stats}
	for _, r := range st.Reports {
		if r.Year != 0 {
			b.data.stats[b.data.statsKey(b.cfgKey, r.Stories)] = r.Stats
		}
	}
}

// DeferData makes rebuilds (not the first build) keep the last search
// index and workbook (stats.xlsx) when they changed; their Later's Data
// then makes the new ones.
func (b *Builder) DeferData() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.deferData = true
}

// laterData is a data file generator a rebuild left for Later.Data.
type laterData struct {
	make func() (map[string][]byte, error)
	keep func(map[string][]byte) // under the Builder's lock
	// replaces says which of the served files the new ones replace.
	replaces func(name string) bool
}

// deferOrMake returns the files of a generator whose input changed: with
// DeferData and files kept, the kept ones, and mk is left to later;
// otherwise mk's, kept with keep.
func (b *Builder) deferOrMake(later *Later, old map[string][]byte, job laterData) (map[string][]byte, error) {
	if b.deferData && old != nil {
		later.add(job)
		return old, nil
	}
	files, err := job.make()
	if err != nil {
		return nil, err
	}
	job.keep(files)
	return files, nil
}

// Data makes the data files the rebuild left out (see DeferData) and
// returns them, with which of the files the rebuild served they replace;
// ok is false when there are none to make, or when a newer build has
// begun (it leaves its own). It runs beside builds: what it makes them
// from is immutable. Call it once.
func (l *Later) Data() (files map[string][]byte, replaces func(string) bool, ok bool, err error) {
	if l == nil || len(l.data) == 0 || l.Stale() {
		return nil, nil, false, nil
	}
	made := make([]map[string][]byte, len(l.data))
	for i, job := range l.data {
		if made[i], err = job.make(); err != nil {
			return nil, nil, false, err
		}
		if l.Stale() {
			return nil, nil, false, nil
		}
	}
	b := l.b
	b.mu.Lock()
	defer b.mu.Unlock()
	if l.Stale() {
		return nil, nil, false, nil
	}
	files = map[string][]byte{}
	for i, job := range l.data {
		job.keep(made[i])
		maps.Copy(files, made[i])
	}
	jobs := l.data
	replaces = func(name string) bool {
		for _, job := range jobs {
			if job.replaces(name) {
				return true
			}
		}
		return false
	}
	return files, replaces, true, nil
}

// searchIndex returns the search index's files for the stories' docs:
// the kept ones while the docs hash the same.
func (b *Builder) searchIndex(docs []*search.Doc, later *Later) (map[string][]byte, error) {
	var read *search.Cache
	if b.data != nil {
		read = b.data.read
	}
	mk := func() (map[string][]byte, error) {
		ix := search.Indexer{Cache: read}
		ix.Add(docs)
		files, err := ix.Files()
		if err != nil {
			return nil, fmt.Errorf("search index: %w", err)
		}
		return files, nil
	}
	if b.data == nil {
		return mk()
	}
	// The docs the last build had at the same places keep their keys.
	key, slice, ok := b.data.deep.Since(docs, b.data.docsSlice)
	if !ok { // (no stories)
		key = b.data.deep.Of(docs)
	}
	b.data.docsSlice = slice
	if files, ok := b.data.search.get(key); ok {
		return files, nil
	}
	d := b.data
	return b.deferOrMake(later, d.search.files, laterData{
		make:     mk,
		keep:     func(f map[string][]byte) { d.search = kept{key, f} },
		replaces: search.IsIndexFile,
	})
}

// wordsRead are the words a workbook asked its theme for, and what it
// was given: the same words from the next theme, the same bytes.
type wordsRead []wordRead

type wordRead struct {
	key  string
	args []any
	word string
}

// same reports whether t gives every word as it did.
func (w wordsRead) same(t stats.Words) bool {
	for _, r := range w {
		if t(r.key, r.args...) != r.word {
			return false
		}
	}
	return true
}

// keptWorkbook is stats.xlsx, under the key of its stats.Workbook and
// the words it read.
type keptWorkbook struct {
	kept
	words wordsRead
}

// recordWords returns t, recording into w what it gives.
func recordWords(t stats.Words, w *wordsRead) stats.Words {
	return func(key string, args ...any) string {
		word := t(key, args...)
		*w = append(*w, wordRead{key, args, word})
		return word
	}
}
