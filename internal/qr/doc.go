// Package qr draws QR codes as SVG at build time, so that a printed page
// carries its online address in a form a phone can read. It encodes with
// github.com/piglig/go-qr and a fixed mask (the standard allows any of the
// eight), about 30 µs a code, where choosing the best mask took about 1 ms.
//
// It imports nothing of ours.
package qr
