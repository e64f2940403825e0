package editor

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strings"

	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/wordimport"
)

// docxImport is what the new-story form gets for a Word document: the
// fields, figures and body to fill itself with, and the pictures to add
// to its photo input. The form saves them as any story.
type docxImport struct {
	Values   map[string]string `json:"values"`   // form field name -> value
	Body     string            `json:"body"`     // Markdown
	Pictures []docxPicture     `json:"pictures"` // named as the body names them
	Notes    []string          `json:"notes"`    // what was left out, in the site's language
	Error    string            `json:"error,omitempty"`
}

type docxPicture struct {
	Name    string `json:"name"`
	Type    string `json:"type"`
	Data    string `json:"data"` // base64
	Alt     string `json:"alt"`
	Caption string `json:"caption"`
}

// importDocx converts an uploaded .docx with the same conversion as
// `showcase import` and answers with JSON for the form. It writes
// nothing.
func (e *Editor) importDocx(w http.ResponseWriter, r *http.Request) {
	cfg := e.formConfig(w, r)
	if cfg == nil {
		return
	}
	lang := cfg.Language
	answer := func(status int, v docxImport) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(v)
	}
	fhs := r.MultipartForm.File["docx"]
	if len(fhs) != 1 {
		http.Error(w, "want one docx file", http.StatusBadRequest)
		return
	}
	fh := fhs[0]
	f, err := fh.Open()
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	data, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	src := e.opts.Source
	if src == "" {
		src = "."
	}
	s, err := wordimport.Convert(r.Context(), fh.Filename, bytes.NewReader(data), int64(len(data)), wordimport.Options{
		Config: cfg,
		Labels: wordimport.NewLabels(cfg, wordimport.ThemeWords(src, cfg.Language)),
	})
	if err != nil {
		var msgs []string
		if probs := diag.Problems(err); len(probs) > 0 {
			for _, p := range probs {
				msgs = append(msgs, p.Format(lang))
			}
		} else {
			msgs = append(msgs, diag.MsgOf(err).Format(lang))
		}
		answer(http.StatusUnprocessableEntity, docxImport{Error: strings.Join(msgs, "\n")})
		return
	}
	v := docxImport{Values: map[string]string{}, Body: s.Body}
	sep := "、"
	if lang == "en" {
		sep = ", "
	}
	for k, val := range s.Values {
		if k == "leads" || k == "tags" {
			val = strings.ReplaceAll(val, "、", sep)
		}
		v.Values[k] = val
	}
	if s.Values["slug"] == "" {
		v.Values["slug"] = s.Slug
	}
	for k, val := range s.Metrics {
		v.Values["metrics."+k] = val
	}
	for _, p := range s.Pictures {
		v.Pictures = append(v.Pictures, docxPicture{Name: p.Name, Type: http.DetectContentType(p.Data), Data: base64.StdEncoding.EncodeToString(p.Data), Alt: p.Alt, Caption: p.Caption})
	}
	v.Notes = s.Notes(lang)
	answer(http.StatusOK, v)
}
