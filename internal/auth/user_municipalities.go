package auth

import (
	"slices"
	"strings"

	"kovit/internal/kovit"
)

// NormalizeMunicipalities trims a person's municipalities and makes the list and the
// primary one agree: the list, when given, starts with the primary one; a primary one
// missing from it comes first; without a primary one the list's first is. Duplicates
// stay, for validateMunicipalities to name.
func NormalizeMunicipalities(primary string, list []string) (string, []string) {
	primary = strings.TrimSpace(primary)
	var out []string
	for _, e := range list {
		if e = strings.TrimSpace(e); e != "" {
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		return primary, nil
	}
	if primary == "" {
		return out[0], out
	}
	if i := slices.Index(out, primary); i > 0 {
		out = append([]string{primary}, slices.Delete(out, i, i+1)...)
	} else if i < 0 {
		out = append([]string{primary}, out...)
	}
	return primary, out
}

// ParseMunicipalities reads a list of municipalities as a form's text field or a sheet's
// cell writes it: entries separated by ';', ',' or line breaks.
func ParseMunicipalities(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || r == '\n' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// validateMunicipalities checks the list of an editor of several municipalities: only an
// editor has one, each named once, at most MaxMunicipalities.
func validateMunicipalities(p *kovit.Problems, r Role, list []string) {
	switch {
	case len(list) == 0:
	case r.Valid() && r != RoleEditor:
		p.Add("municipalities", "error.only_editor_municipality")
	case len(list) > MaxMunicipalities:
		p.Add("municipalities", "error.too_many_municipalities")
	default:
		for i, e := range list {
			if slices.Contains(list[:i], e) {
				p.Add("municipalities", "error.duplicate_municipality")
				return
			}
		}
	}
}

// KeptMunicipalities is the full list the update leaves account before with: the update's
// own list when it names one; otherwise, so that a change of name or a deactivation does
// not drop them, the account's other municipalities behind the (maybe new) primary one.
// A new primary one replaces the old: the editor moved.
func (up UserUpdate) KeptMunicipalities(before User) []string {
	if up.Municipalities != nil || up.Role != RoleEditor || up.MunicipalityEHAK == "" {
		return up.Municipalities
	}
	out := []string{up.MunicipalityEHAK}
	list := before.MunicipalityList()
	for _, e := range list[min(1, len(list)):] {
		if !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	if len(out) == 1 {
		return nil
	}
	return out
}
