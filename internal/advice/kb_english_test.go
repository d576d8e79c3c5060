package advice

import "testing"

func TestEnglishStem(t *testing.T) {
	for _, group := range [][]string{
		{"request", "requests", "requested", "requesting"},
		{"archive", "archives", "archived", "archiving"},
		{"service", "services"},
		{"municipality", "municipalities"},
		{"procure", "procurement", "procuring", "procured"},
		{"publish", "publishing", "published"},
		{"plan", "plans", "planned", "planning"},
		// Porter2's derivational steps, which a plural-and-tense stemmer misses.
		{"connect", "connection", "connections", "connected"},
		{"relate", "relational", "relations"},
		{"generous", "generously"},
	} {
		want := englishStem(group[0])
		for _, w := range group[1:] {
			if got := englishStem(w); got != want {
				t.Errorf("englishStem(%q) = %q, want %q as for %q", w, got, want, group[0])
			}
		}
	}
	for _, w := range []string{"status", "access", "news"} {
		if got := englishStem(w); got != w {
			t.Errorf("englishStem(%q) = %q: not a plural", w, got)
		}
	}
}

func TestEnglishDetection(t *testing.T) {
	for text, want := range map[string]bool{
		"How must a municipality answer an information request under the Public Information Act?": true,
		"Kas vald peab teabenõudele vastama viie tööpäeva jooksul?":                               false,
		"Dokumendiregistri avalikustamine":                                                        false,
		"Publishing the document register":                                                        true,
		"":                                                                                        false,
	} {
		if got := English(text); got != want {
			t.Errorf("English(%q) = %v, want %v", text, got, want)
		}
	}
}

// The same Score reads an English entry with English stems and an Estonian one with
// Estonian stems, whichever language the query is in.
func TestSearchByLanguage(t *testing.T) {
	en := Terms(Entry{Title: "Answering information requests", Question: "How fast must a municipality answer a request for information?",
		Answer: "The Public Information Act gives five working days; the request is registered the day it arrives.", Tags: []string{"AvTS § 18"}})
	et := Terms(Entry{Title: "Teabenõuetele vastamine", Question: "Kui kiiresti peab vald teabenõudele vastama?",
		Answer: "Avaliku teabe seadus annab viis tööpäeva; teenuste andmed avalikustatakse.", Tags: []string{"AvTS § 18"}})
	if !en.English || et.English {
		t.Fatalf("languages: en %v, et %v", en.English, et.English)
	}
	for _, c := range []struct {
		q      string
		en, et bool
	}{
		{"requests", true, false},
		{"requested", true, false},
		{"registering request", true, false},
		{"municipalities", true, false},
		{"teabenõue", false, true},
		{"teenusele", false, true},
		{"AvTS § 18", true, true},
		{"request budget", false, false},
	} {
		if got := en.Score(Query(c.q)) > 0; got != c.en {
			t.Errorf("%q on the English entry: %v, want %v", c.q, got, c.en)
		}
		if got := et.Score(Query(c.q)) > 0; got != c.et {
			t.Errorf("%q on the Estonian entry: %v, want %v", c.q, got, c.et)
		}
	}
}
