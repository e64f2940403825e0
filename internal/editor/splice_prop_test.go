package editor

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/jiangninglu/showcase/internal/meta"
)

// TestSpliceRandom is a short property test over random splices: random
// front matter written in the styles people and tools write (plain and
// quoted scalars, block scalars, block and flow lists on one line or many,
// block and flow metric maps, comments and blank lines), random edits and
// a random body. After every splice the file must parse, every edited key
// must hold its new value, every other key its old one, and the body must
// be the new one. A failure prints the seed and the file.
func TestSpliceRandom(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 500
	}
	for seed := range uint64(n) {
		r := rand.New(rand.NewPCG(seed, 23))
		src, keys := randomDoc(r)
		if r.IntN(4) == 0 {
			src = string(bomCRLF([]byte(src))) // as Windows editors save
		}
		checkSplice(t, fmt.Sprintf("seed %d", seed), src, keys, randomEdits(r), randomBody(r), false)
	}
}

// checkSplice splices and checks the result as TestSpliceRandom says.
func checkSplice(t *testing.T, seed string, src string, keys []string, edits []Edit, body []byte, mayRefuse bool) {
	t.Helper()
	before, err := decodeFront([]byte(src))
	if err != nil {
		t.Fatalf("%s: the generated file does not parse: %v\n%s", seed, err, src)
	}
	for _, k := range keys {
		if _, ok := before[k]; !ok {
			t.Fatalf("%s: key %s is not in the front matter as read\n%s", seed, k, src)
		}
	}
	wantBody := body
	if body == nil {
		blk, _ := meta.Split(meta.Normalize([]byte(src)))
		wantBody = blk.Body
	}
	want := map[string]any{}
	for k, v := range before {
		want[k] = v
	}
	wantMetrics, _ := want["metrics"].(map[string]any)
	if wantMetrics != nil {
		wantMetrics = copyMap(wantMetrics)
	}
	var all []Edit
	for _, e := range edits {
		var val any
		if e.Value != nil {
			if err := e.Value.Decode(&val); err != nil {
				t.Fatalf("%s: edit %s: %v", seed, e.Key, err)
			}
		}
		if k, ok := strings.CutPrefix(e.Key, "metrics."); ok {
			if e.Value == nil {
				delete(wantMetrics, k)
			} else {
				if wantMetrics == nil {
					wantMetrics = map[string]any{}
				}
				wantMetrics[k] = val
			}
		} else if e.Value == nil {
			delete(want, e.Key)
		} else {
			want[e.Key] = val
		}
		all = append(all, Edit{Key: e.Key, Value: cloneNode(e.Value)})
	}
	if len(wantMetrics) > 0 {
		want["metrics"] = wantMetrics
	} else {
		delete(want, "metrics")
	}
	out, err := Splice([]byte(src), all, body)
	if err != nil && mayRefuse {
		return
	}
	if err != nil {
		t.Fatalf("%s: Splice: %v\nfile:\n%s\nedits: %s", seed, err, src, showEdits(edits))
	}
	// A CRLF file (every line ends in CRLF, as a Windows editor writes it)
	// stays one; a file of mixed endings keeps each line's own.
	crlf := strings.Contains(src, "\r\n") && strings.Count(src, "\n") == strings.Count(src, "\r\n")
	if crlf && bytes.Count(out, []byte("\n")) != bytes.Count(out, []byte("\r\n")) {
		t.Fatalf("%s: CRLF file got LF lines\nin:  %q\nout: %q", seed, src, out)
	}
	if strings.HasPrefix(src, "\ufeff") != bytes.HasPrefix(out, []byte("\ufeff")) {
		t.Fatalf("%s: byte-order mark not kept\nout: %q", seed, out)
	}
	got, err := decodeFront(out)
	if err != nil {
		t.Fatalf("%s: the spliced file does not parse: %v\nin:\n%s\nedits: %s\nout:\n%s", seed, err, src, showEdits(edits), out)
	}
	if m, _ := got["metrics"].(map[string]any); len(m) == 0 {
		delete(got, "metrics") // metrics: with nothing under it is no metrics
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: values differ\n got %v\nwant %v\nin:\n%s\nedits: %s\nout:\n%s", seed, got, want, src, showEdits(edits), out)
	}
	blk, _ := meta.Split(meta.Normalize(out))
	if string(blk.Body) != string(meta.Normalize(wantBody)) {
		t.Fatalf("%s: body %q, want %q\nout:\n%s", seed, blk.Body, wantBody, out)
	}
}

func copyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func cloneNode(n *yaml.Node) *yaml.Node {
	if n == nil {
		return nil
	}
	c := *n
	c.Content = nil
	for _, x := range n.Content {
		c.Content = append(c.Content, cloneNode(x))
	}
	return &c
}

func showEdits(edits []Edit) string {
	var b strings.Builder
	for _, e := range edits {
		if e.Value == nil {
			fmt.Fprintf(&b, "%s: (remove); ", e.Key)
			continue
		}
		var v any
		e.Value.Decode(&v)
		fmt.Fprintf(&b, "%s: %#v; ", e.Key, v)
	}
	return b.String()
}

// decodeFront decodes a story file's YAML front matter, as the loader
// splits it.
func decodeFront(src []byte) (map[string]any, error) {
	blk, err := meta.Split(meta.Normalize(src))
	if err != nil {
		return nil, err
	}
	if blk.Format != meta.YAML {
		return nil, fmt.Errorf("format %q", blk.Format)
	}
	m := map[string]any{}
	if err := yaml.Unmarshal(blk.Data, &m); err != nil {
		return nil, err
	}
	return m, nil
}

// Random values: texts that need quoting in YAML as well as plain ones.
var randTexts = []string{
	"甲", "长宁 居民区", "a: b", "# not a comment", "x #y", "'quoted'", `"dq"`, "- dash",
	"[bracket]", "{brace}", "a, b", "yes", "null", "10", "3.5", "  spaces  ", "é", "tab\there",
	"---", "...", "line\nbreak", "&anchor", "*alias", "!tag", "%pct", "@at", "`tick`", "|", ">",
	"中文，全角", "end:", "?q",
}

func randText(r *rand.Rand) string { return randTexts[r.IntN(len(randTexts))] }

// plainOK reports whether s can be written as a plain scalar (so that
// the generator writes valid YAML).
func plainOK(s string) bool {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	out, err := yaml.Marshal(n)
	return err == nil && strings.TrimSuffix(string(out), "\n") == s
}

// scalarText writes s as a YAML scalar in a random style, for a value at
// indentation ind.
func scalarText(r *rand.Rand, s, ind string) string {
	switch r.IntN(5) {
	case 0:
		if plainOK(s) {
			return s
		}
		fallthrough
	case 1:
		n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.DoubleQuotedStyle}
		out, _ := yaml.Marshal(n)
		return strings.TrimSuffix(string(out), "\n")
	case 2:
		if !strings.ContainsAny(s, "\n") {
			return "'" + strings.ReplaceAll(s, "'", "''") + "'"
		}
		fallthrough
	default:
		if strings.TrimSpace(s) != s || strings.ContainsAny(s, "\t") {
			return scalarText(r, s, ind)
		}
		var b strings.Builder
		b.WriteString("|-")
		for _, l := range strings.Split(s, "\n") {
			b.WriteString("\n" + ind + "  " + l)
			if r.IntN(6) == 0 {
				b.WriteString("\n" + ind + "  ---") // looks like a delimiter, indented
			}
		}
		return b.String()
	}
}

