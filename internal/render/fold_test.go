package render

import (
	"bytes"
	"testing"
	"testing/fstest"

	"github.com/jiangninglu/showcase/internal/config"
)

// TestFoldWords: T with a literal key gives its word whether or not the
// call was folded, in text, attributes and pipelines alike; a formatted
// word still formats; an unknown key fails with T's own message.
func TestFoldWords(t *testing.T) {
	theme := func(story string) *Theme {
		fs := fstest.MapFS{
			"i18n/en.yaml":        {Data: []byte("hi: Hello & <bye>\ncount: \"%d stories\"\ncount_one: one story\npct: 100%\n")},
			"layouts/baseof.html": {Data: []byte(`{{define "baseof"}}{{block "main" .}}{{end}}{{end}}`)},
		}
		for _, k := range Kinds {
			fs["layouts/"+k+".html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{end}}`)}
		}
		fs["layouts/story.html"] = &fstest.MapFile{Data: []byte(story)}
		th, err := LoadTheme([]Layer{{FS: fs}}, "en", Funcs(config.Default()))
		if err != nil {
			t.Fatal(err)
		}
		return th
	}
	for _, c := range []struct{ tpl, want string }{
		{`{{T "hi"}}`, "Hello &amp; &lt;bye&gt;"},
		{`<p title="{{T "hi"}}">`, `<p title="Hello &amp; &lt;bye&gt;">`},
		{`{{$w := T "hi"}}{{len $w}}`, "13"},
		{`{{with T "hi"}}{{.}}{{end}}`, "Hello &amp; &lt;bye&gt;"},
		{`{{T "hi" | print "x"}}`, "xHello &amp; &lt;bye&gt;"},
		{`{{print (T "pct")}}`, "100%"},
		{`{{T "count" 3}} {{T "count" 1}}`, "3 stories one story"},
	} {
		var b bytes.Buffer
		if err := theme(`{{define "main"}}`+c.tpl+`{{end}}`).Render(&b, &Data{Kind: "story"}); err != nil {
			t.Errorf("%s: %v", c.tpl, err)
		} else if b.String() != c.want {
			t.Errorf("%s = %q, want %q", c.tpl, b.String(), c.want)
		}
	}
	folded := theme(`{{define "main"}}{{T "hi"}}{{T "count" 1}}{{end}}`).kinds["story"].Lookup("main").Tree.Root.String()
	if want := `{{"Hello & <bye>"}}{{T "count" 1}}`; folded != want {
		t.Errorf("folded to %s, want %s", folded, want)
	}
	var b bytes.Buffer
	err := theme(`{{define "main"}}{{T "nope"}}{{end}}`).Render(&b, &Data{Kind: "story"})
	want := `template: story.html:1:19: executing "main" at <T "nope">: error calling T: no word "nope" in i18n/en.yaml`
	if err == nil || err.Error() != want {
		t.Errorf("unknown word: got %v, want %s", err, want)
	}
}
