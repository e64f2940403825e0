package meta

import (
	"errors"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	for _, tc := range []struct {
		name, src    string
		format       Format
		line, bodyLn int
		body         string
	}{
		{"yaml", "---\ntitle: a\n---\nbody\n", YAML, 2, 4, "body\n"},
		{"blank lines first", "\n\n---\ntitle: a\n---\nbody", YAML, 4, 6, "body"},
		{"toml", "+++\ntitle = 'a'\n+++\nbody", TOML, 2, 4, "body"},
		{"json", "{\n\"title\": \"a\"\n}\n\nbody", JSON, 1, 5, "body"},
		{"none", "just text\n", "", 0, 1, "just text\n"},
		{"empty", "", "", 0, 1, ""},
		// An indented --- is a line of a block scalar, not the end.
		{"indented delimiter", "---\nsummary: |\n  a\n  ---\ntitle: b\n---\nbody", YAML, 2, 7, "body"},
		{"delimiter with spaces after", "---\ntitle: a\n---  \nbody", YAML, 2, 4, "body"},
		{"closing last line", "---\ntitle: a\n---", YAML, 2, 3, ""},
		{"toml indented", "+++\ns = '''\n  +++\n'''\n+++\nbody", TOML, 2, 6, "body"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Split(Normalize([]byte(tc.src)))
			if err != nil {
				t.Fatal(err)
			}
			if b.Format != tc.format || (tc.format != "" && b.Line != tc.line) || b.BodyLine != tc.bodyLn || string(b.Body) != tc.body {
				t.Errorf("got %+v", b)
			}
		})
	}
	if _, err := Split([]byte("---\ntitle: a\n")); !errors.Is(err, ErrUnclosed) {
		t.Errorf("unclosed: %v", err)
	}
}

func TestNormalize(t *testing.T) {
	if got := string(Normalize([]byte("\xef\xbb\xbfa\r\nb\r\n"))); got != "a\nb\n" {
		t.Errorf("got %q", got)
	}
}

func TestAliasBomb(t *testing.T) {
	src := `a: &a ["x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
`
	_, err := DecodeYAML([]byte(src))
	var se *SyntaxError
	if !errors.As(err, &se) || !strings.Contains(se.Msg.String(), "too many values") {
		t.Errorf("alias bomb: %v", err)
	}
}

func TestPositions(t *testing.T) {
	for _, tc := range []struct {
		f    Format
		src  string
		line int // of key "b"
	}{
		{YAML, "a: 1\nb: 2\n", 11},
		{JSON, "{\n \"a\": 1,\n \"b\": 2\n}", 12},
		{TOML, "a = 1\nb = 2\n", 11},
		{TOML, "[m]\nx = 1\n\n[n]\nb = 2\n", 14},
	} {
		n, err := Decode(tc.f, []byte(tc.src), 10)
		if err != nil {
			t.Fatal(err)
		}
		var got int
		for _, p := range n.Map {
			if p.Key == "b" {
				got = p.Line
			}
			if p.Value.Kind == Map {
				for _, q := range p.Value.Map {
					if q.Key == "b" {
						got = q.Line
					}
				}
			}
		}
		if got != tc.line {
			t.Errorf("%s %q: b on line %d, want %d", tc.f, tc.src, got, tc.line)
		}
	}
}
