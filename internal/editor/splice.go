package editor

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/jiangninglu/showcase/internal/meta"
)

// Edit is one change to a story's front matter.
type Edit struct {
	// Key is a top-level key ("title"), a metric ("metrics.participants")
	// or a report's figure ("reported.micro_projects").
	Key string
	// Value is the new value, a scalar or a sequence; nil removes the key.
	Value *yaml.Node
}

// ErrNotYAML is returned by Splice for a file whose front matter is TOML
// or JSON, or that has none: such a file is edited as text.
var ErrNotYAML = errors.New("the front matter is not YAML")

// Splice applies edits and a new body (nil: keep the body) to a story
// file and returns the new file. Only the lines of the keys it changes
// are rewritten, and of a single-line value only the value itself: key
// order, comments, quoting style, the byte-order mark and the line endings
// of everything else stay byte for byte. A changed value keeps its
// quoting style where it can; new keys go at the end of the front matter,
// new metrics after the last one.
func Splice(src []byte, edits []Edit, body []byte) ([]byte, error) {
	d, err := parseDoc(src)
	if err != nil {
		return nil, err
	}
	maps := map[string][]Edit{}
	for _, e := range edits {
		if m, k, ok := mapKey(e.Key); ok {
			maps[m] = append(maps[m], Edit{Key: k, Value: e.Value})
			continue
		}
		if err := d.set(e.Key, e.Value); err != nil {
			return nil, err
		}
	}
	for _, m := range mapKeys {
		if len(maps[m]) > 0 {
			if err := d.setMap(m, maps[m]); err != nil {
				return nil, err
			}
		}
	}
	if body != nil {
		d.setBody(body)
	}
	return d.bytes(), nil
}

// doc is a YAML story file split into lines, with the yaml.v3 nodes of its
// front matter. Lines are counted from 1, as yaml.v3 counts them.
type doc struct {
	bom      bool
	eol      string   // the file's line ending, "\n" or "\r\n"
	lines    []string // every line with its ending, the byte-order mark removed
	root     *yaml.Node
	first    int // file line of the front matter's first line
	closing  int // file line of the closing delimiter
	bodyLine int
	body     []byte // as meta.Split gives it (LF line endings)
	ops      []op
}

// op replaces lines from..to (inclusive; to == from-1 inserts before from).
type op struct {
	from, to int
	text     []string // lines without endings
	seq      int
	// tail marks a new top-level key, inserted before the closing
	// delimiter: it goes after anything else inserted there (a new metric
	// at the end of a metrics map that ends the front matter).
	tail bool
}

func parseDoc(src []byte) (*doc, error) {
	norm := meta.Normalize(src)
	blk, err := meta.Split(norm)
	if err != nil {
		return nil, err
	}
	if blk.Format != meta.YAML {
		return nil, ErrNotYAML
	}
	d := splitLines(src)
	d.first, d.bodyLine, d.body = blk.Line, blk.BodyLine, blk.Body
	d.closing = len(d.lines) + 1
	for n := d.first; n <= len(d.lines); n++ {
		if strings.TrimRight(d.line(n), " \t") == "---" { // as meta.Split: a delimiter starts its line
			d.closing = n
			break
		}
	}
	var y yaml.Node
	if err := yaml.Unmarshal(blk.Data, &y); err != nil {
		return nil, err
	}
	if len(y.Content) > 0 {
		d.root = y.Content[0]
		if d.root.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("the front matter is not a map of keys")
		}
		if d.root.Column != 1 {
			// The keys indented: a line added at their indent may read
			// as part of the value above it (found by FuzzSplice).
			return nil, fmt.Errorf("the front matter's keys are indented; start each key: value at the beginning of its line to edit it here")
		}
		if d.root.Style&yaml.FlowStyle != 0 {
			// {title: A, tags: [x]}: a key added on a line of its own
			// would fall outside the braces (found by FuzzSplice).
			return nil, fmt.Errorf("the front matter is one map in braces ({...}); write it as one key: value a line to edit it here")
		}
	}
	return d, nil
}

// splitLines splits src into lines with their endings, noting its
// byte-order mark and line ending.
func splitLines(src []byte) *doc {
	d := &doc{eol: "\n"}
	raw := src
	if r, ok := bytes.CutPrefix(raw, []byte("\xef\xbb\xbf")); ok {
		d.bom, raw = true, r
	}
	if i := bytes.IndexByte(raw, '\n'); i > 0 && raw[i-1] == '\r' {
		d.eol = "\r\n"
	}
	for len(raw) > 0 {
		i := bytes.IndexByte(raw, '\n')
		if i < 0 {
			d.lines = append(d.lines, string(raw))
			break
		}
		d.lines = append(d.lines, string(raw[:i+1]))
		raw = raw[i+1:]
	}
	return d
}

