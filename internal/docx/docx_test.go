package docx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"path"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jiangninglu/showcase/internal/diag"
)

func read(t *testing.T, data []byte, lim Limits) (*Document, error) {
	t.Helper()
	return Read("test.docx", bytes.NewReader(data), int64(len(data)), lim)
}

func markdownOf(t *testing.T, g genDoc) (string, *Document) {
	t.Helper()
	d, err := read(t, g.bytes(t), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return Markdown(d, d.Body, MarkdownOptions{Picture: func(s string) string { return path.Base(s) }}), d
}

func pngBytes(t testing.TB, w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 128, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestBody checks each kind of content our generator writes against the
// Markdown it must become.
func TestBody(t *testing.T) {
	headings := pstyle("H1", "heading 1", "") + pstyle("2", "标题 2", "") + pstyle("Title", "Title", "") +
		pstyle("Q", "Quote", "") + pstyle("Outline", "My style", `<w:outlineLvl w:val="2"/>`) + pstyle("Cap", "Caption", "") +
		`<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>`
	numbering := `<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/></w:lvl></w:abstractNum>` +
		`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
		`<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>`
	tests := []struct {
		name string
		g    genDoc
		want string
	}{
		{"headings from styles, localized names and outline levels", genDoc{styles: headings, body: p("H1", r("第一章")) + p("2", r("小节")) + p("Outline", r("大纲三级")) + p("", r("正文"))},
			"## 第一章\n\n### 小节\n\n#### 大纲三级\n\n正文\n"},
		{"emphasis, CJK and Latin, and a character style", genDoc{styles: headings, body: p("", r("这是"), r("重点", "b"), r("，"), r("斜体", "i"), r("和"), r("删除", "strike"), r("；"), `<w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>强调</w:t></w:r>`, r("，"), r("bold ", "b"), r("and both", "b", "i"))},
			"这是**重点**，*斜体*和~~删除~~；**强调**，**bold** ***and both***\n"},
		{"Markdown's own characters stay text", genDoc{body: p("", r("1. not a list *star* _u_ [x](y) &lt;b&gt; # x"))},
			"1\\. not a list \\*star\\* \\_u\\_ \\[x\\](y) \\<b\\> # x\n"},
		{"lists: nesting, start numbers, a second list", genDoc{numbering: numbering, body: li("1", "0", "一") + li("1", "1", "子项") + li("1", "0", "二") + li("2", "0", "第四") + li("2", "0", "第五")},
			"1. 一\n   - 子项\n2. 二\n4) 第四\n5) 第五\n"},
		{"tracked changes accepted", genDoc{body: p("", r("保留"), `<w:ins w:id="1" w:author="a"><w:r><w:t>插入</w:t></w:r></w:ins>`, `<w:del w:id="2" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>`, `<w:moveFrom><w:r><w:t>移走</w:t></w:r></w:moveFrom>`)},
			"保留插入\n"},
		{"fields: result kept, instruction dropped, HYPERLINK a link", genDoc{body: p("", `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "https://example.org/x" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`, r("链接文字"), `<w:r><w:fldChar w:fldCharType="end"/></w:r>`, r("，日期"), `<w:fldSimple w:instr="DATE"><w:r><w:t>2021-01-18</w:t></w:r></w:fldSimple>`)},
			"[链接文字](https://example.org/x)，日期2021-01-18\n"},
		{"content controls, block and inline", genDoc{body: `<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent>` + p("", r("块控件"), `<w:sdt><w:sdtPr/><w:sdtContent>`+r("内联控件")+`</w:sdtContent></w:sdt>`) + `</w:sdtContent></w:sdt>`},
			"块控件内联控件\n"},
		{"text boxes: their paragraphs after the one holding them", genDoc{body: p("", r("正文"), `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="3" name="Text Box"/><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>`+p("", r("文本框里的话"))+`</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>`+p("", r("文本框里的话"))+`</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`)},
			"正文\n\n文本框里的话\n"},
		{"quotes by style and by indentation", genDoc{styles: headings, body: p("Q", r("引用一")) + p("Q", r("引用二")) + `<w:p><w:pPr><w:ind w:left="840"/></w:pPr>` + r("缩进") + `</w:p>` + `<w:p><w:pPr><w:ind w:firstLine="420"/></w:pPr>` + r("首行缩进不是引用") + `</w:p>`},
			"> 引用一\n>\n> 引用二\n>\n> 缩进\n\n首行缩进不是引用\n"},
		{"tables: merged cells left empty, paragraphs joined, pipes escaped", genDoc{body: `<w:tbl><w:tblGrid/><w:tr>` + tc("", p("", r("甲"))) + tc(`<w:gridSpan w:val="2"/>`, p("", r("跨两列"))) + `</w:tr><w:tr>` + tc(`<w:vMerge w:val="restart"/>`, p("", r("竖合并"))) + tc("", p("", r("一段")), p("", r("两段"))) + tc("", p("", r("a|b"))) + `</w:tr><w:tr>` + tc(`<w:vMerge/>`) + tc("", p("", r("x", "b"))) + tc("") + `</w:tr></w:tbl>`},
			"| 甲 | 跨两列 |  |\n| --- | --- | --- |\n| 竖合并 | 一段 两段 | a\\|b |\n|  | **x** |  |\n"},
		{"footnotes", genDoc{footnotes: `<w:footnote w:id="1">` + p("", `<w:r><w:footnoteRef/></w:r>`, r(" 来自台账。")) + `</w:footnote><w:footnote w:id="2">` + p("", r("第二条")) + p("", r("第二段")) + `</w:footnote>`,
			body: p("", r("数字"), `<w:r><w:footnoteReference w:id="1"/></w:r>`, r("和"), `<w:r><w:footnoteReference w:id="2"/></w:r>`)},
			"数字[^1]和[^2]\n\n[^1]: 来自台账。\n\n[^2]: 第二条\n\n    第二段\n"},
		{"links: external, to a heading's bookmark, to a bookmark elsewhere", genDoc{styles: headings, rels: `<Relationship Id="rL" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/a b" TargetMode="External"/>`,
			body: p("", `<w:hyperlink r:id="rL"><w:r><w:t>外链</w:t></w:r></w:hyperlink>`, `<w:hyperlink w:anchor="_Toc1"><w:r><w:t>见后文</w:t></w:r></w:hyperlink>`, `<w:hyperlink w:anchor="nowhere"><w:r><w:t>书签</w:t></w:r></w:hyperlink>`) + p("", `<w:bookmarkStart w:id="0" w:name="nowhere"/>`, r("普通段落")) + `<w:p><w:pPr><w:pStyle w:val="H1"/></w:pPr><w:bookmarkStart w:id="1" w:name="_Toc1"/>` + r("后文") + `<w:bookmarkEnd w:id="1"/></w:p>`},
			"[外链](<https://example.org/a%20b>)[见后文](#Toc1)书签\n\n普通段落\n\n## 后文 {#Toc1}\n"},
		{"pictures: inline with alt from the description, floating after its paragraph, caption", genDoc{styles: headings, rels: imageRel("rI", "media/image1.png") + imageRel("rF", "media/image2.png"),
			parts: map[string][]byte{"word/media/image1.png": pngBytes(t, 8, 8), "word/media/image2.png": pngBytes(t, 8, 8)},
			body:  p("", r("图前"), drawing("rI", "居民在种花", false), r("图后")) + p("", drawing("rF", "浮动的图", true), r("环绕的文字")) + p("", drawing("rI", "", false)) + p("Cap", r("图 1 花园"))},
			"图前![居民在种花](image1.png)图后\n\n环绕的文字\n\n![浮动的图](image2.png)\n\n![图 1 花园](image1.png \"图 1 花园\")\n"},
		{"VML picture with a title", genDoc{rels: imageRel("rV", "media/image3.png"), parts: map[string][]byte{"word/media/image3.png": pngBytes(t, 4, 4)},
			body: p("", `<w:r><w:pict><v:shape alt="旧式图片"><v:imagedata r:id="rV" o:title=""/></v:shape></w:pict></w:r>`)},
			"![旧式图片](image3.png)\n"},
		{"sections numbered by hand in a document without heading styles", genDoc{body: p("", r("一、项目缘起", "b")) + p("", r("正文。")) + p("", r("（一）前期准备")) + p("", r("二、这一句很长，而且以句号结束，所以不是标题。")) + p("", r("三、成效"))},
			"## 一、项目缘起\n\n正文。\n\n### （一）前期准备\n\n二、这一句很长，而且以句号结束，所以不是标题。\n\n## 三、成效\n"},
		{"numbered lines stay text where heading styles are used", genDoc{styles: headings, body: p("H1", r("标题")) + p("", r("一、第一点"))},
			"## 标题\n\n一、第一点\n"},
		{"line breaks and tabs", genDoc{body: p("", r("第一行"), `<w:r><w:br/></w:r>`, r("第二行"), `<w:r><w:tab/></w:r>`, r("后"), `<w:r><w:br w:type="page"/></w:r>`)},
			"第一行\\\n第二行 后\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := markdownOf(t, tt.g)
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestEndnotes: endnotes become notes too, numbered after the footnotes
// in the order they are referenced.
func TestEndnotes(t *testing.T) {
	g := genDoc{
		rels:      `<Relationship Id="rEnd" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/>`,
		footnotes: `<w:footnote w:id="1">` + p("", r("脚注")) + `</w:footnote>`,
		parts:     map[string][]byte{"word/endnotes.xml": []byte(`<?xml version="1.0"?><w:endnotes ` + wNS + `><w:endnote w:type="separator" w:id="0"><w:p/></w:endnote><w:endnote w:id="1">` + p("", `<w:r><w:endnoteRef/></w:r>`, r("尾注")) + `</w:endnote></w:endnotes>`)},
		body:      p("", r("甲"), `<w:r><w:endnoteReference w:id="1"/></w:r>`, r("乙"), `<w:r><w:footnoteReference w:id="1"/></w:r>`),
	}
	got, _ := markdownOf(t, g)
	if want := "甲[^1]乙[^2]\n\n[^1]: 尾注\n\n[^2]: 脚注\n"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestDropped: comments, headers, footers and page numbers are listed;
// EMF pictures are named as not convertible.
func TestDropped(t *testing.T) {
	hdr := func(kind, body string) []byte {
		return []byte(`<?xml version="1.0"?><w:` + kind + ` ` + wNS + `>` + body + `</w:` + kind + `>`)
	}
	g := genDoc{
		rels: `<Relationship Id="rC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>` +
			`<Relationship Id="rH" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>` +
			`<Relationship Id="rFt" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>` +
			imageRel("rE", "media/image9.emf"),
		parts: map[string][]byte{
			"word/comments.xml":     hdr("comments", `<w:comment w:id="0" w:author="张">`+p("", r("改一下"))+`</w:comment>`),
			"word/header1.xml":      hdr("hdr", p("", r("江宁路街道"))),
			"word/footer1.xml":      hdr("ftr", p("", `<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>`)),
			"word/media/image9.emf": {1, 0, 0, 0},
		},
		body: p("", `<w:commentRangeStart w:id="0"/>`, r("正文"), `<w:commentRangeEnd w:id="0"/>`, `<w:r><w:commentReference w:id="0"/></w:r>`, drawing("rE", "图表", false)),
	}
	md, d := markdownOf(t, g)
	if md != "正文\n" {
		t.Errorf("Markdown %q, want only the text", md)
	}
	if want := []string{"comments", "headers", "footers", "page numbers"}; strings.Join(d.Dropped, ",") != strings.Join(want, ",") {
		t.Errorf("Dropped = %q, want %q", d.Dropped, want)
	}
	if len(d.Unconvertible) != 1 || d.Unconvertible[0] != "word/media/image9.emf" {
		t.Errorf("Unconvertible = %q", d.Unconvertible)
	}
}

// TestLinkedPicture: a picture the document only links to (LibreOffice
// keeps a web page's pictures so, a:blip r:link to a file on the writer's
// disk) is not in the file: it is named as left out, never lost silently.
func TestLinkedPicture(t *testing.T) {
	g := genDoc{
		rels: `<Relationship Id="rL" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="file:///tmp/garden.png" TargetMode="External"/>`,
		body: p("", r("正文")) + p("", strings.Replace(drawing("rL", "花园", false), `r:embed="rL"`, `r:link="rL"`, 1)),
	}
	md, d := markdownOf(t, g)
	if md != "正文\n" {
		t.Errorf("Markdown %q, want only the text", md)
	}
	if !slices.Contains(d.Dropped, "linked pictures") {
		t.Errorf("Dropped = %q, want linked pictures", d.Dropped)
	}
}

// TestHostile: files that are not Word documents, or are built to cost
// time or memory, are refused quickly with their numbers.
func TestHostile(t *testing.T) {
	zipOf := func(files map[string][]byte) []byte {
		var b bytes.Buffer
		z := zip.NewWriter(&b)
		for n, d := range files {
			w, _ := z.Create(n)
			w.Write(d)
		}
		z.Close()
		return b.Bytes()
	}
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	deep := genDoc{body: strings.Repeat("<w:sdt><w:sdtContent>", 300) + strings.Repeat("</w:sdtContent></w:sdt>", 300)}
	bomb := genDoc{body: p("", r(strings.Repeat("炸", 12<<20)))} // 36 MB of text, 40 KB zipped
	many := map[string][]byte{}
	for i := range 50 {
		many[strings.Repeat("x", i+1)] = nil
	}
	tests := []struct {
		name string
		data []byte
		lim  Limits
		is   error
		msg  string
	}{
		{"a .doc", ole, Limits{}, ErrBinary, "test.docx is a Word 97-2003 or WPS file (.doc/.wps), which showcase cannot read; open it in Word or WPS and save it as .docx (Word document)"},
		{"plain text", []byte("hello, this is not a zip"), Limits{}, nil, "test.docx is not a Word document (.docx)"},
		{"a zip without a document", zipOf(map[string][]byte{"a.txt": []byte("x")}), Limits{}, nil, "test.docx has no document part (word/document.xml): not a Word document"},
		{"deep XML", deep.bytes(t), Limits{}, ErrTooLarge, "test.docx: word/document.xml nests XML deeper than 200 levels; refused"},
		{"a zip bomb", bomb.bytes(t), Limits{}, ErrTooLarge, "test.docx: word/document.xml unpacks to more than 32 MB; refused"},
		{"too many tokens", genDoc{body: strings.Repeat("<w:p/>", 2000)}.bytes(t), Limits{MaxTokens: 1000}, ErrTooLarge, "test.docx: word/document.xml has more than 1000 XML tokens; refused"},
		{"too many entries", zipOf(many), Limits{MaxEntries: 40}, ErrTooLarge, "test.docx holds 50 files, more than the 40 a Word document may hold"},
		{"damaged XML", genDoc{body: "<w:p><w:r></w:p>"}.bytes(t), Limits{}, nil, "test.docx: word/document.xml is damaged: XML syntax error on line 1: element <r> closed by </p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, err := read(t, tt.data, tt.lim)
			took := time.Since(start)
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			if err == nil {
				t.Fatal("read it")
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v is not %v", err, tt.is)
			}
			if got := diag.MsgOf(err).Format(diag.En); got != tt.msg {
				t.Errorf("message\n%s\nwant\n%s", got, tt.msg)
			}
			if took > 3*time.Second {
				t.Errorf("took %v", took)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 200<<20 {
				t.Errorf("allocated %d MB", alloc>>20)
			}
		})
	}
	// The Chinese message for the .doc.
	_, err := read(t, ole, Limits{})
	if got := diag.MsgOf(err).Format(diag.ZhCN); !strings.Contains(got, "请在 Word 或 WPS 中打开，另存为 .docx") {
		t.Errorf("zh: %s", got)
	}
}

// TestLyingHeader: a zip bomb whose header claims a small size is stopped
// by the bytes actually inflated, quickly.
func TestLyingHeader(t *testing.T) {
	doc := []byte(`<?xml version="1.0"?><w:document ` + wNS + `><w:body>` + p("", r(strings.Repeat("炸", 11<<20))) + `</w:body></w:document>`)
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	fw.Write(doc)
	fw.Close()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for name, data := range map[string]string{"[Content_Types].xml": contentTypes, "_rels/.rels": rootRels} {
		w, _ := z.Create(name)
		w.Write([]byte(data))
	}
	w, err := z.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(doc), CompressedSize64: uint64(comp.Len()), UncompressedSize64: 1000})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
	z.Close()
	start := time.Now()
	_, err = read(t, b.Bytes(), Limits{})
	if err == nil {
		t.Fatal("read it")
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("took %v", took)
	}
	t.Logf("%d KB zipped, claiming 1000 bytes: %v", b.Len()>>10, err)
}

// TestPictureLimit: a picture over the limit is refused by its bytes
// read, whatever its header says.
func TestPictureLimit(t *testing.T) {
	g := genDoc{rels: imageRel("rI", "media/big.png"), parts: map[string][]byte{"word/media/big.png": make([]byte, 3<<20)}, body: p("", drawing("rI", "", false))}
	_, err := read(t, g.bytes(t), Limits{MaxPictureBytes: 1 << 20})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "picture word/media/big.png is 3 MB, more than the 1 MB") {
		t.Errorf("got %v", err)
	}
}

// TestTemplate: the template reads back as its table and headings.
func TestTemplate(t *testing.T) {
	var b bytes.Buffer
	tpl := Template{Title: "故事模板", Header: [2]string{"项目信息表", "请填写"}, Rows: []Row{{"标题", "楼道花园"}, {"资金（万元）", ""}}, Sections: []Section{{Heading: "项目缘起", Paras: []string{"在这里写 <这个> & 那个"}}}}
	if err := tpl.Write(&b); err != nil {
		t.Fatal(err)
	}
	d, err := read(t, b.Bytes(), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	got := Markdown(d, d.Body, MarkdownOptions{})
	want := "| **项目信息表** | **请填写** |\n| --- | --- |\n| **标题** | 楼道花园 |\n| **资金（万元）** |  |\n\n## 项目缘起\n\n在这里写 \\<这个\\> & 那个\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
