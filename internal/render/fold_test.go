package render

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
	"text/template/parse"

	"github.com/jiangninglu/showcase/internal/config"
)

// TestFoldWords: a theme whose calls of T and of Pure functions with a
// literal are folded into strings, and the strings into the text they
// print, prints what html/template prints for the same template unfolded,
// in every context; a formatted word still formats; an unknown key fails
// with T's own message.
func TestFoldWords(t *testing.T) {
	cfg := config.Default()
	cfg.BaseURL = "https://example.org/sub/"
	theme := func(story string) *Theme {
		fs := fstest.MapFS{
			"i18n/en.yaml":        {Data: []byte("hi: Hello & <bye>\ncount: \"%d stories\"\ncount_one: one story\npct: 100%\n")},
			"layouts/baseof.html": {Data: []byte(`{{define "baseof"}}{{block "main" .}}{{end}}{{end}}`)},
		}
		for _, k := range Kinds {
			fs["layouts/"+k+".html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{end}}`)}
		}
		fs["layouts/story.html"] = &fstest.MapFile{Data: []byte(story)}
		th, err := LoadTheme([]Layer{{FS: fs}}, "en", Funcs(cfg, nil), nil)
		if err != nil {
			t.Fatal(err)
		}
		return th
	}
	// The reference: the same template, run by html/template as it is,
	// with the theme's T.
	ref := func(tpl string) string {
		th := theme(`{{define "main"}}{{end}}`)
		fm := Funcs(cfg, nil)
		fm["T"] = th.T
		r := template.Must(template.New("").Funcs(fm).Parse(tpl))
		var b bytes.Buffer
		if err := r.Execute(&b, nil); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	for _, tpl := range []string{
		`{{T "hi"}}`,
		`<p title="{{T "hi"}}">`,
		`<p title={{T "hi"}}>`,
		`<title>{{T "hi"}}</title>`,
		`<a href="{{"/a b?c=1&d=<2>"}}">x</a>`,
		`<a href="/x?q={{T "hi"}}">x</a>`,
		`<script>var w = {{T "hi"}};</script>`,
		`<style>p::after { content: "{{T "hi"}}" }</style>`,
		`{{$w := T "hi"}}{{len $w}}`,
		`{{with T "hi"}}{{.}}{{end}}`,
		`{{T "hi" | print "x"}}`,
		`{{print (T "pct")}}`,
		`{{T "count" 3}} {{T "count" 1}}`,
		`<link href="{{relURL "/css/a b.css"}}"> {{absURL "/feed.xml"}} <img src="{{staticURL "logo.png"}}">`,
		`{{relURL (facetIndexURL "year")}}`,
	} {
		var b bytes.Buffer
		if _, err := theme(`{{define "main"}}`+tpl+`{{end}}`).Render(&b, &Data{Kind: "story"}); err != nil {
			t.Errorf("%s: %v", tpl, err)
		} else if want := ref(tpl); b.String() != want {
			t.Errorf("%s = %q, want %q", tpl, b.String(), want)
		}
	}
	// Folded twice: into the word, then into the text it prints. What
	// is left is text and the one action whose value is not fixed
	// (whatever html/template names its escapers).
	root := theme(`{{define "main"}}<p title="{{T "hi"}}">{{T "hi"}}{{T "count" 1}}</p>{{end}}`).kinds["story"].Lookup("main").Tree.Root
	var text strings.Builder
	actions := 0
	for _, n := range root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			text.Write(n.Text)
		case *parse.ActionNode:
			actions++
			text.WriteString("{{action}}")
		default:
			t.Errorf("folded tree holds %T %s", n, n)
		}
	}
	if want := `<p title="Hello &amp; &lt;bye&gt;">Hello &amp; &lt;bye&gt;{{action}}</p>`; text.String() != want || actions != 1 {
		t.Errorf("folded to %s, want %s", text.String(), want)
	}
	var b bytes.Buffer
	_, err := theme(`{{define "main"}}{{T "nope"}}{{end}}`).Render(&b, &Data{Kind: "story"})
	want := `template: story.html:1:19: executing "main" at <T "nope">: error calling T: no word "nope" in i18n/en.yaml`
	if err == nil || err.Error() != want {
		t.Errorf("unknown word: got %v, want %s", err, want)
	}
}
