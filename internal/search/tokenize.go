package search

import (
	"hash/fnv"
	"unicode"
	"unicode/utf8"
)

// The rules in this file are mirrored, rule for rule, by static/js/search.js;
// TestJSAgrees checks that both cut the same text the same way. Change
// both together.

// maxWord is the length, in characters, a word is cut to: on both sides,
// so a longer query word still finds the word.
const maxWord = 32

// Term is one thing a query looks up.
type Term struct {
	Key string `json:"key"`
	// Prefix: the term also finds index words that begin with Key (a word
	// of two or more letters or digits, so that "sneak" finds "sneakers").
	Prefix bool `json:"prefix"`
}

// fold maps a character to the form the index keeps: full-width ASCII
// to ASCII, then lower case, one character for one.
func fold(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	}
	return unicode.ToLower(r)
}

// isCJK reports whether r is written without spaces between words: Han
// ideographs, kana, Hangul syllables, and 々 and 〇. Explicit ranges, so
// that Go and JavaScript agree whatever Unicode version each knows.
func isCJK(r rune) bool {
	switch {
	case r == 0x3005, r == 0x3007:
		return true
	case r >= 0x3040 && r <= 0x30FF: // Hiragana, Katakana
		return true
	case r >= 0x3400 && r <= 0x4DBF: // CJK Extension A
		return true
	case r >= 0x4E00 && r <= 0x9FFF: // CJK Unified Ideographs
		return true
	case r >= 0xAC00 && r <= 0xD7AF: // Hangul syllables
		return true
	case r >= 0xF900 && r <= 0xFAFF: // CJK Compatibility Ideographs
		return true
	case r >= 0x20000 && r <= 0x323AF: // Extensions B to H
		return true
	}
	return false
}

// isWord reports whether r belongs to a word of a spaced script: a
// letter, digit or combining mark that is not CJK.
func isWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// run is a stretch of folded text of one kind.
type run struct {
	cjk   bool
	chars []rune
}

// runs cuts text into CJK runs and word runs; everything else separates.
func runs(text string) []run {
	var out []run
	var cur run
	flush := func() {
		if len(cur.chars) > 0 {
			out = append(out, cur)
		}
		cur = run{}
	}
	for _, r := range text {
		r = fold(r)
		switch {
		case isCJK(r):
			if !cur.cjk {
				flush()
				cur.cjk = true
			}
			cur.chars = append(cur.chars, r)
		case isWord(r):
			if cur.cjk {
				flush()
			}
			cur.chars = append(cur.chars, r)
		default:
			flush()
		}
	}
	flush()
	return out
}

func wordOf(chars []rune) string {
	if len(chars) > maxWord {
		chars = chars[:maxWord]
	}
	return string(chars)
}

// Terms cuts a query into the terms it looks up, in order, without
// repeats: each pair of neighbouring CJK characters (a lone CJK character
// stands for itself) and each word. search.js does exactly the same.
func Terms(query string) []Term {
	var out []Term
	seen := map[string]bool{}
	add := func(t Term) {
		if t.Key == "" || seen[t.Key] {
			return
		}
		seen[t.Key] = true
		out = append(out, t)
	}
	for _, r := range runs(query) {
		if !r.cjk {
			w := wordOf(r.chars)
			add(Term{Key: w, Prefix: utf8.RuneCountInString(w) >= 2})
			continue
		}
		if len(r.chars) == 1 {
			add(Term{Key: string(r.chars)})
			continue
		}
		for i := 0; i+1 < len(r.chars); i++ {
			add(Term{Key: string(r.chars[i : i+2])})
		}
	}
	return out
}

// indexTerms calls word with each word of text, and cjk with each pair
// of neighbouring CJK characters and each CJK character, packed by pack.
// Keys may repeat. CJK keys are numbers rather than strings because the
// index meets millions of them: no allocation, quick to hash.
func indexTerms(text string, word func(string), cjk func(uint64)) {
	for _, r := range runs(text) {
		if !r.cjk {
			word(wordOf(r.chars))
			continue
		}
		for i, c := range r.chars {
			cjk(pack(c, 0))
			if i+1 < len(r.chars) {
				cjk(pack(c, r.chars[i+1]))
			}
		}
	}
}

// pack makes one number of a CJK character and the one after it (0 for
// none); unpack turns it back into the key's text.
func pack(a, b rune) uint64 { return uint64(a)<<21 | uint64(b) }

func unpack(k uint64) string {
	a, b := rune(k>>21), rune(k&(1<<21-1))
	if b == 0 {
		return string(a)
	}
	return string([]rune{a, b})
}

// shardOf is the shard that holds key: FNV-1a (32 bits) of the UTF-8 of
// the key's first two characters, modulo the number of shards. Every word
// that begins with a query word of two or more characters therefore lies
// in the query word's shard, and prefix search reads one shard.
func shardOf(key string, shards int) int {
	end := 0
	for n := 0; n < 2 && end < len(key); n++ {
		_, size := utf8.DecodeRuneInString(key[end:])
		end += size
	}
	h := fnv.New32a()
	h.Write([]byte(key[:end]))
	return int(h.Sum32() % uint32(shards))
}
