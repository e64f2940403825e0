//go:build !unix

package images

import "time"

func cpuTime() time.Duration { return 0 }
