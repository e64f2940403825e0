package markdown

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"

	"github.com/jiangninglu/showcase/internal/unitext"
)

func TestSummarize(t *testing.T) {
	tests := []struct {
		name string
		text string
		max  int
		want string
	}{
		{"fits", "短文本", 10, "短文本"},
		{"exactly fits", "一二三四五", 5, "一二三四五"},
		{"white space collapsed", "  社区 \n\t花园  ", 10, "社区 花园"},
		{"zero max", "社区", 0, ""},
		{"negative max", "社区", -1, ""},
		{"empty", "", 10, ""},
		{"hard cut without punctuation", strings.Repeat("字", 10), 6, "字字字字字字…"},
		{"sentence end near the limit", "一二三四五六七八。一二三四五", 12, "一二三四五六七八。…"},
		{"sentence end too far back", "一二。三四五六七八九十一二三四", 12, "一二。三四五六七八九十一…"},
		{"comma near the limit, dropped", "一二三四五六七八九，十一二三四", 12, "一二三四五六七八九…"},
		{"sentence end preferred to a later comma", "一二三四五六七八。十，一二三四五", 12, "一二三四五六七八。…"},
		{"closing bracket kept", "一二三四五六七（八）九十一二", 11, "一二三四五六七（八）…"},
		{"opening bracket dropped", "一二三四五六七八九（十一）", 10, "一二三四五六七八九…"},
		{"Latin word not split", "hello wonderful world", 10, "hello…"},
		{"ASCII sentence end", "One two. Three four five", 10, "One two.…"},
		{"ASCII comma before a space, dropped", "one two, three four", 10, "one two…"},
		{"middle dot dropped", "一二三四五六七八·九十", 9, "一二三四五六七八…"},
		{"dot inside a word is no sentence end", "see example.org now", 12, "see…"},
		{"word longer than the limit", "abcdefghijklmnop", 5, "abcde…"},
		{"mixed: cut before the Latin word", "社区花园项目 community garden", 10, "社区花园项目…"},
		{"combining mark stays with its letter", "e\u0301e\u0301e\u0301", 3, "e\u0301…"},
		{"ZWJ sequence not split", "家👩\u200d👧", 2, "家…"},
		{"emoji modifier not split", "家👍🏽好", 2, "家…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Summarize(tt.text, tt.max); got != tt.want {
				t.Errorf("Summarize(%q, %d) = %q, want %q", tt.text, tt.max, got, tt.want)
			}
		})
	}
}

func TestCountChars(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"", 0},
		{"社区花园", 4},
		{"2021年社区花园 opened", 7},
		{"Hello, world!", 2},
		{"，。！？、「」“”——……", 0},
		{"ＡＢＣ１２", 5},
		{"ひらがなカタカナー", 9},
		{"한국어", 3},
		{"don't", 2},
		{"café naïve", 2},
		{"e\u0301cole", 1},
		{"😀🎉 ★", 0},
		{"  \n\t", 0},
		{"Привет мир", 2},
		{"320人次", 3},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := CountChars(tt.text); got != tt.want {
				t.Errorf("CountChars(%q) = %d, want %d", tt.text, got, tt.want)
			}
		})
	}
}

