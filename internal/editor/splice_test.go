package editor

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
	"gopkg.in/yaml.v3"
)

// TestSplice runs the cases in testdata/splice: a file (in), edits written
// as YAML (a null value removes the key), an optional new body, and the
// file expected (out). Each case runs as written and again with a
// byte-order mark and CRLF line endings, which must be kept.
func TestSplice(t *testing.T) {
	files, _ := filepath.Glob("testdata/splice/*.txtar")
	if len(files) == 0 {
		t.Fatal("no cases")
	}
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		sec := map[string][]byte{}
		for _, f := range ar.Files {
			sec[f.Name] = f.Data
		}
		var body []byte
		if b, ok := sec["body"]; ok {
			body = b
		}
		for _, crlf := range []bool{false, true} {
			name := strings.TrimSuffix(filepath.Base(file), ".txtar")
			in, want, bd := sec["in"], sec["out"], body
			if crlf {
				name += "/bom+crlf"
				in, want = bomCRLF(in), bomCRLF(want)
				if bd != nil {
					bd = bytes.ReplaceAll(bd, []byte("\n"), []byte("\r\n")) // as a browser sends a textarea
				}
			}
			t.Run(name, func(t *testing.T) {
				got, err := Splice(in, parseEdits(t, sec["edits"]), bd)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("got:\n%q\nwant:\n%q", got, want)
				}
			})
		}
	}
}

func bomCRLF(b []byte) []byte {
	return append([]byte("\xef\xbb\xbf"), bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))...)
}

// parseEdits reads edits written as a YAML map, in order; styles are
// cleared so that Splice chooses them.
func parseEdits(t *testing.T, data []byte) []Edit {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	m := doc.Content[0]
	var out []Edit
	for i := 0; i+1 < len(m.Content); i += 2 {
		v := m.Content[i+1]
		if v.Tag == "!!null" {
			v = nil
		} else {
			clearStyle(v)
		}
		out = append(out, Edit{Key: m.Content[i].Value, Value: v})
	}
	return out
}

func clearStyle(n *yaml.Node) {
	n.Style = 0
	n.Line, n.Column = 0, 0
	if n.Kind == yaml.ScalarNode && n.Tag != "!!str" {
		n.Tag = ""
	}
	for _, c := range n.Content {
		clearStyle(c)
	}
}

// TestSpliceKeepsUntouchedBytes: a change to one value leaves every other
// byte of a BOM, CRLF file with odd spacing and comments as it was, and a
// body sent back unchanged (as a browser sends it, CRLF) is not rewritten.
func TestSpliceKeepsUntouchedBytes(t *testing.T) {
	in := "\ufeff---\r\n#  注释  \r\ntitle:    甲   # x\r\nmetrics:\r\n    participants:  10\r\n\r\ntags:\r\n- a\r\n- b\r\n---\r\n\r\n正文\n混合的行尾\r\n"
	got, err := Splice([]byte(in), []Edit{{Key: "metrics.participants", Value: &yaml.Node{Kind: yaml.ScalarNode, Value: "11"}}}, []byte("\r\n正文\r\n混合的行尾\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(in, "participants:  10", "participants:  11", 1)
	if string(got) != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	// An indentless block list is replaced as a whole, items where they were.
	got, err = Splice([]byte(in), []Edit{{Key: "tags", Value: &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: "c"}}}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Replace(in, "tags:\r\n- a\r\n- b\r\n", "tags:\r\n- c\r\n", 1); string(got) != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestSpliceRefusesTOML(t *testing.T) {
	_, err := Splice([]byte("+++\ntitle = \"甲\"\n+++\n"), []Edit{{Key: "title", Value: &yaml.Node{Kind: yaml.ScalarNode, Value: "乙"}}}, nil)
	if err != ErrNotYAML {
		t.Fatalf("err = %v, want ErrNotYAML", err)
	}
}
