package search

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

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
	Shards  int    `json:"s"` // term shards t-0.json ... : {"key": [postings]}
	Chunk   int    `json:"c"` // stories per chunk d-0.json ... : [[title, url, snippet], ...]
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
// gives the same bytes.
func Index(s *site.Site) (map[string][]byte, error) {
	var docs [][3]string
	postings := map[string][]byte{}
	last := map[string]int{} // term -> previous story id in its list
	best := map[string]int{} // reused per story: term -> best field
	for _, st := range s.Stories {
		if st.Draft {
			continue
		}
		id := len(docs)
		clear(best)
		see := func(f int) func(string) {
			return func(key string) {
				if b, ok := best[key]; !ok || f > b {
					best[key] = f
				}
			}
		}
		body := PlainText(string(st.Rendered.HTML))
		indexTerms(cut(body, maxBodyChars), see(fieldBody))
		summary := st.Summary
		if en, ok := st.Params["summary_en"].(string); ok {
			// The built-in theme shows it on the story page.
			summary += " " + en
		}
		indexTerms(summary, see(fieldSummary))
		facts := append([]string{st.Neighborhood, st.Project, st.Track, st.Award}, st.Leads...)
		facts = append(facts, st.Tags...)
		for _, v := range facts {
			indexTerms(v, see(fieldFacts))
		}
		indexTerms(st.Title, see(fieldTitle))
		for key, f := range best {
			prev := last[key] // 0 for the first
			postings[key] = appendNumber(postings[key], (id-prev)*4+f)
			last[key] = id
		}
		text := st.Summary
		if text == "" {
			text = body
		}
		docs = append(docs, [3]string{st.Title, strings.TrimPrefix(st.URL, "/"), cut(text, snippetChars)})
	}

	// Shards: enough that each is about shardBytes.
	total := 0
	for key, p := range postings {
		total += len(key) + len(p) + 6
	}
	shards := 1
	for shards < maxShards && total/shards > shardBytes {
		shards *= 2
	}
	byShard := make([]map[string]string, shards)
	for i := range byShard {
		byShard[i] = map[string]string{}
	}
	for key, p := range postings {
		byShard[shardOf(key, shards)][key] = string(p)
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

func shardName(i int) string { return Dir + "t-" + strconv.Itoa(i) + ".json" }
func chunkName(i int) string { return Dir + "d-" + strconv.Itoa(i) + ".json" }
