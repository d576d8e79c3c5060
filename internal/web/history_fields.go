package web

import (
	"strconv"
	"strings"
	"time"

	"kovit/internal/audit"
)

// historyField says how a history table shows one field of an audited record: the label
// its page or form shows and the kind of value, so the change reads as the page does.
type historyField struct {
	Label string // message key
	Kind  string // how the value is shown, see historyValue
}

// Value kinds; "" is text shown as it is (after the generic date and yes/no reading).
const (
	hvInt      = "int"
	hvArea     = "area"
	hvDate     = "date"
	hvActor    = "actor"
	hvCriteria = "criteria"
	hvEnum     = "enum:" // followed by the message-key prefix of the values
)

// historyFields maps an audit entity to its fields. A field not listed keeps its raw name
// in the table: a change is never hidden because nobody labelled it.
var historyFields = map[string]map[string]historyField{
	audit.KindServiceCell: {
		"municipality_ehak":   {"field.municipality", ""},
		"service_code":        {"eservice.field.code", ""},
		"offering":            {"eservice.field.offering", hvEnum + "eservice.offering."},
		"criteria_met":        {"eservice.criteria.title", hvCriteria},
		"level":               {"eservice.field.level", hvInt},
		"url":                 {"eservice.field.url", ""},
		"system":              {"eservice.field.system", ""},
		"evidence_url":        {"eservice.field.evidence", ""},
		"evidence_checked_on": {"eservice.field.checked_on_label", hvDate},
		"verification":        {"eservice.field.verification", hvEnum + "eservice.verification."},
		"return_reason":       {"history.field.return_reason", ""},
		"updated_by":          {"history.field.updated_by", hvActor},
		"confirmed_at":        {"history.field.confirmed_at", ""},
	},
	audit.KindMunicipality: {
		"ehak":            {"field.ehak", ""},
		"name":            {"field.name", ""},
		"type":            {"field.type", hvEnum + "type."},
		"county_ehak":     {"history.field.county_ehak", ""},
		"county_name":     {"field.county", ""},
		"population":      {"field.population", hvInt},
		"population_year": {"field.population_year", ""},
		"area_km2":        {"field.area", hvArea},
		"website":         {"field.website", ""},
		"contact.name":    {"field.contact_name", ""},
		"contact.email":   {"field.contact_email", ""},
		"contact.phone":   {"field.contact_phone", ""},
	},
}

// historyRow is one changed field as a history table shows it.
type historyRow struct {
	Label, Before, After string
}

// Rows are the event's changes with labels and values in the page's language.
func (v changesView) Rows() []historyRow {
	fields := historyFields[v.E.Entity]
	var out []historyRow
	for _, c := range v.E.Changes() {
		f, ok := fields[c.Field]
		label := c.Field
		if ok {
			label = v.L.T(f.Label)
		}
		out = append(out, historyRow{label, v.value(f.Kind, c.Before), v.value(f.Kind, c.After)})
	}
	return out
}

// value shows one raw snapshot value (audit's flattened text) as its page would.
func (v changesView) value(kind, raw string) string {
	l := v.L
	if raw == "" {
		return ""
	}
	switch {
	case strings.HasPrefix(kind, hvEnum):
		if key := strings.TrimPrefix(kind, hvEnum) + raw; l.Has(key) {
			return l.T(key)
		}
		return raw
	case kind == hvInt || kind == hvArea:
		f, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			return raw
		}
		if kind == hvArea {
			return l.Num(f, 2) + " km²"
		}
		return l.Num(f, 0)
	case kind == hvActor:
		if raw == audit.SystemActor {
			return l.T("actor.system")
		}
		return raw
	case kind == hvCriteria:
		// The snapshot keeps only the criteria's ids; their count is what a reader can use.
		return l.T("history.criteria", "Count", len(strings.Fields(strings.Trim(raw, "[]"))))
	}
	if t, err := time.Parse(time.RFC3339Nano, raw); err == nil {
		if kind == hvDate || t.Equal(t.Truncate(24*time.Hour)) {
			return l.Date(t.UTC())
		}
		return l.DateTime(t)
	}
	switch raw {
	case "true":
		return l.T("history.yes")
	case "false":
		return l.T("history.no")
	}
	return raw
}
