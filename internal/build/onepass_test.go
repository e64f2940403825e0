package build

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"flag"
	"fmt"
	"hash"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
	"weak"

	"github.com/jiangninglu/showcase/internal/bench"
	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/render"
)

var updateOwnBodies = flag.Bool("update-own-bodies", false, "TestOwnTemplateShowsOtherBodies: write testdata/own-bodies.golden")

// onepassStories is more than a stream batch: some stories' HTML has been
// let go when later pages ask for it.
const onepassStories = 2*streamBatch + 44

// TestEachStoryRenderedOnce: a one-off build of a site of a few hundred
// stories renders each story's Markdown exactly once (and each other
// body once), and changes none of the content Load gave it.
func TestEachStoryRenderedOnce(t *testing.T) {
	dir := t.TempDir()
	if err := bench.Write(dir, onepassStories, 1); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex // guards renders
	renders := map[string]int{}
	testRendered = func(file string) {
		mu.Lock()
		renders[file]++
		mu.Unlock()
	}
	var cont *content.Content
	var before [32]byte
	testLoaded = func(c *content.Content) { cont, before = c, deepHash(c) }
	defer func() { testRendered, testLoaded = nil, nil }()

	opts := Options{Source: dir, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	res, err := Build(context.Background(), opts, discardWriter{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stories != onepassStories {
		t.Fatalf("built %d stories, want %d", res.Stories, onepassStories)
	}
	if len(renders) != onepassStories+1 { // and the home page's text
		t.Errorf("rendered %d bodies, want %d", len(renders), onepassStories+1)
	}
	for f, n := range renders {
		if n != 1 {
			t.Errorf("%s: Markdown rendered %d times, want once", f, n)
		}
	}
	if cont == nil || deepHash(cont) != before {
		t.Error("the loaded content changed during the build")
	}
}

// TestStoryPagesLetGo: a one-off build makes each story's page (its
// render.Data and the site view its template reads through) as the story
// renders, and nothing holds it once written: when the stream is at its
// last batch, every page of its first batch is gone. (Made up front, a
// site of 100,000 stories held 200,000 such objects and their output
// paths for the garbage collector to follow through the whole stream.)
func TestStoryPagesLetGo(t *testing.T) {
	dir := t.TempDir()
	if err := bench.Write(dir, onepassStories, 1); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex // guards the fields below
	data := make([]weak.Pointer[render.Data], onepassStories)
	views := make([]weak.Pointer[render.SiteView], onepassStories)
	live, checked := -1, false
	testStoryPage = func(i int, p *render.Page) {
		mu.Lock()
		defer mu.Unlock()
		if data[i] != (weak.Pointer[render.Data]{}) {
			t.Errorf("story %d: page written twice", i)
		}
		data[i], views[i] = weak.Make(p.Data), weak.Make(p.Data.Site)
		if i < 2*streamBatch || checked {
			return
		}
		checked = true
		runtime.GC()
		live = 0
		for j := range streamBatch {
			if data[j].Value() != nil || views[j].Value() != nil {
				live++
			}
		}
	}
	defer func() { testStoryPage = nil }()
	opts := Options{Source: dir, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	if _, err := Build(context.Background(), opts, discardWriter{}); err != nil {
		t.Fatal(err)
	}
	if !checked {
		t.Fatal("the stream never reached its last batch")
	}
	if live != 0 {
		t.Errorf("%d of the first batch's %d story pages still held at the last batch", live, streamBatch)
	}
}

// TestOwnTemplateShowsOtherBodies: a site's own story template that shows
// its neighbours' HTML and summaries, and the first story's HTML, on
// every story page (neighbours the stream has not reached yet, and ones
// whose HTML it has let go) builds the same bytes as the build of two
// pipelines did (testdata/own-bodies.golden, the hash of every file,
// written by that build), pages once minified whole as that build did.
func TestOwnTemplateShowsOtherBodies(t *testing.T) {
	dir := t.TempDir()
	if err := bench.Write(dir, onepassStories, 1); err != nil {
		t.Fatal(err)
	}
	own := `{{define "main"}}<article class="wrap"><h1>{{.Title}}</h1>{{.Content}}
<p>{{.Story.Summary}} · {{.Story.Chars}} · {{.Story.ReadingMinutes}}</p>
<nav>{{with .Prev}}<a href="{{relURL .URL}}">{{.Title}}</a><p>{{.Summary}}</p><div>{{.HTML}}</div>{{end}}
{{with .Next}}<a href="{{relURL .URL}}">{{.Title}}</a><p>{{.Summary}}</p><div>{{.HTML}}</div>{{range .TOC}}<i>{{.ID}}</i>{{end}}{{end}}</nav>
{{with index .Site.Stories 0}}<aside>{{.HTML}}</aside>{{end}}</article>{{end}}
`
	if err := os.MkdirAll(filepath.Join(dir, "layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "layouts", "story.html"), []byte(own), 0o644); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex // guards renders
	renders := 0
	testRendered = func(string) { mu.Lock(); renders++; mu.Unlock() }
	defer func() { testRendered = nil }()
	opts := Options{Source: dir, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	snap, _, err := NewBuilder(opts, false).Snapshot(context.Background(), Changes{All: true})
	if err != nil {
		t.Fatal(err)
	}
	// Each story once, and again each Prev whose HTML was let go when the
	// batch before it ended; the first story's, once a batch.
	if max := 2*onepassStories + onepassStories/streamBatch + 2; renders > max {
		t.Errorf("%d bodies rendered, want at most %d", renders, max)
	}
	var b strings.Builder
	names := make([]string, 0, len(snap))
	for n := range snap {
		names = append(names, n)
	}
	sort.Strings(names)
	// Pages are written from templates minified as they were loaded
	// (minifier.template), that build minified each page whole: the
	// same page is the same once minified whole.
	m := newMinifier(true)
	for _, n := range names {
		data := snap[n]
		if strings.HasSuffix(n, ".html") {
			if data, err = m.bytes("text/html", data); err != nil {
				t.Fatal(err)
			}
		}
		fmt.Fprintf(&b, "%x %s\n", sha256.Sum256(data), n)
	}
	golden := filepath.Join("testdata", "own-bodies.golden")
	if *updateOwnBodies {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != string(want) {
		g, w := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range min(len(g), len(w)) {
			if g[i] != w[i] {
				t.Fatalf("differs from %s at line %d: got %q, want %q", golden, i+1, g[i], w[i])
			}
		}
		t.Fatalf("differs from %s: %d lines, want %d", golden, len(g), len(w))
	}
	page := string(snap["stories/story-00002/index.html"])
	if !strings.Contains(page, "<aside>") || strings.Count(page, "<h2") < 3 {
		t.Errorf("a story page lacks the other stories' HTML:\n%s", page)
	}
}

type discardWriter struct{}

func (discardWriter) WriteFile(string, []byte) error { return nil }

// deepHash hashes every value reachable from v: fields exported or not,
// elements, map entries in the order of their keys, what pointers point
// to (once each).
func deepHash(v any) [32]byte {
	h := sha256.New()
	deepWalk(h, reflect.ValueOf(v), map[uintptr]bool{})
	return [32]byte(h.Sum(nil))
}

func deepWalk(h hash.Hash, v reflect.Value, seen map[uintptr]bool) {
	var buf [8]byte
	num := func(u uint64) { binary.LittleEndian.PutUint64(buf[:], u); h.Write(buf[:]) }
	if !v.IsValid() {
		num(0xdead)
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			num(1)
		} else {
			num(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		num(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		num(v.Uint())
	case reflect.Float32, reflect.Float64:
		num(math.Float64bits(v.Float()))
	case reflect.String:
		num(uint64(v.Len()))
		h.Write([]byte(v.String()))
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			num(0xdead)
			return
		}
		num(uint64(v.Len()))
		for i := range v.Len() {
			deepWalk(h, v.Index(i), seen)
		}
	case reflect.Map:
		num(uint64(v.Len()))
		ks := v.MapKeys()
		slices.SortFunc(ks, func(a, b reflect.Value) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		for _, k := range ks {
			deepWalk(h, k, seen)
			deepWalk(h, v.MapIndex(k), seen)
		}
	case reflect.Pointer:
		if v.IsNil() {
			num(0xdead)
			return
		}
		num(uint64(v.Pointer()))
		if seen[v.Pointer()] {
			return
		}
		seen[v.Pointer()] = true
		deepWalk(h, v.Elem(), seen)
	case reflect.Interface:
		if v.IsNil() {
			num(0xdead)
			return
		}
		h.Write([]byte(v.Elem().Type().String()))
		deepWalk(h, v.Elem(), seen)
	case reflect.Struct:
		for i := range v.NumField() {
			deepWalk(h, v.Field(i), seen)
		}
	default:
		num(uint64(v.Pointer()))
	}
}
