package advice

import (
	"strings"
	"unicode"

	"github.com/kljensen/snowball/english"

	"kovit/internal/need"
)

// The knowledge base is searched in Estonian and English. The needs module's stemmer cuts
// Estonian case endings, which mangles English ("request" loses its -est, "requests" does
// not), so an entry written in English is stemmed with englishStem instead, and a query
// is stemmed both ways: Score reads the stems of the entry's language.

// Search is a query as Score reads it: its stems in each language and, folded, the whole
// text as a tag.
type Search struct {
	Et, En []string
	Tag    string
}

// Stems are the query's stems in the language of an entry: English when english.
func (q Search) Stems(english bool) []string {
	if english {
		return q.En
	}
	return q.Et
}

// englishFunction and estonianFunction are frequent function words that tell the two
// languages apart; an entry is English when it has more of the first.
var englishFunction = map[string]bool{
	"the": true, "and": true, "of": true, "to": true, "in": true, "is": true, "are": true, "for": true, "with": true,
	"must": true, "can": true, "does": true, "what": true, "how": true, "which": true, "their": true, "this": true,
	"that": true, "be": true, "by": true, "on": true, "or": true, "not": true, "an": true, "a": true, "it": true,
	"should": true, "may": true, "from": true, "under": true, "has": true, "have": true, "if": true, "when": true,
}

var estonianFunction = map[string]bool{
	"ja": true, "on": true, "ei": true, "kas": true, "kui": true, "et": true, "mis": true, "ning": true, "voi": true,
	"see": true, "peab": true, "kuidas": true, "tuleb": true, "seda": true, "selle": true, "ka": true, "oma": true,
	"mida": true, "kus": true, "ole": true, "vaid": true, "nagu": true, "koik": true, "siis": true, "ehk": true,
	"voib": true, "tohib": true, "kes": true, "milline": true, "aga": true,
}

// English reports whether text reads as English rather than Estonian: more English
// function words than Estonian ones, a word with õ, ä, ö or ü counting as Estonian.
func English(text string) bool {
	en, et := 0, 0
	for _, w := range strings.FieldsFunc(strings.ToLower(text), notWord) {
		if strings.ContainsAny(w, "õäöü") {
			et++
			continue
		}
		if englishFunction[w] {
			en++
		}
		if estonianFunction[w] {
			et++
		}
	}
	return en > et
}

func notWord(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// englishWords are text's words as English search reads them: folded as need.Words
// folds, short and function words dropped, each stemmed by englishStem.
func englishWords(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(need.Fold(text), notWord) {
		if len(w) < 3 || englishFunction[w] {
			continue
		}
		out = append(out, englishStem(w))
	}
	return out
}

// englishStem is the Snowball (Porter2) English stemmer, so request, requests,
// requested; archive, archiving; municipality, municipalities each meet. Stop words are
// stemmed too: englishWords has already dropped the ones it drops.
func englishStem(w string) string { return english.Stem(w, true) }
