package editor

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func num(s string) *yaml.Node {
	tag := "!!int"
	if strings.Contains(s, ".") {
		tag = "!!float"
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: s}
}

func TestSpliceNumbers(t *testing.T) {
	tests := []struct {
		name, src string
		edits     []Edit
		want      string
	}{
		{
			name:  "yaml keeps BOM, CRLF and comments",
			src:   "\ufeff---\r\ntitle: A # the title\r\nmetrics:\r\n  households: 12 # counted in May\r\n  salons: 3\r\n---\r\nBody\r\n",
			edits: []Edit{{"metrics.households", num("14")}, {"metrics.handbooks", num("300")}},
			want:  "\ufeff---\r\ntitle: A # the title\r\nmetrics:\r\n  households: 14 # counted in May\r\n  salons: 3\r\n  handbooks: 300\r\n---\r\nBody\r\n",
		},
		{
			name:  "yaml reported",
			src:   "---\ntitle: R\nreported:\n  micro_projects: 100\n---\n",
			edits: []Edit{{"reported.micro_projects", num("113")}},
			want:  "---\ntitle: R\nreported:\n  micro_projects: 113\n---\n",
		},
		{
			name:  "toml table",
			src:   "+++\r\ntitle = \"A\"\r\n\r\n[metrics]\r\nhouseholds = 12   # May\r\nsalons = 3\r\n+++\r\nBody\r\n",
			edits: []Edit{{"metrics.households", num("14")}, {"metrics.handbooks", num("300")}},
			want:  "+++\r\ntitle = \"A\"\r\n\r\n[metrics]\r\nhouseholds = 14   # May\r\nsalons = 3\r\nhandbooks = 300\r\n+++\r\nBody\r\n",
		},
		{
			name:  "toml dotted and new table",
			src:   "+++\ntitle = \"A\"\nmetrics.salons = 3\n+++\n",
			edits: []Edit{{"metrics.salons", num("4")}, {"metrics.handbooks", num("1")}},
			want:  "+++\ntitle = \"A\"\nmetrics.salons = 4\nmetrics.handbooks = 1\n+++\n",
		},
		{
			name:  "toml no metrics yet",
			src:   "+++\ntitle = \"A\"\n+++\nBody\n",
			edits: []Edit{{"metrics.salons", num("4")}},
			want:  "+++\ntitle = \"A\"\n[metrics]\nsalons = 4\n+++\nBody\n",
		},
		{
			name:  "json",
			src:   "{\n  \"title\": \"A\",\n  \"metrics\": {\n    \"salons\": 3,\n    \"households\": 12\n  }\n}\n\nBody\n",
			edits: []Edit{{"metrics.salons", num("4")}, {"metrics.handbooks", num("300")}},
			want:  "{\n  \"title\": \"A\",\n  \"metrics\": {\n    \"salons\": 4,\n    \"households\": 12,\n    \"handbooks\": 300\n  }\n}\n\nBody\n",
		},
		{
			name:  "json map on one line",
			src:   "{\n\"title\": \"A\", \"metrics\": {\"salons\": 3}\n}\n\nBody\n",
			edits: []Edit{{"metrics.salons", num("11300")}, {"metrics.households", num("2")}},
			want:  "{\n\"title\": \"A\", \"metrics\": {\"salons\": 11300, \"households\": 2}\n}\n\nBody\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SpliceNumbers([]byte(tt.src), tt.edits)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}
