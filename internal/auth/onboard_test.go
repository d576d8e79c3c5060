package auth

import "testing"

// TestValidPersonalCode: the check digit by the first weight set, by the second when the
// first leaves 10, 0 when both do; and the length, digits, century and date of birth.
func TestValidPersonalCode(t *testing.T) {
	for _, c := range []struct {
		code string
		ok   bool
	}{
		{"38001085718", true},  // first weight set
		{"38001085719", false}, // wrong check digit
		{"49403136526", true},  // first weight set
		{"37605030064", true},  // the first set leaves 10: the second gives 4
		{"37605030060", false},
		{"37605030920", true}, // both leave 10: 0
		{"60001019906", true}, // born in 2000
		{"3800108571", false}, // too short
		{"380010857180", false},
		{"3800108571a", false},
		{"78001085718", false}, // no such century
		{"38002305718", false}, // 30 February
		{"38013085710", false}, // month 13
		{"EE38001085718", false},
	} {
		if got := ValidPersonalCode(c.code); got != c.ok {
			t.Errorf("ValidPersonalCode(%q) = %v, want %v", c.code, got, c.ok)
		}
	}
	if code, ok := PersonalCodeFromSubject("EE38001085718"); !ok || code != "38001085718" {
		t.Errorf("subject: %q %v", code, ok)
	}
	if _, ok := PersonalCodeFromSubject("38001085718"); ok {
		t.Error("a subject without EE read as a personal code")
	}
}
