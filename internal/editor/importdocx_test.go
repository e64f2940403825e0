package editor

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportDocx: the new-story form's 从 Word 导入 gets pandoc's Word
// file converted as `showcase import` converts it; saving the form so
// filled writes the story with its picture beside it, shown once.
func TestImportDocx(t *testing.T) {
	f := newFixture(t, map[string]string{"showcase.yaml": siteConfig})
	page, hidden := f.open(t, "/__showcase/edit/new")
	for _, want := range []string{`id="f-docx"`, "从 Word 导入", `data-url="/__showcase/edit/import-docx"`} {
		if !strings.Contains(page, want) {
			t.Errorf("new form lacks %s", want)
		}
	}
	docx, err := os.ReadFile(filepath.Join("..", "docx", "testdata", "pandoc.docx"))
	if err != nil {
		t.Fatal(err)
	}
	upload := func(name string, data []byte, csrf string) (*http.Response, docxImport) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		mw.WriteField("csrf", csrf)
		w, _ := mw.CreateFormFile("docx", name)
		w.Write(data)
		mw.Close()
		resp, err := http.Post(f.srv.URL+"/__showcase/edit/import-docx", mw.FormDataContentType(), &buf)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var v docxImport
		json.NewDecoder(resp.Body).Decode(&v)
		return resp, v
	}
	if resp, _ := upload("花园.docx", docx, "wrong"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a wrong token got %d", resp.StatusCode)
	}
	resp, v := upload("花园.docx", docx, hidden.Get("csrf"))
	if resp.StatusCode != 200 || v.Error != "" {
		t.Fatalf("import = %d %q", resp.StatusCode, v.Error)
	}
	if v.Values["title"] != "楼道里的小花园" || v.Values["slug"] != "楼道里的小花园" || !strings.HasPrefix(v.Body, "## 项目缘起\n") {
		t.Errorf("values %v, body\n%s", v.Values, v.Body)
	}
	if len(v.Pictures) != 1 || v.Pictures[0].Name != "rid21.png" || v.Pictures[0].Type != "image/png" || !strings.Contains(v.Body, "](rid21.png") {
		t.Fatalf("pictures %+v", v.Pictures)
	}
	// A .doc is refused with the advice, in the site's language.
	_, bad := upload("旧.doc", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 100)...), hidden.Get("csrf"))
	if !strings.Contains(bad.Error, "另存为 .docx") {
		t.Errorf("a .doc: %q", bad.Error)
	}

	// Saving what the form was filled with.
	png, _ := base64.StdEncoding.DecodeString(v.Pictures[0].Data)
	form := with(hidden, "title", v.Values["title"], "slug", "garden", "body", v.Body)
	resp, body := f.post(t, "/__showcase/edit/new", form, map[string][]byte{v.Pictures[0].Name: png})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save = %d\n%s", resp.StatusCode, body)
	}
	got := f.read(t, "content/stories/garden/index.md")
	if !strings.Contains(got, "\n![居民在楼道里种花](rid21.png \"居民在楼道里种花\")\n") {
		t.Errorf("the picture lost its alt text or caption:\n%s", got)
	}
	if v.Pictures[0].Alt != "居民在楼道里种花" || v.Pictures[0].Caption != "居民在楼道里种花" {
		t.Errorf("picture alt %q caption %q", v.Pictures[0].Alt, v.Pictures[0].Caption)
	}
	if n := strings.Count(got, "rid21.png"); n != 1 {
		t.Errorf("the picture is shown %d times:\n%s", n, got)
	}
	if !f.exists("content/stories/garden/rid21.png") {
		t.Error("no picture beside the story")
	}
}
