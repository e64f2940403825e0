package wordimport

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/jiangninglu/showcase/internal/cells"
	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/docx"
	"github.com/jiangninglu/showcase/internal/images"
)

// Options say how a document becomes a story.
type Options struct {
	Config  *config.Config
	Labels  *Labels // nil: NewLabels(Config, nil)
	Slug    string  // "" derives it from the table's 网址名, else the title
	Publish bool    // false: draft: true
	Limits  docx.Limits
}

// Picture is a file written beside the story, with the alt text and
// caption it has where the story first shows it.
type Picture struct {
	Name         string
	Data         []byte
	Alt, Caption string
}

// Story is a converted document.
type Story struct {
	Source string // the document's name as given
	Slug   string
	Title  string
	// TitleFrom says where the title came from: "table", "title" (the
	// Title style), "heading" or "file".
	TitleFrom string
	// Values are the table's fields as the editor's form takes them
	// (lists joined with "、"); Metrics the figures, in metric units.
	Values  map[string]string
	Metrics map[string]string
	Body    string // Markdown
	Index   []byte // the whole index.md
	// Pictures are written beside index.md; Unconvertible are the
	// document's pictures left out, by name and reason.
	Pictures      []Picture
	Unconvertible []string
	// Dropped names what the document had that the story leaves out:
	// docx's kinds ("comments", "headers"...).
	Dropped []string
	// Ignored are the table's rows that name no field or metric.
	Ignored []string
}

// Convert reads a Word document of size bytes and makes a story of it.
// It writes nothing. Problems come back as a diag list naming the
// document (and the table's row for a value).
func Convert(ctx context.Context, name string, r io.ReaderAt, size int64, opts Options) (*Story, error) {
	cfg := opts.Config
	if cfg == nil {
		cfg = config.Default()
	}
	labels := opts.Labels
	if labels == nil {
		labels = NewLabels(cfg, nil)
	}
	doc, err := docx.Read(name, r, size, opts.Limits)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s := &Story{Source: name, Values: map[string]string{}, Metrics: map[string]string{}, Dropped: doc.Dropped}
	var probs diag.List
	body := doc.Body

	// The information table: the first table, when nothing but a few
	// lines (the document's title, the table's name) comes before it.
	var titlePara *docx.Para
	if len(body) > 0 {
		if p, ok := body[0].(*docx.Para); ok && p.Title {
			titlePara = p
		}
	}
	for i := 0; i < len(body) && i < 4; i++ {
		if t, ok := body[i].(*docx.Table); ok {
			if labels.isInfoTable(t) {
				s.readTable(name, t, labels, &probs)
				var before []docx.Block
				for _, b := range body[:i] {
					p := b.(*docx.Para)
					if !p.Title && !labels.header[cells.Key(docx.PlainText(p.Inlines))] {
						before = append(before, b)
					}
				}
				body = append(before, body[i+1:]...)
				if s.Title != "" {
					titlePara = nil // the table has the fields
				}
			}
			break
		}
		if p := body[i].(*docx.Para); p.Heading > 0 || p.List != nil {
			break
		}
	}
	switch {
	case s.Title != "":
		s.TitleFrom = "table"
	case titlePara != nil:
		s.Title, s.TitleFrom = strings.TrimSpace(docx.PlainText(titlePara.Inlines)), "title"
		body = slices.DeleteFunc(slices.Clone(body), func(b docx.Block) bool { return b == docx.Block(titlePara) })
	}
	if s.Title == "" {
		for j, b := range body {
			if p, ok := b.(*docx.Para); ok && (p.Title || p.Heading > 0) {
				if t := strings.TrimSpace(docx.PlainText(p.Inlines)); t != "" {
					s.Title, s.TitleFrom = t, "heading"
					if p.Title {
						s.TitleFrom = "title"
					}
					body = slices.Delete(slices.Clone(body), j, j+1)
					break
				}
			}
		}
	}
	if s.Title == "" {
		s.Title = strings.TrimSuffix(path.Base(filepath.ToSlash(name)), path.Ext(name))
		s.TitleFrom = "file"
	}
	if s.Values["title"] == "" {
		s.Values["title"] = s.Title
	}
	if len(body) > 0 {
		if p, ok := body[0].(*docx.Para); ok && strings.TrimSpace(docx.PlainText(p.Inlines)) == s.Title {
			body = body[1:] // the title typed again above the table: the page has it
		}
	}

	// The slug: the flag, the table's 网址名, else one made of the title.
	switch {
	case opts.Slug != "":
		s.Slug = opts.Slug
	case s.Values["slug"] != "":
		s.Slug = s.Values["slug"]
	default:
		s.Slug = SlugOf(s.Title)
	}
	if err := content.CheckFileSlug(s.Slug); err != nil {
		probs.Report(diag.Pos{File: name}, "", "docx-slug", diag.Quote(s.Slug), err)
	}

	// The template's "write here" lines, if the lead left them.
	body = slices.DeleteFunc(slices.Clone(body), func(b docx.Block) bool {
		p, ok := b.(*docx.Para)
		return ok && placeholders[strings.TrimSpace(docx.PlainText(p.Inlines))]
	})

	// Pictures: checked as the build will process them, named beside the
	// story.
	names := s.pictures(name, doc, cfg, &probs)
	s.Body = docx.Markdown(doc, body, docx.MarkdownOptions{Picture: func(t string) string { return names[t] }})
	for _, img := range slices.Backward(docx.Images(body)) {
		for i := range s.Pictures {
			if s.Pictures[i].Name == names[img.Target] {
				s.Pictures[i].Alt, s.Pictures[i].Caption = img.Alt, img.Caption
			}
		}
	}
	if probs.HasErrors() {
		return nil, probs.Err()
	}
	s.Index = s.index(cfg, opts.Publish)
	if err := s.validate(ctx, cfg); err != nil {
		return nil, err
	}
	return s, nil
}