// TestCharCounterWrite: write, with its look-up tables, counts as add does
// rune by rune, whatever the bytes and however they come in pieces.
func TestCharCounterWrite(t *testing.T) {
	pieces := []string{"a", "Z", "9", " ", ",", "-", "社", "一", "鿿", "丁", "\u4dff", "\u3400", "。", "、", "々", "〇", "\u3000", "\u302a",
		"〜", "，", "！", "Ａ", "ｚ", "０", "ｰ", "ｱ", "\uff5f", "\uff60", "\uff61", "é", "e\u0301", "й", "😀", "한", "ア", "\u200d",
		"\xe4", "\xe4\xb8", "\xe3\x80", "\xef\xbc", "\xe9\xbf", "\xbf", "\xff", "\xe3\x81\x81", "\xef\xbe\x80", "\xe4\xb7\xbf"}
	// every rune of the looked-up blocks, too
	for r := rune(0); r < utf8.RuneSelf; r++ {
		pieces = append(pieces, string(r))
	}
	for r := rune(0x3000); r < 0x3040; r++ {
		pieces = append(pieces, string(r))
	}
	for r := rune(0xFF00); r < 0xFF80; r++ {
		pieces = append(pieces, string(r))
	}
	rnd := rand.New(rand.NewPCG(1, 1))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rnd.IntN(12); n >= 0; n-- {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		text := b.String()
		var got, want charCounter
		for rest := []byte(text); len(rest) > 0; {
			n := 1 + rnd.IntN(len(rest))
			got.write(rest[:n])
			for _, r := range string(rest[:n]) {
				want.add(r)
			}
			rest = rest[n:]
		}
		if got != want {
			t.Fatalf("%q: write counted %+v, add %+v", text, got, want)
		}
	}
}

// TestCollapseSpace: collapseSpace is strings.Fields joined with spaces,
// for any bytes.
func TestCollapseSpace(t *testing.T) {
	pieces := []string{"a", "社", "。", " ", "  ", "\t", "\n", "\v", "\f", "\r", "\u0085", "\u00a0", "\u1680", "\u2000", "\u200a", "\u200b",
		"\u2028", "\u202f", "\u205f", "\u3000", "\u3001", "\u180e", "\xc2", "\xe3\x80", "\x85", "\xa0", "\xe2", "é", "😀"}
	rnd := rand.New(rand.NewPCG(2, 2))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rnd.IntN(8); n >= 0; n-- {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := string(unitext.CollapseSpace([]byte(s))), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestIsIdeograph: the fast paths that skip package unicode for
// ideographs skip what it would answer.
func TestIsIdeograph(t *testing.T) {
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		if !isIdeograph(r) || unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc, unicode.Po, unicode.Pe, unicode.Pf) ||
			strings.ContainsRune("。！？；", r) || !isCJKChar(r) || isWordRune(r) ||
			util.IsSpaceRune(r) || util.IsPunctRune(r) || !unicode.Is(cjkTable, r) ||
			!unicode.Is(eastAsianWideTable, r) || unicode.Is(unicode.Hangul, r) {
			t.Fatalf("%U", r)
		}
	}
}

func TestReadingMinutes(t *testing.T) {
	tests := []struct {
		name       string
		cjk, words int
		want       int
	}{
		{"nothing", 0, 0, 0},
		{"one character", 1, 0, 1},
		{"400 characters", 400, 0, 1},
		{"401 characters", 401, 0, 2},
		{"one word", 0, 1, 1},
		{"200 words", 0, 200, 1},
		{"201 words", 0, 201, 2},
		{"mixed, one minute", 200, 100, 1},
		{"mixed, just over", 200, 101, 2},
		{"negative counts", -5, -1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ReadingMinutes(tt.cjk, tt.words); got != tt.want {
				t.Errorf("ReadingMinutes(%d, %d) = %d, want %d", tt.cjk, tt.words, got, tt.want)
			}
		})
	}
}

func TestKeepSoftBreak(t *testing.T) {
	tests := []struct {
		name          string
		before, after rune
		want          bool
	}{
		{"Han/Han", '区', '花', false},
		{"Han/full-width comma", '区', '，', false},
		{"full-width comma/Latin", '，', 'a', false},
		{"Latin/ideographic full stop", 'a', '。', false},
		{"corner bracket/Han", '「', '好', false},
		{"ideographic space", 'a', '\u3000', false},
		{"kana/Han", 'の', '花', false},
		{"full-width letter/Han", 'Ａ', '花', false},
		{"zero-width space", 'a', '\u200B', false},
		{"Latin/Latin", 'a', 'b', true},
		{"ASCII comma/Latin", ',', 'w', true},
		{"Latin/ASCII parenthesis", 'a', '(', true},
		{"Han/Latin", '区', 'a', true},
		{"Latin/Han", 'a', '区', true},
		{"digit/Han", '1', '年', true},
		{"Han/curly quote", '说', '“', false},
		{"curly quote/Han", '”', '他', false},
		{"Han/em dash", '好', '—', false},
		{"Latin/curly quote", 'd', '“', true},
		{"Hangul/Hangul", '한', '국', true},
		{"Hangul/curly quote", '한', '“', true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := keepSoftBreak(tt.before, tt.after); got != tt.want {
				t.Errorf("keepSoftBreak(%q, %q) = %v, want %v", tt.before, tt.after, got, tt.want)
			}
		})
	}
}

