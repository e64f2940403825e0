package search_test

import (
	"bytes"
	"reflect"
	"runtime"
	"testing"

	"github.com/jiangninglu/showcase/internal/search"
)

// TestCacheEqualsIndex: an Indexer with a Cache gives the bytes Index
// gives, whether it reads the Docs or takes them from the Cache, with
// another number of goroutines than filled it, and after stories changed.
func TestCacheEqualsIndex(t *testing.T) {
	s := syntheticSite(700)
	cache := new(search.Cache)
	check := func(name string, docs []*search.Doc) {
		t.Helper()
		var plain search.Indexer
		plain.Add(docs)
		want, err := plain.Files()
		if err != nil {
			t.Fatal(err)
		}
		ix := search.Indexer{Cache: cache}
		ix.Add(docs[:100]) // a batch at a time, as a build may give them
		ix.Add(docs[100:])
		got, err := ix.Files()
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d files, want %d", name, len(got), len(want))
		}
		for n, b := range want {
			if !bytes.Equal(got[n], b) {
				t.Errorf("%s: %s differs", name, n)
			}
		}
	}
	docs := search.Docs(s.Stories)
	check("first", docs)
	old := runtime.GOMAXPROCS(3)
	check("cached, 3 goroutines", docs)
	runtime.GOMAXPROCS(old)
	// A retitled story, a new body, one deleted, one made a draft.
	docs[5].Title += " 新标题"
	docs[9].HTML = "<p>全新的内容 brand new words</p>"
	docs = append(docs[:20], docs[21:]...)
	docs[30].Draft = true
	check("changed", docs)
}

// TestDocKey: a change to any field of a Doc changes its Key (the key
// of the Cache, which must not miss a field the index reads).
func TestDocKey(t *testing.T) {
	base := search.Doc{Title: "t", URL: "/stories/t/", Summary: "s", HTML: "<p>h</p>",
		Params: map[string]any{"a": "x"}, Neighborhood: "n", Project: "p", Track: "k", Award: "w",
		Leads: []string{"l"}, Tags: []string{"g"}}
	v := reflect.ValueOf(&base).Elem()
	for i := range v.NumField() {
		d := base
		f := reflect.ValueOf(&d).Elem().Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString(f.String() + "2")
		case reflect.Bool:
			f.SetBool(!f.Bool())
		case reflect.Slice:
			f.Set(reflect.ValueOf([]string{"l", "g"}))
		case reflect.Interface:
			f.Set(reflect.ValueOf(map[string]any{"a": "y"}))
		default:
			t.Fatalf("field %s: kind %s not covered by this test", v.Type().Field(i).Name, f.Kind())
		}
		if d.Key() == base.Key() {
			t.Errorf("a change to %s leaves the key", v.Type().Field(i).Name)
		}
	}
}
