package need

import (
	"strconv"
	"strings"

	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/tabular"
)

// Field is a need field that a survey spreadsheet column can fill.
type Field string

const (
	FieldMunicipality Field = "municipality_ehak"
	FieldTitle        Field = "title"
	FieldDescription  Field = "description"
	FieldCategory     Field = "category"
	FieldServices     Field = "service_codes"
	FieldSystems      Field = "systems"
	FieldCost         Field = "cost"
	FieldUrgency      Field = "urgency"
	FieldTimeframe    Field = "timeframe"
	FieldContactName  Field = "contact_name"
	FieldContactEmail Field = "contact_email"
)

// Fields lists the fields in the order exports write them; Columns are their column
// headers in Estonian and English, which exports write and GuessMapping recognises.
var (
	Fields  = []Field{FieldMunicipality, FieldTitle, FieldDescription, FieldCategory, FieldServices, FieldSystems, FieldCost, FieldUrgency, FieldTimeframe, FieldContactName, FieldContactEmail}
	Columns = []tabular.Column{{Et: "Omavalitsus", En: "Municipality"}, {Et: "Pealkiri", En: "Title"}, {Et: "Kirjeldus", En: "Description"},
		{Et: "Kategooria", En: "Category"}, {Et: "Teenuste koodid", En: "Service codes"}, {Et: "Infosüsteemid", En: "Information systems"},
		{Et: "Maksumus (EUR)", En: "Cost (EUR)"}, {Et: "Kiireloomulisus", En: "Urgency"}, {Et: "Soovitud ajaraam", En: "Desired timeframe"},
		{Et: "Kontaktisik", En: "Contact person"}, {Et: "Kontakti e-post", En: "Contact e-mail"}}
	// Headers are the Estonian headers.
	Headers = tabular.Headers(Columns, "et")
)

// requiredFields must each come from some column.
var requiredFields = []Field{FieldMunicipality, FieldTitle, FieldCategory}

// headerWords guess a column's field from words of its header, as surveys word them in
// Estonian or English; the first match in this order wins.
var headerWords = []struct {
	field Field
	words []string
}{
	{FieldContactEmail, []string{"e-post", "epost", "e-mail", "email"}},
	{FieldContactName, []string{"kontakt", "contact"}},
	{FieldMunicipality, []string{"omavalitsus", "kov", "vald", "linn", "ehak", "municipality"}},
	{FieldServices, []string{"teenus", "service"}},
	{FieldSystems, []string{"susteem", "system"}},
	{FieldDescription, []string{"kirjeldus", "selgitus", "description"}},
	{FieldCategory, []string{"kategooria", "liik", "category"}},
	{FieldCost, []string{"maksumus", "eelarve", "hind", "kulu", "cost"}},
	{FieldUrgency, []string{"kiireloomulisus", "kiirus", "prioriteet", "urgency"}},
	{FieldTimeframe, []string{"ajaraam", "tahtaeg", "aeg", "timeframe", "when"}},
	{FieldTitle, []string{"pealkiri", "vajadus", "nimetus", "title", "need"}},
}

// Mapping says which need field each source column fills, by the column's header;
// columns not in it are ignored.
type Mapping map[string]Field

