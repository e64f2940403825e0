package keys

import (
	"encoding/binary"
	"hash/maphash"
	"math"
)

var seed = maphash.MakeSeed()

// Hash accumulates a key from values, each written so that different
// sequences give different input (strings are length-prefixed). The zero
// value is ready to use.
type Hash struct {
	h     maphash.Hash
	ready bool
}

// New returns a new Hash.
func New() *Hash { return new(Hash) }

func (h *Hash) w() *maphash.Hash {
	if !h.ready {
		h.h.SetSeed(seed)
		h.ready = true
	}
	return &h.h
}

// U64 adds v.
func (h *Hash) U64(v uint64) *Hash {
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], v)
	h.w().Write(n[:])
	return h
}

// Int adds v.
func (h *Hash) Int(v int) *Hash { return h.U64(uint64(v)) }

// Float adds v's bits.
func (h *Hash) Float(v float64) *Hash { return h.U64(math.Float64bits(v)) }

// Bool adds v.
func (h *Hash) Bool(v bool) *Hash {
	if v {
		return h.U64(1)
	}
	return h.U64(0)
}

// Str adds s, length-prefixed.
func (h *Hash) Str(s string) *Hash {
	h.Int(len(s))
	h.w().WriteString(s)
	return h
}

// Bytes adds b, length-prefixed.
func (h *Hash) Bytes(b []byte) *Hash {
	h.Int(len(b))
	h.w().Write(b)
	return h
}

// Sum returns the key of everything added.
func (h *Hash) Sum() uint64 { return h.w().Sum64() }

// Of returns the key of the strings.
func Of(parts ...string) uint64 {
	var h Hash
	for _, p := range parts {
		h.Str(p)
	}
	return h.Sum()
}

// String returns the key of s alone: quicker than Of(s), and another key.
func String(s string) uint64 { return maphash.String(seed, s) }

// Bytes returns the key of b alone (a file's version).
func Bytes(b []byte) uint64 { return maphash.Bytes(seed, b) }
