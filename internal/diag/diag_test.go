package diag

import "testing"

func TestNearest(t *testing.T) {
	keys := []string{"title", "slug", "date", "year", "leads", "neighborhood", "metrics", "participants", "summary"}
	for _, tc := range []struct{ in, want string }{
		{"particpants", "participants"},
		{"titel", "title"},
		{"neighbourhood", "neighborhood"},
		{"lead", "leads"},
		{"Title", "title"},
		{"xyz", ""},
		{"colour", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := Nearest(tc.in, keys); got != tc.want {
				t.Errorf("Nearest(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestProblemError(t *testing.T) {
	p := New(Pos{File: "content/stories/foo.md", Line: 7, Col: 3}, "metrics.participants", "want-non-negative", M("got-text", Quote("many")))
	want := `content/stories/foo.md:7:3: metrics.participants: want a non-negative number, got "many"`
	if p.Error() != want {
		t.Errorf("got %s\nwant %s", p.Error(), want)
	}
	var l List
	l.Add(p)
	l.Warn(Pos{File: "a.md"}, "", "file-disappeared")
	if got := Problems(l.Err()); len(got) != 2 || got[0] != p || got[1].Severity != Warning {
		t.Errorf("Problems(Err) = %v", got)
	}
}
