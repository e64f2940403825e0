package pdf

import (
	"errors"
	"strings"
	"testing"
)

// TestFindChromeMissing: a browser that is not there is an error that says
// how to install one, never a silent skip.
func TestFindChromeMissing(t *testing.T) {
	_, err := FindChrome("/no/such/chromium")
	var nc *NoChromeError
	if !errors.As(err, &nc) {
		t.Fatalf("err = %v, want a *NoChromeError", err)
	}
	for _, want := range []string{"--chrome /no/such/chromium", "apt-get install chromium", "https://www.google.com/chrome/", "--chrome PATH"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q:\n%s", want, err)
		}
	}
	t.Setenv("PATH", t.TempDir())
	if _, err := FindChrome(""); err == nil || !strings.Contains(err.Error(), "none of chromium, chromium-browser") {
		t.Errorf("with an empty PATH: %v", err)
	}
}
