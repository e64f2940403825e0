package content

import "time"

// Source is what every content file has: where it came from and its body.
type Source struct {
	File     string // slash path relative to the site root, e.g. content/stories/a.md
	Body     []byte // Markdown after the front matter
	BodyLine int    // the file line on which Body starts
	// FrontLine is the front matter's first line: where a key it lacks is
	// reported.
	FrontLine int
	// Version identifies the file's bytes (a hash): equal versions of one
	// file render the same.
	Version uint64
}

// Story is one project story.
type Story struct {
	Source
	Bundle       string   // the bundle folder (content/stories/SLUG) or ""
	Resources    []string // files beside a bundle's index.md, relative to the bundle
	Title        string
	Slug         string
	Date         time.Time // zero if not given
	Year         int       // 0 if neither year nor date is given
	Leads        []string
	Neighborhood string
	Project      string
	Track        string
	Award        string
	Tags         []string
	Summary      string
	Cover        string
	CoverAlt     string
	Draft        bool
	Weight       int
	Metrics      map[string]float64
	Params       map[string]any
	// Lines gives, for each front-matter key (and each metrics.KEY), the
	// file line it was set on, for problems found later (a facet value
	// clashing with another, a figure that looks like a typo).
	Lines KeyLines
}

// KeyLines are the keys of a story's front matter with the lines they
// were set on, in the order written. A site of 100,000 stories holds
// them all; a map per story cost more than the rest of its front matter.
type KeyLines []KeyLine

// KeyLine is one key of KeyLines.
type KeyLine struct {
	Key  string // shared between stories (see intern)
	Line int32
}

// Line returns the line key was set on, or 0 if it was not set. (A key
// written twice, which the decoder refuses, would give its last line.)
func (l KeyLines) Line(key string) int {
	for i := len(l) - 1; i >= 0; i-- {
		if l[i].Key == key {
			return int(l[i].Line)
		}
	}
	return 0
}

// Report is the yearly report of content/reports/YEAR.md.
type Report struct {
	Source
	Title         string
	Year          int
	Date          time.Time
	Summary       string
	Draft         bool
	Reported      map[string]float64 // organiser-stated totals
	ReportedOrder []string           // keys in the order written
}

// Page is a standalone page, or the home page text (content/_index.md).
type Page struct {
	Source
	Path    string // URL path without slashes: "about", "projects/x"; "" for the home page
	Title   string
	Date    time.Time
	Summary string
	Draft   bool
	Weight  int
	Params  map[string]any
}

// Asset is a non-Markdown file under content/ (bundle resources included),
// copied to the output at Dest.
type Asset struct {
	File string // source, relative to the site root
	Dest string // output path, slash-separated, no leading slash
}
