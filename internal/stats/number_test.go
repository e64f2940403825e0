package stats

import (
	"math"
	"testing"
)

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0"},
		{0.5, "0.5"},
		{66.7, "66.7"},
		{100, "100"},
		{999, "999"},
		{1000, "1,000"},
		{15600, "15,600"},
		{1234567.891, "1,234,567.89"},
		{12.10, "12.1"},
		{1.0 / 3, "0.33"},
		{2.0 / 3, "0.67"},
		{1.005, "1.01"}, // half away from zero on the decimal, not the binary 1.00499…
		{2.675, "2.68"},
		{0.125, "0.13"},
		{999.995, "1,000"},
		{0.004, "0"},
		{1e-7, "0"},
		{-1234.5, "-1,234.5"},
		{-0.001, "0"}, // no "-0"
		{-1.005, "-1.01"},
		{1e21, "1,000,000,000,000,000,000,000"},
		{math.Inf(1), "+Inf"},
	}
	for _, tt := range tests {
		if got := FormatNumber(tt.in); got != tt.want {
			t.Errorf("FormatNumber(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatCompact(t *testing.T) {
	tests := []struct {
		in   float64
		lang string
		want string
	}{
		{15600, "zh-CN", "1.56万"},
		{150000, "zh-CN", "15万"},
		{12000, "zh-CN", "1.2万"},
		{10000, "zh-CN", "1万"},
		{9999, "zh-CN", "9,999"},
		{9999.994, "zh-CN", "9,999.99"},
		{9999.995, "zh-CN", "约1万"}, // 10,000 once rounded: counted in 万, and marked as rounded
		{66.7, "zh-CN", "66.7"},
		{0.5, "zh-CN", "0.5"},
		{15650, "zh-CN", "约1.57万"}, // 1.565万, half away from zero
		{15649, "zh-CN", "约1.56万"},
		{10050, "zh-CN", "约1.01万"},
		{12345, "zh-CN", "约1.23万"},
		{15600.5, "zh-CN", "约1.56万"},
		{99990000, "zh-CN", "9,999万"},
		{99999999, "zh-CN", "约1亿"}, // not 10000万
		{100000000, "zh-CN", "1亿"},
		{250000000, "zh-CN", "2.5亿"},
		{123456789, "zh-CN", "约1.23亿"},
		{1.56e12, "zh-CN", "15,600亿"},
		{-15600, "zh-CN", "-1.56万"},
		{15600, "zh", "1.56万"},
		{15600, "en", "15,600"},
		{150000, "en", "150,000"},
		{123456789, "en", "123,456,789"},
		{15600, "", "15,600"},
	}
	for _, tt := range tests {
		if got := FormatCompact(tt.in, tt.lang); got != tt.want {
			t.Errorf("FormatCompact(%v, %q) = %q, want %q", tt.in, tt.lang, got, tt.want)
		}
	}
}

func TestFormatResult(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0"},
		{66.7, "66.7"},
		{0.5, "0.5"},
		{15600, "15600"},
		{1.0 / 3, "0.3333"},
		{2.0 / 3, "0.6667"},
		{0.1 + 0.2, "0.3"},
		{123456.78915, "123456.7892"},
		{0.00005, "0.0001"},
		{0.00004, "0"},
		{1e-7, "0"},
		{1e21, "1000000000000000000000"},
		{-0.00001, "0"},
	}
	for _, tt := range tests {
		if got := formatResult(tt.in); got != tt.want {
			t.Errorf("formatResult(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := round4(1.0 / 3); got != 0.3333 {
		t.Errorf("round4(1/3) = %v", got)
	}
}
