package stats

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
)

// wellFormed decodes the whole string as XML.
func wellFormed(t *testing.T, svg string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	depth := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not XML: %v\n%s", err, svg)
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	if depth != 0 {
		t.Fatalf("unbalanced elements\n%s", svg)
	}
}

func TestBarChartExact(t *testing.T) {
	got := BarChart("c1", "参与人次", "by year", []Bar{
		{Label: "2021", Value: 10, Reported: true, Text: "10 人次"},
		{Label: "2020", Value: 5, Reported: true},
		{Label: "2019", Reported: false},
	}, "zh-CN")
	// Rows 28 high from y=8; bars 18 high, 5 below the row top; the longest
	// bar is 312 wide (640-208-120), the value 6 after the bar's end.
	want := `<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" width="640" height="100" viewBox="0 0 640 100" role="img" aria-labelledby="c1-title c1-desc"` +
		` font-family="` + chartFonts + `" font-size="14">` +
		`<title id="c1-title">参与人次</title><desc id="c1-desc">by year</desc>` +
		`<g><text x="200" y="26" text-anchor="end" fill="#111">2021</text>` +
		`<rect x="208" y="13" width="312" height="18" fill="#1f3a5f"/>` +
		`<text x="526" y="26" fill="#111">10 人次</text></g>` +
		`<g><text x="200" y="54" text-anchor="end" fill="#111">2020</text>` +
		`<rect x="208" y="41" width="156" height="18" fill="#1f3a5f"/>` +
		`<text x="370" y="54" fill="#111">5</text></g>` +
		`<g><text x="200" y="82" text-anchor="end" fill="#111">2019</text>` +
		`<text x="208" y="82" fill="#444" font-style="italic">未报告</text></g>` +
		`</svg>`
	if got != want {
		t.Errorf("BarChart:\n got %s\nwant %s", got, want)
	}
	wellFormed(t, got)
}

func TestBarChart(t *testing.T) {
	long := "一二三四五六七八九十十一十二十三"
	tests := []struct {
		name     string
		id       string
		title    string
		desc     string
		bars     []Bar
		lang     string
		contains []string
		absent   []string
	}{
		{
			name: "escaped", id: "x", title: `<script>alert("t")</script>`, desc: "a & b",
			bars: []Bar{{Label: "<script>alert(1)</script>", Value: 1, Reported: true, Text: "<b>1</b>"}, {Label: "a\x00b", Value: 2, Reported: true}},
			lang: "en",
			contains: []string{
				"&lt;script&gt;alert(1)&lt;/script&gt;",
				"&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;",
				"a &amp; b", "&lt;b&gt;1&lt;/b&gt;", "a\uFFFDb",
			},
			absent: []string{"<script", "<b>"},
		},
		{
			name: "not reported", id: "s", title: "资金", bars: []Bar{{Label: "安远路", Value: 0, Reported: false}, {Label: "北京居民区", Value: 15600, Reported: true, Text: "1.56万"}},
			lang:     "zh-CN",
			contains: []string{`<title id="s-title">资金</title>`, "未报告", "1.56万", `aria-labelledby="s-title"`},
			absent:   []string{"<desc", "not reported"},
		},
		{
			name: "english", id: "e", title: "Funding", desc: "d", bars: []Bar{{Label: "Old Town"}},
			lang:     "en",
			contains: []string{"not reported", `aria-labelledby="e-title e-desc"`},
			absent:   []string{"未报告", "<rect"},
		},
		{
			name: "truncated", id: "t", title: "t", bars: []Bar{
				{Label: long, Value: 1, Reported: true},
				{Label: "一二三四五六七八九十一二", Value: 1, Reported: true},               // 12 CJK characters fit
				{Label: "abcdefghijklmnopqrstuvwxyz", Value: 1, Reported: true}, // 26 columns do not
			},
			lang: "zh-CN",
			contains: []string{
				">一二三四五六七八九十十…</text>", "<title>" + long + "</title>",
				">一二三四五六七八九十一二</text>",
				">abcdefghijklmnopqrstuv…</text>",
			},
		},
		{
			name: "id prefix", id: `a b"<c`, title: "t", desc: "d", bars: nil, lang: "en",
			contains: []string{`id="a-b--c-title"`, `aria-labelledby="a-b--c-title a-b--c-desc"`, `height="16"`},
		},
		{
			name: "zeros", id: "z", title: "t", bars: []Bar{{Label: "a", Value: 0, Reported: true}, {Label: "b", Value: 0.0001, Reported: true}},
			lang:     "en",
			contains: []string{`<text x="214" y="26" fill="#111">0</text>`, `width="312"`},
		},
		{
			name: "tiny bar shows", id: "y", title: "t", bars: []Bar{{Label: "a", Value: 1000, Reported: true}, {Label: "b", Value: 1, Reported: true}},
			lang:     "en",
			contains: []string{`<rect x="208" y="41" width="1" height="18"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svg := BarChart(tt.id, tt.title, tt.desc, tt.bars, tt.lang)
			wellFormed(t, svg)
			for _, s := range tt.contains {
				if !strings.Contains(svg, s) {
					t.Errorf("no %q in\n%s", s, svg)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(svg, s) {
					t.Errorf("%q in\n%s", s, svg)
				}
			}
		})
	}
}
