package search

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// writeShards returns the term shards of the owners' keys by file name,
// and their number: enough shards that each is about shardBytes. A shard
// is the JSON that json.Marshal makes of a map[string]string from key to
// postings (keys sorted, HTML-safe), written directly: building such maps
// for hundreds of thousands of keys, and marshalling them, cost more than
// reading the stories. It lets go of each key's postings once its shard
// is written, so that the postings and the shards are not all held at
// once.
func writeShards(owners []owner) (map[string][]byte, int) {
	total := 0
	for i := range owners {
		o := &owners[i]
		for _, e := range o.cjk.slots {
			if e.key != 0 {
				total += keyLen(e.key) + e.size() + 6
			}
		}
		for _, e := range o.wordLists {
			total += len(e.word) + e.size() + 6
		}
	}
	shards := 1
	for shards < maxShards && total/shards > shardBytes {
		shards *= 2
	}

	// Each owner groups its keys by shard; then each goroutine writes the
	// next shard not taken.
	type grouped struct{ cjk, words groups }
	byShard := make([]grouped, len(owners))
	var wg sync.WaitGroup
	for w := range owners {
		wg.Go(func() {
			o := &owners[w]
			byShard[w].cjk = groupBy(len(o.cjk.slots), shards, func(i int) int {
				k := o.cjk.slots[i].key
				if k == 0 {
					return -1
				}
				var b [8]byte
				return int(fnv32a(appendKey(b[:0], k)) % uint32(shards)) // shardOf: a key of one or two characters
			})
			byShard[w].words = groupBy(len(o.wordLists), shards, func(i int) int {
				return shardOf(o.wordLists[i].word, shards)
			})
		})
	}
	wg.Wait()
	out := make([][]byte, shards)
	var next atomic.Int64
	for range owners {
		wg.Go(func() {
			var cjk []cjkEntry
			var words []wordEntry
			for s := int(next.Add(1) - 1); s < shards; s = int(next.Add(1) - 1) {
				cjk, words = cjk[:0], words[:0]
				size := 2
				for w := range owners {
					for _, i := range byShard[w].cjk.of(s) {
						e := &owners[w].cjk.slots[i]
						cjk = append(cjk, cjkEntry{e.key, &e.list})
						size += keyLen(e.key) + e.size() + 6
					}
					for _, i := range byShard[w].words.of(s) {
						e := &owners[w].wordLists[i]
						words = append(words, wordEntry{e.word, &e.list})
						size += len(e.word) + e.size() + 6
					}
				}
				out[s] = writeShard(make([]byte, 0, size), cjk, words)
				// Each key is in one shard: no other goroutine reads these.
				for w := range owners {
					for _, i := range byShard[w].cjk.of(s) {
						owners[w].cjk.slots[i].list = list{}
					}
					for _, i := range byShard[w].words.of(s) {
						owners[w].wordLists[i].list = list{}
					}
				}
				clear(cjk)
				clear(words)
			}
		})
	}
	wg.Wait()
	files := make(map[string][]byte, shards)
	for i, b := range out {
		files[shardName(i)] = b
	}
	return files, shards
}

type cjkEntry struct {
	key      uint64
	postings *list
}

type wordEntry struct {
	key      string
	postings *list
}

// writeShard appends to dst the JSON object of the entries, keys sorted.
func writeShard(dst []byte, cjk []cjkEntry, words []wordEntry) []byte {
	// Packed keys sort as their text does (UTF-8 keeps the order of code
	// points, and a character alone, b = 0, comes before its pairs).
	slices.SortFunc(cjk, func(a, b cjkEntry) int { return cmp.Compare(a.key, b.key) })
	slices.SortFunc(words, func(a, b wordEntry) int { return strings.Compare(a.key, b.key) })
	dst = append(dst, '{')
	var tmp [8]byte
	for len(cjk) > 0 || len(words) > 0 {
		if len(dst) > 1 {
			dst = append(dst, ',')
		}
		var p *list
		if len(words) == 0 || len(cjk) > 0 && string(appendKey(tmp[:0], cjk[0].key)) < words[0].key {
			// CJK characters need no escaping.
			dst = append(dst, '"')
			dst = appendKey(dst, cjk[0].key)
			dst = append(dst, '"')
			p, cjk = cjk[0].postings, cjk[1:]
		} else {
			dst = appendString(dst, words[0].key)
			p, words = words[0].postings, words[1:]
		}
		// The postings' digits need no escaping.
		dst = append(dst, ':', '"')
		dst = p.appendTo(dst)
		dst = append(dst, '"')
	}
	return append(dst, '}')
}

// appendString appends s as a JSON string, as json.Marshal writes it.
// Index words never hold a character it escapes (they are made of
// letters, digits and marks), but should one, json.Marshal writes it.
func appendString(dst []byte, s string) []byte {
	plain := utf8.ValidString(s) && !strings.ContainsAny(s, "\"\\<>&\u2028\u2029")
	for i := 0; plain && i < len(s); i++ {
		plain = s[i] >= 0x20
	}
	if !plain {
		b, _ := json.Marshal(s) // a string always marshals
		return append(dst, b...)
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}

// keyLen is the length of a packed key's text.
func keyLen(k uint64) int {
	a, b := unpack(k)
	n := utf8.RuneLen(a)
	if b != 0 {
		n += utf8.RuneLen(b)
	}
	return n
}

// groups are the numbers 0 to n-1 grouped by a key from 0 to k-1.
type groups struct {
	order []int32 // the numbers, group by group
	start []int32 // where each group begins in order, and the end
}

// groupBy groups the numbers 0 to n-1 by key(i), in 0 to k-1; a key of
// -1 leaves i out. In each group the numbers are in order.
func groupBy(n, k int, key func(i int) int) groups {
	keys := make([]int32, n)
	start := make([]int32, k+1)
	for i := range n {
		keys[i] = int32(key(i))
		if keys[i] >= 0 {
			start[keys[i]+1]++
		}
	}
	for g := range k {
		start[g+1] += start[g]
	}
	order := make([]int32, start[k])
	next := slices.Clone(start[:k])
	for i, g := range keys {
		if g >= 0 {
			order[next[g]] = int32(i)
			next[g]++
		}
	}
	return groups{order, start}
}

// of returns the numbers of group g.
func (gs groups) of(g int) []int32 { return gs.order[gs.start[g]:gs.start[g+1]] }
