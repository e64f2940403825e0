package quality

import "testing"

func TestCopySuffix(t *testing.T) {
	for name, want := range map[string]string{
		"old-brand - 副本":     "副本",
		"old-brand - 副本 (2)": "副本 (2)",
		"old-brand 副本":       "副本",
		"old-brand - Copy":   "Copy",
		"old-brand copy 2":   "copy 2",
		"old-brand (1)":      "(1)",
		"old-brand（1）":       "（1）",
		"old-brand":          "",
		"copycat-garden":     "",
		"副本":                 "",
		"2020":               "",
		"photocopy":          "",
	} {
		if got := copySuffix(name); got != want {
			t.Errorf("copySuffix(%q) = %q, want %q", name, got, want)
		}
	}
}
