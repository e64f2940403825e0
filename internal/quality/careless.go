package quality

import (
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/site"
)

// LeftOut counts the stories of s (loaded with drafts and future stories
// included, as check loads them) that a build would leave out: drafts,
// and stories dated after s.Built. A draft dated in the future counts as
// a draft, as the loader counts it.
func LeftOut(s *site.Site) (drafts, future int) {
	for _, st := range s.Stories {
		switch {
		case st.Draft:
			drafts++
		case st.Date.After(s.Built):
			future++
		}
	}
	return drafts, future
}

// Careless returns warnings about slips an office makes with files rather
// than with figures: a story dated in the future (a typo for this year
// hides it until then), and a story that looks like a copy of another
// (the same title; a file name that ends as Windows, macOS or WPS name a
// copy).
func Careless(s *site.Site) diag.List {
	var w diag.List
	titles := map[string][]*site.Story{}
	for _, st := range s.Stories {
		if !st.Draft && st.Date.After(s.Built) {
			w.Warn(fieldPos(st, "date"), "date", "quality-future", st.Date.Format("2006-01-02"))
		}
		if suffix := copySuffix(storyName(st)); suffix != "" {
			w.Warn(diag.Pos{File: st.File}, "", "quality-copy-name", diag.Quote(suffix))
		}
		if t := strings.Join(strings.Fields(st.Title), " "); t != "" {
			titles[t] = append(titles[t], st)
		}
	}
	// Of the stories with one title, the original is the first file whose
	// name is not a copy's; each of the others is warned about.
	for _, group := range titles {
		if len(group) < 2 {
			continue
		}
		slices.SortFunc(group, func(a, b *site.Story) int {
			ca, cb := copySuffix(storyName(a)) != "", copySuffix(storyName(b)) != ""
			if ca != cb {
				if ca {
					return 1
				}
				return -1
			}
			return strings.Compare(a.File, b.File)
		})
		for _, st := range group[1:] {
			w.Warn(fieldPos(st, "title"), "title", "quality-copy-title", group[0].File)
		}
	}
	w.Sort()
	return w
}

// storyName is the name the editor gave the story's file: the bundle
// folder's, or the file's without .md.
func storyName(st *site.Story) string {
	if st.Bundle != "" {
		return path.Base(st.Bundle)
	}
	return strings.TrimSuffix(path.Base(st.File), ".md")
}

// copyName matches the ends of a copy's name: "x - 副本", "x - 副本 (2)",
// "x - Copy", "x copy 2", "x (1)", "x（1）", "x的副本".
var copyName = regexp.MustCompile(`(?i)(?:副本|\bcopy)(?:\s*[(（]?\d+[)）]?)?$|[(（]\d+[)）]$`)

// copySuffix returns the end of name that marks it as a copy, or "".
func copySuffix(name string) string {
	loc := copyName.FindStringIndex(name)
	if loc == nil || loc[0] == 0 {
		return "" // a story called "副本" or "(1)" is no copy of anything
	}
	return strings.TrimSpace(name[loc[0]:])
}
