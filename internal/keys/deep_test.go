package keys

import (
	"testing"
	"time"
)

// TestDeepTimes: times that show differently have different keys (one
// instant in two unnamed zones), equal times the same, in exported and
// unexported fields alike.
func TestDeepTimes(t *testing.T) {
	at := func(offset int) time.Time {
		return time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).In(time.FixedZone("", offset))
	}
	type rec struct {
		When time.Time
		when time.Time
	}
	d := NewDeep()
	if d.Of(at(8*3600)) == d.Of(at(9*3600)) {
		t.Error("one instant at +08:00 and at +09:00: the same key")
	}
	if a, b := at(8*3600), at(8*3600); d.Of(a) != d.Of(b) {
		t.Error("equal times: different keys")
	}
	if d.Of(rec{when: at(0)}) == d.Of(rec{when: at(3600)}) {
		t.Error("an unexported time field is not in the key")
	}
	if d.Of(rec{When: at(0)}) == d.Of(rec{when: at(0)}) {
		t.Error("two fields: the same key")
	}
	p1, p2 := &rec{When: at(0)}, &rec{When: at(0)}
	if d.Of(p1) != d.Of(p2) {
		t.Error("equal values behind two pointers: different keys")
	}
}

// TestSince: the key of a slice of pointers, made with what Since kept of
// an earlier slice, is the key Of gives, through changes of elements,
// length and nil elements.
func TestSince(t *testing.T) {
	type rec struct{ N int }
	d := NewDeep()
	a, b, c := &rec{1}, &rec{2}, &rec{3}
	steps := [][]*rec{
		{a, b, c},
		{a, b, c},
		{a, &rec{2}, c}, // another pointer to an equal value
		{a, &rec{5}, c},
		{c, a},
		{c, nil, a, b},
		{},
	}
	var last *Slice
	for i, v := range steps {
		sum, next, ok := d.Since(v, last)
		if !ok {
			t.Fatalf("step %d: not a slice of pointers", i)
		}
		if want := d.Of(v); sum != want {
			t.Errorf("step %d: Since gives %x, Of %x", i, sum, want)
		}
		last = next
	}
	if _, _, ok := d.Since([]int{1}, nil); ok {
		t.Error("Since of a slice of ints")
	}
	if _, _, ok := d.Since([]*rec(nil), nil); ok {
		t.Error("Since of a nil slice")
	}
}
