package build

import (
	"bytes"
	"context"
	"encoding/csv"
	htmlstd "html"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/jiangninglu/showcase/internal/publisher"
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"
)

// hostile is a site whose every field tries to put script into the
// output; all of it passes validation, as it would from a careless or
// malicious editor.
var hostile = map[string]string{
	"showcase.yaml":     "title: '<script>alert(\"title\")</script>'\ndescription: '\" onmouseover=\"alert(1)'\nbaseURL: https://example.org/\n",
	"content/_index.md": "---\ntitle: <img src=x onerror=alert(1)>\n---\n<script>alert('home')</script>\n",
	"content/stories/evil/index.md": `---
title: "<script>alert('t')</script>"
date: 2020-01-01
leads: ["<img src=x onerror=alert('lead')>", "=HYPERLINK(\"http://evil.example/\",\"x\")"]
neighborhood: "<b onmouseover=alert('n')>北京</b>"
project: "=cmd|' /C calc'!A0"
track: "\"><svg onload=alert('track')>"
award: "@SUM(1+1)"
tags: ["<iframe src=javascript:alert('tag')>", "+1+1", "-2+3"]
summary: "</p><script>alert('summary')</script>"
cover: pic.svg
cover_alt: "\" onerror=\"alert('alt')"
params: {summary_en: "<script>alert('en')</script>"}
metrics: {participants: 3}
---
<script>alert('body')</script>

<img src=x onerror="alert('raw img')">

[click](javascript:alert('link')) [vb](vbscript:msgbox(1)) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)

![img](javascript:alert('img')) <javascript:alert('autolink')>

<a href="javascript:alert('raw a')">raw</a>
`,
	"content/stories/evil/pic.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>`,
	"content/reports/2020.md":      "---\ntitle: \"<script>alert('report')</script>\"\nyear: 2020\nsummary: \"<img src=x onerror=alert('rs')>\"\n---\n<style>body{display:none}</style>\n",
	"content/about.md":             "---\ntitle: \"<svg/onload=alert('page')>\"\n---\n<object data=x></object>\n",
}

// liveMarkup tokenizes an HTML or SVG document as a browser would and
// returns what in it could run script: a script element other than the
// theme's own external files, an embedding element, an event-handler
// attribute, or a javascript:, vbscript: or data: URL.
func liveMarkup(doc []byte) []string {
	var found []string
	l := html.NewLexer(parse.NewInputBytes(doc))
	var tag string
	inHead := false
	for {
		tt, data := l.Next()
		switch tt {
		case html.ErrorToken:
			return found
		case html.StartTagToken:
			tag = strings.ToLower(string(l.Text()))
			switch tag {
			case "head":
				inHead = true
			case "body":
				inHead = false
			case "style":
				// The theme writes one in <head> (the printed report's
				// running title, its text escaped as a CSS string);
				// content never lands in <head> but as escaped text.
				if !inHead {
					found = append(found, "<style>")
				}
			case "iframe", "object", "embed", "base", "frame", "applet":
				found = append(found, "<"+tag+">")
			}
		case html.AttributeToken:
			key := strings.ToLower(string(l.AttrKey()))
			val := strings.Trim(string(l.AttrVal()), `"'`)
			val = strings.ToLower(strings.TrimSpace(htmlstd.UnescapeString(val)))
			if strings.HasPrefix(key, "on") {
				found = append(found, tag+" "+key+"=")
			}
			if tag == "script" && key == "src" && !strings.HasPrefix(val, "/js/") {
				found = append(found, "script src="+val)
			}
			switch key {
			case "href", "src", "action", "formaction", "xlink:href", "data", "srcset", "poster":
				for _, bad := range []string{"javascript:", "vbscript:", "data:"} {
					if strings.HasPrefix(val, bad) {
						found = append(found, tag+" "+key+"="+val)
					}
				}
			}
		case html.StartTagCloseToken:
			if tag == "script" {
				// An inline script: its text follows; external ones have a src.
				t2, text := l.Next()
				if t2 == html.TextToken && len(bytes.TrimSpace(text)) > 0 {
					found = append(found, "inline <script>")
				}
			}
		}
		_ = data
	}
}

// TestHostileContent builds the hostile site and scans every output file:
// no markup from content is live anywhere (pages, feed, search index,
// JSON), and no CSV cell can run as a spreadsheet formula.
func TestHostileContent(t *testing.T) {
	dir := writeSite(t, hostile)
	w := publisher.NewMemWriter()
	if _, err := Build(context.Background(), Options{Source: dir, NoMinify: true, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}, w); err != nil {
		t.Fatal(err)
	}
	if len(w.Files) < 10 {
		t.Fatalf("only %d files built", len(w.Files))
	}
	for name, data := range w.Files {
		s := string(data)
		switch path.Ext(name) {
		case ".html", ".svg":
			for _, m := range liveMarkup(data) {
				t.Errorf("%s: live markup from content: %s", name, m)
			}
		case ".xml", ".json", ".txt":
			// Not HTML, but a browser may sniff it as such: no raw tags.
			if strings.Contains(strings.ToLower(s), "<script") {
				t.Errorf("%s: raw <script", name)
			}
		}
		if path.Ext(name) == ".csv" {
			rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for _, r := range rows {
				for _, cell := range r {
					if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
						t.Errorf("%s: cell %q would run as a formula", name, cell)
					}
				}
			}
		}
	}
	// The report's title reaches its running head only as a CSS string.
	report := string(w.Files["reports/2020/index.html"])
	if i := strings.Index(report, "@top-center"); i < 0 || strings.Contains(report[i:i+strings.Index(report[i:], "</style>")], "<") {
		t.Error("the report's running title is missing or not escaped as a CSS string")
	}
	// The hostile text is still there, shown as text.
	page := string(w.Files["stories/evil/index.html"])
	if !strings.Contains(page, "&lt;script&gt;alert(") {
		t.Error("the body's raw HTML is not shown as text")
	}
}
