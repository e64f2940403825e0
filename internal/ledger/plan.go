package ledger

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/jiangninglu/showcase/internal/cells"
	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/editor"
	"github.com/jiangninglu/showcase/internal/stats"
)

// Change is one figure to write.
type Change struct {
	File string   // from the site root: content/stories/a.md
	Name string   // the story's slug, or reports/YEAR
	Key  string   // metrics.KEY or reported.KEY
	Old  string   // "" when the file does not give it
	New  string   // as written: 11300
	Pos  diag.Pos // the ledger's cell
}

// NewStory is a draft story made for a row no story matches (--create).
type NewStory struct {
	Slug string
	File string // content/stories/SLUG.md
	Pos  diag.Pos
	Data []byte
}

// Plan is what an import would do.
type Plan struct {
	Changes   []Change
	Create    []NewStory
	Unmatched []Row // rows no story matches, without --create
}

// index finds stories by slug, title and project name, compared folded.
type index struct {
	slug                map[string]*content.Story
	title, project      map[string][]*content.Story
	matched             map[*content.Story]diag.Pos
	reports             map[int]*content.Report
	slugsTaken, created map[string]bool
}

func newIndex(c *content.Content) *index {
	ix := &index{
		slug: map[string]*content.Story{}, title: map[string][]*content.Story{}, project: map[string][]*content.Story{},
		matched: map[*content.Story]diag.Pos{}, reports: map[int]*content.Report{}, slugsTaken: map[string]bool{}, created: map[string]bool{},
	}
	for _, s := range c.Stories {
		ix.slug[s.Slug] = s
		ix.slugsTaken[strings.ToLower(s.Slug)] = true
		ix.title[fold(s.Title)] = append(ix.title[fold(s.Title)], s)
		if s.Project != "" {
			ix.project[fold(s.Project)] = append(ix.project[fold(s.Project)], s)
		}
	}
	for _, r := range c.Reports {
		ix.reports[r.Year] = r
	}
	return ix
}

// find matches a row: by slug, else by title, else by a project name only
// one story has (the ledger's 项目名称 may also be a story's title).
// ambiguous names the texts that matched more than one story.
func (ix *index) find(r Row) (s *content.Story, ambiguous string) {
	if t := r.Fields["slug"].Text; t != "" {
		if s := ix.slug[strings.TrimSpace(t)]; s != nil {
			return s, ""
		}
	}
	tries := []struct {
		field string
		in    map[string][]*content.Story
	}{{"title", ix.title}, {"project", ix.project}, {"project", ix.title}, {"title", ix.project}}
	for _, try := range tries {
		t := r.Fields[try.field].Text
		if t == "" {
			continue
		}
		switch found := try.in[fold(t)]; len(found) {
		case 0:
		case 1:
			return found[0], ""
		default:
			if ambiguous == "" {
				ambiguous = t
			}
		}
	}
	return nil, ambiguous
}

// MakePlan matches the ledger's rows to the stories of c and lists what
// would change. create makes a draft story of each row that matches none.
func MakePlan(l *Ledger, c *content.Content, cfg *config.Config, create bool) (*Plan, diag.List) {
	var probs diag.List
	p := &Plan{}
	ix := newIndex(c)
	for _, r := range l.Rows {
		s, amb := ix.find(r)
		if s == nil && amb != "" {
			probs.Report(r.Pos, "", "ledger-ambiguous", diag.Quote(amb))
			continue
		}
		if s == nil {
			if !create {
				p.Unmatched = append(p.Unmatched, r)
				probs.Warn(r.Pos, "", "ledger-unmatched", diag.Quote(rowName(r)))
				continue
			}
			if ns, ok := ix.newStory(r, l.Year, cfg, &probs); ok {
				p.Create = append(p.Create, ns)
			}
			continue
		}
		if first, ok := ix.matched[s]; ok {
			probs.Report(r.Pos, "", "ledger-row-twice", s.Slug, first.File)
			continue
		}
		ix.matched[s] = r.Pos
		if y := r.Fields["year"]; y.Text != "" && s.Year != 0 {
			if n, err := cells.Year(y.Text); err == nil && n != s.Year {
				probs.Warn(y.Pos, "", "ledger-year-differs", n, s.Slug, s.Year)
			}
		}
		for _, m := range cfg.Metrics {
			v, ok := r.Metrics[m.Key]
			if !ok {
				continue
			}
			ch := Change{File: s.File, Name: s.Slug, Key: "metrics." + m.Key, New: stats.FormatPlain(v.Num), Pos: v.Pos}
			if old, ok := s.Metrics[m.Key]; ok {
				ch.Old = stats.FormatPlain(old)
			}
			if ch.Old != ch.New {
				p.Changes = append(p.Changes, ch)
			}
		}
	}
	for _, f := range l.Reports {
		rep := ix.reports[f.Year]
		if rep == nil {
			probs.Report(f.Pos, "", "ledger-no-report", f.Year)
			continue
		}
		for _, k := range f.Order {
			v := f.Metrics[k]
			ch := Change{File: rep.File, Name: "reports/" + strconv.Itoa(f.Year), Key: "reported." + k, New: stats.FormatPlain(v.Num), Pos: v.Pos}
			if old, ok := rep.Reported[k]; ok {
				ch.Old = stats.FormatPlain(old)
			}
			if ch.Old != ch.New {
				p.Changes = append(p.Changes, ch)
			}
		}
	}
	return p, probs
}

