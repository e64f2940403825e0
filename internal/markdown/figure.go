package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Figure is an image that stands alone in its paragraph and has a title:
// it renders as <figure> with the title as <figcaption>.
type Figure struct {
	ast.BaseBlock
}

// KindFigure is the node kind of Figure.
var KindFigure = ast.NewNodeKind("Figure")

// Kind implements ast.Node.
func (n *Figure) Kind() ast.NodeKind { return KindFigure }

// Dump implements ast.Node.
func (n *Figure) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// figures turns paragraphs that hold one titled image and nothing else
// into Figures.
type figures struct{}

func (figures) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	if !bytes.Contains(reader.Source(), []byte("![")) {
		return // no image at all: no need to walk the tree
	}
	var found []*ast.Paragraph
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if p, ok := n.(*ast.Paragraph); ok {
			if img, ok := p.FirstChild().(*ast.Image); ok && p.ChildCount() == 1 && len(img.Title) > 0 {
				found = append(found, p)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, p := range found {
		fig := &Figure{}
		fig.SetLines(p.Lines())
		img := p.FirstChild()
		p.RemoveChild(p, img)
		fig.AppendChild(fig, img)
		p.Parent().ReplaceChild(p.Parent(), p, fig)
	}
}

// renderFigure writes <figure>, the image, and the title as caption.
func (r *nodeRenderer) renderFigure(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<figure>")
		return ast.WalkContinue, nil
	}
	if img, ok := node.FirstChild().(*ast.Image); ok {
		_, _ = w.WriteString("<figcaption>")
		r.writer.Write(w, img.Title)
		_, _ = w.WriteString("</figcaption>")
	}
	_, _ = w.WriteString("</figure>\n")
	return ast.WalkContinue, nil
}

// imageHookAttr is the document attribute that carries RenderWith's
// ImageFunc to the image renderer.
const imageHookAttr = "showcase-image-hook"

func imageHook(n ast.Node) (ImageFunc, bool) {
	doc := n.OwnerDocument()
	if doc == nil {
		return nil, false
	}
	v, ok := doc.AttributeString(imageHookAttr)
	if !ok {
		return nil, false
	}
	f, ok := v.(ImageFunc)
	return f, ok && f != nil
}

var _ renderer.NodeRendererFunc = (*nodeRenderer)(nil).renderFigure
