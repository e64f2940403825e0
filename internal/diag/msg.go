package diag

import (
	"fmt"
	"strconv"
	"strings"
)

// The languages messages are written in: a site's `language`.
const (
	En   = "en"
	ZhCN = "zh-CN"
)

// ParseLang reads a language name as showcase.yaml and SHOWCASE_LANG
// write it ("zh-CN", "zh", "en-GB"...) and returns En or ZhCN.
func ParseLang(s string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "zh-cn", "zh", "zh-hans":
		return ZhCN, true
	case "en", "en-us", "en-gb":
		return En, true
	}
	return "", false
}

// Msg is a message to the editor as data: a stable code from the catalogue
// (catalogue.go) and the values it names. The words are chosen when it is
// printed, in the language the printer asks for.
type Msg struct {
	Code string
	Args []any
}

// M makes a Msg.
func M(code string, args ...any) Msg { return Msg{Code: code, Args: args} }

// String is the English text, for logs and %v.
func (m Msg) String() string { return m.Format(En) }

// Format writes the message in lang (En when lang is neither En nor ZhCN).
// Arguments that are themselves messages (a Msg, a Quote, Words, an error
// carrying a Msg) are written in lang too.
func (m Msg) Format(lang string) string {
	t, ok := catalogue[m.Code]
	if !ok {
		// Not in the catalogue (TestCatalogueCovers fails): show what we have.
		return strings.TrimSpace(fmt.Sprintln(append([]any{m.Code}, m.Args...)...))
	}
	format := t.en
	if lang == ZhCN {
		format = t.zh
	} else if t.enOne != "" && len(m.Args) > 0 && m.Args[0] == 1 {
		format = t.enOne
	}
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		args[i] = localize(a, lang)
	}
	return fmt.Sprintf(format, args...)
}

// Messager is an error (or any value) that carries a catalogue message.
type Messager interface{ Message() Msg }

func localize(a any, lang string) any {
	switch v := a.(type) {
	case Msg:
		return v.Format(lang)
	case Messager:
		return v.Message().Format(lang)
	case Quote:
		if lang == ZhCN {
			return "“" + string(v) + "”"
		}
		return strconv.Quote(string(v))
	case QuoteRune:
		if lang == ZhCN {
			return "“" + string(rune(v)) + "”"
		}
		return strconv.QuoteRune(rune(v))
	case Words:
		if lang == ZhCN {
			return strings.Join(v, "、")
		}
		return strings.Join(v, ", ")
	}
	return a
}

// Quote is a value the editor wrote, quoted as the language quotes:
// "many" in English, “很多” in Chinese.
type Quote string

// QuoteRune is a character the editor wrote, quoted as the language
// quotes: '/' in English, “/” in Chinese.
type QuoteRune rune

// Words is a list of names, joined as the language joins a list.
type Words []string

// MsgError is a catalogue message as an error, for functions that return
// errors; printers localise it. It may wrap another error, for errors.Is.
type MsgError struct {
	Msg Msg
	Err error // may be nil
}

// NewError makes a *MsgError.
func NewError(code string, args ...any) *MsgError { return &MsgError{Msg: M(code, args...)} }

// Wrap makes a *MsgError that errors.Is reports as err.
func Wrap(err error, code string, args ...any) *MsgError {
	return &MsgError{Msg: M(code, args...), Err: err}
}

func (e *MsgError) Error() string { return e.Msg.Format(En) }
func (e *MsgError) Unwrap() error { return e.Err }
func (e *MsgError) Message() Msg  { return e.Msg }

// MsgOf returns the message err carries, or err's own text when it
// carries none (a library's error, left as the library words it).
func MsgOf(err error) Msg {
	if m, ok := err.(Messager); ok {
		return m.Message()
	}
	return M("as-is", err.Error())
}
