package meta

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"

	"github.com/jiangninglu/showcase/internal/diag"
)

// SyntaxError is a front matter that does not parse. Line and Col are file
// positions (0 when the parser gave none).
type SyntaxError struct {
	Line, Col int
	Msg       diag.Msg
}

func (e *SyntaxError) Error() string     { return e.Msg.String() }
func (e *SyntaxError) Message() diag.Msg { return e.Msg }

// Decode parses data in format f into a Node tree; line is the file line on
// which data starts, added to every position.
func Decode(f Format, data []byte, line int) (*Node, error) {
	switch f {
	case YAML:
		return decodeYAML(data, line)
	case JSON:
		return decodeJSON(data, line)
	case TOML:
		return decodeTOML(data, line)
	}
	return nil, diag.NewError("frontmatter-format", diag.Quote(f))
}

// DecodeYAML parses a YAML document, e.g. showcase.yaml.
func DecodeYAML(data []byte) (*Node, error) { return decodeYAML(data, 1) }

func decodeYAML(data []byte, line int) (*Node, error) {
	if i := tabIndent(data); i > 0 {
		return nil, &SyntaxError{Line: line + i - 1, Col: 1, Msg: diag.M("yaml-tab")}
	}
	if err := checkYAML(data, line); err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(err, data, line)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return &Node{Kind: Map, Line: line, Col: 1}, nil
	}
	budget := maxNodes
	return fromYAML(doc.Content[0], line-1, 1, &budget)
}

// tabIndent returns the 1-based line of the first line indented with a tab.
func tabIndent(data []byte) int {
	n := 1
	for len(data) > 0 {
		l, rest, _ := bytes.Cut(data, []byte("\n"))
		t := bytes.TrimLeft(l, " ")
		if len(t) > 0 && t[0] == '\t' && len(bytes.TrimSpace(t)) > 0 {
			return n
		}
		data = rest
		n++
	}
	return 0
}

// yamlError turns yaml.v3's "yaml: line N: msg" into a positioned error,
// said in the site's language with a hint (see explainYAML). yaml.v3
// exposes no structured position for syntax errors, so this one message
// format is parsed; anything else is passed on whole.
func yamlError(err error, data []byte, line int) error {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	n := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, text, ok := strings.Cut(rest, ": "); ok {
			if v, err := strconv.Atoi(num); err == nil {
				if contextLine(text) {
					v++
				}
				n, msg = v, text
			}
		}
	}
	m, n := explainYAML(msg, data, n)
	return &SyntaxError{Line: line + max(n, 1) - 1, Msg: m}
}

// contextLine reports whether yaml.v3 gave the 0-based line of the
// construct's start rather than the 1-based line of the problem: it does so
// for the parser (not scanner) errors below.
func contextLine(msg string) bool {
	for _, p := range []string{"key", "',' or ']'", "',' or '}'", "'-' indicator", "node content", "<document start>"} {
		if msg == "did not find expected "+p {
			return true
		}
	}
	return false
}

