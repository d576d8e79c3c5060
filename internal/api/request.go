package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strings"
	"unicode/utf8"

	"kovit/internal/i18n"
	"kovit/internal/kovit"
)

// maxBody is far above any real request; it stops a client from making us buffer gigabytes.
const maxBody = 1 << 20

// decodeJSON reads the request body into v. Fields v already holds and the body leaves
// out keep their values, which is how PATCH changes only what it names. Unknown fields
// are refused so a misspelt name is not silently dropped.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		return bodyError(err, nil, nil)
	}
	return decodeBody(body, v)
}

// decodeBody is decodeJSON once the body is read.
func decodeBody(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return bodyError(err, body, v)
	}
	if _, err := dec.Token(); err != io.EOF {
		// A second value after the first: most likely two requests pasted together.
		return &badBody{kovit.Errorf(eMalformed, "error.json"), dec.InputOffset()}
	}
	if !utf8.Valid(body) {
		// encoding/json would store U+FFFD in place of the bad bytes: refuse, as a form does.
		return valueError(body, v, "api.error.text", func(raw []byte, _ reflect.Type) bool { return !utf8.Valid(raw) })
	}
	if field := unstorableField(reflect.ValueOf(v), ""); field != "" {
		var p kovit.Problems
		p.Add(field, "api.error.text")
		return p.Err()
	}
	return nil
}

// decodePatch reads a PATCH body over a copy of stored and returns the result: fields the
// body leaves out keep their stored values, the version is cleared so that the body must
// name the one its sender read, and stored itself stays as it was, for the handler to
// compare. The copy goes through JSON because encoding/json writes a value through a
// pointer the record already holds: a shallow copy would share its pointer fields with
// stored, and a change to one of them would change both and go unnoticed.
func decodePatch[T any](w http.ResponseWriter, r *http.Request, stored T) (T, error) {
	var out T
	fields := map[string]json.RawMessage{}
	b, err := json.Marshal(stored)
	if err == nil {
		err = json.Unmarshal(b, &fields)
	}
	if err != nil {
		return out, err
	}
	delete(fields, "version")
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		return out, bodyError(err, nil, nil)
	}
	dropSentArrays(fields, body)
	if b, err = json.Marshal(fields); err == nil {
		err = json.Unmarshal(b, &out)
	}
	if err != nil {
		return out, err
	}
	return out, decodeBody(body, &out)
}

// dropSentArrays removes from stored each array that body sends, in nested objects too,
// so that the body's array replaces it whole. encoding/json decodes an array into the
// elements a slice already holds, so a field that an element of the body leaves out
// would keep the stored element's value: a status sent without "done" would stay done.
func dropSentArrays(stored map[string]json.RawMessage, body []byte) {
	var sent map[string]json.RawMessage
	if json.Unmarshal(body, &sent) != nil {
		return // decodeJSON reports what is wrong with the body
	}
	for name, v := range sent {
		for k := range stored {
			// encoding/json matches names regardless of case.
			if !strings.EqualFold(k, name) || len(v) == 0 {
				continue
			}
			switch v[0] {
			case '[':
				delete(stored, k)
			case '{':
				var inner map[string]json.RawMessage
				if json.Unmarshal(stored[k], &inner) == nil && inner != nil {
					dropSentArrays(inner, v)
					stored[k], _ = json.Marshal(inner)
				}
			}
		}
	}
}

// readOnly adds a problem for field when a PATCH body changed it.
func readOnly(p *kovit.Problems, field string, changed bool) {
	if changed {
		p.Add(field, "api.error.read_only")
	}
}

// sameID reports whether two optional ids are the same.
func sameID(a, b *int64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

// versioned adds the version problem, if any, and returns all problems found.
func versioned(p *kovit.Problems, version int) error {
	if version < 1 {
		p.Add("version", "error.version")
	}
	return p.Err()
}

// storable reports whether s can be stored on both engines: PostgreSQL refuses text with
// NUL bytes or invalid UTF-8, which SQLite would take, so such input is refused up front.
func storable(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }

// unstorableField returns the JSON name of the first string in v that is not storable:
// one with a NUL byte, which a body can carry as \u0000 (encoding/json already replaces
// invalid UTF-8).
func unstorableField(v reflect.Value, name string) string {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			return unstorableField(v.Elem(), name)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			tag, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
			if tag == "" || tag == "-" {
				continue
			}
			if name != "" {
				tag = name + "." + tag
			}
			if f := unstorableField(v.Field(i), tag); f != "" {
				return f
			}
		}
	case reflect.String:
		if !storable(v.String()) {
			return name
		}
	}
	return ""
}

// badBody is a body that is not the JSON asked for, with where the reading stopped.
type badBody struct {
	err    *kovit.Error
	offset int64 // -1 when unknown
}

func (b *badBody) Error() string { return b.err.Error() }
func (b *badBody) Unwrap() error { return b.err }

// bodyError turns what encoding/json reports on decoding body into v into a problem a
// client can act on.
func bodyError(err error, body []byte, v any) error {
	e := kovit.Errorf(eMalformed, "error.json")
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return kovit.Errorf(kovit.ETooLarge, "api.error.body_too_large")
	case errors.As(err, &syntax):
		return &badBody{e, syntax.Offset}
	case errors.As(err, &typ):
		// typ.Field leaves out array indexes (statuses.colour); the walk has them.
		field := typ.Field
		if v != nil {
			if path, _, ok := badValue(body, reflect.TypeOf(v), "", undecodable, 0); ok {
				field = path
			}
		}
		e.Fields = []kovit.FieldError{{Field: field, Key: "api.error.json_type"}}
		return &badBody{e, typ.Offset}
	case strings.HasPrefix(err.Error(), `json: unknown field "`):
		// encoding/json has no error type for this, only the message.
		name := strings.TrimSuffix(strings.TrimPrefix(err.Error(), `json: unknown field "`), `"`)
		e.Fields = []kovit.FieldError{{Field: name, Key: "api.error.unknown_field"}}
	case v != nil:
		// The JSON is well formed but a value's own UnmarshalJSON refused it (a time that
		// is not RFC 3339, an amount with too many digits); encoding/json does not say
		// which value, so find it.
		return valueError(body, v, "", undecodable)
	}
	return &badBody{e, -1}
}

// detailOf explains a problem beyond its title, where there is more to say.
func detailOf(err error, p *i18n.Printer) string {
	var b *badBody
	if errors.As(err, &b) && b.offset >= 0 {
		return p.T("api.error.json_offset", "Offset", b.offset)
	}
	return ""
}

// encode writes v as JSON.
func encode(w io.Writer, v any) error { return json.NewEncoder(w).Encode(v) }
