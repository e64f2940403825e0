package content

// LeftOut counts the stories a load left out: drafts (draft: true, without
// Options.Drafts) and stories dated after Options.Now (without
// Options.Future). A draft dated in the future counts as a draft.
type LeftOut struct {
	Drafts, Future int
}

func (l *LeftOut) add(s *Story, drafts bool) {
	if s.Draft && !drafts {
		l.Drafts++
	} else {
		l.Future++
	}
}
