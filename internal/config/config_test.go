package config

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/jiangninglu/showcase/internal/diag"
)

func TestParse(t *testing.T) {
	c, err := Parse([]byte(`title: 江宁路街道社区微项目
baseURL: https://example.org/showcase
language: en
paginate: 5
unsafe_html: true
metrics:
  - {key: participants, label: 参与人次, unit: 人次, aggregate: sum}
  - {key: funding, aggregate: avg}
  - salons
facets: [year, tags]
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "江宁路街道社区微项目" || c.BaseURL != "https://example.org/showcase/" || c.Language != "en" || c.Paginate != 5 || !c.UnsafeHTML {
		t.Errorf("config = %+v", c)
	}
	if got := strings.Join(c.MetricKeys(), ","); got != "participants,funding,salons" {
		t.Errorf("metrics = %s", got)
	}
	if m, _ := c.Metric("funding"); m.Label != "funding" || m.Aggregate != "avg" {
		t.Errorf("funding = %+v", m)
	}
	if m, _ := c.Metric("salons"); m.Aggregate != "sum" {
		t.Errorf("salons = %+v", m)
	}
	if strings.Join(c.Facets, ",") != "year,tags" {
		t.Errorf("facets = %v", c.Facets)
	}
}

func TestDefaults(t *testing.T) {
	c, err := Parse(nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Language != "zh-CN" || c.Paginate != 20 || c.Declared() || len(c.Facets) != 5 || c.BaseURL != "/" {
		t.Errorf("defaults = %+v", c)
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"unknown key", "title: x\npaginte: 3\n", "showcase.yaml:2:1: paginte: unknown key; did you mean paginate?"},
		{"bad aggregate", "metrics:\n  - {key: a, aggregate: total}\n", `showcase.yaml:2:25: metrics[0].aggregate: want one of sum, max, min, avg, got "total"`},
		{"metric key typo", "metrics:\n  - {key: a, lable: A}\n", "showcase.yaml:2:14: metrics[0].lable: unknown key; did you mean metrics[0].label?"},
		{"duplicate metric", "metrics:\n  - {key: a}\n  - {key: a}\n", `showcase.yaml:3:5: metrics[1].key: metric "a" is declared twice (first on line 2)`},
		{"bad facet", "facets: [year, neighbourhood]\n", `showcase.yaml:1:16: facets: unknown facet "neighbourhood"; did you mean neighborhood?`},
		{"bad language", "language: fr\n", `showcase.yaml:1:11: language: want zh-CN or en, got "fr"`},
		{"paginate zero", "paginate: 0\n", "showcase.yaml:1:11: paginate: want a number of stories per page of at least 1, got 0"},
		{"tab", "metrics:\n\t- {key: a}\n", "showcase.yaml:2:1: a tab is used for indentation; YAML allows only spaces"},
		{"bad url", "baseURL: ftp://x/\n", `showcase.yaml:1:10: baseURL: want an absolute http(s) URL such as https://example.org/, got "ftp://x/"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.src))
			probs := diag.Problems(err)
			if len(probs) != 1 || probs[0].Error() != tc.want {
				t.Errorf("got  %v\nwant %s", err, tc.want)
			}
		})
	}
}

func TestParseSiteSettings(t *testing.T) {
	c, err := Parse([]byte(`publisher: 静安区江宁路街道办事处
logo: /img/logo.svg
favicon: favicon.ico
footer:
  - {text: 沪ICP备00000000号, url: https://beian.miit.gov.cn/}
  - 联系电话见各居委会公告栏
menu: [stories, {name: stats, label: 数据}, about, {url: "https://example.org/", label: 上级网站}]
metrics:
  - {key: projects, label: 实施微项目, unit: 个, scope: programme}
  - {key: salons, scope: story}
  - households
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Publisher != "静安区江宁路街道办事处" || c.Logo != "img/logo.svg" || c.Favicon != "favicon.ico" {
		t.Errorf("publisher, logo, favicon = %q, %q, %q", c.Publisher, c.Logo, c.Favicon)
	}
	wantFooter := []Link{{"沪ICP备00000000号", "https://beian.miit.gov.cn/"}, {"联系电话见各居委会公告栏", ""}}
	if !slices.Equal(c.Footer, wantFooter) {
		t.Errorf("footer = %v", c.Footer)
	}
	var menu []string
	for _, m := range c.Menu {
		menu = append(menu, m.Name+"|"+m.URL+"|"+m.Label)
	}
	if got := strings.Join(menu, " "); got != "stories|| stats||数据 about|| |https://example.org/|上级网站" {
		t.Errorf("menu = %s", got)
	}
	var story []string
	for _, m := range c.StoryMetrics() {
		story = append(story, m.Key)
	}
	if m, _ := c.Metric("projects"); !m.Programme() || strings.Join(story, ",") != "salons,households" {
		t.Errorf("projects = %+v; story metrics = %v", m, story)
	}
}

func TestLoadStaticFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"showcase.yaml":       {Data: []byte("title: x\nlogo: img/logo.svg\nfavicon: icon.png\n")},
		"static/img/logo.svg": {Data: []byte("<svg/>")},
	}
	_, err := Load(fsys)
	want := "showcase.yaml:3:10: favicon: no file static/icon.png; put the file there, or leave favicon out"
	if probs := diag.Problems(err); len(probs) != 1 || probs[0].Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

func TestSiteSettingErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"unknown key", "publsher: x\n", "showcase.yaml:1:1: publsher: unknown key; did you mean publisher?"},
		{"bad scope", "metrics:\n  - {key: a, scope: site}\n", `showcase.yaml:2:21: metrics[0].scope: want story (a figure stories give) or programme (a figure a report states for the whole programme), got "site"`},
		{"footer key", "footer:\n  - {text: a, link: /x/}\n", "showcase.yaml:2:15: footer[0].link: unknown key; known keys are text, url"},
		{"footer url", "footer:\n  - {text: a, url: javascript:x}\n", `showcase.yaml:2:20: footer[0].url: want an http(s) URL or a path on the site such as /about/, got "javascript:x"`},
		{"menu url without label", "menu:\n  - {url: /x/}\n", "showcase.yaml:2:5: menu[0].label: missing: a menu entry with a url needs a label"},
		{"menu key", "menu:\n  - {nmae: stats}\n", "showcase.yaml:2:6: menu[0].nmae: unknown key; did you mean menu[0].name?"},
		{"logo path", "logo: ../x.svg\n", `showcase.yaml:1:7: logo: want a file under static/ such as img/logo.svg, got "../x.svg"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.src))
			probs := diag.Problems(err)
			if len(probs) != 1 || probs[0].Error() != tc.want {
				t.Errorf("got  %v\nwant %s", err, tc.want)
			}
		})
	}
}
