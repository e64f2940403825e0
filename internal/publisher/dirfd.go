package publisher

import "os"

// rootFallback writes through os.Root, where the system has no quicker
// call with the same guarantee.
type rootFallback struct{ root *os.Root }

func newRootFallback(dir string) (*rootFallback, error) {
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &rootFallback{r}, nil
}

func (r *rootFallback) writeFile(name string, data []byte) error {
	return r.root.WriteFile(name, data, 0o644)
}

func (r *rootFallback) close() error { return r.root.Close() }
