package api

import (
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"kovit/internal/kovit"
)

var (
	timeType      = reflect.TypeFor[time.Time]()
	moneyType     = reflect.TypeFor[kovit.Money]()
	unmarshalType = reflect.TypeFor[json.Unmarshaler]()
)

// valueError names the first value of body, decoded into v, that bad reports on, as an
// invalid field: a client learns which value to fix, e.g. status[2].colour, where
// encoding/json says only that the body could not be read. key says what is wrong; empty
// lets the value's type choose.
func valueError(body []byte, v any, key string, bad func(raw []byte, t reflect.Type) bool) error {
	path, t, ok := badValue(body, reflect.TypeOf(v), "", bad, 0)
	if !ok {
		return &badBody{kovit.Errorf(eMalformed, "error.json"), -1}
	}
	if key == "" {
		switch t {
		case timeType:
			key = "api.error.json_datetime"
		case moneyType:
			key = "api.error.money"
		default:
			key = "api.error.json_value"
		}
	}
	var p kovit.Problems
	p.Add(path, key)
	return p.Err()
}

// undecodable reports whether raw does not decode into a value of type t on its own.
func undecodable(raw []byte, t reflect.Type) bool {
	return json.Unmarshal(raw, reflect.New(t).Interface()) != nil
}

// maxValueDepth bounds the walk; kovit's bodies nest a few levels at most.
const maxValueDepth = 16

// badValue walks raw alongside t, the type it was decoded into, down to values that decode
// on their own (strings, numbers, times, amounts), and returns the JSON path and type of
// the first one bad reports on. Objects are walked in key order, so the answer is stable.
func badValue(raw []byte, t reflect.Type, path string, bad func([]byte, reflect.Type) bool, depth int) (string, reflect.Type, bool) {
	if depth > maxValueDepth {
		return "", nil, false
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if string(raw) == "null" {
		return "", nil, false
	}
	if reflect.PointerTo(t).Implements(unmarshalType) {
		return path, t, bad(raw, t)
	}
	switch t.Kind() {
	case reflect.Struct:
		var fields map[string]json.RawMessage
		if json.Unmarshal(raw, &fields) != nil {
			return "", nil, false
		}
		for _, k := range slices.Sorted(maps.Keys(fields)) {
			name, ft, ok := jsonField(t, k)
			if !ok {
				continue
			}
			if p, vt, ok := badValue(fields[k], ft, join(path, name), bad, depth+1); ok {
				return p, vt, true
			}
		}
	case reflect.Map:
		var elems map[string]json.RawMessage
		if json.Unmarshal(raw, &elems) != nil {
			return "", nil, false
		}
		for _, k := range slices.Sorted(maps.Keys(elems)) {
			if p, vt, ok := badValue(elems[k], t.Elem(), join(path, k), bad, depth+1); ok {
				return p, vt, true
			}
		}
	case reflect.Slice, reflect.Array:
		var elems []json.RawMessage
		if json.Unmarshal(raw, &elems) != nil {
			return "", nil, false
		}
		for i, e := range elems {
			if p, vt, ok := badValue(e, t.Elem(), path+"["+strconv.Itoa(i)+"]", bad, depth+1); ok {
				return p, vt, true
			}
		}
	default:
		return path, t, bad(raw, t)
	}
	return "", nil, false
}

// jsonField finds the field of struct t that encoding/json decodes key into: the exact
// name first, else one that matches regardless of case, looking into embedded structs.
func jsonField(t reflect.Type, key string) (string, reflect.Type, bool) {
	var folded *reflect.StructField
	var foldedName string
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() || f.Anonymous && f.Tag.Get("json") == "" {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if name == key {
			return name, f.Type, true
		}
		if folded == nil && strings.EqualFold(name, key) {
			folded, foldedName = &f, name
		}
	}
	if folded != nil {
		return foldedName, folded.Type, true
	}
	return "", nil, false
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