// listText writes items as a YAML list value in a random style (for a key
// at indentation ind): the text after "key:" (with its leading space or
// newline).
func listText(r *rand.Rand, items []string, ind string) string {
	quote := func(s string) string {
		if plainOK(s) && !strings.ContainsAny(s, ",[]{}#:") {
			return s
		}
		n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.DoubleQuotedStyle}
		out, _ := yaml.Marshal(n)
		return strings.TrimSuffix(string(out), "\n")
	}
	var b strings.Builder
	switch {
	case len(items) == 0:
		return " []"
	case r.IntN(4) == 0: // flow, one line
		b.WriteString(" [")
		for i, it := range items {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(quote(it))
		}
		b.WriteString("]")
	case r.IntN(3) == 0: // flow over several lines, ] alone
		b.WriteString(" [")
		for i, it := range items {
			b.WriteString("\n" + ind + "  " + quote(it))
			if i < len(items)-1 || r.IntN(2) == 0 {
				b.WriteString(",")
			}
		}
		closeInd := ind
		if r.IntN(2) == 0 {
			closeInd += "  "
		}
		b.WriteString("\n" + closeInd + "]")
	default: // block, indented or not
		itemInd := ind
		if r.IntN(2) == 0 {
			itemInd += "  "
		}
		for _, it := range items {
			b.WriteString("\n" + itemInd + "- " + quote(it))
		}
	}
	return b.String()
}

func randItems(r *rand.Rand) []string {
	items := make([]string, r.IntN(4))
	for i := range items {
		items[i] = strings.ReplaceAll(randText(r), "\n", " ")
	}
	return items
}

var (
	scalarKeys = []string{"title", "summary", "neighborhood", "award", "cover"}
	listKeys   = []string{"tags", "leads"}
	metricKeys = []string{"participants", "households", "volunteers"}
)

// randomDoc writes a random story file and returns it with its keys.
func randomDoc(r *rand.Rand) (string, []string) {
	var b strings.Builder
	b.WriteString("---\n")
	comment := func() {
		switch r.IntN(8) {
		case 0:
			b.WriteString("# comment\n")
		case 1:
			b.WriteString("\n")
		}
	}
	keys := append(append([]string{}, scalarKeys...), listKeys...)
	keys = append(keys, "weight", "metrics")
	r.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
	keys = keys[:r.IntN(len(keys)+1)]
	for _, k := range keys {
		comment()
		switch {
		case k == "weight":
			fmt.Fprintf(&b, "weight: %d\n", r.IntN(100))
		case k == "metrics":
			if r.IntN(3) == 0 {
				b.WriteString("metrics: {")
				for i, m := range metricKeys[:1+r.IntN(len(metricKeys))] {
					if i > 0 {
						b.WriteString(", ")
					}
					fmt.Fprintf(&b, "%s: %d", m, r.IntN(500))
				}
				b.WriteString("}\n")
				continue
			}
			b.WriteString("metrics:\n")
			for _, m := range metricKeys[:1+r.IntN(len(metricKeys))] {
				fmt.Fprintf(&b, "  %s: %d\n", m, r.IntN(500))
				if r.IntN(6) == 0 {
					b.WriteString("  # note\n")
				}
			}
		case contains(listKeys, k):
			b.WriteString(k + ":" + listText(r, randItems(r), "") + "\n")
		default:
			b.WriteString(k + ": " + scalarText(r, randText(r), "") + "\n")
		}
	}
	comment()
	b.WriteString("---\n")
	b.WriteString(randomBodyString(r))
	return b.String(), keys
}

// randomEdits picks edits as the form makes them: new texts, new lists,
// removed keys, metrics set and removed.
func randomEdits(r *rand.Rand) []Edit {
	var out []Edit
	for _, k := range scalarKeys {
		switch r.IntN(4) {
		case 0:
			out = append(out, Edit{Key: k, Value: &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: randText(r)}})
		case 1:
			if r.IntN(3) == 0 {
				out = append(out, Edit{Key: k})
			}
		}
	}
	for _, k := range listKeys {
		switch r.IntN(3) {
		case 0:
			seq := &yaml.Node{Kind: yaml.SequenceNode}
			for _, it := range randItems(r) {
				seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: it})
			}
			if len(seq.Content) == 0 {
				out = append(out, Edit{Key: k})
			} else {
				out = append(out, Edit{Key: k, Value: seq})
			}
		case 1:
			if r.IntN(3) == 0 {
				out = append(out, Edit{Key: k})
			}
		}
	}
	if r.IntN(4) == 0 {
		out = append(out, Edit{Key: "weight", Value: &yaml.Node{Kind: yaml.ScalarNode, Value: fmt.Sprint(r.IntN(100))}})
	}
	for _, m := range metricKeys {
		switch r.IntN(5) {
		case 0:
			out = append(out, Edit{Key: "metrics." + m, Value: &yaml.Node{Kind: yaml.ScalarNode, Value: fmt.Sprint(r.IntN(1000))}})
		case 1:
			out = append(out, Edit{Key: "metrics." + m})
		}
	}
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func randomBodyString(r *rand.Rand) string {
	bodies := []string{"", "\n正文\n", "\n---\nnot front matter\n", "\n# 标题\n\n段落\n", "text without newline"}
	return bodies[r.IntN(len(bodies))]
}