// rowName is how a row is named in messages: its slug, title or project.
func rowName(r Row) string {
	for _, f := range []string{"slug", "title", "project"} {
		if t := r.Fields[f].Text; t != "" {
			return t
		}
	}
	return ""
}

// newStory makes the draft story of row r: content/stories/SLUG.md with
// the row's fields and figures, written by the editor's splice.
func (ix *index) newStory(r Row, year int, cfg *config.Config, probs *diag.List) (NewStory, bool) {
	title := r.Fields["title"].Text
	if title == "" {
		title = r.Fields["project"].Text
	}
	slug := strings.TrimSpace(r.Fields["slug"].Text)
	slugPos := r.Fields["slug"].Pos
	if slug == "" {
		slug = content.URLName(title)
		slugPos = r.Pos
	}
	if title == "" {
		probs.Report(r.Pos, "", "ledger-create-no-title")
		return NewStory{}, false
	}
	if err := content.CheckSlug(slug); err != nil {
		probs.Report(slugPos, "slug", "ledger-create-slug", diag.Quote(slug), err)
		return NewStory{}, false
	}
	if ix.slugsTaken[strings.ToLower(slug)] || ix.created[strings.ToLower(slug)] {
		probs.Report(slugPos, "slug", "ledger-create-taken", diag.Quote(slug))
		return NewStory{}, false
	}
	ix.created[strings.ToLower(slug)] = true
	str := func(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }
	edits := []editor.Edit{{Key: "title", Value: str(title)}}
	if y := r.Fields["year"]; y.Text != "" {
		n, err := cells.Year(y.Text)
		if err != nil {
			probs.Add(&diag.Problem{Pos: y.Pos, Field: "year", Msg: err.Msg})
		}
		year = n
	}
	if year != 0 {
		edits = append(edits, editor.Edit{Key: "year", Value: &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(year)}})
	}
	list := func(key string) { // leads, tags: a list of names
		if t := r.Fields[key].Text; t != "" {
			seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
			for _, n := range cells.SplitList(t) {
				seq.Content = append(seq.Content, str(n))
			}
			edits = append(edits, editor.Edit{Key: key, Value: seq})
		}
	}
	list("leads")
	for _, f := range []string{"neighborhood", "project", "track", "award", "summary"} {
		if t := r.Fields[f].Text; t != "" && !(f == "project" && t == title) {
			edits = append(edits, editor.Edit{Key: f, Value: str(t)})
		}
	}
	list("tags")
	edits = append(edits, editor.Edit{Key: "draft", Value: &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"}})
	for _, m := range cfg.Metrics {
		if v, ok := r.Metrics[m.Key]; ok {
			edits = append(edits, editor.Edit{Key: "metrics." + m.Key, Value: number(v.Num)})
		}
	}
	data, err := editor.Splice([]byte("---\n---\n"), edits, []byte("\n"))
	if err != nil {
		probs.Report(r.Pos, "", "ledger-create-failed", err)
		return NewStory{}, false
	}
	return NewStory{Slug: slug, File: content.Dir + "/stories/" + slug + ".md", Pos: r.Pos, Data: data}, true
}

// number is a figure as a YAML scalar, written plainly.
func number(v float64) *yaml.Node { return numberText(stats.FormatPlain(v)) }

// numberText is a figure already written plainly, as a YAML scalar.
func numberText(s string) *yaml.Node {
	tag := "!!int"
	if strings.Contains(s, ".") {
		tag = "!!float"
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: s}
}

// WithMetrics returns cfg when it declares metrics, else a copy declaring
// every metric the stories give (by key, sorted), as the statistics sum
// them: a site without a metrics list still imports its figures by key.
func WithMetrics(cfg *config.Config, c *content.Content) *config.Config {
	if cfg.Declared() {
		return cfg
	}
	seen := map[string]bool{}
	for _, s := range c.Stories {
		for k := range s.Metrics {
			seen[k] = true
		}
	}
	out := *cfg
	out.Metrics = nil
	for _, k := range slices.Sorted(maps.Keys(seen)) {
		out.Metrics = append(out.Metrics, config.Metric{Key: k, Label: k, Aggregate: "sum", Scope: config.ScopeStory})
	}
	return &out
}
