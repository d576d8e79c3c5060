package eservice

import (
	"strconv"
	"strings"
	"time"

	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/tabular"
)

// Columns are the matrix's spreadsheet form, in export order. Import finds them by name;
// municipality, service, level and verification are there for the reader and are not
// read back (the level is computed from the criteria met). Version is the cell's version
// when it was exported (0: never filled in): an import refuses a row whose cell was
// changed since, as a form does, so an old file cannot overwrite a later edit.
var Columns = []string{"ehak", "municipality", "service_code", "service", "offering", "level",
	"criteria_met", "url", "system", "evidence_url", "evidence_checked_on", "verification", "version"}

// importColumns must all be present in an imported file, so that a column left out
// cannot quietly empty a field.
var importColumns = []string{"ehak", "service_code", "offering", "criteria_met", "url", "system",
	"evidence_url", "evidence_checked_on"}

// ExportRows turns the matrix into rows in Columns order: every municipality of ms ×
// every service of services. A cell never filled in has its offering, level and
// verification empty: unknown, not "not offered", and an import leaves it so. Dates are
// time.Time (zero when there is none) so a workbook can hold them as real dates.
func ExportRows(ms []municipality.Municipality, services []Service, cells []Cell, scale Scale, lang string) [][]any {
	return ExportGridRows(ms, services, NewGrid(cells), scale, lang)
}

// ExportGridRows is ExportRows of the cells in grid, for an export that reads a large
// country's matrix a block of municipalities at a time (Store.RowGrid).
func ExportGridRows(ms []municipality.Municipality, services []Service, grid Grid, scale Scale, lang string) [][]any {
	rows := make([][]any, 0, len(ms)*len(services))
	for _, m := range ms {
		for _, s := range services {
			c := grid.Cell(m.EHAK, s.Code)
			met := scale.codesOf(c.Met)
			var checked time.Time
			if c.EvidenceCheckedOn != nil {
				checked = *c.EvidenceCheckedOn
			}
			offering, level, verification := any(string(c.Offering)), any(c.Level), any(string(c.Verification))
			if c.Offering == Unknown {
				offering, level, verification = nil, nil, nil
			}
			rows = append(rows, []any{m.EHAK, m.Name, s.Code, s.Name(lang), offering, level,
				strings.Join(met, " "), c.URL, c.System, c.EvidenceURL, checked, verification, c.Version})
		}
	}
	return rows
}

// codesOf returns the codes of the criteria met, in the scale's order.
func (s Scale) codesOf(met []int64) []string {
	has := map[int64]bool{}
	for _, id := range met {
		has[id] = true
	}
	var out []string
	for _, l := range s {
		for _, c := range l.Criteria {
			if has[c.ID] {
				out = append(out, c.Code)
			}
		}
	}
	return out
}

// ImportRow is one checked row of an imported file.
type ImportRow struct {
	Row              int // as a spreadsheet numbers it: the header is row 1
	MunicipalityEHAK string
	ServiceCode      string
	// Input's Offering is Unknown for a row that says nothing (a cell exported as never
	// filled in): the cell is left as it is. Its Version is not used; Version is.
	Input CellInput
	// Version is the cell's version the file was exported at, nil when the file gives
	// none: a row without one may fill in a cell never filled in, not change a saved one.
	Version *int
}

// Reference is what an imported file is checked against.
type Reference struct {
	Municipalities []municipality.Municipality
	Services       []Service // retired ones too, to say so rather than "unknown"
	Scale          Scale
	// May says whether the importing user may edit a municipality's cells (the policy's
	// answer); nil allows every municipality.
	May func(ehak string) error
}

