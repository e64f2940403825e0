package content

import "testing"

// TestKindOf: the publish gate's allow-list reads the name, whatever a
// MIME table says: XML under any of its names is a script kind, and a
// kind the list does not know is not published.
func TestKindOf(t *testing.T) {
	for name, want := range map[string]Kind{
		"a/photo.JPG": Safe, "申报书.pdf": Safe, "台账.xlsx": Safe, "原稿.docx": Safe, "data.csv": Safe,
		"notes.txt": Safe, "clip.mp4": Safe, "talk.mp3": Safe, "subs.vtt": Safe,
		"chart.svg": SVG, "CHART.SVG": SVG,
		"page.html": Script, "page.xhtml": Script, "feed.xml": Script, "schema.xsd": Script,
		"grammar.rng": Script, "app.mjs": Script, "x.svgz": Script, "feed.atom": Script,
		"tool.exe": Other, "README": Other, "photo.heic": Other, "x.php": Other,
	} {
		if got := KindOf(name); got != want {
			t.Errorf("KindOf(%q) = %v, want %v", name, got, want)
		}
	}
}
