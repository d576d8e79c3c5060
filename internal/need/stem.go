package need

import (
	"strings"
	"unicode"
)

// Words breaks text into the terms similarity compares: lower-cased, with õ ä ö ü š ž folded
// to plain letters (people without an Estonian keyboard type "susteem"), stop words dropped and each
// word reduced by Stem, so "teenuste", "teenusele" and "teenus" are one term.
func Words(text string) []string { return stemmer{}.words(text) }

// stemmer remembers the stems it made: needs repeat their words, and building an index
// of thousands of needs stems each distinct word once.
type stemmer map[string]string

func (s stemmer) words(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(fold(text), notWordRune) {
		if len(w) < 3 || stopWords[w] {
			continue
		}
		st, ok := s[w]
		if !ok {
			st = Stem(w)
			s[w] = st
		}
		out = append(out, st)
	}
	return out
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

var folding = strings.NewReplacer("õ", "o", "ä", "a", "ö", "o", "ü", "u", "š", "s", "ž", "z")

func fold(s string) string { return folding.Replace(strings.ToLower(s)) }

// Fold lower-cases s and folds õ ä ö ü š ž as Words does, for matching names people type.
func Fold(s string) string { return fold(strings.TrimSpace(s)) }

// stopWords are frequent Estonian and English words that say nothing about a need.
var stopWords = map[string]bool{
	"ja": true, "ning": true, "voi": true, "ka": true, "on": true, "ei": true, "et": true, "kui": true,
	"see": true, "mis": true, "kes": true, "oma": true, "ole": true, "oli": true, "selle": true, "need": true,
	"nende": true, "kus": true, "nii": true, "siis": true, "aga": true, "veel": true, "vaja": true,
	"the": true, "and": true, "for": true, "with": true, "our": true, "all": true, "are": true, "from": true,
}

// endings are Estonian case endings (with the plural -de/-te/-i before them), longest
// first. Only one is removed, so a stem is never cut twice.
var endings = []string{
	"desse", "tesse",
	"dega", "tega", "dele", "tele", "delt", "telt", "dest", "test", "deks", "teks", "dena", "tena", "deni", "teni",
	"sse", "ide", "ega", "ele", "elt", "est", "eks", "des", "tes",
	"ga", "ta", "na", "ni", "st", "le", "lt", "ks", "de", "te", "id", "se", "ne",
	"l", "s", "d", "t",
}

// minStem is the shortest stem an ending may leave: shorter words are mostly stems already.
const minStem = 4

// stemLength caps a stem: Estonian alternates consonants inside a stem (infoturve,
// infoturbe), and the first seven letters of a word agree where its endings do not.
const stemLength = 7

// Stem reduces a folded, lower-case word to a light stem: one case ending off, then one
// stem vowel, then at most stemLength letters. It errs towards leaving too much, since
// merging unrelated words makes worse suggestions than missing a form.
func Stem(w string) string {
	r := []rune(w)
	for _, e := range endings {
		n := len([]rune(e))
		if len(r)-n < minStem || !strings.HasSuffix(w, e) {
			continue
		}
		// -us is a noun suffix (teenus, haldus, lahendus), not -u plus a case in -s.
		if e[0] == 's' && r[len(r)-n-1] == 'u' {
			continue
		}
		r = r[:len(r)-n]
		break
	}
	if len(r) > minStem && strings.ContainsRune("aeiu", r[len(r)-1]) {
		r = r[:len(r)-1]
	}
	if len(r) > stemLength {
		r = r[:stemLength]
	}
	return string(r)
}
