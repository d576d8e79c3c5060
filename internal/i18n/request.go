package i18n

import (
	"net/http"

	"golang.org/x/text/language"
)

// The language a request is served in. The HTML UI follows the visitor's choice (the lang
// cookie the language switch sets); the JSON API follows Accept-Language, as API clients
// send no cookies. Both answer only a language kovit has, so whatever a client sends, a
// request is served in one of len(Languages) ways: the server's response cache keys on
// these answers, never on the raw header or cookie.

// CookieLang is the UI's language for r: a link's ?lang= (so a page in English can be
// linked to), else the remembered choice, else Estonian.
func CookieLang(r *http.Request) string {
	if l := QueryLang(r); l != "" {
		return l
	}
	if c, err := r.Cookie("lang"); err == nil && Supported(c.Value) {
		return c.Value
	}
	return Languages[0]
}

// QueryLang is the language a link asks for with ?lang=, "" when it asks for none kovit has.
func QueryLang(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); Supported(l) {
		return l
	}
	return ""
}

// AcceptLang is the API's language for r: the best match for Accept-Language, Estonian
// when it asks for none kovit has.
func AcceptLang(r *http.Request) string {
	_, i := language.MatchStrings(matcher, r.Header.Get("Accept-Language"))
	return Languages[i]
}

// matcher holds Languages as tags, in the same order, so its index is theirs.
var matcher = func() language.Matcher {
	var tags []language.Tag
	for _, l := range Languages {
		tags = append(tags, language.Make(l))
	}
	return language.NewMatcher(tags)
}()
