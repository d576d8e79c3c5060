package need

import (
	"strings"

	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// A survey is a spreadsheet of needs, one a row, as municipalities fill it in: the
// importer maps its columns to fields (guessed from Estonian headers), then reads every row.

// SurveyFields are the fields a survey column may fill, in the export's column order.
var SurveyFields = []string{"municipality_ehak", "title", "description", "category", "service_codes", "systems",
	"cost", "urgency", "timeframe", "contact_name", "contact_email"}

// surveyAliases are header words that name each field, lower case, Estonian first.
var surveyAliases = map[string][]string{
	"municipality_ehak": {"ehak", "omavalitsus", "kov", "municipality"},
	"title":             {"pealkiri", "nimetus", "vajadus", "title"},
	"description":       {"kirjeldus", "sisu", "description"},
	"category":          {"kategooria", "valdkond", "liik", "category"},
	"service_codes":     {"teenuste koodid", "teenused", "teenus", "service"},
	"systems":           {"infosüsteem", "süsteem", "system"},
	"cost":              {"maksumus", "eelarve", "hind", "kulu", "cost"},
	"urgency":           {"kiireloomulisus", "pakilisus", "prioriteet", "urgency"},
	"timeframe":         {"ajaraam", "tähtaeg", "aeg", "timeframe"},
	"contact_name":      {"kontaktisik", "kontakt", "contact person", "contact name"},
	"contact_email":     {"e-post", "email", "e-mail"},
}

// GuessMapping proposes a field for each header, "" where none fits. The most specific
// word wins: "Kontakti e-post" is the e-mail, not the contact person, and no field is
// proposed for two columns.
func GuessMapping(header []string) []string {
	out := make([]string, len(header))
	taken := map[string]bool{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		best, bestLen := "", 0
		for _, f := range SurveyFields {
			for _, a := range surveyAliases[f] {
				if strings.Contains(h, a) && len(a) > bestLen && !taken[f] {
					best, bestLen = f, len(a)
				}
			}
		}
		if best != "" {
			taken[best] = true
		}
		out[i] = best
	}
	return out
}

// SurveyRef is what reading a survey checks against. Names map lower-case names (and
// codes) to their value, so a cell may say "Tartu linn" or "0793", "Dokumendihaldus" or
// "records".
type SurveyRef struct {
	Municipalities map[string]string
	Categories     map[string]Category
	Urgencies      map[string]Urgency
	// Own fills the municipality of rows without one: an editor's own.
	Own string
	// May refuses a row of a municipality the importer may not add needs for.
	May     func(ehak string) error
	RoundID *int64
}

// RowError is one problem of a survey: row as the spreadsheet numbers it (the header is
// row 1, 0 the mapping), column by its header, and a translation key.
type RowError struct {
	Row    int
	Column string
	Key    string
}

// ReadSurvey reads every row with mapping (a field per column, "" to skip one) and
// returns the needs, or every problem found.
func ReadSurvey(header []string, rows [][]string, mapping []string, ref SurveyRef) ([]Need, []RowError) {
	var errs []RowError
	col := map[string]int{}
	for i, f := range mapping {
		if f == "" {
			continue
		}
		if _, dup := col[f]; dup || !contains(SurveyFields, f) {
			errs = append(errs, RowError{Column: cell(header, i), Key: "need.error.mapping"})
			continue
		}
		col[f] = i
	}
	for _, f := range []string{"title", "category"} {
		if _, ok := col[f]; !ok {
			errs = append(errs, RowError{Column: f, Key: "needui.import.unmapped"})
		}
	}
	if _, ok := col["municipality_ehak"]; !ok && ref.Own == "" {
		errs = append(errs, RowError{Column: "municipality_ehak", Key: "needui.import.unmapped"})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	var out []Need
	for i, row := range rows {
		get := func(f string) string {
			if c, ok := col[f]; ok {
				return strings.TrimSpace(cell(row, c))
			}
			return ""
		}
		if strings.TrimSpace(strings.Join(row, "")) == "" {
			continue // blank lines at the end of a sheet
		}
		n, rowErrs := readRow(get, ref)
		for _, e := range rowErrs {
			errs = append(errs, RowError{Row: i + 2, Column: cell(header, col[e.Column]), Key: e.Key})
		}
		out = append(out, n)
	}
	if len(out) == 0 && len(errs) == 0 {
		errs = append(errs, RowError{Key: "tabular.error.empty"})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

// readRow reads one row; its errors name fields, which the caller turns into headers.
func readRow(get func(string) string, ref SurveyRef) (Need, []RowError) {
	var errs []RowError
	add := func(f, key string) { errs = append(errs, RowError{Column: f, Key: key}) }
	n := Need{Title: get("title"), Description: get("description"), Systems: get("systems"),
		Timeframe: get("timeframe"), ContactName: get("contact_name"), ContactEmail: get("contact_email"), RoundID: ref.RoundID}
	n.MunicipalityEHAK = ref.Own
	if v := get("municipality_ehak"); v != "" {
		n.MunicipalityEHAK = ref.Municipalities[strings.ToLower(v)]
		if n.MunicipalityEHAK == "" {
			add("municipality_ehak", "error.unknown_municipality")
		} else if ref.May != nil && ref.May(n.MunicipalityEHAK) != nil {
			add("municipality_ehak", "needui.import.not_yours")
		}
	}
	if v := get("category"); v != "" {
		if n.Category = ref.Categories[strings.ToLower(v)]; n.Category == "" {
			add("category", "need.error.category")
		}
	}
	if v := get("urgency"); v != "" {
		if n.Urgency = ref.Urgencies[strings.ToLower(v)]; n.Urgency == "" {
			add("urgency", "need.error.urgency")
		}
	}
	if v := get("cost"); v != "" {
		m, err := plan.ParseMoney(strings.TrimSuffix(strings.TrimSpace(strings.TrimSuffix(v, "€")), "EUR"))
		if err != nil {
			add("cost", "need.error.money")
		} else {
			n.Cost = &m
		}
	}
	if v := get("service_codes"); v != "" {
		n.ServiceCodes = strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == ' ' })
	}
	n.Normalize()
	if len(errs) == 0 {
		for _, f := range kovit.FieldsOf(n.Validate()) {
			add(f.Field, f.Key)
		}
	}
	return n, errs
}

func cell(row []string, i int) string {
	if i < 0 || i >= len(row) {
		return ""
	}
	return row[i]
}
