package meta

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// decodeGuarded decodes with a generous deadline, only so that a
// regression fails the test instead of hanging it.
func decodeGuarded(t *testing.T, f Format, data string) (*Node, error) {
	t.Helper()
	type result struct {
		n   *Node
		err error
	}
	done := make(chan result, 1)
	go func() {
		n, err := Decode(f, []byte(data), 2)
		done <- result{n, err}
	}()
	select {
	case r := <-done:
		return r.n, r.err
	case <-time.After(time.Minute):
		t.Fatalf("%s: decoding %d bytes did not end within a minute", f, len(data))
		return nil, nil
	}
}

func TestFrontMatterLimits(t *testing.T) {
	deep := func(open, mid, close string, n int) string {
		return strings.Repeat(open, n) + mid + strings.Repeat(close, n)
	}
	nested := fmt.Sprintf("nesting deeper than %d", MaxDepth)
	many := fmt.Sprintf("more than %d values", maxNodes)
	for _, tc := range []struct {
		name      string
		f         Format
		src       string
		line, col int
		msg       string
	}{
		{"toml brackets", TOML, "title = 'a'\nx = " + deep("[", "", "]", 1_000_000), 3, 4 + MaxDepth, nested},
		{"toml inline tables", TOML, "x = " + deep("{a=", "1", "}", 10_000), 2, 5 + 3*(MaxDepth-1), nested},
		{"toml dotted key", TOML, strings.Repeat("a.", 10_000) + "a = 1", 2, 2 * MaxDepth, nested},
		{"toml table header", TOML, "[" + strings.Repeat("a.", 10_000) + "a]\nb = 1", 2, 2*MaxDepth - 1, nested},
		{"toml header then key", TOML, "[" + strings.Repeat("a.", 40) + "a]\n" + strings.Repeat("b.", 40) + "b = 1", 3, 2 * (MaxDepth - 41), nested},
		// A key's dots inside an inline table add to the braces around it:
		// each "a.a.a.a.a.a.a.a.a.a = {" is ten levels, so the 65th is the
		// fourth dot of the seventh key.
		{"toml dotted keys in inline tables", TOML, deep(strings.Repeat("a.", 9)+"a = {", "1", "}", 100), 2, 6*23 + 8, nested},
		{"toml values", TOML, "x = [" + strings.Repeat("1,", 200_000) + "1]", 2, 2*maxNodes + 3, many},
		{"json brackets", JSON, `{"x": ` + deep("[", "", "]", 1_000_000) + "}", 2, 7 + MaxDepth - 1, nested},
		{"json values", JSON, `{"x": [` + strings.Repeat("1,", 200_000) + "1]}", 2, 2*maxNodes + 3, many},
		{"yaml flow", YAML, "x: " + deep("[", "", "]", 9_000), 2, 3 + MaxDepth, nested},
		{"yaml block", YAML, strings.Repeat("- ", 9_000) + "x", 2, 2*MaxDepth + 1, nested},
		{"yaml values", YAML, "x: [" + strings.Repeat("1,", 200_000) + "1]", 2, 2*maxNodes + 4, many},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decodeGuarded(t, tc.f, tc.src)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want %d:%d: %s", err, tc.line, tc.col, tc.msg)
			}
			if se.Msg.String() != tc.msg || se.Line != tc.line || se.Col != tc.col {
				t.Fatalf("got %d:%d: %s, want %d:%d: %s", se.Line, se.Col, se.Msg, tc.line, tc.col, tc.msg)
			}
		})
	}
}

