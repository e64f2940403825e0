package markdown

import (
	"strings"
	"testing"
)

// TestCaption: a paragraph that is one emphasis is a caption; emphasis
// inside a sentence, strong text, and a list item are not.
func TestCaption(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"*图：联席会议（原报道配图，此处从略）*\n", `<p class="caption"><em>图：联席会议（原报道配图，此处从略）</em></p>`},
		{"前文*强调*后文\n", "<p>前文<em>强调</em>后文</p>"},
		{"**整段加粗**\n", "<p><strong>整段加粗</strong></p>"},
		{"- *列表里的*\n", "<li><em>列表里的</em></li>"},
	} {
		got := string(render(t, Options{}, tt.src).HTML)
		if !strings.Contains(got, tt.want) {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}
