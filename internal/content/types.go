package content

import (
	"encoding/binary"
	"strings"
	"time"
)

// Source is what every content file has: where it came from and its body.
type Source struct {
	File string // slash path relative to the site root, e.g. content/stories/a.md
	// Body is the Markdown after the front matter; nil for a story,
	// whose Markdown Load does not hold (read it with ReadBody).
	Body     []byte
	BodyLine int // the file line on which Body starts
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
// them all, for the rare problem found after loading: they are one
// string per story (each key's line, whether it is under metrics, and
// its name), which the garbage collector marks without reading, where a
// slice of keys gave it a pointer per key to follow at every collection.
// The zero value has no keys.
type KeyLines struct {
	enc string // per key: uvarint(line<<1 | metric), uvarint(len(name)), name
}

// Line returns the line key was set on ("metrics.KEY" for a key under
// metrics), or 0 if it was not set. (A key written twice, which the
// decoder refuses, would give its last line.)
func (l KeyLines) Line(key string) int {
	name, metric := key, false
	if k, ok := strings.CutPrefix(key, "metrics."); ok {
		name, metric = k, true
	}
	line := 0
	for e := l.enc; e != ""; {
		var v, size uint64
		v, e = uvarint(e)
		size, e = uvarint(e)
		if e[:size] == name && v&1 == 1 == metric {
			line = int(v >> 1)
		}
		e = e[size:]
	}
	return line
}

// uvarint reads the number that binary.AppendUvarint wrote at the start
// of s, and returns it and the rest of s.
func uvarint(s string) (uint64, string) {
	var v uint64
	for i := 0; i < len(s); i++ {
		v |= uint64(s[i]&0x7f) << (7 * i)
		if s[i] < 0x80 {
			return v, s[i+1:]
		}
	}
	return v, ""
}

// appendKeyLine appends key's line to enc, a KeyLines' encoding.
func appendKeyLine(enc []byte, name string, metric bool, line int) []byte {
	v := uint64(max(line, 0)) << 1
	if metric {
		v |= 1
	}
	enc = binary.AppendUvarint(enc, v)
	enc = binary.AppendUvarint(enc, uint64(len(name)))
	return append(enc, name...)
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
