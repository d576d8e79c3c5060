package eservice

import "testing"

// An editor's sheet may say what the page says, in Estonian or English, not the export's codes.
func TestParseImportOfferingWords(t *testing.T) {
	header := []string{"ehak", "service_code", "offering", "criteria_met", "url", "system", "evidence_url", "evidence_checked_on"}
	tests := []struct {
		word string
		want Offering
	}{
		{"pakub", Offered}, {"Pakutakse", Offered}, {"ei paku", NotOffered}, {"EI  PAKUTA", NotOffered},
		{"ei kohaldu", NotApplicable}, {"not offered", NotOffered}, {"Not applicable", NotApplicable}, {"offered", Offered},
		{"not_offered", NotOffered},
	}
	for _, tt := range tests {
		rows, err := ParseImport(header, [][]string{{"0793", "SOC-001", tt.word, "", "", "", "", ""}}, reference())
		if err != nil {
			t.Errorf("%q: %v", tt.word, err)
			continue
		}
		if got := rows[0].Input.Offering; got != tt.want {
			t.Errorf("%q read as %q, want %q", tt.word, got, tt.want)
		}
	}
	// "teadmata" says nothing, as an export's empty offering does: the cell is left alone.
	rows, err := ParseImport(header, [][]string{{"0793", "SOC-001", "teadmata", "", "", "", "", ""}}, reference())
	if err != nil || rows[0].Input.Offering != Unknown {
		t.Errorf("teadmata: %+v, %v", rows, err)
	}
	if _, err := ParseImport(header, [][]string{{"0793", "SOC-001", "võib-olla", "", "", "", "", ""}}, reference()); err == nil {
		t.Error("an unknown word was taken")
	}
}
