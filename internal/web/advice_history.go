package web

import "kovit/internal/audit"

// The history tables' labels of the advice module's records (history_fields.go).
func init() {
	historyFields[audit.KindInquiry] = map[string]historyField{
		"municipality_ehak": {"advice.field.municipality", ""},
		"topic":             {"advice.field.topic", hvEnum + "advice.topic."},
		"subject":           {"advice.field.subject", ""},
		"question":          {"advice.field.question", ""},
		"links":             {"advice.field.links", ""},
		"state":             {"advice.field.state", hvEnum + "advice.state."},
		"answer":            {"advice.field.answer", ""},
		"note":              {"advice.field.note", ""},
		"asked_at":          {"advice.field.asked", ""},
		"first_answered_at": {"advice.field.first_answered", ""},
		"stopped_at":        {"advice.field.stopped", ""},
		"pauses":            {"advice.field.pauses", ""},
	}
	historyFields[audit.KindKBEntry] = map[string]historyField{
		"title":         {"advice.field.title", ""},
		"question":      {"advice.field.question", ""},
		"answer":        {"advice.field.answer", ""},
		"topic":         {"advice.field.topic", hvEnum + "advice.topic."},
		"tags":          {"advice.field.tags", ""},
		"visibility":    {"advice.field.visibility", hvEnum + "advice.visibility."},
		"reviewed_on":   {"advice.field.reviewed_on", hvDate},
		"inquiry_id":    {"advice.kb.source", ""},
		"review_reason": {"advice.kb.needs_review", ""},
	}
}