// ParseImport checks every row of an imported file against ref and returns the rows to
// save, or a *tabular.ImportError with every problem by row and column. Blank rows are skipped.
func ParseImport(header []string, rows [][]string, ref Reference) ([]ImportRow, error) {
	sheet, err := tabular.Layout{Columns: tabular.Named(Columns...), Required: tabular.Named(importColumns...)}.Open(header, rows)
	if err != nil {
		return nil, err
	}
	var errs tabular.ImportError
	known := map[string]bool{}
	for _, m := range ref.Municipalities {
		known[m.EHAK] = true
	}
	services := map[string]Service{}
	for _, s := range ref.Services {
		services[s.Code] = s
	}
	seen := map[[2]string]bool{}
	var out []ImportRow
	for n, cell := range sheet.Rows() {
		get := func(name string) string { return cell(tabular.Column{Et: name, En: name}) }
		r := ImportRow{Row: n, MunicipalityEHAK: normalEHAK(get("ehak")), ServiceCode: strings.ToUpper(get("service_code"))}
		switch {
		case r.MunicipalityEHAK == "":
			errs.Add(n, "ehak", "error.required")
		case !known[r.MunicipalityEHAK]:
			errs.Add(n, "ehak", "transfer.error.unknown_municipality")
		case ref.May != nil && ref.May(r.MunicipalityEHAK) != nil:
			errs.Add(n, "ehak", "transfer.error.not_your_municipality")
			errs.Forbidden = true
		}
		sv, ok := services[r.ServiceCode]
		switch {
		case r.ServiceCode == "":
			errs.Add(n, "service_code", "error.required")
		case !ok:
			errs.Add(n, "service_code", "transfer.error.unknown_service")
		case sv.Retired:
			errs.Add(n, "service_code", "transfer.error.service_retired")
		case seen[[2]string{r.MunicipalityEHAK, r.ServiceCode}]:
			errs.Add(n, "service_code", "transfer.error.duplicate_cell")
		}
		seen[[2]string{r.MunicipalityEHAK, r.ServiceCode}] = true
		if v := get("version"); v != "" {
			version, err := strconv.Atoi(v)
			if err != nil || version < 0 {
				errs.Add(n, "version", "error.version")
			}
			r.Version = &version
		}
		if unanswered(get) {
			r.Input = CellInput{Offering: Unknown}
			out = append(out, r)
			continue
		}

		in := CellInput{Offering: offeringOf(get("offering")), URL: get("url"), System: get("system"), EvidenceURL: get("evidence_url")}
		met, unknown := ref.Scale.parseCodes(get("criteria_met"))
		in.Met = met
		if unknown {
			errs.Add(n, "criteria_met", "error.unknown_criterion")
		}
		checked, ok := tabular.ParseDate(get("evidence_checked_on"))
		if !ok {
			errs.Add(n, "evidence_checked_on", "error.date")
		}
		in.EvidenceCheckedOn = checked
		for _, f := range kovit.FieldsOf(in.Validate(ref.Scale)) {
			errs.Add(n, f.Field, f.Key)
		}
		r.Input = in
		out = append(out, r)
	}
	if len(errs.Rows) > 0 {
		return nil, &errs
	}
	return out, nil
}

// unanswered reports a row that says nothing about its cell, as an export writes a cell
// never filled in: it leaves the cell as it is rather than make it "not offered".
func unanswered(get func(string) string) bool {
	if o := offeringOf(get("offering")); o != "" && o != Unknown {
		return false
	}
	for _, name := range []string{"criteria_met", "url", "system", "evidence_url", "evidence_checked_on"} {
		if get(name) != "" {
			return false
		}
	}
	return true
}

// offeringWords are the words the pages use for an offering, in both languages, so that
// a sheet typed from the page reads as one with the codes the export writes. The editors
// write "pakub" and "ei paku" as often as the page's "pakutakse" and "ei pakuta".
var offeringWords = map[string]Offering{
	"pakutakse": Offered, "pakub": Offered, "ei pakuta": NotOffered, "ei paku": NotOffered,
	"ei kohaldu": NotApplicable, "teadmata": Unknown,
	"offered": Offered, "not offered": NotOffered, "not applicable": NotApplicable,
}

// offeringOf reads an offering as a code (offered, not_offered, …) or as the page's word
// in either language, whatever its case and spacing. Anything else is passed on as it
// is, for Validate to refuse.
func offeringOf(s string) Offering {
	s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
	if o, ok := offeringWords[s]; ok {
		return o
	}
	return Offering(s)
}

// normalEHAK restores the leading zeros a spreadsheet drops when it takes 0793 for a number.
func normalEHAK(s string) string {
	if s == "" || len(s) >= 4 || strings.Trim(s, "0123456789") != "" {
		return s
	}
	return strings.Repeat("0", 4-len(s)) + s
}

// parseCodes reads a list of criterion codes separated by spaces or semicolons. A code
// may come with a decimal comma ("1,1" for 1.1), as a spreadsheet in Estonian shows a
// code it took for a number. It returns the ids of the known codes and whether any was
// unknown.
func (s Scale) parseCodes(text string) (ids []int64, unknown bool) {
	byCode := map[string]int64{}
	for _, l := range s {
		for _, c := range l.Criteria {
			byCode[c.Code] = c.ID
		}
	}
	for _, tok := range strings.FieldsFunc(text, func(r rune) bool { return r == ';' || r == ' ' || r == '\t' || r == '\n' || r == '\u00a0' }) {
		if id, ok := byCode[tok]; ok {
			ids = append(ids, id)
		} else if id, ok := byCode[strings.ReplaceAll(tok, ",", ".")]; ok {
			ids = append(ids, id)
		} else {
			unknown = true
		}
	}
	return ids, unknown
}
