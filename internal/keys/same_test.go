package keys

import (
	"reflect"
	"testing"
	"time"
)

type inner struct {
	N    int
	Tags []string
}

type value struct {
	S    string
	F    float64
	P    *inner
	L    []int
	PL   []*inner
	M    map[string]int
	I    any
	T    time.Time
	when time.Time // unexported: compared field by field
}

func TestSame(t *testing.T) {
	m := map[string]int{"a": 1}
	at := time.Date(2020, 3, 1, 8, 0, 0, 0, time.UTC)
	base := func() value {
		return value{S: "s", F: 1.5, P: &inner{1, []string{"x"}}, L: []int{1, 2}, PL: []*inner{{2, nil}, {3, []string{"z"}}}, M: m, I: 3, T: at, when: at}
	}
	// Values as copies, and in memory (addressable: compared byte-wise
	// first), the same.
	same := func(a, b value) bool {
		copies := Same(reflect.ValueOf(a), reflect.ValueOf(b))
		inPlace := Same(reflect.ValueOf(&a).Elem(), reflect.ValueOf(&b).Elem())
		if copies != inPlace {
			t.Errorf("Same of copies %v, in place %v", copies, inPlace)
		}
		return copies
	}
	if !same(base(), base()) {
		t.Error("values made alike (other pointers and slices, equal contents) are not Same")
	}
	changes := map[string]func(*value){
		"string":                            func(v *value) { v.S = "t" },
		"float":                             func(v *value) { v.F = 2 },
		"pointed-to field":                  func(v *value) { v.P.Tags[0] = "y" },
		"nil pointer":                       func(v *value) { v.P = nil },
		"slice element":                     func(v *value) { v.L[1] = 3 },
		"slice length":                      func(v *value) { v.L = v.L[:1] },
		"pointed-to in a slice of pointers": func(v *value) { v.PL[1].Tags[0] = "w" },
		"nil in a slice of pointers":        func(v *value) { v.PL[0] = nil },
		"nil slice":                         func(v *value) { v.L = nil },
		"map":                               func(v *value) { v.M = map[string]int{"a": 1} }, // equal, but another map
		"interface type":                    func(v *value) { v.I = int64(3) },
		"time instant":                      func(v *value) { v.T = at.Add(time.Second) },
		"time location":                     func(v *value) { v.T = at.In(time.FixedZone("CST", 8*3600)) },
		"unexported time":                   func(v *value) { v.when = at.Add(time.Second) },
	}
	for name, change := range changes {
		v := base()
		change(&v)
		if same(base(), v) {
			t.Errorf("%s changed, yet Same", name)
		}
	}
	// The same pointers in another slice, and some of them other pointers
	// to equal values.
	a, b := base(), base()
	b.PL = []*inner{a.PL[0], {3, []string{"z"}}}
	if !same(a, b) {
		t.Error("slices of the same and of equal pointers are not Same")
	}
	// Nil with empty: a nil slice is not an empty one.
	a, b = base(), base()
	a.L, b.L = nil, []int{}
	if same(a, b) {
		t.Error("a nil slice is Same as an empty one")
	}
}

// TestSameExcept: the field left out may differ; any other may not.
func TestSameExcept(t *testing.T) {
	type rec struct {
		A string
		B *int
		C []int
	}
	one, two := 1, 1
	a := rec{"x", &one, []int{1}}
	for _, c := range []struct {
		b    rec
		skip int
		want bool
	}{
		{rec{"x", &one, []int{1}}, -1, true},
		{rec{"y", &one, []int{1}}, 0, true},
		{rec{"y", &one, []int{1}}, 1, false},
		{rec{"x", &two, []int{1}}, 1, true},
		{rec{"x", &two, []int{1}}, -1, false}, // another int: a pointer to a struct only is followed
		{rec{"x", &one, []int{2}}, 0, false},
	} {
		b := c.b
		if got := SameExcept(reflect.ValueOf(&a).Elem(), reflect.ValueOf(&b).Elem(), c.skip); got != c.want {
			t.Errorf("SameExcept(%+v, %+v, %d) = %v", a, b, c.skip, got)
		}
	}
}
