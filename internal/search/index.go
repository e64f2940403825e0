package search

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/jiangninglu/showcase/internal/site"
	"github.com/jiangninglu/showcase/internal/unitext"
)

// Dir is the output folder of the index; the manifest is Dir+"index.json".
const Dir = "search/"

// Field ranks where a term was found. The index keeps, per story and
// term, the best field only.
const (
	fieldBody    = 0
	fieldSummary = 1
	fieldFacts   = 2 // leads, neighbourhood, project, track, award, tags
	fieldTitle   = 3
)

// weights score a matched term by its best field; search.js has the same.
var weights = [4]int{1, 2, 4, 8}

const (
	// shardBytes is the size a term shard aims at: a query of a few terms
	// downloads a few shards of about this size.
	shardBytes = 64 << 10
	maxShards  = 4096
	// chunkBytes is the size a chunk of stories (title, URL, snippet) aims
	// at: a page of 20 results downloads at most 20 chunks.
	chunkBytes = 16 << 10
	// snippetChars is the length of the text stored to show under a result.
	snippetChars = 160
	// maxBodyChars bounds what is indexed of one story's text, so that one
	// very long story cannot blow up the index.
	maxBodyChars = 20000
	// maxParamChars bounds what is indexed of the strings of one story's
	// params.
	maxParamChars = 2000
)

// manifest is search/index.json.
type manifest struct {
	Version int    `json:"v"`
	Hash    string `json:"h"` // of every other file: search.js adds it to their URLs, so caches never mix builds
	Stories int    `json:"n"`
	Shards  int    `json:"s"` // term shards t-0.json ...: {"key": "postings", ...}
	Chunk   int    `json:"c"` // stories per chunk d-0.json ...: [[title, url, snippet], ...]
}

// A term's postings are one number per story that holds it, in story
// order: (id - previous id) * 4 + best field, the previous id of the first
// being 0. The numbers are written into one string, base 32, most
// significant digit first: a digit that ends a number is one of lastDigits,
// any other one of moreDigits. Most numbers take one or two characters,
// and no character needs escaping in JSON or HTML.
const (
	lastDigits = "0123456789ABCDEFGHIJKLMNOPQRSTUV"
	moreDigits = "abcdefghijklmnopqrstuvwxyz*+-.:;"
)

// appendNumber appends v (>= 0) in the postings' digits.
func appendNumber(dst []byte, v int) []byte {
	if v < 32 { // most numbers
		return append(dst, lastDigits[v])
	}
	var tmp [8]byte
	i := len(tmp) - 1
	tmp[i] = lastDigits[v&31]
	for v >>= 5; v > 0; v >>= 5 {
		i--
		tmp[i] = moreDigits[v&31]
	}
	return append(dst, tmp[i:]...)
}

// decodePostings calls f with each story id and best field of postings.
func decodePostings(p string, f func(id, field int)) error {
	id, v := 0, 0
	for i := 0; i < len(p); i++ {
		c := p[i]
		if d := strings.IndexByte(moreDigits, c); d >= 0 {
			v = v<<5 | d
			continue
		}
		d := strings.IndexByte(lastDigits, c)
		if d < 0 {
			return fmt.Errorf("bad postings character %q", c)
		}
		v = v<<5 | d
		id += v >> 2
		f(id, v&3)
		v = 0
	}
	return nil
}

// Index builds the search index of the site's stories, drafts left out,
// as files by output path: Dir+"index.json", the term shards and the
// story chunks. The output is a pure function of the stories' documents
// (see Docs): the same documents give the same bytes. It uses every core.
func Index(s *site.Site) (map[string][]byte, error) {
	var ix Indexer
	ix.Add(Docs(s.Stories))
	return ix.Files()
}

// A Doc is all the index reads of one story: the index is a function of
// its stories' Docs, in site order, and of nothing else, so that the hash
// of the Docs is the index's key (serve keeps the index while it is the
// same).
type Doc struct {
	Title, URL, Summary string
	HTML                string // the rendered body
	Params              any    // the strings in it count as the summary does
	Neighborhood        string
	Project, Track      string
	Award               string
	Leads, Tags         []string
	Draft               bool // a draft is never indexed
}