// line returns file line n without its line ending.
func (d *doc) line(n int) string {
	if n < 1 || n > len(d.lines) {
		return ""
	}
	return strings.TrimRight(d.lines[n-1], "\r\n")
}

// fileLine turns a yaml.v3 line (within the front matter) into a file line.
func (d *doc) fileLine(n *yaml.Node) int { return d.first + n.Line - 1 }

func (d *doc) add(from, to int, text ...string) {
	d.ops = append(d.ops, op{from: from, to: to, text: text, seq: len(d.ops)})
}

// lookup returns the key and value nodes of key in the mapping m.
func lookup(m *yaml.Node, key string) (k, v *yaml.Node) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

// indent is the indentation of top-level keys.
func (d *doc) indent() string {
	if d.root != nil && len(d.root.Content) > 0 {
		return strings.Repeat(" ", d.root.Content[0].Column-1)
	}
	return ""
}

// set changes, adds or removes one top-level key.
func (d *doc) set(key string, v *yaml.Node) error {
	k, old := lookup(d.root, key)
	switch {
	case k == nil && v == nil:
		return nil
	case k == nil:
		if v.Kind == yaml.SequenceNode {
			v.Style |= yaml.FlowStyle // as the example site writes lists
		}
		text, err := entry(d.indent(), key, v, nil)
		if err != nil {
			return err
		}
		d.add(d.closing, d.closing-1, text...)
		d.ops[len(d.ops)-1].tail = true
		return nil
	case v == nil:
		d.add(d.fileLine(k), d.extent(k, old, d.closing))
		return nil
	}
	return d.replace(k, old, v, d.closing)
}

// replace puts v in place of the value old of key k: the value alone when
// it is a scalar on the key's line, else the key's whole entry.
func (d *doc) replace(k, old, v *yaml.Node, limit int) error {
	if v.Kind == yaml.ScalarNode && old.Kind == yaml.ScalarNode && old.Tag == v.Tag &&
		(old.Style == yaml.DoubleQuotedStyle || old.Style == yaml.SingleQuotedStyle) {
		v.Style = old.Style
	}
	if v.Kind == yaml.SequenceNode && old.Kind == yaml.SequenceNode {
		v.Style = old.Style & yaml.FlowStyle
	}
	if n := d.fileLine(old); n == d.fileLine(k) {
		if a, b, ok := d.scalarSpan(old); ok {
			text, err := inline(v)
			if err == nil {
				l := d.line(n)
				d.add(n, n, l[:a]+text+l[b:])
				return nil
			}
		}
	}
	var item *yaml.Node
	if old.Kind == yaml.SequenceNode && old.Style&yaml.FlowStyle == 0 && len(old.Content) > 0 {
		item = old.Content[0]
	}
	ind := strings.Repeat(" ", k.Column-1)
	text, err := entry(ind, k.Value, v, item)
	if err != nil {
		return err
	}
	d.add(d.fileLine(k), d.extent(k, old, limit), text...)
	return nil
}

// scalarSpan returns the byte span of a single-line scalar value on its
// line, or ok false when it is not one (a block scalar, a plain scalar
// folded over lines, an alias, a tagged value).
func (d *doc) scalarSpan(v *yaml.Node) (a, b int, ok bool) {
	if v.Kind != yaml.ScalarNode || v.Anchor != "" || v.Style&(yaml.LiteralStyle|yaml.FoldedStyle|yaml.TaggedStyle) != 0 {
		return 0, 0, false
	}
	l := d.line(d.fileLine(v))
	a = runeOffset(l, v.Column-1)
	if a >= len(l) {
		return 0, 0, false
	}
	switch v.Style {
	case yaml.DoubleQuotedStyle:
		if l[a] != '"' {
			return 0, 0, false
		}
		for i := a + 1; i < len(l); i++ {
			switch l[i] {
			case '\\':
				i++
			case '"':
				return a, i + 1, true
			}
		}
		return 0, 0, false
	case yaml.SingleQuotedStyle:
		if l[a] != '\'' {
			return 0, 0, false
		}
		for i := a + 1; i < len(l); i++ {
			if l[i] == '\'' {
				if i+1 < len(l) && l[i+1] == '\'' {
					i++
					continue
				}
				return a, i + 1, true
			}
		}
		return 0, 0, false
	}
	rest := l[a:]
	for i := 1; i < len(rest); i++ {
		if rest[i] == '#' && (rest[i-1] == ' ' || rest[i-1] == '\t') {
			rest = rest[:i]
			break
		}
	}
	rest = strings.TrimRight(rest, " \t")
	if rest != v.Value || rest == "" { // "" is an empty value: where it "is" is unclear
		return 0, 0, false // folded over several lines, or written oddly
	}
	return a, a + len(rest), true
}