// fromYAML converts y, at the given depth of nesting (the document's own
// value is at 1), within budget values.
func fromYAML(y *yaml.Node, off, depth int, budget *int) (*Node, error) {
	*budget--
	if *budget < 0 {
		return nil, &SyntaxError{Line: y.Line + off, Col: y.Column, Msg: diag.M("yaml-too-many")}
	}
	n := &Node{Line: y.Line + off, Col: y.Column}
	if (y.Kind == yaml.SequenceNode || y.Kind == yaml.MappingNode) && depth > MaxDepth {
		return nil, tooDeep(n.Line, n.Col)
	}
	switch y.Kind {
	case yaml.AliasNode:
		v, err := fromYAML(y.Alias, off, depth, budget)
		if err != nil {
			return nil, err
		}
		c := *v
		c.Line, c.Col = n.Line, n.Col
		return &c, nil
	case yaml.DocumentNode:
		if len(y.Content) == 0 {
			n.Kind = Null
			return n, nil
		}
		return fromYAML(y.Content[0], off, depth, budget)
	case yaml.SequenceNode:
		n.Kind, n.Flow = List, y.Style&yaml.FlowStyle != 0
		n.List = make([]*Node, 0, len(y.Content))
		for _, c := range y.Content {
			v, err := fromYAML(c, off, depth+1, budget)
			if err != nil {
				return nil, err
			}
			n.List = append(n.List, v)
		}
	case yaml.MappingNode:
		n.Kind = Map
		n.Map = make([]Pair, 0, len(y.Content)/2)
		// A key said twice is found in the pairs so far; a map of them
		// only for a long mapping.
		var seen map[string]int // key -> line
		if len(y.Content) > 2*smallMap {
			seen = make(map[string]int, len(y.Content)/2)
		}
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, vn := y.Content[i], y.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
				return nil, &SyntaxError{Line: k.Line + off, Col: k.Column, Msg: diag.M("yaml-merge-key")}
			}
			if k.Kind != yaml.ScalarNode {
				return nil, &SyntaxError{Line: k.Line + off, Col: k.Column, Msg: diag.M("key-not-text")}
			}
			if first, ok := pairLine(n.Map, seen, k.Value); ok {
				return nil, &SyntaxError{Line: k.Line + off, Col: k.Column, Msg: diag.M("key-twice", diag.Quote(k.Value), first)}
			}
			if seen != nil {
				seen[k.Value] = k.Line + off
			}
			v, err := fromYAML(vn, off, depth+1, budget)
			if err != nil {
				return nil, err
			}
			n.Map = append(n.Map, Pair{Key: k.Value, Line: k.Line + off, Col: k.Column, Value: v})
		}
	case yaml.ScalarNode:
		n.Str = y.Value
		switch y.ShortTag() {
		case "!!null":
			n.Kind = Null
		case "!!bool":
			n.Kind = Bool
			n.Bool = y.Value == "true" || y.Value == "True" || y.Value == "TRUE"
		case "!!int":
			n.Kind = Int
			i, err := strconv.ParseInt(strings.ReplaceAll(y.Value, "_", ""), 0, 64)
			if err != nil {
				n.Kind = Float
				f, _ := strconv.ParseFloat(y.Value, 64)
				n.Num = f
			} else {
				n.Num = float64(i)
			}
		case "!!float":
			n.Kind = Float
			switch strings.ToLower(y.Value) {
			case ".nan":
				n.Num = math.NaN()
			case ".inf", "+.inf":
				n.Num = math.Inf(1)
			case "-.inf":
				n.Num = math.Inf(-1)
			default:
				f, err := strconv.ParseFloat(strings.ReplaceAll(y.Value, "_", ""), 64)
				if err != nil {
					n.Kind = String
				}
				n.Num = f
			}
		case "!!timestamp":
			n.Kind = Time
		default:
			n.Kind = String
		}
	}
	return n, nil
}

// smallMap is the longest mapping whose keys fromYAML checks for a
// repeat by reading its pairs, not through a map.
const smallMap = 16

// pairLine returns the line of key among pairs, or in seen when it is not
// nil (a long mapping's keys).
func pairLine(pairs []Pair, seen map[string]int, key string) (int, bool) {
	if seen != nil {
		l, ok := seen[key]
		return l, ok
	}
	for _, p := range pairs {
		if p.Key == key {
			return p.Line, true
		}
	}
	return 0, false
}

// DecodeJSON parses JSON, keeping positions of keys and values.
func decodeJSON(data []byte, line int) (*Node, error) {
	if err := checkJSON(data, line); err != nil {
		return nil, err
	}
	d := &jsonDecoder{dec: json.NewDecoder(bytes.NewReader(data)), data: data, line: line, budget: maxNodes}
	d.dec.UseNumber()
	n, err := d.value()
	if err != nil {
		return nil, err
	}
	if _, err := d.dec.Token(); err != io.EOF {
		l, c := d.pos(int(d.dec.InputOffset()))
		return nil, &SyntaxError{Line: l, Col: c, Msg: diag.M("json-trailing")}
	}
	return n, nil
}

