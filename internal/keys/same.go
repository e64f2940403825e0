package keys

import (
	"reflect"
	"sync"
	"time"
	"unsafe"
)

// Same reports whether a and b (of one type) hold the same values: equal
// numbers, strings and booleans; times at the same instant in the same
// location; pointers that are the same, or point to structs that are
// Same; slices of Same elements (nil only with nil); interfaces holding
// Same values of one type; maps, functions and channels only when they
// are the very same; and whatever has the same bits, field by field, in
// memory. It is the quick way to a value's key when the value
// may be made of what an earlier one was (a story made again from what
// did not change shares its earlier self's pointers and slices): pointers
// compared, nothing hashed. Values must not hold cycles.
func Same(a, b reflect.Value) bool {
	switch a.Kind() {
	case reflect.Pointer:
		if a.Pointer() == b.Pointer() {
			return true
		}
		if a.Type().Implements(keyerType) { // the same one only (see Keyer)
			return false
		}
		if a.IsNil() || b.IsNil() || a.Elem().Kind() != reflect.Struct {
			return false
		}
		return Same(a.Elem(), b.Elem())
	case reflect.Struct:
		if a.Type() == timeType { // else field by field
			if ta, ok := timeOf(a); ok {
				if tb, ok := timeOf(b); ok {
					return ta.Equal(tb) && ta.Location() == tb.Location()
				}
			}
		}
		return sameFields(a, b, -1)
	case reflect.Slice:
		if a.Len() != b.Len() || a.IsNil() != b.IsNil() {
			return false
		}
		if a.Len() == 0 || a.Pointer() == b.Pointer() {
			return true
		}
		// The same bits, element by element, are the same values (the
		// indices of a statistics group, made again the same).
		if size := uintptr(a.Len()) * a.Type().Elem().Size(); size > 0 &&
			unsafe.String((*byte)(a.UnsafePointer()), size) == unsafe.String((*byte)(b.UnsafePointer()), size) {
			return true
		}
		if a.Type().Elem().Kind() == reflect.Pointer {
			return samePointers(a, b)
		}
		for i := range a.Len() {
			if !Same(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map, reflect.Func, reflect.Chan, reflect.UnsafePointer:
		return a.Pointer() == b.Pointer()
	case reflect.String:
		return a.String() == b.String()
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return a.Uint() == b.Uint()
	case reflect.Float32, reflect.Float64:
		return a.Float() == b.Float()
	case reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return a.Elem().Type() == b.Elem().Type() && Same(a.Elem(), b.Elem())
	}
	return false
}

var timeType = reflect.TypeFor[time.Time]()

// timeOf returns the time v holds, read in place when v is addressable
// (a field of a struct given by pointer: nothing is copied to an
// interface), else through Interface when v may be; ok is false for a
// copy of an unexported field.
func timeOf(v reflect.Value) (t time.Time, ok bool) {
	switch {
	case v.CanAddr():
		return *(*time.Time)(v.Addr().UnsafePointer()), true
	case v.CanInterface():
		return v.Interface().(time.Time), true
	}
	return time.Time{}, false
}

// samePointers is Same for two slices of pointers of one length: the
// pointers compared as words, and only those that differ compared
// through reflect. (A list page's stories are a new slice every build,
// of the same stories: through reflect alone, each pointer costs more
// than the rest of the page's comparison.)
func samePointers(a, b reflect.Value) bool {
	n := a.Len()
	pa := unsafe.Slice((*unsafe.Pointer)(a.UnsafePointer()), n)
	pb := unsafe.Slice((*unsafe.Pointer)(b.UnsafePointer()), n)
	for i := range n {
		if pa[i] != pb[i] && !Same(a.Index(i), b.Index(i)) {
			return false
		}
	}
	return true
}

// SameExcept is Same for two structs of one type, but for their field
// number skip.
func SameExcept(a, b reflect.Value, skip int) bool { return sameFields(a, b, skip) }

// sameFields reports whether the fields of structs a and b but skip (-1:
// none) are Same. Fields of structs in memory (addressable) are first
// compared as bytes: the same pointer, string or slice header is the same
// value, and most fields of a value made again from what did not change
// are, without a call through reflect.
func sameFields(a, b reflect.Value, skip int) bool {
	if a.CanAddr() && b.CanAddr() {
		pa, pb := a.Addr().UnsafePointer(), b.Addr().UnsafePointer()
		for i, f := range spansOf(a.Type()) {
			if i == skip || f.size > 0 && unsafe.String((*byte)(unsafe.Add(pa, f.off)), f.size) == unsafe.String((*byte)(unsafe.Add(pb, f.off)), f.size) {
				continue
			}
			if !Same(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	}
	for i := range a.NumField() {
		if i != skip && !Same(a.Field(i), b.Field(i)) {
			return false
		}
	}
	return true
}

// span is where a field of a struct lies in it.
type span struct{ off, size uintptr }

var spans sync.Map // reflect.Type -> []span

// spansOf returns where each field of struct type t lies.
func spansOf(t reflect.Type) []span {
	if s, ok := spans.Load(t); ok {
		return s.([]span)
	}
	s := make([]span, t.NumField())
	for i := range s {
		f := t.Field(i)
		s[i] = span{f.Offset, f.Type.Size()}
	}
	spans.Store(t, s)
	return s
}
