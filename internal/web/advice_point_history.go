package web

import "kovit/internal/audit"

// The history table's labels of a position's points (history_fields.go), so a coordinator
// reads a point's edits as the position page names its fields.
func init() {
	historyFields[audit.KindPosition] = map[string]historyField{
		"number":          {"advice.position.point", ""},
		"section_id":      {"advice.position.section", ""},
		"text":            {"advice.position.point_text", ""},
		"disposition":     {"advice.position.disposition", hvEnum + "advice.disposition."},
		"ministry_reason": {"advice.position.ministry_reason", ""},
	}
}