// placeholders are the template's example paragraphs, in both languages.
var placeholders = func() map[string]bool {
	m := map[string]bool{}
	for _, lang := range []string{"zh-CN", "en"} {
		for _, sec := range TemplateFor(config.Default(), lang).Sections {
			for _, p := range sec.Paras {
				m[p] = true
			}
		}
	}
	return m
}()

// SlugOf makes a story's URL name out of its title by the site's rules
// for URL names (content.URLName), at most 60 characters.
func SlugOf(title string) string {
	s := content.URLName(title)
	if utf8.RuneCountInString(s) > 60 {
		s = strings.TrimRight(string([]rune(s)[:60]), "-")
	}
	if content.CheckFileSlug(s) != nil {
		s = "story-" + strings.Trim(s, "-.")
	}
	return s
}

// isInfoTable: rows of label and value pairs (two columns, or four as
// forms lay them out: 项目名称 | … | 负责人 | …), and the labels name
// fields or metrics (a header row aside).
func (l *Labels) isInfoTable(t *docx.Table) bool {
	known, pairs := 0, 0
	for r, row := range t.Rows {
		if len(row) == 1 {
			continue // a row across the table
		}
		if len(row)%2 != 0 || len(row) > 6 {
			return false
		}
		if r == 0 && l.header[cells.Key(cellText(row[0]))] {
			continue
		}
		for i := 0; i < len(row); i += 2 {
			pairs++
			if _, _, _, ok := l.match(strings.TrimSpace(cellText(row[i]))); ok {
				known++
			}
		}
	}
	return known > 0 && known*2 >= pairs
}

func cellText(c *docx.Cell) string {
	var parts []string
	for _, p := range c.Paras {
		if t := strings.TrimSpace(docx.PlainText(p.Inlines)); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, "\n")
}

