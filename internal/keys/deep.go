package keys

import (
	"reflect"
	"slices"
	"sync"
	"time"
	"unsafe"
)

// Deep makes keys of values deeply, through reflect: every field, exported or
// not, every element, every map entry, following pointers. What a pointer
// points to is hashed once and remembered by address: the data handed to
// templates is read-only, and a story shown on many pages is hashed once.
// A caller keeps its Deep between serve's builds, and what it remembers
// of the values the last build used (the site gives again the stories that did
// not change, see site.Input.Previous): a rebuild hashes the stories that
// changed. The memory keeps the values alive, so an address is never
// another value's. Safe for concurrent use.
type Deep struct {
	mu   sync.Mutex
	memo map[memoKey]*memoEntry
	gen  uint32 // the build's; entries a build did not use go after it
	// LongStrings: remember the keys of long strings too, by address
	// (see Walk). Set it before use.
	LongStrings bool
}

type memoKey struct {
	p unsafe.Pointer
	t reflect.Type // or, for a string's bytes, stringLenType
	n stringLen    // a string's length
}

type memoEntry struct {
	sum uint64
	gen uint32
}

// NewDeep returns a Deep that remembers nothing yet.
func NewDeep() *Deep { return &Deep{memo: map[memoKey]*memoEntry{}} }

// Next begins a build: what the last build remembered and did not use
// is let go.
func (h *Deep) Next() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for k, e := range h.memo {
		if e.gen != h.gen {
			delete(h.memo, k)
		}
	}
	h.gen++
}

// Of returns the key of v.
func (h *Deep) Of(v any) uint64 {
	var k Hash
	h.Walk(&k, reflect.ValueOf(v))
	return k.Sum()
}