// DocOf returns what the index reads of st. (A body that failed to
// render fails the build, which reports it: its HTML is "" here.)
func DocOf(st *site.Story) Doc {
	html, _ := st.HTML()
	return Doc{
		Title: st.Title, URL: st.URL, Summary: st.Summary(), HTML: string(html), Params: st.Params,
		Neighborhood: st.Neighborhood, Project: st.Project, Track: st.Track, Award: st.Award,
		Leads: st.Leads, Tags: st.Tags, Draft: st.Draft,
	}
}

// Docs returns the Docs of stories, in their order.
func Docs(stories []*site.Story) []*Doc {
	docs := make([]*Doc, len(stories))
	for i, st := range stories {
		d := DocOf(st)
		docs[i] = &d
	}
	return docs
}

// Indexer builds a search index from stories' Docs given a few at a time,
// in site order, so that a large site need not hold every story's HTML at
// once: Add reads a Doc's HTML and keeps only its keys. Adding all of a
// site's Docs and calling Files gives what Index gives. An Indexer is not
// safe for concurrent use; Add and Files use every core.
type Indexer struct {
	// Cache, if set, keeps what was read of each Doc, by its Key, for
	// the Indexers that come after: a Doc read before is not read again.
	Cache *Cache

	n       int // stories added
	docs    [][3]string
	readers []reader
	owners  []owner
	keys    []storyKeys
}

// Add indexes the Docs, which follow those of the last Add in site order;
// drafts are left out.
func (ix *Indexer) Add(list []*Doc) {
	var stories []*Doc
	for _, st := range list {
		if !st.Draft {
			stories = append(stories, st)
		}
	}
	// Stories are read a batch at a time: first each story's keys, each
	// goroutine taking the next story; then the postings, each goroutine
	// adding to the lists of its own share of the keys, story by story,
	// so that every list is in story order.
	workers := runtime.GOMAXPROCS(0)
	if ix.readers == nil {
		ix.readers = make([]reader, workers)
		ix.owners = make([]owner, workers)
	}
	workers = len(ix.readers)
	const batch = 256
	for len(ix.keys) < min(batch, len(stories)) {
		ix.keys = append(ix.keys, storyKeys{cjk: make([][]uint64, workers), words: make([][]wordKey, workers)})
	}
	for start := 0; start < len(stories); start += batch {
		n := min(batch, len(stories)-start)
		docs := make([][3]string, n)
		var wg sync.WaitGroup
		var next atomic.Int64
		for w := range workers {
			wg.Go(func() {
				for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
					docs[i] = ix.read(w, stories[start+i], &ix.keys[i])
				}
			})
		}
		wg.Wait()
		for w := range workers {
			wg.Go(func() {
				for i := range n {
					ix.owners[w].add(ix.n+i, ix.keys[i].cjk[w], ix.keys[i].words[w])
				}
			})
		}
		wg.Wait()
		ix.docs = append(ix.docs, docs...)
		ix.n += n
	}
}

// read fills k with the keys of doc, as reader w reads them or as the
// Cache has them, and returns its entry in the story chunks.
func (ix *Indexer) read(w int, doc *Doc, k *storyKeys) [3]string {
	if ix.Cache == nil {
		return ix.readers[w].read(doc, k)
	}
	key := doc.Key()
	if entry, ok := ix.Cache.get(key, k); ok {
		return entry
	}
	entry := ix.readers[w].read(doc, k)
	ix.Cache.put(key, k, entry)
	return entry
}

// Files returns the index of the stories added, as Index does. It ends
// the Indexer: what Add kept is let go as the files are written, and
// the Indexer must not be used again.
func (ix *Indexer) Files() (map[string][]byte, error) {
	if ix.owners == nil {
		ix.Add(nil)
	}
	if ix.Cache != nil {
		ix.Cache.next()
	}
	docs := ix.docs
	owners := ix.owners
	*ix = Indexer{}
	files, shards := writeShards(owners)
	owners = nil

	// Chunks of stories: enough stories that each is about chunkBytes.
	size := 0
	for _, d := range docs {
		size += len(d[0]) + len(d[1]) + len(d[2]) + 12
	}
	chunk := max(len(docs), 1)
	if size > chunkBytes {
		chunk = max(chunkBytes*len(docs)/size, 1)
	}
	for i := 0; i*chunk < len(docs) || i == 0; i++ {
		part := docs[i*chunk : min((i+1)*chunk, len(docs))]
		if part == nil {
			part = [][3]string{}
		}
		b, err := json.Marshal(part)
		if err != nil {
			return nil, err
		}
		files[chunkName(i)] = b
	}

	h := sha256.New()
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(h, "%s %d\n", name, len(files[name]))
		h.Write(files[name])
	}
	m := manifest{Version: 1, Hash: hex.EncodeToString(h.Sum(nil))[:12], Stories: len(docs), Shards: shards, Chunk: chunk}
	b, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	files[Dir+"index.json"] = b
	return files, nil
}

