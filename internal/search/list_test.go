package search

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// plainList is what a list must give: its postings appended as text.
type plainList struct {
	postings []byte
	last     int
}

func (p *plainList) add(id, field int) {
	p.postings = appendNumber(p.postings, (id-p.last)*4+field)
	p.last = id
}

// checkList fails unless l gives p's postings, and size agrees.
func checkList(t *testing.T, name string, l *list, p *plainList) {
	t.Helper()
	got := l.appendTo([]byte("x"))
	if !bytes.Equal(got[1:], p.postings) || got[0] != 'x' {
		i := 0
		for i < min(len(got)-1, len(p.postings)) && got[1+i] == p.postings[i] {
			i++
		}
		t.Fatalf("%s: postings differ at byte %d of %d (got %d bytes)", name, i, len(p.postings), len(got)-1)
	}
	if l.size() != len(p.postings) {
		t.Fatalf("%s: size %d, want %d", name, l.size(), len(p.postings))
	}
}

// TestListProperty: random sequences of postings, sparse, dense, mixed
// and switching from one to another, give the bytes appendNumber gives,
// and size() is their length, at every point checked.
func TestListProperty(t *testing.T) {
	// A gap and a field: each kind of run draws them its own way.
	kinds := map[string]func(r *rand.Rand) (int, int){
		"dense": func(r *rand.Rand) (int, int) { // the next story, mostly in the body
			if r.IntN(10) == 0 {
				return 1, r.IntN(4)
			}
			return 1, 0
		},
		"dense-fields": func(r *rand.Rand) (int, int) { return 1 + r.IntN(2), r.IntN(4) },
		"sparse":       func(r *rand.Rand) (int, int) { return 1 + r.IntN(2000), r.IntN(4) },
		"mixed": func(r *rand.Rand) (int, int) {
			if r.IntN(4) == 0 {
				return 1 + r.IntN(300), r.IntN(4)
			}
			return 1 + r.IntN(3), r.IntN(2)
		},
		"jumps": func(r *rand.Rand) (int, int) { // numbers of up to 8 digits
			return 1 + r.IntN(1<<(5*r.IntN(8))), r.IntN(4)
		},
	}
	names := []string{"dense", "dense-fields", "sparse", "mixed", "jumps"}
	for seed := range uint64(300) {
		r := rand.New(rand.NewPCG(seed, 22))
		var l list
		var p plainList
		id := -1 // the first posting is story gap-1: 0 or later
		// Runs of one kind, switching: a few long, most short, so that
		// codes of every width meet every bit position and chunk end.
		runs := 1 + r.IntN(12)
		for range runs {
			kind := names[r.IntN(len(names))]
			n := r.IntN(40)
			if r.IntN(4) == 0 {
				n = r.IntN(20000)
			}
			for range n {
				gap, field := kinds[kind](r)
				id += gap
				l.add(id, field)
				p.add(id, field)
			}
			checkList(t, kind, &l, &p)
		}
		// appendTo reads and does not change the list.
		checkList(t, "again", &l, &p)
		if l.words != nil {
			for _, c := range append(l.words.full, l.words.cur) {
				if cap(c) > listChunk {
					t.Fatalf("a chunk of %d words", cap(c))
				}
			}
		}
	}
}

// TestListEveryDigit: each digit in each position of acc, alone and in
// numbers of every length.
func TestListEveryDigit(t *testing.T) {
	for shift := range 70 { // as many "4"s first: every bit position
		var l list
		var p plainList
		id := 0
		for range shift {
			id++
			l.add(id, 0)
			p.add(id, 0)
		}
		for v := range 64 * 33 {
			if v < 4 {
				continue // a gap of 0 after the first posting
			}
			id += v / 4
			l.add(id, v%4)
			p.add(id, v%4)
		}
		for _, v := range []int{1 << 10, 1<<15 - 1, 1 << 20, 1<<25 + 3, 1<<30 - 1, 1<<35 + 2, 1<<40 - 1} {
			id += v / 4
			l.add(id, v%4)
			p.add(id, v%4)
		}
		checkList(t, "digits", &l, &p)
	}
}

// TestListDense: a key in every story, found in the body, takes about a
// bit a story, and a list of a few postings no memory beyond the list.
func TestListDense(t *testing.T) {
	var l list
	var p plainList
	for id := range 100000 {
		l.add(id, 0)
		p.add(id, 0)
	}
	checkList(t, "dense", &l, &p)
	words := len(l.words.cur)
	for _, c := range l.words.full {
		words += len(c)
	}
	if words*64 > 100000+64 {
		t.Errorf("100,000 postings of one bit take %d words", words)
	}

	var small list
	var q plainList
	for id := range 9 {
		small.add(id*3, id%4)
		q.add(id*3, id%4)
	}
	checkList(t, "small", &small, &q)
	if small.words != nil {
		t.Errorf("9 postings of one digit took words beyond the list")
	}
}

// BenchmarkListAppendTo decodes the list of a key in 4 stories of 5 of
// 100,000, found in the body but now and then.
func BenchmarkListAppendTo(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	var l list
	id := 0
	for range 80000 {
		id += 1 + r.IntN(5)/4
		field := 0
		if r.IntN(12) == 0 {
			field = 1 + r.IntN(3)
		}
		l.add(id, field)
	}
	b.SetBytes(int64(l.size()))
	var dst []byte
	for b.Loop() {
		dst = l.appendTo(dst[:0])
	}
}
