package render

import (
	"bytes"
	"testing"
	"testing/fstest"

	"github.com/jiangninglu/showcase/internal/config"
)

// TestMinifiedKeepsActions: a theme is minified as it is loaded only when
// the minifier changed nothing but the text between actions; otherwise it
// is left as written.
func TestMinifiedKeepsActions(t *testing.T) {
	fs := fstest.MapFS{
		"i18n/en.yaml":        {Data: []byte("x: x\n")},
		"layouts/baseof.html": {Data: []byte("{{define \"baseof\"}}\n<main>\n  {{block \"main\" .}}{{end}}\n</main>{{end}}")},
	}
	for _, k := range Kinds {
		fs["layouts/"+k+".html"] = &fstest.MapFile{Data: []byte("{{define \"main\"}}\n  <h1>\n    {{.Title}}\n  </h1>\n  {{if .Title}}<p>{{T \"x\"}}</p>{{end}}{{end}}")}
	}
	for _, c := range []struct {
		name     string
		minify   func([]byte) ([]byte, error)
		minified bool
	}{
		{"text only", func(b []byte) ([]byte, error) {
			return bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("\n"), nil), []byte("  "), nil), nil
		}, true},
		{"an action lost", func(b []byte) ([]byte, error) { return bytes.ReplaceAll(b, []byte("{{.Title}}"), nil), nil }, false},
		{"an action changed", func(b []byte) ([]byte, error) { return bytes.ReplaceAll(b, []byte(`"x"`), []byte(`"y"`)), nil }, false},
		{"not read", func(b []byte) ([]byte, error) { return nil, bytes.ErrTooLarge }, false},
	} {
		th, err := LoadTheme([]Layer{{FS: fs}}, "en", Funcs(config.Default(), nil), c.minify)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if th.Minified() != c.minified {
			t.Errorf("%s: Minified() = %v", c.name, th.Minified())
		}
	}
}
