package web

import "kovit/internal/audit"

// The landscape module's records in a history table read with the labels of their forms.
func init() {
	historyFields[audit.KindSolution] = map[string]historyField{
		"name":          {"landscape.field.name", ""},
		"kind":          {"landscape.field.kind", hvEnum + "landscape.kind."},
		"area":          {"landscape.field.area", hvEnum + "landscape.area."},
		"description":   {"landscape.field.description", ""},
		"supplier":      {"landscape.field.supplier", ""},
		"owner":         {"landscape.field.owner", ""},
		"licence":       {"landscape.field.licence", ""},
		"hosting":       {"landscape.field.hosting", ""},
		"service_codes": {"landscape.field.service_codes", ""},
		"links":         {"landscape.field.links", ""},
		"standards":     {"landscape.field.standards", ""},
		"versions":      {"landscape.field.versions", ""},
		"state":         {"landscape.field.state", hvEnum + "landscape.state."},
		"source":        {"landscape.field.source", ""},
	}
}
