package site

import (
	"reflect"
	"testing"
	"time"

	"github.com/jiangninglu/showcase/internal/content"
)

// TestOwnFields: every field of a content file that templates may read
// is a field of the site's type itself, not only promoted from the
// embedded content type, and the constructor copies it. A field added to
// content.Story and not here fails this test.
func TestOwnFields(t *testing.T) {
	// Go's bookkeeping, not front matter: read through the embedded type.
	skip := map[string]bool{"Source": true, "Bundle": true, "Resources": true, "Lines": true, "Summary": true}
	r := Rendered{HTML: "<p>x</p>", HTMLHash: 7, Chars: 3, ReadingMinutes: 1}
	cs, cr, cp := filled[content.Story](), filled[content.Report](), filled[content.Page]()
	for _, c := range []struct {
		name      string
		src, view any // *content.X and the *X made from it
	}{
		{"Story", cs, NewStory(cs, r)},
		{"Report", cr, NewReport(cr, r)},
		{"Page", cp, NewPage(cp, r, "/p/")},
	} {
		sv, vv := reflect.ValueOf(c.src).Elem(), reflect.ValueOf(c.view).Elem()
		for i := range sv.NumField() {
			f := sv.Type().Field(i)
			if skip[f.Name] || !f.IsExported() {
				continue
			}
			own, ok := vv.Type().FieldByName(f.Name)
			if !ok || len(own.Index) != 1 {
				t.Errorf("site.%s has no field %s of its own", c.name, f.Name)
				continue
			}
			if !reflect.DeepEqual(vv.Field(own.Index[0]).Interface(), sv.Field(i).Interface()) {
				t.Errorf("New%s does not copy %s", c.name, f.Name)
			}
		}
		for _, name := range []string{"HTML", "HTMLHash", "Chars", "ReadingMinutes", "URL", "Summary"} {
			if c.name == "Story" && name != "URL" {
				// A story's rendered body comes through methods (see Body).
				if _, ok := reflect.TypeOf(c.view).MethodByName(name); !ok {
					t.Errorf("site.Story has no method %s", name)
				}
				continue
			}
			if f, ok := vv.Type().FieldByName(name); !ok || len(f.Index) != 1 {
				t.Errorf("site.%s has no field %s of its own", c.name, name)
			}
		}
	}
}

// filled returns a T whose every field of a basic, string, slice, map or
// time type is set to something other than its zero value.
func filled[T any]() *T {
	v := new(T)
	rv := reflect.ValueOf(v).Elem()
	for i := range rv.NumField() {
		f := rv.Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString(rv.Type().Field(i).Name)
		case reflect.Int, reflect.Int64:
			f.SetInt(int64(i + 1))
		case reflect.Bool:
			f.SetBool(true)
		case reflect.Slice:
			f.Set(reflect.MakeSlice(f.Type(), 1, 1))
		case reflect.Map:
			f.Set(reflect.MakeMap(f.Type()))
		case reflect.Struct:
			if f.Type() == reflect.TypeFor[time.Time]() {
				f.Set(reflect.ValueOf(time.Date(2021, 3, i, 0, 0, 0, 0, time.UTC)))
			}
		}
	}
	return v
}