type jsonDecoder struct {
	dec    *json.Decoder
	data   []byte
	line   int
	budget int
	// A cursor for pos, which is asked for ever later offsets: counting
	// lines from the start each time would be quadratic.
	at, atLine, atLineStart int
}

// pos converts a byte offset into a file position, skipping the whitespace
// and separators that the decoder's offset may point before.
func (d *jsonDecoder) pos(off int) (int, int) {
	for off < len(d.data) {
		c := d.data[off]
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != ',' && c != ':' {
			break
		}
		off++
	}
	off = min(off, len(d.data))
	if off < d.at {
		d.at, d.atLine, d.atLineStart = 0, 0, 0
	}
	for i := d.at; i < off; i++ {
		if d.data[i] == '\n' {
			d.atLine++
			d.atLineStart = i + 1
		}
	}
	d.at = off
	return d.line + d.atLine, off - d.atLineStart + 1
}

func (d *jsonDecoder) err(off int, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = int(se.Offset) - 1
	}
	l, c := d.pos(max(off, 0))
	var msg any = err.Error()
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		msg = diag.M("json-eof")
	}
	return &SyntaxError{Line: l, Col: c, Msg: diag.M("json-syntax", msg)}
}

func (d *jsonDecoder) value() (*Node, error) {
	d.budget--
	if d.budget < 0 {
		return nil, &SyntaxError{Line: d.line, Msg: diag.M("json-too-many")}
	}
	off := int(d.dec.InputOffset())
	tok, err := d.dec.Token()
	if err != nil {
		return nil, d.err(off, err)
	}
	l, c := d.pos(off)
	n := &Node{Line: l, Col: c}
	switch t := tok.(type) {
	case nil:
		n.Kind = Null
	case bool:
		n.Kind, n.Bool, n.Str = Bool, t, strconv.FormatBool(t)
	case json.Number:
		n.Str = t.String()
		if i, err := t.Int64(); err == nil {
			n.Kind, n.Num = Int, float64(i)
		} else {
			f, err := t.Float64()
			if err != nil {
				return nil, &SyntaxError{Line: l, Col: c, Msg: diag.M("json-number-range", t.String())}
			}
			n.Kind, n.Num = Float, f
		}
	case string:
		n.Kind, n.Str = String, t
	case json.Delim:
		switch t {
		case '[':
			n.Kind = List
			for d.dec.More() {
				v, err := d.value()
				if err != nil {
					return nil, err
				}
				n.List = append(n.List, v)
			}
		case '{':
			n.Kind = Map
			seen := map[string]int{} // key -> line
			for d.dec.More() {
				koff := int(d.dec.InputOffset())
				kt, err := d.dec.Token()
				if err != nil {
					return nil, d.err(koff, err)
				}
				key, _ := kt.(string)
				kl, kc := d.pos(koff)
				if first, ok := seen[key]; ok {
					return nil, &SyntaxError{Line: kl, Col: kc, Msg: diag.M("key-twice", diag.Quote(key), first)}
				}
				seen[key] = kl
				v, err := d.value()
				if err != nil {
					return nil, err
				}
				n.Map = append(n.Map, Pair{Key: key, Line: kl, Col: kc, Value: v})
			}
		}
		eoff := int(d.dec.InputOffset())
		if _, err := d.dec.Token(); err != nil { // the closing delimiter
			return nil, d.err(eoff, err)
		}
	}
	return n, nil
}

// decodeTOML parses TOML. BurntSushi/toml keeps key positions private, so
// keys are located by a scan of the source (tomlLines); values get their
// key's position.
func decodeTOML(data []byte, line int) (*Node, error) {
	if err := checkTOML(data, line); err != nil {
		return nil, err
	}
	var m map[string]any
	if _, err := toml.Decode(string(data), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			m, at := explainTOML(pe.Message, data, pe.Position.Line)
			col := pe.Position.Col
			if at != pe.Position.Line {
				col = 0 // the cause is on an earlier line
			}
			return nil, &SyntaxError{Line: line + at - 1, Col: col, Msg: m}
		}
		return nil, &SyntaxError{Line: line, Msg: diag.M("toml-syntax", err.Error())}
	}
	lines := tomlLines(data)
	return fromTOML(m, "", line, 1, lines, line), nil
}

