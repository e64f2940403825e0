package editor

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/jiangninglu/showcase/internal/meta"
)

// ErrNoFrontMatter is returned by SpliceNumbers for a file without front
// matter.
var ErrNoFrontMatter = errors.New("the file has no front matter")

// SpliceNumbers sets figures in a story's metrics or a report's reported
// map (Edit keys "metrics.KEY", "reported.KEY"; values are numbers, nil
// removes nothing and is refused) and returns the new file. YAML goes
// through Splice; TOML and JSON front matter get the same promise by a
// narrower edit: only the number on its key's line is rewritten, and a
// new key is one new line. Every other byte stays.
func SpliceNumbers(src []byte, edits []Edit) ([]byte, error) {
	for _, e := range edits {
		if _, _, ok := mapKey(e.Key); !ok || e.Value == nil || e.Value.Kind != yaml.ScalarNode ||
			(e.Value.Tag != "!!int" && e.Value.Tag != "!!float") {
			return nil, fmt.Errorf("SpliceNumbers: %s is not a figure", e.Key)
		}
	}
	blk, err := meta.Split(meta.Normalize(src))
	if err != nil {
		return nil, err
	}
	switch blk.Format {
	case meta.YAML:
		return Splice(src, edits, nil)
	case meta.TOML:
		return spliceTOML(src, blk, edits)
	case meta.JSON:
		return spliceJSON(src, blk, edits)
	}
	return nil, ErrNoFrontMatter
}

// textEdits are changes to single lines of a file: spans replaced and
// lines inserted after a line; then doc.bytes puts the file together.
type textEdits struct {
	d     *doc
	spans map[int][][3]any // line -> {from, to, text}
	after map[int][]string
}

func newTextEdits(src []byte) *textEdits {
	return &textEdits{d: splitLines(src), spans: map[int][][3]any{}, after: map[int][]string{}}
}

func (t *textEdits) replace(line, from, to int, text string) {
	t.spans[line] = append(t.spans[line], [3]any{from, to, text})
}

func (t *textEdits) insert(after int, lines ...string) {
	t.after[after] = append(t.after[after], lines...)
}

func (t *textEdits) bytes() []byte {
	for n, spans := range t.spans {
		sort.Slice(spans, func(i, j int) bool { return spans[i][0].(int) > spans[j][0].(int) })
		l := t.d.line(n)
		for _, s := range spans {
			l = l[:s[0].(int)] + s[2].(string) + l[s[1].(int):]
		}
		t.d.add(n, n, l)
	}
	for n, lines := range t.after {
		t.d.add(n+1, n, lines...)
	}
	return t.d.bytes()
}

// spliceTOML edits figures of TOML front matter: in a [metrics] table,
// as dotted keys (metrics.x = 1), or in a [metrics] table added at the
// end of the front matter.
func spliceTOML(src []byte, blk meta.Block, edits []Edit) ([]byte, error) {
	t := newTextEdits(src)
	d := t.d
	closing := len(d.lines) + 1
	for n := blk.Line; n <= len(d.lines); n++ {
		if s := strings.TrimSpace(d.line(n)); s == "+++" || s == "---" {
			closing = n
			break
		}
	}
	keys := map[string]int{}       // full dotted key -> line
	tables := map[string]int{}     // table -> header line
	lastIn := map[string]int{}     // table -> last line of a key in it (or its header)
	lastDotted := map[string]int{} // map -> last line of a top-level "map.key ="
	table := ""
	for n := blk.Line; n < closing; n++ {
		s := strings.TrimSpace(d.line(n))
		switch {
		case s == "" || s[0] == '#':
			continue
		case s[0] == '[':
			end := strings.IndexByte(s, ']')
			if end < 0 {
				continue
			}
			table = tomlKey(strings.Trim(s[:end], "[]"))
			tables[table], lastIn[table] = n, n
			continue
		}
		k, _, ok := strings.Cut(s, "=")
		if !ok {
			continue
		}
		full := tomlKey(k)
		if table != "" {
			full = table + "." + full
		}
		if _, seen := keys[full]; !seen {
			keys[full] = n
		}
		lastIn[table] = n
		if m, _, ok := mapKey(full); ok && table == "" {
			lastDotted[m] = n
		}
	}
	adds := map[string][]string{}
	for _, e := range edits {
		m, k, _ := mapKey(e.Key)
		if n, ok := keys[m]; ok {
			return nil, fmt.Errorf("line %d: %s is an inline table; change %s by hand", n, m, e.Key)
		}
		if n, ok := keys[e.Key]; ok {
			l := d.line(n)
			a := strings.IndexByte(l, '=') + 1
			for a < len(l) && (l[a] == ' ' || l[a] == '\t') {
				a++
			}
			b := len(l)
			if i := strings.IndexByte(l[a:], '#'); i >= 0 {
				b = a + i
			}
			b = a + len(strings.TrimRight(l[a:b], " \t"))
			t.replace(n, a, b, e.Value.Value)
			continue
		}
		switch {
		case tables[m] > 0:
			ind := ""
			if last := d.line(lastIn[m]); lastIn[m] != tables[m] {
				ind = last[:len(last)-len(strings.TrimLeft(last, " \t"))]
			}
			t.insert(lastIn[m], ind+k+" = "+e.Value.Value)
		case lastDotted[m] > 0:
			t.insert(lastDotted[m], m+"."+k+" = "+e.Value.Value)
		default:
			adds[m] = append(adds[m], k+" = "+e.Value.Value)
		}
	}
	for _, m := range mapKeys {
		if len(adds[m]) > 0 {
			t.insert(closing-1, append([]string{"[" + m + "]"}, adds[m]...)...)
		}
	}
	return t.bytes(), nil
}

