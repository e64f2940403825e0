package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"math/rand/v2"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/site"
)

// referenceIndex is Index written plainly, one story after another, with
// maps and json.Marshal: what Index must write, byte for byte.
func referenceIndex(s *site.Site) map[string][]byte {
	var stories []*site.Story
	for _, st := range s.Stories {
		if !st.Draft {
			stories = append(stories, st)
		}
	}
	type list struct {
		postings []byte
		last     int
	}
	lists := map[string]*list{}
	var docs [][3]string
	for id, st := range stories {
		best := map[string]int{}
		see := func(text string, f int) {
			for _, run := range runsSimple(text) {
				chars := []rune(run[2:])
				var keys []string
				switch {
				case run[0] == 'W':
					keys = []string{wordOf(chars)}
				case len(chars) == 1:
					keys = []string{string(chars)}
				default:
					for i, c := range chars {
						keys = append(keys, string(c))
						if i+1 < len(chars) {
							keys = append(keys, string(chars[i:i+2]))
						}
					}
				}
				for _, k := range keys {
					if b, ok := best[k]; !ok || f > b {
						best[k] = f
					}
				}
			}
		}
		html, _ := st.HTML()
		body := referencePlainText(string(html))
		see(referenceCut(body, maxBodyChars), fieldBody)
		see(st.Summary(), fieldSummary)
		left := maxParamChars
		for _, v := range referenceStrings(st.Params) {
			chars := []rune(v)
			chars = chars[:min(len(chars), left)]
			left -= len(chars)
			see(string(chars), fieldSummary)
		}
		for _, v := range append(append([]string{st.Neighborhood, st.Project, st.Track, st.Award}, st.Leads...), st.Tags...) {
			see(v, fieldFacts)
		}
		see(st.Title, fieldTitle)
		for k, f := range best {
			l := lists[k]
			if l == nil {
				l = &list{}
				lists[k] = l
			}
			l.postings = appendNumber(l.postings, (id-l.last)*4+f)
			l.last = id
		}
		text := st.Summary()
		if text == "" {
			text = body
		}
		docs = append(docs, [3]string{st.Title, strings.TrimPrefix(st.URL, "/"), referenceCut(text, snippetChars)})
	}

	total := 0
	for k, l := range lists {
		total += len(k) + len(l.postings) + 6
	}
	shards := 1
	for shards < maxShards && total/shards > shardBytes {
		shards *= 2
	}
	byShard := make([]map[string]string, shards)
	for i := range byShard {
		byShard[i] = map[string]string{}
	}
	for k, l := range lists {
		byShard[shardOf(k, shards)][k] = string(l.postings)
	}
	files := map[string][]byte{}
	for i, m := range byShard {
		files[shardName(i)], _ = json.Marshal(m)
	}
	size := 0
	for _, d := range docs {
		size += len(d[0]) + len(d[1]) + len(d[2]) + 12
	}
	chunk := max(len(docs), 1)
	if size > chunkBytes {
		chunk = max(chunkBytes*len(docs)/size, 1)
	}
	for i := 0; i*chunk < len(docs) || i == 0; i++ {
		part := docs[i*chunk : min((i+1)*chunk, len(docs))]
		if part == nil {
			part = [][3]string{}
		}
		files[chunkName(i)], _ = json.Marshal(part)
	}
	h := sha256.New()
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(h, "%s %d\n", name, len(files[name]))
		h.Write(files[name])
	}
	m := manifest{Version: 1, Hash: hex.EncodeToString(h.Sum(nil))[:12], Stories: len(docs), Shards: shards, Chunk: chunk}
	files[Dir+"index.json"], _ = json.Marshal(m)
	return files
}

// referenceStrings is the strings of params in the order the index reads
// them: a map's values by key, a list's in order, however deep.
func referenceStrings(v any) []string {
	var out []string
	switch v := v.(type) {
	case string:
		out = append(out, v)
	case []any:
		for _, e := range v {
			out = append(out, referenceStrings(e)...)
		}
	case map[string]any:
		var keys []string
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			out = append(out, referenceStrings(v[k])...)
		}
	}
	return out
}

