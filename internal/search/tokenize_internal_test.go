package search

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/jiangninglu/showcase/internal/unitext"
)

// TestClassify: classify, with its short paths, agrees with the
// definitions for every rune.
func TestClassify(t *testing.T) {
	for r := range rune(unicode.MaxRune + 1) {
		f := fold(r)
		kind := kindSep
		if isCJK(f) {
			kind = kindCJK
		} else if isWord(f) {
			kind = kindWord
		}
		if gf, gk := classify(r); gf != f || gk != kind {
			t.Fatalf("classify(%U) = %U, %d; want %U, %d", r, gf, gk, f, kind)
		}
	}
}

// runsSimple is how eachRun cuts text, written plainly.
func runsSimple(text string) (out []string) {
	var cur []rune
	cjk := false
	flush := func() {
		if len(cur) > 0 {
			out = append(out, map[bool]string{true: "C:", false: "W:"}[cjk]+string(cur))
		}
		cur, cjk = nil, false
	}
	for _, r := range text {
		r = fold(r)
		switch {
		case isCJK(r):
			if !cjk {
				flush()
				cjk = true
			}
			cur = append(cur, r)
		case isWord(r):
			if cjk {
				flush()
			}
			cur = append(cur, r)
		default:
			flush()
		}
	}
	flush()
	return out
}

// oddText is random text over the characters the tokenizer and
// PlainText tell apart, with invalid UTF-8.
func oddText(rng *rand.Rand, n int) string {
	pieces := []string{"a", "Z", "0", " ", "\t", "\n", "\u00a0", "\u0085", "\u3000", "\u2028", "\u205f", "\u1680",
		"高", "跟", "鞋", "，", "。", "ｗ", "Ｗ", "０", "ー", "ひ", "カ", "한", "𠀋", "é", "\u0301", "İ", "K", "Σ", "½", "Ⅻ",
		"\xff", "\xc2", "\xe3", "\xe3\x80", "\xe4\xb8", "\xe4", "\xa0", "\x80", "\xed\xa0\x80", "\xe0\x80\x80", "\xf0\x9f",
		"䷀", "䶵", "㐀", "\u4dff", "\u9fff", "\ua000", "😀", "-", "_", "&", "<", strings.Repeat("x", 40)}
	var b strings.Builder
	for range n {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}

func TestEachRun(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var buf []rune
	for range 20000 {
		text := oddText(rng, rng.IntN(30))
		var got []string
		buf = eachRun(text, buf, func(cjk bool, chars []rune) {
			got = append(got, map[bool]string{true: "C:", false: "W:"}[cjk]+string(chars))
		})
		if want := runsSimple(text); !slices.Equal(got, want) {
			t.Fatalf("eachRun(%q) = %q, want %q", text, got, want)
		}
		var gotBytes []string
		buf = eachRun([]byte(text), buf, func(cjk bool, chars []rune) {
			gotBytes = append(gotBytes, map[bool]string{true: "C:", false: "W:"}[cjk]+string(chars))
		})
		if !slices.Equal(gotBytes, got) {
			t.Fatalf("eachRun([]byte(%q)) = %q, want %q", text, gotBytes, got)
		}
	}
	// Three bytes after a three-byte lead, valid or not, one of them any.
	some := []byte{0x00, 0x20, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xe4, 0xff}
	for lead := 0xe0; lead <= 0xef; lead++ {
		for any := range 256 {
			for _, b := range some {
				for _, text := range []string{string([]byte{byte(lead), byte(any), b}), string([]byte{byte(lead), b, byte(any), 'x'})} {
					var got []string
					buf = eachRun(text, buf, func(cjk bool, chars []rune) {
						got = append(got, map[bool]string{true: "C:", false: "W:"}[cjk]+string(chars))
					})
					if want := runsSimple(text); !slices.Equal(got, want) {
						t.Fatalf("eachRun(%q) = %q, want %q", text, got, want)
					}
				}
			}
		}
	}
}

func TestCollapseSpace(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 50000 {
		text := oddText(rng, rng.IntN(20))
		want := strings.Join(strings.Fields(text), " ")
		if got := string(unitext.CollapseSpace([]byte(text))); got != want {
			t.Fatalf("unitext.CollapseSpace(%q) = %q, want %q", text, got, want)
		}
	}
	for _, text := range []string{"", " ", "  a  ", "\u3000a\u3000\u3000b\u3000", "\xe3\x80", "a\xe3\x80\x80"} {
		want := strings.Join(strings.Fields(text), " ")
		if got := string(unitext.CollapseSpace([]byte(text))); got != want {
			t.Fatalf("unitext.CollapseSpace(%q) = %q, want %q", text, got, want)
		}
	}
}
