// Package eits reads the measures of an E-ITS catalogue year from the JSON that RIA's
// E-ITS API (eits.ria.ee/api/2) returns, into the security module's measures.
//
// The field names per measure follow the API's measure DTO (measureId, measureCode,
// measureTitle, body, assignees, as the client in github.com/Aktors/ria-e-its reads them)
// with the measure's type MAIN / STANDARD / HIGH; the measures are listed under
// "measures" beside the catalogue's "version".
package eits

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"kovit/internal/kovit"
	"kovit/internal/security"
)

// MaxBytes bounds a file: the real 2023 catalogue's measures are about 4 MB.
const MaxBytes = 16 << 20

type file struct {
	Version  json.RawMessage `json:"version"`
	Measures []measure       `json:"measures"`
}

type measure struct {
	ID        json.RawMessage `json:"measureId"`
	Code      string          `json:"measureCode"`
	Title     string          `json:"measureTitle"`
	Body      string          `json:"body"`
	Assignees []string        `json:"assignees"`
	Type      string          `json:"type"`
}

// Decode reads a catalogue year's measures from r. A file of another year, one that is not
// JSON of this shape, or one past the limits is refused with a problem naming the field;
// Decode does not check the measures against the catalogue's modules
// (security.CheckImport does).
func Decode(r io.Reader, year int) ([]security.Measure, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, err
	}
	var p kovit.Problems
	if len(data) > MaxBytes {
		p.Add("file", "security.error.file_too_large")
		return nil, p.Err()
	}
	if !utf8.Valid(data) {
		p.Add("file", "security.error.json")
		return nil, p.Err()
	}
	var f file
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&f); err != nil {
		p.Add("file", "security.error.json")
		return nil, p.Err()
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		p.Add("file", "security.error.json")
		return nil, p.Err()
	}
	if v := strings.Trim(string(f.Version), `"`); v != strconv.Itoa(year) {
		p.Add("version", "security.error.file_year")
		return nil, p.Err()
	}
	if len(f.Measures) > security.MaxMeasures {
		p.Add("measures", "security.error.too_many_measures")
		return nil, p.Err()
	}
	out := make([]security.Measure, 0, len(f.Measures))
	for i, m := range f.Measures {
		tier, ok := security.TierOfAPI(m.Type)
		if !ok {
			p.Add("measures["+strconv.Itoa(i)+"].type", "security.error.tier")
		}
		module, _ := security.ModuleOfMeasure(m.Code)
		out = append(out, security.Measure{Year: year, ID: idText(m.ID), Code: strings.TrimSpace(m.Code), ModuleCode: module,
			Title: strings.TrimSpace(m.Title), Body: strings.TrimSpace(m.Body), Roles: trimmed(m.Assignees), Tier: tier})
		if len(p) >= 50 {
			break
		}
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// idText takes the API's id as text whether it comes as a string or a number.
func idText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s)
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

func trimmed(ss []string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		out = append(out, strings.TrimSpace(s))
	}
	return out
}