// runeOffset is the byte offset of the col-th character (from 0) of l.
func runeOffset(l string, col int) int {
	off := 0
	for i := 0; i < col && off < len(l); i++ {
		_, n := utf8.DecodeRuneInString(l[off:])
		off += n
	}
	return off
}

// extent returns the last file line of the entry of key k (value v),
// below which the next key starts or limit is reached: lines indented more
// than the key, or a block sequence's items at the key's indentation.
// Trailing blank lines are not part of it.
func (d *doc) extent(k, v *yaml.Node, limit int) int {
	start := d.fileLine(k)
	ind := k.Column - 1
	last := start
	seq := v != nil && v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle == 0
	if v != nil {
		// A flow collection or a quoted scalar may close on a line of its
		// own, at the key's indentation or less ("]" alone).
		last = max(last, min(d.flowEnd(v), limit-1))
	}
	for n := last + 1; n < limit; n++ {
		l := d.line(n)
		t := strings.TrimLeft(l, " ")
		switch {
		case strings.TrimSpace(l) == "":
			continue
		case len(l)-len(t) > ind:
		case seq && len(l)-len(t) == ind && (t == "-" || strings.HasPrefix(t, "- ")):
		default:
			return last
		}
		last = n
	}
	return last
}

// flowEnd returns the file line on which the value v ends when it is a
// flow collection or a quoted scalar (the line of its closing bracket or
// quote), else v's own line. It reads the text as the YAML scanner does:
// brackets inside quotes and comments do not count.
func (d *doc) flowEnd(v *yaml.Node) int {
	n := d.fileLine(v)
	flow := v.Kind != yaml.ScalarNode && v.Style&yaml.FlowStyle != 0
	quoted := v.Kind == yaml.ScalarNode && v.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0
	if !flow && !quoted || v.Alias != nil {
		return n
	}
	depth := 0
	var quote byte // the quote being read, or 0
	// start: at the start of a scalar, where a quote opens a quoted one;
	// inside a plain scalar (tags: [0"]) a quote is a character like any
	// other (found by FuzzSplice).
	start := true
	for ln := n; ln < d.closing && ln <= len(d.lines); ln++ {
		l := d.line(ln)
		i := 0
		if ln == n {
			i = runeOffset(l, v.Column-1)
		}
		for ; i < len(l); i++ {
			c := l[i]
			switch {
			case quote == '"' && c == '\\':
				i++
			case quote == '\'' && c == '\'' && i+1 < len(l) && l[i+1] == '\'':
				i++
			case quote != 0 && c == quote:
				quote, start = 0, false
				if depth == 0 {
					return ln
				}
			case quote != 0:
			case (c == '"' || c == '\'') && start:
				quote = c
			case c == '#' && (i == 0 || l[i-1] == ' ' || l[i-1] == '\t'):
				i = len(l) // a comment, to the end of the line
			case c == '[' || c == '{':
				depth++
				start = true
			case c == ']' || c == '}':
				depth--
				start = false
				if depth <= 0 {
					return ln
				}
			case c == ',' || c == ':':
				start = true
			case c == ' ' || c == '\t':
			default:
				start = false
			}
		}
	}
	return n
}

// mapKeys are the front-matter maps whose entries are edited one by one:
// a story's metrics and a report's reported figures.
var mapKeys = []string{"metrics", "reported"}

// mapKey splits "metrics.participants" into the map and its key.
func mapKey(key string) (m, k string, ok bool) {
	m, k, ok = strings.Cut(key, ".")
	return m, k, ok && slices.Contains(mapKeys, m)
}

// setMap applies edits to the map name (metrics, reported): one line
// each in a block map; a flow map, or no map yet, is written anew.
func (d *doc) setMap(name string, edits []Edit) error {
	k, m := lookup(d.root, name)
	if k != nil && m.Kind == yaml.MappingNode && m.Style&yaml.FlowStyle == 0 && len(m.Content) > 0 ||
		k != nil && m.Kind == yaml.ScalarNode && m.Tag == "!!null" && m.Value == "" {
		// A block map (or an empty metrics: with only comments under it).
		end := d.extent(k, m, d.closing)
		ind := strings.Repeat(" ", k.Column+1)
		if len(m.Content) > 0 {
			ind = strings.Repeat(" ", m.Content[0].Column-1)
		}
		for _, e := range edits {
			ck, cv := lookup(m, e.Key)
			switch {
			case ck == nil && e.Value == nil:
			case ck == nil:
				text, err := entry(ind, e.Key, e.Value, nil)
				if err != nil {
					return err
				}
				d.add(end+1, end, text...)
			case e.Value == nil:
				d.add(d.fileLine(ck), d.extent(ck, cv, end+1))
			default:
				if err := d.replace(ck, cv, e.Value, end+1); err != nil {
					return err
				}
			}
		}
		return nil
	}
	// Written anew, in the style it had (flow stays flow).
	nm := &yaml.Node{Kind: yaml.MappingNode}
	if m != nil && m.Kind == yaml.MappingNode {
		nm.Style = m.Style & yaml.FlowStyle
		nm.Content = append(nm.Content, m.Content...)
	}
	for _, e := range edits {
		i := -1
		for j := 0; j+1 < len(nm.Content); j += 2 {
			if nm.Content[j].Value == e.Key {
				i = j
			}
		}
		switch {
		case i < 0 && e.Value != nil:
			nm.Content = append(nm.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: e.Key}, e.Value)
		case i >= 0 && e.Value == nil:
			nm.Content = append(nm.Content[:i:i], nm.Content[i+2:]...)
		case i >= 0:
			nm.Content[i+1] = e.Value
		}
	}
	if len(nm.Content) == 0 {
		return d.set(name, nil)
	}
	return d.set(name, nm)
}