// GuessMapping maps each header to the field its words suggest, each field to at most
// one column (the first).
func GuessMapping(header []string) Mapping {
	m := Mapping{}
	taken := map[Field]bool{}
	for _, h := range header {
		folded := fold(h)
		for _, hw := range headerWords {
			if taken[hw.field] || !containsAny(folded, hw.words) {
				continue
			}
			m[h], taken[hw.field] = hw.field, true
			break
		}
	}
	return m
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// Validate checks the mapping against the file's header: every column exists, every
// field is known and comes from one column, and the required fields are all there.
func (m Mapping) Validate(header []string) error {
	var p kovit.Problems
	from := map[Field]bool{}
	for h, f := range m {
		switch {
		case !contains(header, h):
			p.Add("mapping."+h, "need.error.column")
		case !contains(Fields, f):
			p.Add("mapping."+h, "need.error.field")
		case from[f]:
			p.Add("mapping."+h, "need.error.mapping")
		}
		from[f] = true
	}
	for _, f := range requiredFields {
		if !from[f] {
			p.Add("mapping."+string(f), "need.error.field_unmapped")
		}
	}
	return p.Err()
}

// MunicipalityNames is how a survey's cells name municipalities, for ParseSurvey: each
// one's EHAK code, its name, and its name without "linn" or "vald" where that names only
// one (Tartu is both a city and a rural municipality), each folded as the cells are.
func MunicipalityNames(ms []municipality.Municipality) map[string]string {
	out := make(map[string]string, 3*len(ms))
	short := map[string][]string{}
	for _, m := range ms {
		out[m.EHAK], out[Fold(m.Name)] = m.EHAK, m.EHAK
		s := Fold(strings.TrimSuffix(strings.TrimSuffix(m.Name, " linn"), " vald"))
		short[s] = append(short[s], m.EHAK)
	}
	for name, codes := range short {
		if _, taken := out[name]; !taken && len(codes) == 1 {
			out[name] = codes[0]
		}
	}
	return out
}

// ParseSurvey turns the rows of a survey file into needs by mapping m, skipping blank
// rows. municipalities finds a municipality's EHAK code by how a cell names it
// (MunicipalityNames); may says whether the importing user may add a municipality's needs
// (a row of another is need.error.other_municipality). Every bad cell is reported; the
// needs are only to be stored when there is none.
func ParseSurvey(header []string, rows [][]string, m Mapping, municipalities map[string]string, may func(ehak string) error) ([]Need, []tabular.RowError) {
	col := map[Field]int{}
	for i, h := range header {
		if f, ok := m[h]; ok {
			col[f] = i
		}
	}
	needs := make([]Need, 0, len(rows))
	var errs []tabular.RowError
	for r, row := range rows {
		if tabular.Blank(row) {
			continue
		}
		first := len(errs) // this row's errors start here
		cell := func(f Field) string {
			i, ok := col[f]
			if !ok || i >= len(row) {
				return ""
			}
			return strings.TrimSpace(row[i])
		}
		bad := func(f Field, key string) {
			errs = append(errs, tabular.RowError{Row: r + 2, Column: header[col[f]], Key: key})
		}
		n := Need{Title: cell(FieldTitle), Description: cell(FieldDescription), Systems: cell(FieldSystems), Timeframe: cell(FieldTimeframe),
			ContactName: cell(FieldContactName), ContactEmail: cell(FieldContactEmail)}
		n.MunicipalityEHAK = municipalities[fold(cell(FieldMunicipality))]
		if n.MunicipalityEHAK == "" {
			bad(FieldMunicipality, "error.unknown_municipality")
		} else if may(n.MunicipalityEHAK) != nil {
			bad(FieldMunicipality, "need.error.other_municipality")
		}
		if n.Category = parseCategory(cell(FieldCategory)); n.Category == "" {
			bad(FieldCategory, "need.error.category")
		}
		if n.Urgency = parseUrgency(cell(FieldUrgency)); n.Urgency == "" && cell(FieldUrgency) != "" {
			bad(FieldUrgency, "need.error.urgency")
		}
		if s := strings.TrimSuffix(strings.TrimSpace(strings.TrimSuffix(cell(FieldCost), "€")), "EUR"); s != "" {
			if c, err := kovit.ParseMoney(s); err != nil || c < 0 {
				bad(FieldCost, "need.error.money")
			} else {
				n.Cost = &c
			}
		}
		n.ServiceCodes = strings.FieldsFunc(cell(FieldServices), func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' })
		n.Normalize()
		// What only Validate knows (lengths, an e-mail's form), reported on its column.
		for _, fe := range kovit.FieldsOf(n.Validate()) {
			if _, ok := col[Field(fe.Field)]; ok && !hasCellError(errs[first:], header[col[Field(fe.Field)]]) {
				bad(Field(fe.Field), fe.Key)
			}
		}
		needs = append(needs, n)
	}
	return needs, errs
}

// hasCellError reports whether one row's errors name column: a row has a few, so looking
// through them keeps the parse linear in the rows.
func hasCellError(errs []tabular.RowError, column string) bool {
	for _, e := range errs {
		if e.Column == column {
			return true
		}
	}
	return false
}

// categoryWords are the Estonian names a survey may use for a category.
var categoryWords = map[string]Category{
	"e-teenus": CatEService, "ühine infosüsteem": CatSharedSystem, "ühine süsteem": CatSharedSystem, "taristu": CatInfrastructure,
	"infoturve": CatSecurity, "küberturve": CatSecurity, "dokumendihaldus": CatRecords, "asjaajamine": CatRecords,
	"koolitus": CatTraining, "muu": CatOther,
}

var urgencyWords = map[string]Urgency{"madal": UrgencyLow, "keskmine": UrgencyMedium, "kõrge": UrgencyHigh, "kriitiline": UrgencyCritical}

func parseCategory(s string) Category {
	s = strings.ToLower(s)
	if c := Category(s); c.Valid() {
		return c
	}
	for w, c := range categoryWords {
		if fold(w) == fold(s) {
			return c
		}
	}
	return ""
}

func parseUrgency(s string) Urgency {
	s = strings.ToLower(s)
	if u := Urgency(s); u.Valid() {
		return u
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= len(Urgencies) {
		return Urgencies[n-1]
	}
	for w, u := range urgencyWords {
		if fold(w) == fold(s) {
			return u
		}
	}
	return ""
}

// SurveyRow writes a need as a row under Headers, so an export reads back through
// GuessMapping and ParseSurvey unchanged.
func SurveyRow(n Need) []any {
	var cost any
	if n.Cost != nil {
		cost = float64(*n.Cost) / 100
	}
	return []any{n.MunicipalityEHAK, n.Title, n.Description, string(n.Category), strings.Join(n.ServiceCodes, ", "), n.Systems,
		cost, string(n.Urgency), n.Timeframe, n.ContactName, n.ContactEmail}
}