// readTable reads the information table's rows into s.
func (s *Story) readTable(name string, t *docx.Table, labels *Labels, probs *diag.List) {
	report := func(row int, label string, m *diag.MsgError) {
		probs.Report(diag.Pos{File: name}, "", "docx-cell", row, label, m)
	}
	for r, row := range t.Rows {
		if len(row) < 2 || r == 0 && labels.header[cells.Key(cellText(row[0]))] {
			continue // a row across the table, or the header
		}
		for i := 0; i+1 < len(row); i += 2 {
			s.readCell(r+1, strings.TrimSpace(cellText(row[i])), strings.TrimSpace(cellText(row[i+1])), labels, report)
		}
	}
}

// readCell reads one label and value of the information table, on row n.
func (s *Story) readCell(n int, label, value string, labels *Labels, report func(int, string, *diag.MsgError)) {
	field, metric, unit, ok := labels.match(label)
	if !ok {
		if label != "" && value != "" {
			s.Ignored = append(s.Ignored, label)
		}
		return
	}
	if cells.Blank(value) {
		return // not given (or 无): left out, not invented
	}
	switch field {
	case "":
		v, err := cells.Figure(value, unit, metric.Unit)
		if err != nil {
			report(n, label, err)
			return
		}
		s.Metrics[metric.Key] = v
	case "leads", "tags":
		s.Values[field] = strings.Join(cells.SplitList(value), "、")
	case "date":
		v, err := cells.Date(value)
		if err != nil {
			report(n, label, err)
			return
		}
		s.Values[field] = v
	case "year":
		y, err := cells.Year(value)
		if err != nil {
			report(n, label, err)
			return
		}
		s.Values[field] = strconv.Itoa(y)
	case "title", "summary":
		s.Values[field] = strings.Join(strings.Fields(strings.ReplaceAll(value, "\n", " ")), " ")
		if field == "title" {
			s.Title = s.Values[field]
		}
	default:
		s.Values[field] = strings.Join(strings.Fields(strings.ReplaceAll(value, "\n", " ")), " ")
	}
}

// photoExt is the extension of each type of photo.
var photoExt = map[string]string{"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp"}

// pictures checks the document's pictures and names each: its name in
// the document, lower case, made unique. Pictures no browser shows are
// listed in s.Unconvertible and left out.
func (s *Story) pictures(name string, doc *docx.Document, cfg *config.Config, probs *diag.List) map[string]string {
	for _, u := range doc.Unconvertible {
		s.Unconvertible = append(s.Unconvertible, path.Base(u)+" ("+strings.ToUpper(strings.TrimPrefix(path.Ext(u), "."))+")")
	}
	proc := images.New(images.Options{}, "")
	targets := make([]string, 0, len(doc.Media))
	for t := range doc.Media {
		targets = append(targets, t)
	}
	sort.Strings(targets)
	names := map[string]string{}
	used := map[string]bool{"index.md": true}
	for _, t := range targets {
		data := doc.Media[t]
		base := strings.ToLower(path.Base(t))
		if err := proc.Check(base, data); err != nil {
			if errors.Is(err, images.ErrUnsupported) {
				s.Unconvertible = append(s.Unconvertible, base)
				continue
			}
			var ie *images.Error
			if errors.As(err, &ie) {
				err = ie.Err // its message names the file again
			}
			probs.Report(diag.Pos{File: name}, "", "docx-picture", base, err)
			continue
		}
		// The extension of what the picture is (Word keeps .jpeg, .jpg
		// and .png as pasted), as the editor names uploaded photos.
		stem := strings.TrimSuffix(base, path.Ext(base))
		ext := path.Ext(base)
		if e, ok := photoExt[http.DetectContentType(data)]; ok {
			ext = e
		}
		base = stem + ext
		n := base
		for k := 2; used[n]; k++ {
			n = stem + "-" + strconv.Itoa(k) + ext
		}
		used[n] = true
		names[t] = n
		s.Pictures = append(s.Pictures, Picture{Name: n, Data: data})
	}
	return names
}