// TestFrontMatterWithinLimits: nesting up to the limit and strings full of
// brackets, dots and commas decode.
func TestFrontMatterWithinLimits(t *testing.T) {
	d := MaxDepth - 1 // one level for the front matter's own map
	for _, tc := range []struct {
		name string
		f    Format
		src  string
	}{
		{"toml", TOML, "x = " + strings.Repeat("[", d) + strings.Repeat("]", d)},
		{"toml strings", TOML, "a = \"[[[{{{\\\"...\"\nb = '[[[.,.,'\nc = \"\"\"\n[[[\n\\\"\"\"\"\nd = '''\n{{{'''\ne = 1.5 # [[[[[\n"},
		{"toml header", TOML, "[" + strings.Repeat("a.", d-1) + "a]\nb = 1"},
		{"toml dotted keys in inline tables", TOML, "x = {" + strings.Repeat("a.", d/2-2) + "a = {b = 1}, c.d = [{e.f = 2}]}\ny.z = 3"},
		{"json", JSON, `{"x": ` + strings.Repeat("[", d) + strings.Repeat("]", d) + "}"},
		{"json strings", JSON, `{"x": "[[[[{{{\"[[[", "y": "\\"}`},
		{"yaml", YAML, "x: " + strings.Repeat("[", d) + strings.Repeat("]", d)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := decodeGuarded(t, tc.f, tc.src); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestManyKeys: a map of 99,000 keys, just inside the value limit,
// decodes in every format, and a duplicate among them is still named.
func TestManyKeys(t *testing.T) {
	const n = 99_000
	for _, f := range []Format{YAML, TOML, JSON} {
		t.Run(string(f), func(t *testing.T) {
			var b strings.Builder
			if f == JSON {
				b.WriteString("{\n")
			}
			for i := range n {
				switch f {
				case YAML:
					fmt.Fprintf(&b, "k%d: %d\n", i, i)
				case TOML:
					fmt.Fprintf(&b, "k%d = %d\n", i, i)
				case JSON:
					fmt.Fprintf(&b, "%q: %d,\n", fmt.Sprintf("k%d", i), i)
				}
			}
			src := b.String()
			if f == JSON {
				src = strings.TrimSuffix(src, ",\n") + "\n}"
			}
			node, err := decodeGuarded(t, f, src)
			if err != nil {
				t.Fatal(err)
			}
			if len(node.Map) != n || node.Map[n-1].Key != fmt.Sprintf("k%d", n-1) {
				t.Fatalf("%d keys, last %q", len(node.Map), node.Map[len(node.Map)-1].Key)
			}
			if f == TOML {
				return // BurntSushi/toml names duplicates itself
			}
			dup := strings.Replace(src, "k98999", "k7", 1)
			_, err = decodeGuarded(t, f, dup)
			var se *SyntaxError
			want := fmt.Sprintf("key %q appears twice (first on line %d)", "k7", 9+strings.Count(string(f), "json"))
			if !errors.As(err, &se) || se.Msg.String() != want {
				t.Fatalf("got %v, want %s", err, want)
			}
		})
	}
}

// TestSortKeysWork counts the line look-ups that ordering TOML keys takes.
func TestSortKeysWork(t *testing.T) {
	const n = 20_000
	keys := make([]string, n)
	lines := make(map[string]int, n)
	for i := range keys {
		keys[i] = fmt.Sprintf("k%d", (i*7919)%n) // scrambled
		lines[keys[i]] = (i * 7919) % n
	}
	calls := 0
	sortKeys(keys, func(k string) int {
		calls++
		return lines[k]
	})
	for i, k := range keys {
		if lines[k] != i {
			t.Fatalf("keys[%d] = %s", i, k)
		}
	}
	if calls > 50*n {
		t.Errorf("%d line look-ups to order %d keys", calls, n)
	}
}

// TestKeyTwiceShortMap: in a mapping too short for a map of its keys
// (smallMap), a repeated key is still found, at its first line.
func TestKeyTwiceShortMap(t *testing.T) {
	src := "a: 1\nb:\n  x: 1\n  y: 2\n  x: 3\nc: 2\na: 3\n"
	_, err := decodeGuarded(t, YAML, src)
	var se *SyntaxError
	want := fmt.Sprintf("key %q appears twice (first on line %d)", "x", 4)
	if !errors.As(err, &se) || se.Msg.String() != want || se.Line != 6 {
		t.Fatalf("got %v, want %s on line 6", err, want)
	}
	_, err = decodeGuarded(t, YAML, strings.Replace(src, "  x: 3", "  z: 3", 1))
	want = fmt.Sprintf("key %q appears twice (first on line %d)", "a", 2)
	if !errors.As(err, &se) || se.Msg.String() != want || se.Line != 8 {
		t.Fatalf("got %v, want %s on line 8", err, want)
	}
}
