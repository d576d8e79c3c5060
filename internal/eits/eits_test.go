package eits

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"kovit/internal/kovit"
	"kovit/internal/security"
)

func TestDecodeFixture(t *testing.T) {
	data, err := os.ReadFile("testdata/measures-2023.json")
	if err != nil {
		t.Fatal(err)
	}
	ms, err := Decode(bytes.NewReader(data), 2023)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 7 {
		t.Fatalf("%d measures, want 7", len(ms))
	}
	m := ms[1]
	if m.Code != "ISMS.1.M2" || m.ModuleCode != "ISMS.1" || m.Tier != security.Basic || len(m.Roles) != 2 || m.ID != "fx-2" {
		t.Errorf("second measure: %+v", m)
	}
	if ms[5].ID != "6" || ms[6].Tier != security.High || ms[2].Tier != security.Standard {
		t.Errorf("numeric id or tiers: %+v %+v %+v", ms[5], ms[6], ms[2])
	}
	if _, err := Decode(bytes.NewReader(data), 2024); !hasProblem(err, "version") {
		t.Errorf("another year's file: %v", err)
	}
}

func TestDecodeRefuses(t *testing.T) {
	for name, c := range map[string]struct{ body, field string }{
		"not JSON":        {`nope`, "file"},
		"trailing data":   {`{"version":2023,"measures":[]} {}`, "file"},
		"bad type":        {`{"version":2023,"measures":[{"measureId":"a","measureCode":"ISMS.1.M1","measureTitle":"x","type":"LOW"}]}`, "measures[0].type"},
		"invalid UTF-8":   {"{\"version\":2023,\"measures\":[{\"measureTitle\":\"\xff\"}]}", "file"},
		"too large":       {`{"version":2023,"measures":[],"x":"` + strings.Repeat("a", MaxBytes) + `"}`, "file"},
		"too many":        {`{"version":2023,"measures":[` + strings.Repeat(`{},`, security.MaxMeasures) + `{}]}`, "measures"},
		"wrong structure": {`{"version":2023,"measures":{"a":1}}`, "file"},
	} {
		if _, err := Decode(strings.NewReader(c.body), 2023); !hasProblem(err, c.field) {
			t.Errorf("%s: %v, want a problem with %s", name, err, c.field)
		}
	}
}

func hasProblem(err error, field string) bool {
	return kovit.ErrorCode(err) == kovit.EInvalid && kovit.FieldsOf(err).Has(field)
}

// FuzzDecode: no file panics the decoder, and what it accepts has its bounds.
func FuzzDecode(f *testing.F) {
	data, err := os.ReadFile("testdata/measures-2023.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`{"version":"2023","measures":[{"measureId":1,"measureCode":"A.M1","type":"HIGH","assignees":[""]}]}`))
	f.Add([]byte(`{"version":2023,"measures":null}`))
	f.Add([]byte("\xef\xbb\xbf{}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ms, err := Decode(bytes.NewReader(b), 2023)
		if err != nil {
			if kovit.ErrorCode(err) != kovit.EInvalid {
				t.Fatalf("an error that is not a problem: %v", err)
			}
			return
		}
		if len(ms) > security.MaxMeasures {
			t.Fatalf("%d measures accepted", len(ms))
		}
		for _, m := range ms {
			if !m.Tier.Valid() || m.Year != 2023 {
				t.Fatalf("accepted %+v", m)
			}
		}
		security.CheckImport(2023, nil, ms) // must not panic either
	})
}
