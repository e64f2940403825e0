package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// captions marks a paragraph that is one emphasis and nothing else
// (`*图：联席会议（原报道配图，此处从略）*`) as a caption: <p class="caption">,
// which the theme sets small and quiet. Emphasised whole, such a line
// would otherwise be set as emphasis, in Chinese bold. Only the
// document's own paragraphs are looked at, not those in lists or quotes.
type captions struct{}

func (captions) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		p, ok := n.(*ast.Paragraph)
		if !ok || p.ChildCount() != 1 {
			continue
		}
		if em, ok := p.FirstChild().(*ast.Emphasis); ok && em.Level == 1 {
			p.SetAttributeString("class", []byte("caption"))
		}
	}
}
