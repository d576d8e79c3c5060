package plan

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Mentions in progress updates (issue 12). A mention is "@" followed by a person's full
// name as their account has it ("@Mari Maasikas") or by their e-mail address
// ("@mari@tartu.ee"), in any letter case, not preceded by a letter or digit (so an
// e-mail address in the text mentions nobody) and not followed by one (so "@Mari
// Maasikasele" is no mention of Mari Maasikas). Where names overlap the longest wins
// ("@Mari Maasikas" over "@Mari"). A name two candidates share mentions neither: the
// author writes the e-mail address instead.

// Person is someone an update may mention: one who may read the activity.
type Person struct {
	ID    int64
	Name  string
	Email string
}

// Mentioned lists the ids of the people body mentions, each once, in the order of their
// first mention.
func Mentioned(body string, people []Person) []int64 {
	if !strings.Contains(body, "@") {
		return nil
	}
	type handle struct {
		text string
		ids  []int64
	}
	var handles []handle
	add := func(text string, id int64) {
		text = strings.TrimSpace(text)
		if text == "" {
			return
		}
		for i := range handles {
			if strings.EqualFold(handles[i].text, text) {
				if !slices.Contains(handles[i].ids, id) {
					handles[i].ids = append(handles[i].ids, id)
				}
				return
			}
		}
		handles = append(handles, handle{text, []int64{id}})
	}
	for _, p := range people {
		add(p.Name, p.ID)
		add(p.Email, p.ID)
	}
	// Longest first, so a longer name wins over one it starts with.
	slices.SortFunc(handles, func(a, b handle) int { return len(b.text) - len(a.text) })
	var out []int64
	for i := 0; i < len(body); i++ {
		if body[i] != '@' || wordBefore(body[:i]) {
			continue
		}
		rest := body[i+1:]
		for _, h := range handles {
			if len(rest) < len(h.text) || !strings.EqualFold(rest[:len(h.text)], h.text) || wordAfter(rest[len(h.text):]) {
				continue
			}
			if len(h.ids) == 1 && !slices.Contains(out, h.ids[0]) {
				out = append(out, h.ids[0])
			}
			break
		}
	}
	return out
}

func wordBefore(s string) bool {
	r, n := utf8.DecodeLastRuneInString(s)
	return n > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func wordAfter(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return n > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
