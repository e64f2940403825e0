//go:build !linux

package publisher

import "errors"

// exchange is not available here: swap moves the old output aside first.
func exchange(a, b string) error { return errors.ErrUnsupported }
