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
