package build

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// vnuPath is the Nu Html Checker, installed by .ci/run (npm ci --prefix
// tools/vnu); it runs on Java.
const vnuPath = "../../tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar"

// TestValidHTML builds the example site in Chinese and in English and runs
// the Nu Html Checker over every page: no error and no warning.
func TestValidHTML(t *testing.T) {
	java, err := exec.LookPath("java")
	if _, jerr := os.Stat(vnuPath); err != nil || jerr != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("java or vnu missing (%v, %v); .ci/run installs them", err, jerr)
		}
		t.Skip("java or vnu not installed: npm ci --prefix tools/vnu")
	}
	root := t.TempDir()
	for _, lang := range []string{"zh-CN", "en"} {
		src := filepath.Join(root, lang)
		copyDir(t, "../../content", src+"/content")
		cfg, err := os.ReadFile("../../showcase.yaml")
		if err != nil {
			t.Fatal(err)
		}
		cfgText := strings.Replace(string(cfg), "language: zh-CN", "language: "+lang, 1)
		if err := os.WriteFile(src+"/showcase.yaml", []byte(cfgText), 0o644); err != nil {
			t.Fatal(err)
		}
		opts := Options{Source: src, Dest: filepath.Join(root, "public-"+lang), Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
		if _, err := Run(context.Background(), opts); err != nil {
			t.Fatal(err)
		}
	}
	out, err := exec.Command(java, "-jar", vnuPath, "--skip-non-html", "--format", "gnu",
		filepath.Join(root, "public-zh-CN"), filepath.Join(root, "public-en")).CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Errorf("vnu (%v):\n%s", err, out)
	}
}
