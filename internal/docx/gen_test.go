package docx

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
)

// Our own generator of Word documents, for what pandoc and LibreOffice
// do not write: the information table, tracked changes, fields, content
// controls, text boxes, comments, headers, and hostile files. Every
// document here is synthetic.

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"`

// genDoc describes a document to generate.
type genDoc struct {
	body      string            // inside w:body
	styles    string            // inside w:styles
	numbering string            // inside w:numbering
	footnotes string            // inside w:footnotes
	rels      string            // extra relationships of document.xml
	parts     map[string][]byte // extra parts (media, headers ...)
}

func (g genDoc) bytes(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	put := func(name string, data []byte) {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	put("[Content_Types].xml", []byte(contentTypes))
	put("_rels/.rels", []byte(rootRels))
	rels := `<Relationship Id="rStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
		`<Relationship Id="rNum" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>` +
		`<Relationship Id="rFoot" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>` + g.rels
	put("word/_rels/document.xml.rels", []byte(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels+`</Relationships>`))
	put("word/styles.xml", []byte(`<?xml version="1.0"?><w:styles `+wNS+`>`+g.styles+`</w:styles>`))
	put("word/numbering.xml", []byte(`<?xml version="1.0"?><w:numbering `+wNS+`>`+g.numbering+`</w:numbering>`))
	put("word/footnotes.xml", []byte(`<?xml version="1.0"?><w:footnotes `+wNS+`><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>`+g.footnotes+`</w:footnotes>`))
	put("word/document.xml", []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document `+wNS+`><w:body>`+g.body+`<w:sectPr/></w:body></w:document>`))
	for name, data := range g.parts {
		put(name, data)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// p is a paragraph: style id (or "") and runs.
func p(style string, runs ...string) string {
	s := "<w:p>"
	if style != "" {
		s += `<w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`
	}
	return s + strings.Join(runs, "") + "</w:p>"
}

// r is a run of text with properties ("b", "i", "strike").
func r(text string, props ...string) string {
	s := "<w:r>"
	if len(props) > 0 {
		s += "<w:rPr>"
		for _, pr := range props {
			s += "<w:" + pr + "/>"
		}
		s += "</w:rPr>"
	}
	return s + `<w:t xml:space="preserve">` + text + "</w:t></w:r>"
}

// li is a list paragraph of numbering numID at level ilvl.
func li(numID, ilvl, text string) string {
	return `<w:p><w:pPr><w:numPr><w:ilvl w:val="` + ilvl + `"/><w:numId w:val="` + numID + `"/></w:numPr></w:pPr>` + r(text) + `</w:p>`
}

// pstyle defines a paragraph style.
func pstyle(id, name, ppr string) string {
	return `<w:style w:type="paragraph" w:styleId="` + id + `"><w:name w:val="` + name + `"/><w:pPr>` + ppr + `</w:pPr></w:style>`
}

// tc is a table cell with properties and paragraphs.
func tc(props string, paras ...string) string {
	if len(paras) == 0 {
		paras = []string{"<w:p/>"}
	}
	return "<w:tc><w:tcPr>" + props + "</w:tcPr>" + strings.Join(paras, "") + "</w:tc>"
}

// drawing is an inline (or anchored) picture of relationship id.
func drawing(id, descr string, anchor bool) string {
	kind := "inline"
	if anchor {
		kind = "anchor"
	}
	return `<w:r><w:drawing><wp:` + kind + `><wp:extent cx="100" cy="100"/><wp:docPr id="1" name="Picture 1" descr="` + descr + `"/><a:graphic><a:graphicData><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="photo.jpg" descr="photo.jpg"/></pic:nvPicPr><pic:blipFill><a:blip r:embed="` + id + `"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:` + kind + `></w:drawing></w:r>`
}

func imageRel(id, target string) string {
	return `<Relationship Id="` + id + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="` + target + `"/>`
}