// storyKeys are the keys of one story, each with its best field, split
// by the owner that adds them to its lists.
type storyKeys struct {
	cjk   [][]uint64 // pack(...) | field<<62
	words [][]wordKey
}

type wordKey struct {
	w     string
	field int
}

const fieldShift = 62 // of a field in storyKeys.cjk

// ownerOfKey and ownerOfWord tell which of n owners holds a key. Any
// function would do (the output does not depend on it) that spreads keys
// evenly; ownerOfKey uses another multiplier than hashKey, so that an
// owner's keys still spread over its whole table.
func ownerOfKey(k uint64, n int) int {
	return int((k * 0xC2B2AE3D27D4EB4F >> 32) * uint64(n) >> 32)
}

func ownerOfWord(w string, n int) int {
	return int(uint64(fnv32a(w)) * uint64(n) >> 32)
}

func (k *storyKeys) reset() {
	for i := range k.cjk {
		k.cjk[i] = k.cjk[i][:0]
		k.words[i] = k.words[i][:0]
	}
}

func (k *storyKeys) addCJK(key uint64, field int) {
	o := ownerOfKey(key, len(k.cjk))
	k.cjk[o] = append(k.cjk[o], key|uint64(field)<<fieldShift)
}

// reader finds the keys of stories, one story at a time; each goroutine
// has its own.
type reader struct {
	text    []byte   // the body's
	chars   []rune   // eachRun's
	params  []string // the story's params' strings
	word    []byte
	pairs   keySet // of neighbouring CJK characters
	singles keySet // CJK characters
	words   wordSet
}

// read fills k with the keys of st and returns st's entry in the story
// chunks: title, URL relative to the site's base, snippet.
func (r *reader) read(st *Doc, k *storyKeys) [3]string {
	r.pairs.reset()
	r.singles.reset()
	r.words.reset()
	// The body is PlainText(html), of which maxBodyChars characters are
	// indexed. Text of at most maxBodyChars bytes is indexed whole; and
	// white space only separates runs, however much of it there is, so
	// such text gives the same keys with its white space as it is: the
	// body need be made only for a snippet.
	summary := st.Summary
	r.text = appendText(r.text[:0], st.HTML)
	var body string
	short := len(r.text) <= maxBodyChars
	if short {
		see(r, r.text, fieldBody)
	} else {
		body = string(unitext.CollapseSpace(r.text))
		see(r, cut(body, maxBodyChars), fieldBody)
	}
	see(r, summary, fieldSummary)
	// The text of params, which a template may show (the built-in theme
	// shows summary_en), counts as the summary does: each string a run of
	// its own, maxParamChars characters in all.
	r.params = appendStrings(r.params[:0], st.Params)
	left := maxParamChars
	for _, v := range r.params {
		v, left = firstChars(v, left)
		see(r, v, fieldSummary)
	}
	for _, v := range [...]string{st.Neighborhood, st.Project, st.Track, st.Award} {
		see(r, v, fieldFacts)
	}
	for _, v := range st.Leads {
		see(r, v, fieldFacts)
	}
	for _, v := range st.Tags {
		see(r, v, fieldFacts)
	}
	see(r, st.Title, fieldTitle)

	k.reset()
	last, lastField := uint64(0), 0 // the character added last
	r.pairs.each(func(p uint64, f int) {
		k.addCJK(p, f)
		// Each character of a run of two or more is in a pair of that
		// run, from the same field: its best field is its pairs' best.
		// Adding it here, per pair kept rather than per character read,
		// spares see half its work. Pairs come in the order first read,
		// so one pair's second character is often the next one's first,
		// which need not be added again.
		a, b := unpack(p)
		if a := pack(a, 0); a != last || f > lastField {
			r.singles.add(a, f)
		}
		last, lastField = pack(b, 0), f
		r.singles.add(last, f)
	})
	r.singles.each(k.addCJK)
	r.words.each(func(w string, f int) {
		o := ownerOfWord(w, len(k.words))
		k.words[o] = append(k.words[o], wordKey{w, f})
	})

	snippet := cut(summary, snippetChars) // shares the summary's bytes, which the site keeps
	if summary == "" {
		if short {
			body = string(unitext.CollapseSpace(r.text))
		}
		// A copy: a cut of the body would hold all of it.
		snippet = strings.Clone(cut(body, snippetChars))
	}
	return [3]string{st.Title, strings.TrimPrefix(st.URL, "/"), snippet}
}

