package search

// Two hash tables keyed by CJK keys (see pack), open addressing with
// linear probing: the index meets millions of keys, and Go maps, being
// general, cost several times more per key here.

// hashKey spreads a key's bits over the high bits of the result, which
// pick the slot (Fibonacci hashing).
func hashKey(k uint64) uint64 { return k * 0x9E3779B97F4A7C15 }

// keySet is the CJK keys of one story, each with the best field it was
// found in. Its slots belong to the story whose stamp they bear, so that
// starting the next story is one increment rather than a clear.
type keySet struct {
	slots []keySlot // a power of two
	shift uint      // 64 - log2(len(slots))
	stamp uint32    // the story's; 0 is no story's
	used  []uint32  // the story's slots, in the order they were filled
}

type keySlot struct {
	key   uint64
	stamp uint32
	field uint8
}

// reset empties s for the next story.
func (s *keySet) reset() {
	if s.slots == nil {
		s.slots, s.shift = make([]keySlot, 1<<10), 64-10
	}
	s.stamp++
	if s.stamp == 0 { // after 2^32 stories: the stamps start again
		clear(s.slots)
		s.stamp = 1
	}
	s.used = s.used[:0]
}

// add adds key, found in field: the best field is kept.
func (s *keySet) add(key uint64, field int) {
	mask := uint64(len(s.slots) - 1)
	for i := hashKey(key) >> s.shift; ; i = (i + 1) & mask {
		e := &s.slots[i]
		if e.stamp != s.stamp {
			*e = keySlot{key: key, stamp: s.stamp, field: uint8(field)}
			s.used = append(s.used, uint32(i))
			if len(s.used)*2 > len(s.slots) {
				s.resize(2 * len(s.slots))
			}
			return
		}
		if e.key == key {
			e.field = max(e.field, uint8(field))
			return
		}
	}
}

// each calls f with every key of the story and its best field.
func (s *keySet) each(f func(key uint64, field int)) {
	for _, i := range s.used {
		f(s.slots[i].key, int(s.slots[i].field))
	}
}

// resize moves the story's keys into n slots.
func (s *keySet) resize(n int) {
	old, used := s.slots, s.used
	s.slots = make([]keySlot, n)
	s.shift = uint(64 - log2(n))
	s.used = make([]uint32, 0, n/2+1)
	for _, i := range used {
		e := old[i]
		s.add(e.key, int(e.field))
	}
}

// postingsTable is the postings of CJK keys, one list per key, kept in
// the slots themselves: a key's list is found with one memory access.
type postingsTable struct {
	slots []postingsSlot // a power of two; key 0 marks an empty slot
	shift uint
	n     int // keys held
}

type postingsSlot struct {
	key uint64
	list
}

// add appends a posting to key's list, new or not.
func (t *postingsTable) add(key uint64, id, field int) {
	if t.slots == nil {
		t.resize(1 << 12)
	}
	mask := uint64(len(t.slots) - 1)
	for i := hashKey(key) >> t.shift; ; i = (i + 1) & mask {
		e := &t.slots[i]
		if e.key == key {
			e.add(id, field)
			return
		}
		if e.key == 0 {
			e.key = key
			e.add(id, field)
			t.n++
			if t.n*4 > len(t.slots)*3 {
				t.resize(2 * len(t.slots))
			}
			return
		}
	}
}

// resize moves the lists into n slots.
func (t *postingsTable) resize(n int) {
	old := t.slots
	t.slots = make([]postingsSlot, n)
	t.shift = uint(64 - log2(n))
	mask := uint64(n - 1)
	for _, e := range old {
		if e.key == 0 {
			continue
		}
		i := hashKey(e.key) >> t.shift
		for t.slots[i].key != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = e
	}
}

// log2 of n, a power of two.
func log2(n int) int {
	l := 0
	for 1<<l < n {
		l++
	}
	return l
}
