package search

import (
	"encoding/binary"
	"math/bits"
	"slices"
)

// list is the postings of one key as they are built: the characters of
// its postings string (see appendNumber), each in a code of its own
// rather than a byte. Most postings of a key common enough to hold much
// memory are "4", the next story, found in the body (at 100,000 stories
// of the benchmark corpus, 72% of all the characters of the postings):
// "4" is one bit, 0; any other character seven bits, 1 and then its
// number among the 64 digits, lastDigits then moreDigits. The postings
// of that corpus take a third of the bytes they would as text; and a
// list of a few postings needs no memory beyond its 32 bytes, which a
// site with a wide vocabulary has hundreds of thousands of.
//
// The bits are written from bit 0 of acc up; a full acc goes to words,
// in chunks of listChunk words once they are large enough to be worth
// it, not one slice grown by copying (that held up to a quarter more
// than the postings and, at 100,000 stories, made about 500 MB of
// garbage as the lists grew).
type list struct {
	acc   uint64     // the bits after those in words
	words *listWords // nil until acc first fills
	last  int        // the story id of the last posting
	n     uint32     // characters in the postings: fewer than 8 a story
	nbits uint8      // bits used in acc
}

type listWords struct {
	full [][]uint64 // chunks filled, in order
	cur  []uint64   // the words after full's
}

// listChunk is the size of a list's chunks, in words (4 KiB).
const listChunk = 512

// digits are the postings' digits by their number in a list's code.
const digits = lastDigits + moreDigits

// add appends a posting to l.
func (l *list) add(id, field int) {
	v := (id-l.last)*4 + field
	l.last = id
	if v < 32 { // most postings: one digit of lastDigits
		l.put(v)
		l.n++
		return
	}
	// As appendNumber writes v: most significant digit first, each a
	// digit of moreDigits but the last.
	var tmp [8]uint8
	i := len(tmp) - 1
	tmp[i] = uint8(v & 31)
	for v >>= 5; v > 0; v >>= 5 {
		i--
		tmp[i] = 32 + uint8(v&31)
	}
	for _, d := range tmp[i:] {
		l.put(int(d))
	}
	l.n += uint32(len(tmp) - i)
}

// put appends the code of digit d (its number in digits).
func (l *list) put(d int) {
	if d == 4 { // a 0 bit: acc has it already
		if l.nbits++; l.nbits == 64 {
			l.nbits = 0
			l.flush()
		}
		return
	}
	code := uint64(d)<<1 | 1
	l.acc |= code << l.nbits
	if l.nbits += 7; l.nbits >= 64 {
		l.nbits -= 64
		l.flush()
		l.acc = code >> (7 - l.nbits) // the bits that did not fit, if any
	}
}

// flush moves acc, full, to words.
func (l *list) flush() {
	if l.words == nil {
		l.words = new(listWords)
	}
	w := l.words
	if len(w.cur) == cap(w.cur) && cap(w.cur) >= listChunk/2 {
		w.full = append(w.full, w.cur)
		w.cur = make([]uint64, 0, listChunk)
	}
	w.cur = append(w.cur, l.acc)
	l.acc = 0
}

// size is the length of l's postings.
func (l *list) size() int { return int(l.n) }

// appendTo appends l's postings to dst.
func (l *list) appendTo(dst []byte) []byte {
	var chunks [][]uint64
	if l.words != nil {
		chunks = append(l.words.full[:len(l.words.full):len(l.words.full)], l.words.cur)
	}
	chunks = append(chunks, []uint64{l.acc})
	r := bitReader{chunks: chunks}
	n := len(dst)
	dst = slices.Grow(dst, int(l.n))[:n+int(l.n)]
	out := dst[n:]
	for i := 0; i < len(out); {
		if r.k == 0 {
			r.next()
		}
		// A run of "4"s, 0 bits, as far as the word goes (bits past the
		// last code are 0 too, hence the mins), then the code of another
		// digit if the word holds all of it.
		z := min(uint8(bits.TrailingZeros64(r.w)), r.k)
		m := min(int(z), len(out)-i)
		if len(out)-i >= 8 && m <= 8 { // most runs: one store, no loop to mispredict
			binary.LittleEndian.PutUint64(out[i:], 0x3434343434343434)
		} else {
			for j := range m {
				out[i+j] = '4'
			}
		}
		i += m
		if z+7 <= r.k && i < len(out) {
			out[i] = digits[r.w>>(z+1)&63]
			i++
			r.w >>= z + 7
			r.k -= z + 7
			continue
		}
		r.w >>= z
		r.k -= z
		if r.k > 0 { // a code that goes on in the next word
			out[i] = digits[r.read(7)>>1]
			i++
		}
	}
	return dst
}

// bitReader reads the bits of words in chunks, from bit 0 of each word
// up.
type bitReader struct {
	chunks [][]uint64 // the words not yet taken
	w      uint64     // the bits of the word taken not yet read, from bit 0
	k      uint8      // how many
}

// next takes the next word, the bits of w being all read.
func (r *bitReader) next() {
	for len(r.chunks[0]) == 0 {
		r.chunks = r.chunks[1:]
	}
	r.w, r.k = r.chunks[0][0], 64
	r.chunks[0] = r.chunks[0][1:]
}

// read returns the next n bits (1 <= n < 64). There must be that many.
func (r *bitReader) read(n uint8) uint64 {
	mask := uint64(1)<<n - 1
	if r.k >= n {
		v := r.w & mask
		r.w >>= n
		r.k -= n
		return v
	}
	w, k := r.w, r.k
	r.next()
	v := (w | r.w<<k) & mask
	r.w >>= n - k
	r.k -= n - k
	return v
}
