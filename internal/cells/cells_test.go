package cells

import (
	"slices"
	"testing"

	"github.com/jiangninglu/showcase/internal/diag"
)

func TestFigure(t *testing.T) {
	tests := []struct{ in, cellUnit, metricUnit, want string }{
		{"1200", "", "人次", "1200"},
		{"1,200", "", "人次", "1200"},
		{"１，２００", "", "人次", "1200"},
		{"1.13", "万元", "元", "11300"},
		{"1.13万元", "", "元", "11300"},
		{"1.13万", "元", "元", "11300"},
		{"0.7亿", "", "元", "70000000"},
		{"15000元", "", "万元", "1.5"},
		{"35％", "", "%", "35"},
		{"0.1", "万元", "元", "1000"},
		{"12", "", "", "12"},
		{"12个", "", "", "12"},
		// What the Excel import read too (one parser for both).
		{"1,024", "", "人次", "1024"},
		{"300人次", "", "人次", "300"},
		{" 1 024 ", "", "人次", "1024"},
		{"1.0000000000000001E-2", "", "%", "0.01"},
		{"2亿", "", "万元", "20000"},
		{"+5", "", "", "5"},
		// Where the two parsers disagreed: the value's own unit wins over
		// the header's, and a lone 万 counts the header's base unit.
		{"15000元", "万元", "元", "15000"},
		{"1.13万", "万元", "元", "11300"},
		{"1.5千万", "", "元", "15000000"},
	}
	for _, tt := range tests {
		got, err := Figure(tt.in, tt.cellUnit, tt.metricUnit)
		if err != nil || got != tt.want {
			t.Errorf("Figure(%q, %q, %q) = %q, %v; want %q", tt.in, tt.cellUnit, tt.metricUnit, got, err, tt.want)
		}
	}
	bad := []struct{ in, cellUnit, metricUnit, msg string }{
		{"约100", "", "元", `"约100" is not a number: an estimate would be published as a count; write the figure alone if it is exact, or leave the cell empty`},
		{"100+", "", "人次", `"100+" is not a number: an estimate would be published as a count; write the figure alone if it is exact, or leave the cell empty`},
		{"100余人", "", "人次", `"100余人" is not a number: an estimate would be published as a count; write the figure alone if it is exact, or leave the cell empty`},
		{"～100", "", "人次", `"～100" is not a number: an estimate would be published as a count; write the figure alone if it is exact, or leave the cell empty`},
		{"many", "", "", `"many" is not a number`},
		{"0x10", "", "", `"0x10" is not a number`},
		{"inf", "", "", `"inf" is not a number`},
		{"100-200", "", "", `"100-200" is not a number`},
		{"1e308", "", "", `"1e308" is too large for a figure`},
		{"1e12", "万元", "元", `"1e12" is too large for a figure`},
		{"35%", "", "", `"35%": unit "%" cannot be converted to the metric's unit ""`},
		{"35%", "", "人次", `"35%": unit "%" cannot be converted to the metric's unit "人次"`},
		{"100人", "", "人次", `"100人": unit "人" cannot be converted to the metric's unit "人次"`},
		{"1,00", "", "", `"1,00" is not a number`},
		{"-3", "", "", `"-3" is negative; figures are counts and amounts`},
	}
	for _, tt := range bad {
		_, err := Figure(tt.in, tt.cellUnit, tt.metricUnit)
		if err == nil || err.Msg.Format(diag.En) != tt.msg {
			t.Errorf("Figure(%q): %v, want %s", tt.in, err, tt.msg)
		}
	}
}

func TestDateYearList(t *testing.T) {
	for in, want := range map[string]string{"2021-01-18": "2021-01-18", "2021/1/8": "2021-01-08", "2021.3.8": "2021-03-08", "2021年3月8日": "2021-03-08", "２０２１年３月８日": "2021-03-08"} {
		if got, err := Date(in); err != nil || got != want {
			t.Errorf("Date(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"2021-02-30", "3月8日", "昨天"} {
		if _, err := Date(in); err == nil {
			t.Errorf("Date(%q) took it", in)
		}
	}
	for in, want := range map[string]int{"2020.0": 2020, "2021": 2021, "2021年": 2021, "２０２１年度": 2021} {
		if got, err := Year(in); err != nil || got != want {
			t.Errorf("Year(%q) = %d, %v", in, got, err)
		}
	}
	if _, err := Year("21"); err == nil {
		t.Error("Year(21) took it")
	}
	if got := SplitList("张三、李四，王五,赵六;钱七；\n孙八/周九"); !slices.Equal(got, []string{"张三", "李四", "王五", "赵六", "钱七", "孙八", "周九"}) {
		t.Errorf("SplitList = %q", got)
	}
	for _, s := range []string{"", " 无 ", "暂无", "—", "–", "－", "N/A", "／"} {
		if !Blank(s) {
			t.Errorf("Blank(%q) is false", s)
		}
	}
	if Blank("0") {
		t.Error("Blank(0): zero is a figure")
	}
	for _, s := range []string{"标题", "标　　题", "标题：", "*标题", "标题*:", " 标题 "} {
		if Key(s) != "标题" {
			t.Errorf("Key(%q) = %q", s, Key(s))
		}
	}
	for _, in := range []string{"资金（万元）", "资金(万元)：", "*资金 （万元）", "资金[万元]", "资金【万元】", "资金〔万元〕"} {
		if l, u := SplitLabel(in); l != "资金" || u != "万元" {
			t.Errorf("SplitLabel(%q) = %q %q", in, l, u)
		}
	}
	if l, u := SplitLabel("（万元）"); l != "(万元)" || u != "" {
		t.Errorf("SplitLabel(（万元）) = %q %q: a unit alone is no label", l, u)
	}
}

// TestFieldsDistinct: no label names two fields.
func TestFieldsDistinct(t *testing.T) {
	seen := map[string]string{}
	for _, f := range Fields {
		for _, n := range f.Names() {
			if k, ok := seen[Key(n)]; ok && k != f.Key {
				t.Errorf("label %q names %s and %s", n, k, f.Key)
			}
			seen[Key(n)] = f.Key
		}
	}
}
