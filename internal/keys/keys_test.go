package keys

import "testing"

func TestKeys(t *testing.T) {
	if Of("ab", "c") == Of("a", "bc") {
		t.Error(`Of("ab", "c") == Of("a", "bc"): strings are not delimited`)
	}
	if Of("x", "y") != new(Hash).Str("x").Str("y").Sum() {
		t.Error("Of differs from a Hash given the same strings")
	}
	a, b := []byte("story"), []byte("story")
	if Bytes(a) != Bytes(b) {
		t.Error("Bytes differs for equal input")
	}
	if String("story") != String(string(b)) || String("story") == String("storx") {
		t.Error("String is not the key of its string alone")
	}
	var zero Hash
	if zero.Int(1).Sum() != New().Int(1).Sum() {
		t.Error("a zero Hash differs from New")
	}
	if New().Bool(true).Sum() == New().Bool(false).Sum() {
		t.Error("Bool(true) == Bool(false)")
	}
}
