package keys

import (
	"reflect"
	"time"
)

// Same reports whether a and b (of one type) hold the same values: equal
// numbers, strings and booleans; times at the same instant in the same
// location; pointers that are the same, or point to structs that are
// Same; slices of Same elements (nil only with nil); interfaces holding
// Same values of one type; maps, functions and channels only when they
// are the very same. It is the quick way to a value's key when the value
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
		if a.Type() == timeType && a.CanInterface() && b.CanInterface() { // else field by field
			ta, tb := a.Interface().(time.Time), b.Interface().(time.Time)
			return ta.Equal(tb) && ta.Location() == tb.Location()
		}
		for i := range a.NumField() {
			if !Same(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice:
		if a.Len() != b.Len() || a.IsNil() != b.IsNil() {
			return false
		}
		if a.Len() == 0 || a.Pointer() == b.Pointer() {
			return true
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
