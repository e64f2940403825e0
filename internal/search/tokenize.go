package search

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jiangninglu/showcase/internal/unitext"
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

// The kinds of character classify tells apart.
const (
	kindSep  = iota // separates runs
	kindWord        // isWord and not isCJK
	kindCJK         // isCJK
)

// kindOf is the kind of a folded character.
func kindOf(f rune) int {
	switch {
	case isCJK(f):
		return kindCJK
	case isWord(f):
		return kindWord
	}
	return kindSep
}

// lowClasses holds classify's answer for the characters below U+3400
// (ASCII and the other alphabets, most punctuation, kana) as
// fold(r)<<2 | kind, made from the definitions above when first needed.
var lowClasses = sync.OnceValue(func() *[0x3400]uint32 {
	t := new([0x3400]uint32)
	for r := range rune(len(t)) {
		f := fold(r)
		t[r] = uint32(f)<<2 | uint32(kindOf(f))
	}
	return t
})

// classify returns fold(r) and its kind. The index calls it for every
// character, so it takes short paths: a table, and CJK characters, which
// have no case (fold leaves them as they are). The short paths are speed,
// not rules (search.js has none); TestClassify checks them against fold,
// isCJK and isWord for every rune.
func classify(r rune) (rune, int) {
	if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII, as fold does first
		r -= 0xFEE0
	}
	if r < 0x3400 {
		c := lowClasses()[r]
		return rune(c >> 2), int(c & 3)
	}
	if isCJK(r) {
		return r, kindCJK
	}
	r = fold(r)
	return r, kindOf(r)
}

// eachRun calls f with each run of text, in order: a stretch of folded
// characters of one kind, CJK or word; everything else separates. chars
// lives in buf's array and is overwritten after f returns; eachRun
// returns the array, perhaps grown, for the next call. text is a string
// or bytes, so that the index reads a story's text where it was made.
func eachRun[S string | []byte](text S, buf []rune, f func(cjk bool, chars []rune)) []rune {
	chars, cjk := buf[:0], false
	low := lowClasses()
	for i := 0; i < len(text); {
		c := text[i]
		if c >= 0xE4 && c <= 0xE9 && i+2 < len(text) {
			// A stretch of CJK Unified Ideographs, most of a Chinese text,
			// read in a tight loop: E4 B8 80 to E9 BF BF, U+4E00 to U+9FFF.
			x := uint32(c)<<16 | uint32(text[i+1])<<8 | uint32(text[i+2])
			if unitext.Ideograph3(x) {
				if !cjk {
					if len(chars) > 0 {
						f(cjk, chars)
						chars = chars[:0]
					}
					cjk = true
				}
				for {
					chars = append(chars, rune(x>>4&0xF000|x>>2&0x0FC0|x&0x3F))
					if i += 3; i+2 >= len(text) {
						break
					}
					if x = uint32(text[i])<<16 | uint32(text[i+1])<<8 | uint32(text[i+2]); !unitext.Ideograph3(x) {
						break
					}
				}
				continue
			}
		}
		var r rune
		var kind int
		if c < utf8.RuneSelf { // classify, written out for ASCII
			r, kind = rune(low[c]>>2), int(low[c]&3)
			i++
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(string(text[i:min(i+utf8.UTFMax, len(text))])) // no copy of more than a character
			i += size
			r, kind = classify(r)
		}
		if kind == kindSep || (kind == kindCJK) != cjk {
			if len(chars) > 0 {
				f(cjk, chars)
				chars = chars[:0]
			}
			cjk = kind == kindCJK
		}
		if kind != kindSep {
			chars = append(chars, r)
		}
	}
	if len(chars) > 0 {
		f(cjk, chars)
	}
	return chars
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
	eachRun(query, nil, func(cjk bool, chars []rune) {
		if !cjk {
			w := wordOf(chars)
			add(Term{Key: w, Prefix: utf8.RuneCountInString(w) >= 2})
			return
		}
		if len(chars) == 1 {
			add(Term{Key: string(chars)})
			return
		}
		for i := 0; i+1 < len(chars); i++ {
			add(Term{Key: string(chars[i : i+2])})
		}
	})
	return out
}

// pack makes one number of a CJK character and the one after it (0 for
// none); unpack splits it again, and appendKey appends the key's text.
func pack(a, b rune) uint64 { return uint64(a)<<21 | uint64(b) }

func unpack(k uint64) (a, b rune) { return rune(k >> 21), rune(k & (1<<21 - 1)) }

func appendKey(dst []byte, k uint64) []byte {
	a, b := unpack(k)
	dst = utf8.AppendRune(dst, a)
	if b != 0 {
		dst = utf8.AppendRune(dst, b)
	}
	return dst
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
	return int(fnv32a(key[:end]) % uint32(shards))
}

// fnv32a is FNV-1a (32 bits) of s, as hash/fnv computes it, without
// allocating.
func fnv32a[S string | []byte](s S) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}
