package render

import (
	"testing"

	"github.com/jiangninglu/showcase/internal/config"
)

// TestFigure: money of 10,000 yuan or more in 万元, past 100 million in
// 亿元, on a Chinese site only, with the exact figure beside; a chart's
// bars all on the scale of its largest.
func TestFigure(t *testing.T) {
	yuan := config.Metric{Key: "funding", Unit: "元"}
	people := config.Metric{Key: "participants", Unit: "人次"}
	for _, tt := range []struct {
		lang   string
		v, ref float64
		m      config.Metric
		want   Fig
	}{
		{"zh-CN", 14806000, 14806000, yuan, Fig{Num: "1,480.6", Unit: "万元", Exact: "14,806,000 元"}},
		{"zh-CN", 150000, 150000, yuan, Fig{Num: "15", Unit: "万元", Exact: "150,000 元"}},
		{"zh-CN", 9999, 9999, yuan, Fig{Num: "9,999", Unit: "元"}},
		{"zh-CN", 5000, 20000, yuan, Fig{Num: "0.5", Unit: "万元", Exact: "5,000 元"}},
		{"zh-CN", 123456789, 123456789, yuan, Fig{Num: "1.23", Unit: "亿元", Approx: true, Exact: "123,456,789 元"}},
		{"en", 14806000, 14806000, yuan, Fig{Num: "14,806,000", Unit: "元"}},
		{"zh-CN", 15600, 15600, people, Fig{Num: "15,600", Unit: "人次"}},
	} {
		if got := figure(tt.lang, tt.v, tt.ref, tt.m); got != tt.want {
			t.Errorf("figure(%s, %v, %v, %s) = %+v, want %+v", tt.lang, tt.v, tt.ref, tt.m.Unit, got, tt.want)
		}
	}
}
