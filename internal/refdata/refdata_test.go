package refdata

import "testing"

func TestReferenceData(t *testing.T) {
	counties, err := Counties()
	if err != nil {
		t.Fatal(err)
	}
	ms, err := Municipalities()
	if err != nil {
		t.Fatal(err)
	}
	if len(counties) != 15 || len(ms) != 79 {
		t.Fatalf("got %d counties, %d municipalities", len(counties), len(ms))
	}
	known := map[string]bool{}
	for _, c := range counties {
		known[c.EHAK] = true
	}
	cities := 0
	for _, m := range ms {
		if !known[m.CountyEHAK] {
			t.Errorf("%s: unknown county %s", m.Name, m.CountyEHAK)
		}
		if m.Type == "linn" {
			cities++
		}
	}
	if cities != 15 {
		t.Errorf("cities = %d, want 15", cities)
	}
}

func TestServices(t *testing.T) {
	ss, err := Services()
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{}
	for _, s := range ss {
		if codes[s.Code] {
			t.Errorf("code %s twice", s.Code)
		}
		codes[s.Code] = true
	}
	if len(ss) != 77 || !codes["SOC-001"] {
		t.Errorf("got %d services", len(ss))
	}
}
