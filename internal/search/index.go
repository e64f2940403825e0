package search

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"runtime"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/jiangninglu/showcase/internal/site"
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
// story chunks. The output is a pure function of the site: the same site
// gives the same bytes. It uses every core.
func Index(s *site.Site) (map[string][]byte, error) {
	var stories []*site.Story
	for _, st := range s.Stories {
		if !st.Draft {
			stories = append(stories, st)
		}
	}
	docs := make([][3]string, len(stories))

	// Stories are read a batch at a time: first each story's keys, one
	// story per goroutine; then the postings, each goroutine adding to the
	// lists of its own share of the keys, story by story, so that every
	// list is in story order.
	workers := runtime.GOMAXPROCS(0)
	parts := make([]part, workers)
	for i := range parts {
		parts[i] = part{words: map[string]*list{}, pairs: map[uint64]*list{}}
	}
	const batch = 256
	keys := make([]storyKeys, min(batch, len(stories)))
	for i := range keys {
		keys[i] = storyKeys{words: map[string]int{}, pairs: map[uint64]int{}}
	}
	// Each story's keys, split by the worker that owns them, so that in
	// the second step a worker visits only its own keys.
	type wordKey struct {
		w string
		f int
	}
	type pairKey struct {
		p uint64
		f int
	}
	ownWords := make([][][]wordKey, min(batch, len(stories)))
	ownPairs := make([][][]pairKey, min(batch, len(stories)))
	for i := range ownWords {
		ownWords[i] = make([][]wordKey, workers)
		ownPairs[i] = make([][]pairKey, workers)
	}
	for start := 0; start < len(stories); start += batch {
		n := min(batch, len(stories)-start)
		var g errgroup.Group
		g.SetLimit(workers)
		for i := range n {
			g.Go(func() error {
				docs[start+i] = keys[i].read(stories[start+i])
				for w := range workers {
					ownWords[i][w] = ownWords[i][w][:0]
					ownPairs[i][w] = ownPairs[i][w][:0]
				}
				for k, f := range keys[i].words {
					w := shardOf(k, workers)
					ownWords[i][w] = append(ownWords[i][w], wordKey{k, f})
				}
				for k, f := range keys[i].pairs {
					w := int(k*0x9E3779B97F4A7C15>>40) % workers
					ownPairs[i][w] = append(ownPairs[i][w], pairKey{k, f})
				}
				return nil
			})
		}
		g.Wait()
		for w := range workers {
			g.Go(func() error {
				p := &parts[w]
				for i := range n {
					id := start + i
					for _, e := range ownWords[i][w] {
						p.words[e.w] = p.words[e.w].add(id, e.f)
					}
					for _, e := range ownPairs[i][w] {
						p.pairs[e.p] = p.pairs[e.p].add(id, e.f)
					}
				}
				return nil
			})
		}
		g.Wait()
	}
	all := map[string]string{}
	for _, p := range parts {
		for k, l := range p.words {
			all[k] = string(l.postings)
		}
		for k, l := range p.pairs {
			all[unpack(k)] = string(l.postings)
		}
	}

	// Shards: enough that each is about shardBytes.
	total := 0
	for k, p := range all {
		total += len(k) + len(p) + 6
	}
	shards := 1
	for shards < maxShards && total/shards > shardBytes {
		shards *= 2
	}
	byShard := make([]map[string]string, shards)
	for i := range byShard {
		byShard[i] = map[string]string{}
	}
	for k, p := range all {
		byShard[shardOf(k, shards)][k] = p
	}

	files := map[string][]byte{}
	for i, m := range byShard {
		b, err := json.Marshal(m)
		if err != nil {
			return nil, err
		}
		files[shardName(i)] = b
	}

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

// list is the postings of one key as they are built.
type list struct {
	postings []byte
	last     int // the story id of the last posting
}

// add appends a posting to l, nil for a new list, and returns l.
func (l *list) add(id, field int) *list {
	if l == nil {
		l = &list{}
	}
	l.postings = appendNumber(l.postings, (id-l.last)*4+field)
	l.last = id
	return l
}

// part is one goroutine's share of the keys.
type part struct {
	words map[string]*list
	pairs map[uint64]*list
}

// storyKeys are the keys of one story, each with its best field.
type storyKeys struct {
	words map[string]int
	pairs map[uint64]int
}

// read fills k with the keys of st and returns st's entry in the story
// chunks: title, URL relative to the site's base, snippet.
func (k storyKeys) read(st *site.Story) [3]string {
	clear(k.words)
	clear(k.pairs)
	see := func(text string, f int) {
		indexTerms(text, func(w string) {
			if b, ok := k.words[w]; !ok || f > b {
				k.words[w] = f
			}
		}, func(p uint64) {
			if b, ok := k.pairs[p]; !ok || f > b {
				k.pairs[p] = f
			}
		})
	}
	body := PlainText(string(st.Rendered.HTML))
	see(cut(body, maxBodyChars), fieldBody)
	summary := st.Summary
	if en, ok := st.Params["summary_en"].(string); ok {
		// The built-in theme shows it on the story page.
		summary += " " + en
	}
	see(summary, fieldSummary)
	facts := append([]string{st.Neighborhood, st.Project, st.Track, st.Award}, st.Leads...)
	for _, v := range append(facts, st.Tags...) {
		see(v, fieldFacts)
	}
	see(st.Title, fieldTitle)
	text := st.Summary
	if text == "" {
		text = body
	}
	return [3]string{st.Title, strings.TrimPrefix(st.URL, "/"), cut(text, snippetChars)}
}

func shardName(i int) string { return Dir + "t-" + strconv.Itoa(i) + ".json" }
func chunkName(i int) string { return Dir + "d-" + strconv.Itoa(i) + ".json" }
