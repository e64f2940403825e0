// Command gencorpus writes a synthetic site for benchmarks:
//
//	go run ./internal/bench/gencorpus -n 10000 -out /tmp/corpus-10000
//
// The content is generated, deterministic and marked synthetic.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/jiangninglu/showcase/internal/bench"
)

func main() {
	n := flag.Int("n", 1000, "number of stories")
	out := flag.String("out", "", "output folder (required)")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gencorpus: -out is required")
		os.Exit(2)
	}
	if err := bench.Write(*out, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}