// appendStrings appends the strings in v, a value of params: a string,
// or those in a list, or those in a map's values, in the order of its
// keys. Numbers and true or false are not text.
func appendStrings(dst []string, v any) []string {
	switch v := v.(type) {
	case string:
		dst = append(dst, v)
	case []any:
		for _, e := range v {
			dst = appendStrings(dst, e)
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			dst = appendStrings(dst, v[k])
		}
	}
	return dst
}

// firstChars returns at most the first n characters of s, and n less
// the characters returned.
func firstChars(s string, n int) (string, int) {
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos], 0
		}
		i++
	}
	return s, n - i
}

// see adds to r the keys of text, found in field: each word, each pair
// of neighbouring CJK characters, and each CJK character alone in its run
// (read adds the others). The keys are those Terms makes of a query.
func see[S string | []byte](r *reader, text S, field int) {
	r.chars = eachRun(text, r.chars, func(cjk bool, chars []rune) {
		switch {
		case !cjk:
			r.word = r.word[:0]
			for _, c := range chars[:min(len(chars), maxWord)] {
				r.word = utf8.AppendRune(r.word, c)
			}
			r.words.add(r.word, field)
		case len(chars) == 1:
			r.singles.add(pack(chars[0], 0), field)
		default:
			for i := 0; i+1 < len(chars); i++ {
				r.pairs.add(pack(chars[i], chars[i+1]), field)
			}
		}
	})
}

// wordSet is the words of one story, each with its best field. A word
// gets a number the first time the reader meets it, which stays: a word
// met again costs a map look-up and no allocation.
type wordSet struct {
	ids   map[string]int32
	words []string
	stamp []uint32 // the story that last had the word
	best  []uint8  // the best field in that story
	story uint32
	used  []int32 // the story's words
}

func (s *wordSet) reset() {
	if s.ids == nil {
		s.ids = map[string]int32{}
	}
	s.story++
	if s.story == 0 { // after 2^32 stories: the stamps start again
		clear(s.stamp)
		s.story = 1
	}
	s.used = s.used[:0]
}

func (s *wordSet) add(b []byte, field int) {
	id, ok := s.ids[string(b)]
	if !ok {
		w := string(b)
		id = int32(len(s.words))
		s.ids[w] = id
		s.words = append(s.words, w)
		s.stamp = append(s.stamp, 0)
		s.best = append(s.best, 0)
	}
	switch {
	case s.stamp[id] != s.story:
		s.stamp[id], s.best[id] = s.story, uint8(field)
		s.used = append(s.used, id)
	case uint8(field) > s.best[id]:
		s.best[id] = uint8(field)
	}
}

func (s *wordSet) each(f func(w string, field int)) {
	for _, id := range s.used {
		f(s.words[id], int(s.best[id]))
	}
}

// owner is one goroutine's share of the keys, with their postings.
type owner struct {
	cjk       postingsTable
	wordIDs   map[string]int32 // index in wordLists
	wordLists []wordList
}

type wordList struct {
	word string
	list
}

// add adds the postings of story id.
func (o *owner) add(id int, cjk []uint64, words []wordKey) {
	for _, e := range cjk {
		o.cjk.add(e&(1<<fieldShift-1), id, int(e>>fieldShift))
	}
	if o.wordIDs == nil {
		o.wordIDs = map[string]int32{}
	}
	for _, e := range words {
		i, ok := o.wordIDs[e.w]
		if !ok {
			i = int32(len(o.wordLists))
			o.wordIDs[e.w] = i
			o.wordLists = append(o.wordLists, wordList{word: e.w})
		}
		o.wordLists[i].add(id, e.field)
	}
}

func shardName(i int) string { return Dir + "t-" + strconv.Itoa(i) + ".json" }
func chunkName(i int) string { return Dir + "d-" + strconv.Itoa(i) + ".json" }

// IsIndexFile reports whether an output path is one of the index's files
// (the search page, search/index.html, is not).
func IsIndexFile(name string) bool {
	return strings.HasPrefix(name, Dir) && strings.HasSuffix(name, ".json")
}
