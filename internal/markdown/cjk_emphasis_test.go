package markdown

import (
	"bytes"
	"strings"
	"testing"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"golang.org/x/tools/txtar"
)

// TestCJKEmphasis renders each NAME.md of testdata/cjk_emphasis.txtar and
// compares it with NAME.html.
func TestCJKEmphasis(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/cjk_emphasis.txtar")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, f := range ar.Files {
		if name, ok := strings.CutSuffix(f.Name, ".html"); ok {
			want[name] = string(f.Data)
		}
	}
	plain := goldmark.New(goldmark.WithExtensions(extension.Strikethrough))
	fixed := 0
	for _, f := range ar.Files {
		name, ok := strings.CutSuffix(f.Name, ".md")
		if !ok {
			continue
		}
		t.Run(name, func(t *testing.T) {
			w, ok := want[name]
			if !ok {
				t.Fatalf("no %s.html", name)
			}
			src := bytes.TrimSuffix(f.Data, []byte("\n"))
			got := render(t, Options{}, string(src)).HTML
			if got != w {
				t.Errorf("Render(%q)\n got %q\nwant %q", src, got, w)
			}
			var b bytes.Buffer
			if err := plain.Convert(src, &b); err != nil {
				t.Fatal(err)
			}
			if b.String() != w {
				fixed++
			}
		})
	}
	// The file is about what the amendment changes: most cases must be
	// ones plain CommonMark renders differently.
	t.Logf("%d of %d cases render differently without the amendment", fixed, len(want))
	if fixed < len(want)/2 {
		t.Errorf("only %d of %d cases differ from plain goldmark", fixed, len(want))
	}
}

func TestCJKTable(t *testing.T) {
	t.Logf("Unicode %s", unicodeVersion)
	for _, tt := range []struct {
		r         rune
		cjk, wide bool
	}{
		{'中', true, true},
		{'。', true, true},
		{'「', true, true},
		{'Ａ', true, true}, // full width
		{'ｶ', true, true}, // half width
		{'あ', true, true},
		{'한', true, true},
		{'\u1160', true, false},    // Hangul filler: East Asian Width N, but Hangul
		{'\u3030', true, true},     // 〰 wavy dash: an emoji only with U+FE0F
		{'\u303D', true, true},     // 〽
		{'\u3297', true, true},     // ㊗
		{'\u3299', true, true},     // ㊙
		{'\U0001F202', true, true}, // 🈂
		{'\U0001F237', true, true}, // 🈷
		{'\U00020B9F', true, true}, // 𠮟
		{'\U00030EDE', true, true}, // 𰻞
		{'\U0002FFFD', true, true}, // unassigned in plane 2: W by default
		{'😀', false, true},
		{'🈯', false, true},
		{'⭕', false, true},
		{'❌', false, true},
		{'❤', false, false},
		{'“', false, false}, // East Asian Width A
		{'a', false, false},
		{'\uFE01', false, false},
		{'\uFE0F', false, false},
		{'\U000E0100', false, false},
	} {
		if got := unicode.Is(cjkTable, tt.r); got != tt.cjk {
			t.Errorf("cjkTable has %U: %v, want %v", tt.r, got, tt.cjk)
		}
		if got := unicode.Is(eastAsianWideTable, tt.r); got != tt.wide {
			t.Errorf("eastAsianWideTable has %U: %v, want %v", tt.r, got, tt.wide)
		}
	}
	// Every Han and Hangul character of Go's (older) Unicode tables is CJK.
	for _, tab := range []*unicode.RangeTable{unicode.Han, unicode.Hangul} {
		for _, r16 := range tab.R16 {
			for r := rune(r16.Lo); r <= rune(r16.Hi); r += rune(r16.Stride) {
				if !unicode.Is(cjkTable, r) {
					t.Errorf("%U is not in cjkTable", r)
				}
			}
		}
	}
}

func TestFlanking(t *testing.T) {
	const (
		o = flankOther
		s = flankSpace
		p = flankPunct
		c = flankCJK
		q = flankCJKPunct
	)
	for _, tt := range []struct {
		before, after flankClass
		left, right   bool
	}{
		// CommonMark
		{o, o, true, true},
		{s, o, true, false},
		{o, s, false, true},
		{s, s, false, false},
		{o, p, false, true},
		{p, o, true, false},
		{p, p, true, true},
		{s, p, true, false},
		{p, s, false, true},
		// amended: CJK beyond the punctuation
		{c, p, true, true},
		{p, c, true, true},
		{q, p, true, true},
		{p, q, true, true},
		{o, q, true, true},
		{q, o, true, true},
		{c, s, false, true},
		{s, c, true, false},
	} {
		left, right := flanking(tt.before, tt.after)
		if left != tt.left || right != tt.right {
			t.Errorf("flanking(%d, %d) = %v, %v; want %v, %v", tt.before, tt.after, left, right, tt.left, tt.right)
		}
	}
}