// Walk adds v to k.
func (h *Deep) Walk(k *Hash, v reflect.Value) {
	if !v.IsValid() {
		k.U64(0xdead)
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		k.Bool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		k.U64(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		k.U64(v.Uint())
	case reflect.Float32, reflect.Float64:
		k.Float(v.Float())
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		k.Float(real(c)).Float(imag(c))
	case reflect.String:
		str := v.String()
		if len(str) < longString || !h.LongStrings {
			k.Str(str)
			return
		}
		// A long string (a story's HTML, given to its page twice, as
		// .Content and .Story.HTML) is hashed once and remembered by
		// address, as what a pointer points to: strings never change.
		mk := memoKey{unsafe.Pointer(unsafe.StringData(str)), stringLenType, stringLen(len(str))}
		sum, ok := h.lookup(mk)
		if !ok {
			var sk Hash
			sk.Str(str)
			sum = h.store(mk, sk.Sum())
		}
		k.U64(sum)
	case reflect.Slice:
		if v.IsNil() {
			k.U64(0xdead)
			return
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			k.Bytes(v.Bytes())
			return
		}
		fallthrough
	case reflect.Array:
		n := v.Len()
		k.Int(n)
		for i := range n {
			h.Walk(k, v.Index(i))
		}
	case reflect.Map:
		if v.IsNil() {
			k.U64(0xdead)
			return
		}
		// Each entry hashed alone, the entries in the order of their
		// hashes: a map's order is random.
		entries := make([]uint64, 0, v.Len())
		it := v.MapRange()
		for it.Next() {
			var e Hash
			h.Walk(&e, it.Key())
			h.Walk(&e, it.Value())
			entries = append(entries, e.Sum())
		}
		slices.Sort(entries)
		k.Int(len(entries))
		for _, e := range entries {
			k.U64(e)
		}
	case reflect.Pointer:
		if v.IsNil() {
			k.U64(0xdead)
			return
		}
		if v.Type().Implements(keyerType) {
			k.U64(keyOf(v))
			return
		}
		k.U64(h.pointer(v))
	case reflect.Interface:
		if v.IsNil() {
			k.U64(0xdead)
			return
		}
		e := v.Elem()
		k.Str(e.Type().String())
		h.Walk(k, e)
	case reflect.Struct:
		if v.Type() == timeType {
			var t time.Time
			switch {
			case v.CanInterface():
				t = v.Interface().(time.Time)
			case v.CanAddr(): // an unexported field
				t = *(*time.Time)(v.Addr().UnsafePointer())
			default:
				// A copy of an unexported field: its fields, below. (Equal
				// times may then differ in key, never the other way.)
				for i := range v.NumField() {
					h.Walk(k, v.Field(i))
				}
				return
			}
			// The instant, the zone's name and offset (two zones
			// without a name show one instant as different clock
			// times), and the location's: all a template can show of
			// it, without formatting it.
			name, offset := t.Zone()
			k.U64(uint64(t.Unix())).Int(t.Nanosecond()).Str(name).Int(offset).Str(t.Location().String())
			return
		}
		for i := range v.NumField() {
			h.Walk(k, v.Field(i))
		}
	default:
		// Functions, channels and unsafe pointers: by identity. (No
		// view data holds one; were it to, its pages would render every
		// time, never stale.)
		k.U64(uint64(v.Pointer()))
	}
}

// longString is the length from which walk remembers a string's key.
const longString = 256

// stringLen stands for a string's length in a memoKey: a string's bytes
// are keyed by their address and length.
type stringLen int

var stringLenType = reflect.TypeFor[stringLen]()

// pointer returns the key of what v points to, hashed once.
func (h *Deep) pointer(v reflect.Value) uint64 {
	mk := memoKey{p: v.UnsafePointer(), t: v.Type()}
	if sum, ok := h.lookup(mk); ok {
		return sum
	}
	var k Hash
	k.Str(v.Type().String())
	h.Walk(&k, v.Elem())
	return h.store(mk, k.Sum())
}

// lookup returns the key remembered for mk, if any. (No closure is
// passed around: each would be allocated, at every pointer of every page.)
func (h *Deep) lookup(mk memoKey) (uint64, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	e, ok := h.memo[mk]
	if !ok {
		return 0, false
	}
	e.gen = h.gen
	return e.sum, true
}

// store remembers sum as mk's key, and returns it.
func (h *Deep) store(mk memoKey, sum uint64) uint64 {
	h.mu.Lock()
	h.memo[mk] = &memoEntry{sum, h.gen}
	h.mu.Unlock()
	return sum
}

// Keyer is a value that gives its own key to Deep, and is Same only as
// itself: one that is made on demand, such as a story's rendered body
// (site.Body), whose fields say nothing of what it renders to.
type Keyer interface{ DeepKey() uint64 }

var keyerType = reflect.TypeFor[Keyer]()

// keyOf returns the DeepKey of v, a pointer that implements Keyer, even
// when v was read from an unexported field.
func keyOf(v reflect.Value) uint64 {
	return reflect.NewAt(v.Type().Elem(), v.UnsafePointer()).Interface().(Keyer).DeepKey()
}

// Slice is what Since keeps of a slice of pointers: its elements, and the
// key each added to the slice's.
type Slice struct {
	ptrs []unsafe.Pointer
	keys []uint64
}

// Since returns the key of v as Of does, when v is a slice of pointers
// (to values that are not Keyers), with what to give Since for the same
// part of the next build: an element at the same place and address as
// in last (what Since returned before, or nil) keeps the key it had then,
// without a look into the memory. (A rebuild's site has a new slice of
// stories, nearly all of them the last build's: a walk of the slice
// looks each one up.) ok is false, and nothing is done, for other values.
func (h *Deep) Since(v any, last *Slice) (sum uint64, next *Slice, ok bool) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice || rv.IsNil() {
		return 0, nil, false
	}
	if et := rv.Type().Elem(); et.Kind() != reflect.Pointer || et.Implements(keyerType) {
		return 0, nil, false
	}
	n := rv.Len()
	ptrs := unsafe.Slice((*unsafe.Pointer)(rv.UnsafePointer()), n)
	next = &Slice{ptrs: slices.Clone(ptrs), keys: make([]uint64, n)}
	var k Hash
	k.Int(n)
	for i, p := range ptrs {
		switch {
		case last != nil && i < len(last.ptrs) && last.ptrs[i] == p:
			next.keys[i] = last.keys[i]
		case p == nil:
			next.keys[i] = 0xdead // as Walk writes a nil pointer
		default:
			next.keys[i] = h.pointer(rv.Index(i))
		}
		k.U64(next.keys[i])
	}
	return k.Sum(), next, true
}