func randomBody(r *rand.Rand) []byte {
	if r.IntN(3) == 0 {
		return nil
	}
	return []byte(randomBodyString(r))
}

// FuzzSplice: for any file whose front matter is a plain YAML map (no
// anchors, aliases, tags or repeated keys) and any edit the form can make,
// Splice refuses with an error or gives a file that parses, holds the
// edited value, keeps every other key's value and has the body asked for.
func FuzzSplice(f *testing.F) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		src, _ := randomDoc(r)
		f.Add([]byte(src), "tags", "a,b", uint8(1), "\n正文\n")
	}
	f.Add([]byte("---\ntags: [\n  a,\n  b\n]\ntitle: x\n---\n"), "tags", "c", uint8(1), "")
	f.Add([]byte("---\nsummary: |\n  a\n  ---\ntitle: b\n---\nbody"), "title", "c", uint8(0), "")
	f.Add([]byte("\ufeff---\r\nmetrics:\r\n  participants: 1\r\n---\r\n"), "metrics.households", "2", uint8(2), "x")
	f.Fuzz(func(t *testing.T, src []byte, key, value string, kind uint8, body string) {
		switch key {
		case "title", "summary", "tags", "leads", "weight", "metrics.participants", "metrics.households":
		default:
			return
		}
		if len(src) > 1<<16 || !utf8.Valid(src) || !utf8.ValidString(value) || !utf8.ValidString(body) || !plainFront(src) {
			return
		}
		var v *yaml.Node
		switch kind % 4 {
		case 0:
			v = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value}
		case 1:
			v = &yaml.Node{Kind: yaml.SequenceNode}
			for _, it := range splitList(value) {
				v.Content = append(v.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: it})
			}
			if len(v.Content) == 0 {
				v = nil
			}
		case 2:
			if !reInt.MatchString(value) || len(value) > 9 {
				return
			}
			v = &yaml.Node{Kind: yaml.ScalarNode, Value: value}
		}
		checkSplice(t, "fuzz", string(src), nil, []Edit{{Key: key, Value: v}}, []byte(body), true)
	})
}

// plainFront reports whether src has YAML front matter that is a map
// without anchors, aliases, explicit tags, merge keys, repeated keys or
// keys that are not plain strings, with one YAML document, and whose metrics (if any) are a map.
func plainFront(src []byte) bool {
	blk, err := meta.Split(meta.Normalize(src))
	if err != nil || blk.Format != meta.YAML {
		return false
	}
	for _, l := range strings.Split(string(blk.Data), "\n") {
		if strings.HasPrefix(l, "---") || strings.HasPrefix(l, "...") {
			return false // a second YAML document, which yaml.v3 does not read
		}
	}
	var doc yaml.Node
	if yaml.Unmarshal(blk.Data, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return false
	}
	var plain func(n *yaml.Node) bool
	plain = func(n *yaml.Node) bool {
		if n.Anchor != "" || n.Kind == yaml.AliasNode || n.Style&yaml.TaggedStyle != 0 {
			return false
		}
		if n.Kind == yaml.MappingNode {
			seen := map[string]bool{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				if k.Kind != yaml.ScalarNode || k.Tag != "!!str" || k.Value == "<<" || seen[k.Value] {
					return false
				}
				seen[k.Value] = true
			}
		}
		for _, c := range n.Content {
			if !plain(c) {
				return false
			}
		}
		return true
	}
	_, m := lookup(doc.Content[0], "metrics")
	return plain(doc.Content[0]) && (m == nil || m.Kind == yaml.MappingNode)
}
