package training

import (
	"fmt"

	"kovit/internal/tabular"
)

// GapColumns head GapsSheet.
var GapColumns = []tabular.Column{{Et: "KOV", En: "Municipality"}, {Et: "Isik", En: "Person"}, {Et: "Roll", En: "Role"},
	{Et: "Koolitus", En: "Training"}, {Et: "Puudus", En: "Gap"}, {Et: "Aegus", En: "Expired on"}}

// roleNames name the roles in the exports; pages use the training.role.* messages.
var roleNames = map[Role]tabular.Column{
	Employee:            {Et: "töötaja", En: "employee"},
	SecurityCoordinator: {Et: "infoturbe koordinaator", En: "security coordinator"},
	ITLead:              {Et: "IT-juht", En: "IT lead"},
	Editor:              {Et: "toimetaja", En: "editor"},
	RecordsManager:      {Et: "dokumendihaldur", En: "records manager"},
}

func pick(c tabular.Column, lang string) string {
	if lang == "en" {
		return c.En
	}
	return c.Et
}

// GapsSheet is the export of gaps the caller has narrowed to what its reader may read,
// with the municipalities' names and the trainings' titles.
func GapsSheet(gaps []Gap, counted []CountGap, names map[string]string, titles map[int64]string, lang string) tabular.Table {
	t := tabular.Table{Sheet: "koolitusvajadus", Header: tabular.Headers(GapColumns, lang)}
	missing, expired := tabular.Column{Et: "puudub", En: "missing"}, tabular.Column{Et: "aegunud", En: "expired"}
	for _, g := range gaps {
		name := municipalityName(names, g.MunicipalityEHAK)
		kind := pick(missing, lang)
		if g.Expired != "" {
			kind = pick(expired, lang)
		}
		t.Rows = append(t.Rows, []any{name, g.Person, pick(roleNames[g.Role], lang), titles[g.TrainingID], kind, g.Expired})
	}
	// Completions recorded by count have nobody to name: a row says how many of the
	// role's counted people miss the training.
	unnamed := tabular.Column{Et: "%d nimeta", En: "%d without names"}
	for _, g := range counted {
		if g.Missing > 0 {
			t.Rows = append(t.Rows, []any{municipalityName(names, g.MunicipalityEHAK), fmt.Sprintf(pick(unnamed, lang), g.Missing),
				pick(roleNames[g.Role], lang), titles[g.TrainingID], pick(missing, lang), ""})
		}
	}
	return t
}

// municipalityName is the municipality's name, or its code when the names do not hold it.
func municipalityName(names map[string]string, ehak string) string {
	if name := names[ehak]; name != "" {
		return name
	}
	return ehak
}