// tomlLines maps dotted key paths ("metrics.participants") to the 1-based
// line within data where they are set.
func tomlLines(data []byte) map[string]int {
	out := map[string]int{}
	table := ""
	for i, l := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(l)
		switch {
		case t == "" || t[0] == '#':
		case strings.HasPrefix(t, "[["):
			table = unquoteKey(strings.Trim(t, "[] "))
			if _, ok := out[table]; !ok {
				out[table] = i + 1
			}
		case t[0] == '[':
			end := strings.IndexByte(t, ']')
			if end > 0 {
				table = unquoteKey(t[1:end])
				if _, ok := out[table]; !ok {
					out[table] = i + 1
				}
			}
		default:
			k, _, ok := strings.Cut(t, "=")
			if !ok {
				continue
			}
			k = unquoteKey(k)
			if table != "" {
				k = table + "." + k
			}
			if _, ok := out[k]; !ok {
				out[k] = i + 1
			}
		}
	}
	return out
}

func unquoteKey(k string) string {
	parts := strings.Split(strings.TrimSpace(k), ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}

func fromTOML(v any, path string, base, col int, lines map[string]int, at int) *Node {
	n := &Node{Line: at, Col: col}
	switch t := v.(type) {
	case map[string]any:
		n.Kind = Map
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		// Source order: by the line each key was found on.
		full := func(k string) string {
			if path == "" {
				return k
			}
			return path + "." + k
		}
		sortKeys(keys, func(k string) int { return lines[full(k)] })
		for _, k := range keys {
			kl := at
			if l, ok := lines[full(k)]; ok {
				kl = base + l - 1
			}
			n.Map = append(n.Map, Pair{Key: k, Line: kl, Col: 1, Value: fromTOML(t[k], full(k), base, 1, lines, kl)})
		}
	case []any:
		n.Kind = List
		for _, e := range t {
			n.List = append(n.List, fromTOML(e, path, base, col, lines, at))
		}
	case []map[string]any:
		n.Kind = List
		for _, e := range t {
			n.List = append(n.List, fromTOML(e, path, base, col, lines, at))
		}
	case string:
		n.Kind, n.Str = String, t
	case bool:
		n.Kind, n.Bool, n.Str = Bool, t, strconv.FormatBool(t)
	case int64:
		n.Kind, n.Num, n.Str = Int, float64(t), strconv.FormatInt(t, 10)
	case float64:
		n.Kind, n.Num, n.Str = Float, t, strconv.FormatFloat(t, 'g', -1, 64)
	case time.Time:
		// BurntSushi marks local dates and times with named locations.
		switch t.Location().String() {
		case "date-local":
			n.Kind, n.Str = Time, t.Format(time.DateOnly)
		case "datetime-local":
			n.Kind, n.Str = Time, t.Format("2006-01-02T15:04:05.999999999")
		case "time-local":
			n.Kind, n.Str = String, t.Format(time.TimeOnly)
		default:
			n.Kind, n.Str = Time, t.Format(time.RFC3339Nano)
		}
	default:
		n.Kind, n.Str = String, fmt.Sprint(t)
	}
	return n
}

// sortKeys orders keys by the line each was found on, then by name.
func sortKeys(keys []string, line func(string) int) {
	type keyLine struct {
		key  string
		line int
	}
	kl := make([]keyLine, len(keys))
	for i, k := range keys {
		kl[i] = keyLine{k, line(k)}
	}
	slices.SortFunc(kl, func(a, b keyLine) int {
		return cmp.Or(cmp.Compare(a.line, b.line), strings.Compare(a.key, b.key))
	})
	for i := range kl {
		keys[i] = kl[i].key
	}
}
