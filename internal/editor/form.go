package editor

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"

	"github.com/jiangninglu/showcase/internal/config"
)

// kind is how a front-matter key is edited and written.
type kind int

const (
	kText  kind = iota // a string
	kLong              // a string in a textarea
	kFacet             // a string, with the site's values suggested
	kDate
	kInt
	kList      // a list of strings, typed as one line
	kFacetList // tags
	kBool
	kNumber // a metric
)

// field is one key of the form, in the order shown.
type field struct {
	key  string
	kind kind
	hint string // texts key, or ""
}

// view is f's input on the form, labelled with the texts t.
func (f field) view(t map[string]string) fieldView {
	fv := fieldView{Name: f.key, Label: t[f.key], Hint: t[f.hint], Input: "text"}
	switch f.kind {
	case kLong:
		fv.Input = "textarea"
	case kDate:
		fv.Input = "date"
	case kBool:
		fv.Input = "checkbox"
	case kFacet, kFacetList:
		fv.List = "list-" + f.key // the site's values
	}
	return fv
}

// storyFields are the story's front-matter keys the form edits, named as
// in the file (params is left to text editors).
var storyFields = []field{
	{"title", kText, ""},
	{"slug", kText, "slugHint"},
	{"date", kDate, ""},
	{"year", kInt, "yearHint"},
	{"leads", kList, "listHint"},
	{"neighborhood", kFacet, ""},
	{"project", kFacet, ""},
	{"track", kFacet, ""},
	{"award", kFacet, ""},
	{"tags", kFacetList, "listHint"},
	{"summary", kLong, "summaryHint"},
	{"cover", kText, ""},
	{"cover_alt", kText, ""},
	{"draft", kBool, ""},
	{"weight", kInt, ""},
}

// facetKeys are the fields checked for near-duplicate values.
var facetKeys = []string{"neighborhood", "track", "award", "tags"}

// metricFields are the declared story metrics, as fields named
// metrics.KEY. Programme figures (scope: programme) are a report's, and
// are edited in the report's form.
func metricFields(cfg *config.Config) []field {
	var out []field
	for _, m := range storyMetrics(cfg) {
		out = append(out, field{key: "metrics." + m.Key, kind: kNumber})
	}
	return out
}

// storyMetrics are the declared metrics a story may give.
func storyMetrics(cfg *config.Config) []config.Metric {
	var out []config.Metric
	for _, m := range cfg.Metrics {
		if !m.Programme() {
			out = append(out, m)
		}
	}
	return out
}

// values are form fields' texts by name, as shown in the form.
type values map[string]string

// fileValues reads the form's texts from a story's YAML front matter: a
// scalar as written, a list joined with sep.
func fileValues(root *yaml.Node, fields []field, sep string) values {
	v := values{}
	for _, f := range fields {
		n := root
		key := f.key
		if m, k, ok := mapKey(key); ok {
			_, n = lookup(root, m)
			key = k
		}
		_, n = lookup(n, key)
		if n == nil {
			continue
		}
		switch n.Kind {
		case yaml.ScalarNode:
			if n.Tag != "!!null" {
				v[f.key] = n.Value
			}
		case yaml.SequenceNode:
			var items []string
			for _, it := range n.Content {
				items = append(items, it.Value)
			}
			v[f.key] = strings.Join(items, sep)
		}
	}
	return v
}

// splitList reads a list typed on one line: items separated by commas
// (ASCII or full-width) or the enumeration comma 、.
func splitList(s string) []string {
	var out []string
	for _, it := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
		if it = strings.TrimSpace(it); it != "" {
			out = append(out, it)
		}
	}
	return out
}

var (
	reInt    = regexp.MustCompile(`^-?[0-9]+$`)
	reNumber = regexp.MustCompile(`^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$`)
	reDate   = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?([Zz]|[-+][0-9]{2}:[0-9]{2})?)?$`)
)

// node is the YAML value for a form text of kind k. Text that is not of
// the kind's shape (many for a number) is written as a string, so that
// the build's own check says what is wrong with it.
func node(k kind, s string) *yaml.Node {
	plain := func(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: s} }
	str := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	switch k {
	case kInt:
		if reInt.MatchString(s) {
			return plain(s)
		}
	case kNumber:
		if reNumber.MatchString(s) {
			return plain(s)
		}
	case kDate:
		if reDate.MatchString(s) {
			return plain(s)
		}
	case kBool:
		return plain(s)
	case kList, kFacetList:
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, it := range splitList(s) {
			seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: it})
		}
		return seq
	}
	return str
}

// edits compares the form's texts with the file's and returns the edits
// that make the file say what the form says; untouched fields make none.
func edits(fields []field, old, form values) []Edit {
	var out []Edit
	for _, f := range fields {
		a, b := strings.TrimSpace(old[f.key]), strings.TrimSpace(form[f.key])
		switch f.kind {
		case kList, kFacetList:
			if slices.Equal(splitList(a), splitList(b)) {
				continue
			}
			if len(splitList(b)) == 0 {
				out = append(out, Edit{Key: f.key})
				continue
			}
		case kBool:
			if (a == "true") == (b == "true") {
				continue
			}
		default:
			if a == b {
				continue
			}
			if b == "" {
				out = append(out, Edit{Key: f.key})
				continue
			}
		}
		out = append(out, Edit{Key: f.key, Value: node(f.kind, b)})
	}
	return out
}

var folder = cases.Fold()

// fold is what two facet values that look the same share: compatibility
// forms unified (full-width letters, ideograph variants), case folded,
// spaces dropped.
func fold(s string) string {
	s = folder.String(norm.NFKC.String(s))
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