// setBody replaces the body when it differs (line endings aside).
func (d *doc) setBody(body []byte) {
	body = meta.Normalize(body)
	if bytes.Equal(body, d.body) {
		return
	}
	text := strings.ReplaceAll(string(body), "\n", d.eol)
	// The closing line is kept even when it ends the file (no body, no
	// line ending: meta.Split then counts the body from that line).
	keep := d.lines[:min(max(d.bodyLine-1, d.closing), len(d.lines))]
	if n := len(keep); n > 0 && !strings.HasSuffix(keep[n-1], "\n") {
		keep[n-1] += d.eol
	}
	d.lines = append(keep[:len(keep):len(keep)], text)
}

// bytes applies the line operations, last lines first.
func (d *doc) bytes() []byte {
	sort.SliceStable(d.ops, func(i, j int) bool {
		a, b := d.ops[i], d.ops[j]
		if a.from != b.from {
			return a.from > b.from
		}
		ai, bi := a.to < a.from, b.to < b.from // insertions go after replacements
		if ai != bi {
			return bi
		}
		if a.tail != b.tail {
			return a.tail // applied first, so it ends up last
		}
		return a.seq > b.seq
	})
	lines := d.lines
	for _, o := range d.ops {
		repl := make([]string, len(o.text))
		for i, t := range o.text {
			repl[i] = t + d.eol
		}
		if o.to >= o.from && o.to <= len(lines) && !strings.HasSuffix(lines[o.to-1], "\n") && len(repl) > 0 {
			// The replaced line was the last and had no ending.
			repl[len(repl)-1] = strings.TrimSuffix(repl[len(repl)-1], d.eol)
		}
		from := min(o.from-1, len(lines))
		to := min(max(o.to, from), len(lines))
		lines = append(lines[:from:from], append(repl, lines[to:]...)...)
	}
	var b bytes.Buffer
	if d.bom {
		b.WriteString("\xef\xbb\xbf")
	}
	for _, l := range lines {
		b.WriteString(l)
	}
	return b.Bytes()
}

// entry writes key: value as lines at indentation ind. A block sequence
// puts its items where item (an item of the list it replaces) had them.
func entry(ind, key string, v, item *yaml.Node) ([]string, error) {
	if v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle == 0 && len(v.Content) > 0 {
		itemInd := ind + "  "
		if item != nil {
			itemInd = strings.Repeat(" ", max(item.Column-3, 0))
		}
		out := []string{ind + key + ":"}
		for _, it := range v.Content {
			s, err := inline(it)
			if err != nil {
				return nil, err
			}
			out = append(out, itemInd+"- "+s)
		}
		return out, nil
	}
	if v.Kind == yaml.MappingNode && v.Style&yaml.FlowStyle == 0 {
		out := []string{ind + key + ":"}
		for i := 0; i+1 < len(v.Content); i += 2 {
			more, err := entry(ind+"  ", v.Content[i].Value, v.Content[i+1], nil)
			if err != nil {
				return nil, err
			}
			out = append(out, more...)
		}
		return out, nil
	}
	if v.Kind == yaml.SequenceNode {
		v.Style |= yaml.FlowStyle
	}
	s, err := inline(v)
	if err != nil {
		return nil, err
	}
	return []string{ind + key + ": " + s}, nil
}

// inline encodes v on one line (a flow collection for a list or map).
func inline(v *yaml.Node) (string, error) {
	if v.Kind == yaml.ScalarNode && strings.ContainsAny(v.Value, "\n\r") {
		v.Style = yaml.DoubleQuotedStyle
	}
	if v.Kind != yaml.ScalarNode {
		v.Style |= yaml.FlowStyle
	}
	out, err := yaml.Marshal(v)
	if err != nil {
		return "", err
	}
	s := strings.TrimSuffix(string(out), "\n")
	if strings.Contains(s, "\n") {
		return "", fmt.Errorf("value does not fit on one line: %q", s)
	}
	return s, nil
}
