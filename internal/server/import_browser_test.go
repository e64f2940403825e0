package server

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiangninglu/showcase/internal/browsertest"
)

// TestBrowserImportDocx drives 从 Word 导入 in headless Chromium: choosing
// LibreOffice's Word file fills the new-story form, the picture goes into
// the photo input, and saving writes the story with the picture beside it.
func TestBrowserImportDocx(t *testing.T) {
	ctx := browsertest.New(t)
	r := start(t, site(t, editSite))
	step := browsertest.Step(t, ctx)
	fixture, err := filepath.Abs(filepath.Join("..", "docx", "testdata", "libreoffice.docx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(step,
		chromedp.Navigate(r.http.URL+"/__showcase/edit/new"),
		chromedp.WaitVisible(chromedp.CSS(`#f-docx`)),
		chromedp.SetUploadFiles(chromedp.CSS(`#f-docx`), []string{fixture}),
	); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(step, chromedp.Poll[bool](`document.querySelector('[name="title"]').value === "楼道里的小花园"`, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Fatal(err)
	}
	eval := func(js string) string { t.Helper(); return browsertest.Eval(t, step, js) }
	if got := eval(`document.querySelector('[name="slug"]').value`); got != "楼道里的小花园" {
		t.Errorf("slug %q", got)
	}
	if got := eval(`document.querySelector('[name="body"]').value`); !strings.HasPrefix(got, "## 项目缘起") || !strings.Contains(got, "](image1.png") {
		t.Errorf("body\n%s", got)
	}
	if got := eval(`Array.from(document.querySelector('#f-photos').files).map(f => f.name + " " + f.type).join()`); got != "image1.png image/png" {
		t.Errorf("photos %q", got)
	}
	if got := eval(`String(document.querySelectorAll('#photo-list li.photo').length)`); got != "1" {
		t.Errorf("%s photo rows, want 1", got)
	}
	// The row has the picture's description from the document; a
	// changed description is what the saved story says.
	if got := eval(`document.querySelector('#photo-list li.photo [name$=".alt"]').value`); got != "居民在楼道里种花" {
		t.Errorf("row alt %q", got)
	}
	if _, err := chromedp.Run(step, chromedp.Evaluate[chromedp.Void](`(() => { const el = document.querySelector('#photo-list li.photo [name$=".alt"]'); el.value = "楼道里的花"; el.dispatchEvent(new Event("input", {bubbles: true})); return true })()`)); err != nil {
		t.Fatal(err)
	}
	// The preview shows the picture where the document had it, once.
	if _, err := chromedp.Run(step, chromedp.Poll[bool](`document.querySelectorAll('#preview img[src^="blob:"]').length === 1 && document.querySelector('#preview figcaption') !== null`, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Errorf("preview: %v\n%s", err, eval(`document.querySelector('#preview').innerHTML`))
	}
	if got := eval(`document.querySelector('#msg-docx').textContent`); got != "已略去：页脚、页码" {
		t.Errorf("note %q", got)
	}
	if err := chromedp.Do(step,
		chromedp.Evaluate[chromedp.Void](`document.querySelector('[name="slug"]').value = "garden"`),
		chromedp.Click(chromedp.CSS(`#save`)),
	); err != nil {
		t.Fatal(err)
	}
	index := filepath.Join(r.dir, "content", "stories", "garden", "index.md")
	deadline := time.Now().Add(15 * time.Second)
	for {
		got, err := os.ReadFile(index)
		if err == nil {
			if n := strings.Count(string(got), "image1.png"); n != 1 || !strings.Contains(string(got), `![楼道里的花](image1.png "居民在楼道里种花")`) {
				t.Errorf("the picture is shown %d times, or without the row's alt text:\n%s", n, got)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %s: %v", index, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if _, err := os.Stat(filepath.Join(r.dir, "content", "stories", "garden", "image1.png")); err != nil {
		t.Error(err)
	}
}
