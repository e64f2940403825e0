package config

import (
	"strings"
	"testing"

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