func TestDangerousURL(t *testing.T) {
	tests := []struct {
		url   string
		image bool
		want  bool
	}{
		{"https://example.org/", false, false},
		{"mailto:a@b.org", false, false},
		{"weixin://dl/chat", false, false},
		{"../stories/x/", false, false},
		{"/about/", false, false},
		{"#section", false, false},
		{"javascript%3Aalert(1)", false, false},
		{"a/javascript:x", false, false},
		{"javascript:alert(1)", false, true},
		{"JaVaScRiPt:alert(1)", false, true},
		{" \x01javascript:alert(1)", false, true},
		{"java\tscr\nipt:alert(1)", false, true},
		{"vbscript:msgbox", false, true},
		{"file:///etc/passwd", false, true},
		{"data:text/html,<script>", false, true},
		{"data:image/png;base64,AA", false, true},
		{"data:image/png;base64,AA", true, false},
		{"DATA:IMAGE/JPEG;base64,AA", true, false},
		{"data:image/gif,AA", true, false},
		{"data:image/webp;base64,AA", true, false},
		{"data:image/svg+xml;base64,AA", true, true},
		{"data:image/pngx;base64,AA", true, true},
		{"data:", true, true},
		{"javascriptx:alert(1)", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			if got := dangerousURL([]byte(tt.url), tt.image); got != tt.want {
				t.Errorf("dangerousURL(%q, image=%v) = %v, want %v", tt.url, tt.image, got, tt.want)
			}
		})
	}
}

func TestMatchURL(t *testing.T) {
	tests := []struct {
		in   string
		want string
		www  bool
	}{
		{"https://example.org", "https://example.org", false},
		{"http://example.org/a/b?c=1&d=2#e了解更多", "http://example.org/a/b?c=1&d=2#e", false},
		{"ftp://files.example.org/x", "ftp://files.example.org/x", false},
		{"www.example.org，好", "www.example.org", true},
		{"https://example.org.", "https://example.org", false},
		{"https://example.org/a).", "https://example.org/a", false},
		{"https://example.org/a_(b)", "https://example.org/a_(b)", false},
		{"https://example.org:8080/x", "https://example.org:8080/x", false},
		{"https://localhost/", "", false},
		{"https://", "", false},
		{"www.example", "", false},
		{"www.example.123", "", false},
		{"hello", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n, www := matchURL([]byte(tt.in))
			if got := tt.in[:n]; got != tt.want || (n > 0 && www != tt.www) {
				t.Errorf("matchURL(%q) = %q, www=%v; want %q, www=%v", tt.in, got, www, tt.want, tt.www)
			}
		})
	}
}

// TestMayHaveURL: the test that spares cjkLinkify its walk finds every
// URL it could link, and not the links and URLs GFM's linkify handles.
func TestMayHaveURL(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"详见https://example.org", true},
		{"前文 see 详见http://example.org", true},
		{"下载ftp://files.example.org", true},
		{"网址：www.example.org", true},
		{"[公开记录](https://example.org/a) 和 https://example.org/b", false},
		{"see www.example.org and xhttps://a.org", false},
		{"详见https:/a.org 和 例www", false},
		{"详见HTTPS://example.org", false}, // matchURL wants lower case
		{"社区花园", false},
	} {
		if got := mayHaveURL([]byte(tt.in)); got != tt.want {
			t.Errorf("mayHaveURL(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
