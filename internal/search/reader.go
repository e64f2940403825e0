package search

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Result is one story a query found.
type Result struct {
	ID      int    `json:"id"`
	Title   string `json:"title"`
	URL     string `json:"url"`  // relative to the site's base, e.g. stories/high-heels/
	Text    string `json:"text"` // the snippet
	Matched int    `json:"matched"`
	Score   int    `json:"score"`
}

// Reader answers queries from index files, loading shards and chunks as
// it needs them, the way search.js does in the browser. It is safe for
// concurrent use.
type Reader struct {
	m    manifest
	load func(name string) ([]byte, error)

	mu     sync.Mutex // guards shards and chunks
	shards map[int]map[string]string
	chunks map[int][][3]string
}

// Open reads the manifest. load returns a file of the index by its name
// inside Dir ("index.json", "t-0.json", ...).
func Open(load func(name string) ([]byte, error)) (*Reader, error) {
	b, err := load("index.json")
	if err != nil {
		return nil, err
	}
	r := &Reader{load: load, shards: map[int]map[string]string{}, chunks: map[int][][3]string{}}
	if err := json.Unmarshal(b, &r.m); err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	if r.m.Version != 1 || r.m.Shards < 1 || r.m.Chunk < 1 {
		return nil, fmt.Errorf("search index: unknown format %+v", r.m)
	}
	return r, nil
}

func (r *Reader) shard(i int) (map[string]string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if s, ok := r.shards[i]; ok {
		return s, nil
	}
	b, err := r.load(strings.TrimPrefix(shardName(i), Dir))
	if err != nil {
		return nil, err
	}
	var s map[string]string
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("search shard %d: %w", i, err)
	}
	r.shards[i] = s
	return s, nil
}

func (r *Reader) doc(id int) ([3]string, error) {
	i := id / r.m.Chunk
	r.mu.Lock()
	defer r.mu.Unlock()
	c, ok := r.chunks[i]
	if !ok {
		b, err := r.load(strings.TrimPrefix(chunkName(i), Dir))
		if err != nil {
			return [3]string{}, err
		}
		if err := json.Unmarshal(b, &c); err != nil {
			return [3]string{}, fmt.Errorf("search chunk %d: %w", i, err)
		}
		r.chunks[i] = c
	}
	if id%r.m.Chunk >= len(c) {
		return [3]string{}, fmt.Errorf("search chunk %d: no story %d", i, id)
	}
	return c[id%r.m.Chunk], nil
}

// Search returns the stories that hold every term of the query, best
// first: a higher score (the sum of each term's weight by its best field:
// title 8, leads and the other facts 4, summary 2, text 1), then site
// order (newest first). Every term: each word of the query, and each pair
// of neighbouring characters of a Chinese word, so 居委会 finds the
// stories that hold both 居委 and 委会, not those that share one pair with
// it (业委会), and 夏敏 李俊 finds the stories that name both people.
// search.js ranks the same way, and then reads each result's page to
// keep only those that hold each Chinese word of three or more characters
// whole, and to show the passage that matched.
func (r *Reader) Search(q string) ([]Result, error) {
	terms := Terms(q)
	if len(terms) == 0 {
		return nil, nil
	}
	matched := map[int]int{}
	score := map[int]int{}
	for _, t := range terms {
		s, err := r.shard(shardOf(t.Key, r.m.Shards))
		if err != nil {
			return nil, err
		}
		found := map[int]int{} // story -> best field of this term
		for key, p := range s {
			if key != t.Key && !(t.Prefix && strings.HasPrefix(key, t.Key)) {
				continue
			}
			err := decodePostings(p, func(id, field int) {
				if f, ok := found[id]; !ok || field > f {
					found[id] = field
				}
			})
			if err != nil {
				return nil, fmt.Errorf("search shard %d: %q: %w", shardOf(t.Key, r.m.Shards), key, err)
			}
		}
		for id, f := range found {
			matched[id]++
			score[id] += weights[f]
		}
	}
	var out []Result
	for id, n := range matched {
		if n == len(terms) {
			out = append(out, Result{ID: id, Matched: n, Score: score[id]})
		}
	}
	sort.Slice(out, func(i, j int) bool { return less(out[i], out[j]) })
	for i := range out {
		d, err := r.doc(out[i].ID)
		if err != nil {
			return nil, err
		}
		out[i].Title, out[i].URL, out[i].Text = d[0], d[1], d[2]
	}
	return out, nil
}

func less(a, b Result) bool {
	if a.Matched != b.Matched {
		return a.Matched > b.Matched
	}
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	return a.ID < b.ID
}
