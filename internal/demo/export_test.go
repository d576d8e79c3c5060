package demo

import "strings"

// Composed reports whether a title begins with one of the vocabulary's subjects, as the
// generator's titles do, rather than with a placeholder.
func Composed(title string) bool {
	for _, s := range subjects {
		if strings.HasPrefix(title, capital(s.Gen)+" ") {
			return !strings.Contains(title, "Näidis")
		}
	}
	return false
}