// tomlKey reads a TOML key as written ("a.b", `"a". b`) as a dotted path.
func tomlKey(k string) string {
	parts := strings.Split(strings.TrimSpace(k), ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}

// spliceJSON edits figures of JSON front matter: a number in place, a new
// key after the map's last member (on its own line, indented like it).
func spliceJSON(src []byte, blk meta.Block, edits []Edit) ([]byte, error) {
	t := newTextEdits(src)
	data := blk.Data
	// Line and column (0-based bytes) of offset off in data.
	at := func(off int) (line, col int) {
		before := data[:off]
		line = blk.Line + bytes.Count(before, []byte("\n"))
		return line, off - (bytes.LastIndexByte(before, '\n') + 1)
	}
	type member struct{ start, end int } // the value's bytes
	type object struct {
		open, close int // offsets of { and after }
		members     map[string]member
		last        int // end of the last member's value, or -1
	}
	objs := map[string]*object{}
	type frame struct {
		obj, wantKey bool
		key          string
		rec          *object // the metrics or reported object
	}
	var stack []*frame
	done := func() { // a value ended
		if n := len(stack); n > 0 && stack[n-1].obj {
			stack[n-1].wantKey = true
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	for {
		before := int(dec.InputOffset())
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		after := int(dec.InputOffset())
		var top *frame
		if n := len(stack); n > 0 {
			top = stack[n-1]
		}
		if top != nil && top.obj && top.wantKey {
			if d, ok := tok.(json.Delim); ok && d == '}' {
				if top.rec != nil {
					top.rec.close = after
				}
				stack = stack[:len(stack)-1]
				done()
				continue
			}
			top.key, _ = tok.(string)
			top.wantKey = false
			continue
		}
		switch tok {
		case json.Delim('{'):
			f := &frame{obj: true, wantKey: true}
			if len(stack) == 1 && stack[0].obj {
				if _, _, ok := mapKey(stack[0].key + ".x"); ok {
					f.rec = &object{open: after - 1, members: map[string]member{}, last: -1}
					objs[stack[0].key] = f.rec
				}
			}
			stack = append(stack, f)
			continue
		case json.Delim('['):
			stack = append(stack, &frame{})
			continue
		case json.Delim(']'):
			stack = stack[:len(stack)-1]
			done()
			continue
		}
		if top != nil && top.rec != nil {
			start := before
			for start < after && strings.ContainsRune(" \t\r\n:,", rune(data[start])) {
				start++
			}
			top.rec.members[top.key] = member{start, after}
			top.rec.last = after
		}
		done()
	}
	adds := map[string][]string{}
	for _, e := range edits {
		m, k, _ := mapKey(e.Key)
		if o := objs[m]; o != nil {
			if mb, ok := o.members[k]; ok {
				l, c := at(mb.start)
				l2, c2 := at(mb.end)
				if l != l2 {
					return nil, fmt.Errorf("line %d: %s spans lines; change it by hand", l, e.Key)
				}
				t.replace(l, c, c2, e.Value.Value)
				continue
			}
		}
		adds[m] = append(adds[m], k)
	}
	for _, m := range mapKeys {
		ks := adds[m]
		if len(ks) == 0 {
			continue
		}
		var vals []string
		for _, e := range edits {
			if mm, k, _ := mapKey(e.Key); mm == m && containsStr(ks, k) {
				kj, _ := json.Marshal(k)
				vals = append(vals, string(kj)+": "+e.Value.Value)
			}
		}
		o := objs[m]
		if o == nil {
			return nil, fmt.Errorf("the JSON front matter has no %q object; add it by hand", m)
		}
		if o.last < 0 {
			l, c := at(o.open + 1)
			t.replace(l, c, c, strings.Join(vals, ", "))
			continue
		}
		l, c := at(o.last)
		ol, _ := at(o.open)
		if ol == l {
			t.replace(l, c, c, ", "+strings.Join(vals, ", "))
			continue
		}
		ind := t.d.line(l)
		ind = ind[:len(ind)-len(strings.TrimLeft(ind, " \t"))]
		t.replace(l, c, c, ",")
		for i := range vals {
			if i < len(vals)-1 {
				vals[i] += ","
			}
			vals[i] = ind + vals[i]
		}
		t.insert(l, vals...)
	}
	return t.bytes(), nil
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