// index writes index.md: the front matter in the order of cells.Fields, the
// metrics in the site's order, then the body.
func (s *Story) index(cfg *config.Config, publish bool) []byte {
	root := &yaml.Node{Kind: yaml.MappingNode}
	add := func(k string, v *yaml.Node) {
		root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, v)
	}
	str := func(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v} }
	for _, f := range cells.Fields {
		v := s.Values[f.Key]
		if v == "" || f.Key == "slug" {
			continue // the folder's name is the slug
		}
		switch f.Key {
		case "leads", "tags":
			seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
			for _, item := range strings.Split(v, "、") {
				seq.Content = append(seq.Content, str(item))
			}
			add(f.Key, seq)
		case "year":
			add(f.Key, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: v})
		case "date":
			add(f.Key, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: v})
		default:
			add(f.Key, str(v))
		}
	}
	add("draft", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(!publish)})
	if len(s.Metrics) > 0 {
		m := &yaml.Node{Kind: yaml.MappingNode}
		for _, k := range cfg.MetricKeys() {
			if v, ok := s.Metrics[k]; ok {
				tag := "!!int"
				if strings.Contains(v, ".") {
					tag = "!!float"
				}
				m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v})
			}
		}
		add("metrics", m)
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	_ = enc.Encode(root) // a tree of plain scalars always encodes
	_ = enc.Close()
	b.WriteString("---\n\n")
	b.WriteString(s.Body)
	return b.Bytes()
}

// validate loads the would-be story with the build's own loader, so a
// story that would not build is refused now, with the build's words.
func (s *Story) validate(ctx context.Context, cfg *config.Config) error {
	file := "content/stories/" + s.Slug + "/index.md"
	fsys := fstest.MapFS{file: {Data: s.Index}}
	for _, p := range s.Pictures {
		fsys["content/stories/"+s.Slug+"/"+p.Name] = &fstest.MapFile{Data: p.Data}
	}
	_, err := content.Load(ctx, fsys, cfg, content.Options{Drafts: true, Future: true, Now: time.Now()})
	if err == nil {
		return nil
	}
	probs := diag.Problems(err)
	if len(probs) == 0 {
		return err
	}
	var out diag.List
	for _, p := range probs.Errors() {
		q := *p
		q.Pos = diag.Pos{File: s.Source}
		out.Add(&q)
	}
	return out.Err()
}

// Notes say in lang what the story left out of the document: the kinds
// of content dropped, the pictures not convertible, the table's rows
// that name nothing, a title taken from the file's name.
func (s *Story) Notes(lang string) []string {
	var out []diag.Msg
	if len(s.Dropped) > 0 {
		var words diag.Words
		for _, k := range s.Dropped {
			words = append(words, kindWord(k).Format(lang))
		}
		out = append(out, diag.M("import-dropped", words))
	}
	if len(s.Unconvertible) > 0 {
		out = append(out, diag.M("import-unconvertible", diag.Words(s.Unconvertible)))
	}
	if len(s.Ignored) > 0 {
		out = append(out, diag.M("import-ignored", diag.Words(s.Ignored)))
	}
	if s.TitleFrom == "file" {
		out = append(out, diag.M("import-title-file"))
	}
	notes := make([]string, len(out))
	for i, m := range out {
		notes[i] = m.Format(lang)
	}
	return notes
}

// kindWord is the word for a kind of content docx drops.
func kindWord(k string) diag.Msg {
	switch k {
	case "comments":
		return diag.M("kind-comments")
	case "headers":
		return diag.M("kind-headers")
	case "footers":
		return diag.M("kind-footers")
	case "page numbers":
		return diag.M("kind-page numbers")
	case "table of contents":
		return diag.M("kind-table of contents")
	case "linked pictures":
		return diag.M("kind-linked pictures")
	}
	return diag.M("as-is", k)
}