// referencePlainText is PlainText with its white space collapsed by
// strings.Fields.
func referencePlainText(h string) string {
	var b strings.Builder
	skip := ""
	for len(h) > 0 {
		lt := strings.IndexByte(h, '<')
		if lt < 0 {
			lt = len(h)
		}
		if skip == "" {
			b.WriteString(html.UnescapeString(h[:lt]))
		}
		h = h[lt:]
		if h == "" {
			break
		}
		if strings.HasPrefix(h, "<!--") {
			end := strings.Index(h, "-->")
			if end < 0 {
				break
			}
			h = h[end+3:]
			continue
		}
		gt := strings.IndexByte(h, '>')
		if gt < 0 {
			break
		}
		tag := h[1:gt]
		h = h[gt+1:]
		closing := strings.HasPrefix(tag, "/")
		name := strings.ToLower(strings.TrimLeft(tag, "/"))
		if i := strings.IndexAny(name, " \t\r\n/"); i >= 0 {
			name = name[:i]
		}
		switch {
		case skip != "":
			if closing && name == skip {
				skip = ""
			}
		case !closing && tagKinds[name] == skipTag && !strings.HasSuffix(tag, "/"):
			skip = name
		case tagKinds[name] == blockTag:
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func referenceCut(s string, n int) string {
	i := 0
	for pos := range s {
		if i == n {
			return strings.TrimSpace(s[:pos]) + "…"
		}
		i++
	}
	return s
}

// randomSite makes n stories of random text: Zipf-distributed CJK words
// (so that keys repeat, as in real text), and the odd characters,
// markup, references and invalid UTF-8 of oddText.
func randomSite(n int, seed uint64) *site.Site {
	rng := rand.New(rand.NewPCG(seed, 1))
	vocab := make([]string, 3000)
	for i := range vocab {
		var b strings.Builder
		for range 1 + rng.IntN(3) {
			b.WriteRune(rune(0x4E00 + rng.IntN(400)))
		}
		vocab[i] = b.String()
	}
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(len(vocab)-1))
	markup := []string{"<p>", "</p>", "<br>", "<b>", "</b>", "<h2 id=\"x\">", "</h2>", "<LI>", "<!-- 注释 -->", "<script>var a = '<p>';</script>",
		"<svg/>", "<style>p{}</style>", "&amp;", "&lt;", "&#20320;", "&#x3000;", "&nbsp;", "&NotEqualTilde;", "<", ">", "\u2028", "\"", "\\", "\x00"}
	text := func(max int) string {
		var b strings.Builder
		for l := rng.IntN(max + 1); b.Len() < l; {
			switch rng.IntN(8) {
			case 0:
				b.WriteString(oddText(rng, 1+rng.IntN(5)))
			case 1:
				b.WriteString(markup[rng.IntN(len(markup))])
			default:
				b.WriteString(vocab[zipf.Uint64()])
			}
		}
		return b.String()
	}
	s := &site.Site{Config: config.Default()}
	for i := range n {
		cs := &content.Story{Title: text(30), Leads: []string{text(8)}, Tags: []string{text(6), ""}, Neighborhood: text(10),
			Project: text(10), Track: text(4), Award: text(4), Draft: rng.IntN(10) == 0}
		switch rng.IntN(6) {
		case 0:
			cs.Params = map[string]any{"summary_en": text(40)}
		case 1:
			cs.Params = map[string]any{"summary_en": 1, "on": true, "when": 2.5}
		case 2:
			cs.Params = map[string]any{"subtitle": text(20), "credits": map[string]any{"photo": text(8), "n": int64(3)},
				"list": []any{text(10), false, []any{text(5)}}}
		case 3: // beyond maxParamChars
			cs.Params = map[string]any{"a": text(4000), "b": text(4000), "c": []any{text(4000)}}
		}
		summary := ""
		if rng.IntN(3) > 0 {
			summary = text(300)
		}
		url := fmt.Sprintf("/stories/%d-%s/", i, text(3))
		st := site.NewStory(cs, site.Rendered{HTML: template.HTML(text([]int{0, 100, 3000, 70000}[rng.IntN(4)])), Summary: summary})
		st.URL = url
		s.Stories = append(s.Stories, st)
	}
	return s
}

// TestIndexMatchesReference: Index writes what referenceIndex writes,
// byte for byte, whatever the number of goroutines.
func TestIndexMatchesReference(t *testing.T) {
	sites := []*site.Site{{Config: config.Default()}, randomSite(1, 1), randomSite(40, 2), randomSite(600, 3)}
	if testing.Short() {
		sites = sites[:3]
	}
	for i, s := range sites {
		want := referenceIndex(s)
		for _, procs := range []int{1, 2, 3} {
			old := runtime.GOMAXPROCS(procs)
			got, err := Index(s)
			runtime.GOMAXPROCS(old)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("site %d, GOMAXPROCS %d: %d files, want %d", i, procs, len(got), len(want))
			}
			for name, b := range want {
				if !bytes.Equal(got[name], b) {
					t.Errorf("site %d, GOMAXPROCS %d: %s differs:\n got %.300q\nwant %.300q", i, procs, name, got[name], b)
				}
			}
		}
	}
}

// TestPlainTextMatchesReference: PlainText collapses white space as
// strings.Fields does, invalid UTF-8 and tags between included.
func TestPlainTextMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"<p>", "</p>", "<b>", "</b>", "<br/>", "&nbsp;", "&#x3000;", "&#32;", " ", "\xe3\x80", "\x80", "\xc2", "\xa0", "\xe2\x80", "\xa8"}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			if rng.IntN(2) == 0 {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			} else {
				b.WriteString(oddText(rng, 1))
			}
		}
		h := b.String()
		if got, want := PlainText(h), referencePlainText(h); got != want {
			t.Fatalf("PlainText(%q) = %q, want %q", h, got, want)
		}
	}
}
