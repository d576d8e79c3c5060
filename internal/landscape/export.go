package landscape

import (
	"math"
	"strconv"
	"strings"
	"time"

	"kovit/internal/kovit"
	"kovit/internal/tabular"
)

// Table is one sheet of a spreadsheet export.
type Table = tabular.Table

// SolutionColumns head the catalogue export, a report (no import reads it back).
var SolutionColumns = []tabular.Column{{Et: "ID", En: "ID"}, {Et: "Nimi", En: "Name"}, {Et: "Liik", En: "Kind"},
	{Et: "Valdkond", En: "Area"}, {Et: "Omanik", En: "Owner"}, {Et: "Tarnija", En: "Supplier"}, {Et: "Litsents", En: "Licence"},
	{Et: "Standardid", En: "Standards"}, {Et: "Teenused", En: "Services"}, {Et: "Versioonid", En: "Versions"},
	{Et: "Olek", En: "State"}, {Et: "Kasutajaid", En: "Users"}, {Et: "Allikas", En: "Source"}}

// SolutionsSheet is the catalogue export; users counts each solution's municipalities
// that run it.
func SolutionsSheet(items []Solution, users map[int64]int, lang string) Table {
	t := Table{Sheet: "lahendused", Header: tabular.Headers(SolutionColumns, lang)}
	for _, s := range items {
		vs := make([]string, len(s.Versions))
		for i, v := range s.Versions {
			vs[i] = v.Number
			if v.EndOfSupport != "" {
				vs[i] += " (" + v.EndOfSupport + ")"
			}
		}
		t.Rows = append(t.Rows, []any{s.ID, s.Name, string(s.Kind), string(s.Area), s.Owner, s.Supplier, s.Licence,
			strings.Join(s.Standards, ", "), strings.Join(s.ServiceCodes, ", "), strings.Join(vs, ", "), string(s.State),
			users[s.ID], s.Source})
	}
	return t
}

// The landscape sheet's columns: what a municipality declares, so the export imports back.
var (
	ColID             = tabular.Column{Et: "ID", En: "ID"}
	ColSolution       = tabular.Column{Et: "Lahendus", En: "Solution"}
	ColSoftware       = tabular.Column{Et: "Tarkvara versioon", En: "Software version"}
	ColStatus         = tabular.Column{Et: "Olek", En: "Status"}
	ColBusinessOwner  = tabular.Column{Et: "Sisuline omanik", En: "Business owner"}
	ColTechnicalOwner = tabular.Column{Et: "Tehniline omanik", En: "Technical owner"}
	ColHosting        = tabular.Column{Et: "Majutus", En: "Hosting"}
	ColContractType   = tabular.Column{Et: "Lepingu liik", En: "Contract type"}
	ColContractEnd    = tabular.Column{Et: "Lepingu lõpp", En: "Contract end"}
	ColYearlyCost     = tabular.Column{Et: "Aastakulu (EUR)", En: "Yearly cost (EUR)"}
	ColOneOffCost     = tabular.Column{Et: "Ühekordne kulu (EUR)", En: "One-off cost (EUR)"}
	ColVerdict        = tabular.Column{Et: "TIME otsus", En: "TIME verdict"}
	ColVerdictWhy     = tabular.Column{Et: "Otsuse põhjus", En: "Verdict reason"}
	ColReviewOn       = tabular.Column{Et: "Ülevaatus", En: "Review on"}
	ColNotes          = tabular.Column{Et: "Märkused", En: "Notes"}
	ColRecordVersion  = tabular.Column{Et: "Kirje versioon", En: "Record version"}
	ColConfirmed      = tabular.Column{Et: "Kinnitatud", En: "Confirmed"}
)

// RowColumns are the columns the import reads, in the export's order.
var RowColumns = []tabular.Column{ColID, ColSolution, ColSoftware, ColStatus, ColBusinessOwner, ColTechnicalOwner,
	ColHosting, ColContractType, ColContractEnd, ColYearlyCost, ColOneOffCost, ColVerdict, ColVerdictWhy, ColReviewOn,
	ColNotes, ColRecordVersion}

// costColumns are left out of the export for those who may not read the contract.
var costColumns = []tabular.Column{ColContractType, ColContractEnd, ColYearlyCost, ColOneOffCost}

// LandscapeSheet is a municipality's landscape export. withCosts is the reader's right to
// the contract (auth.CanReadContractCosts); without it the contract's columns are left out.
func LandscapeSheet(rows []Row, names map[int64]string, withCosts bool, lang string) Table {
	var cols []tabular.Column
	for _, c := range append(RowColumns, ColConfirmed) {
		if withCosts || !oneOf(c, costColumns) {
			cols = append(cols, c)
		}
	}
	t := Table{Sheet: "maastik", Header: tabular.Headers(cols, lang)}
	for _, r := range rows {
		cell := map[tabular.Column]any{ColID: r.ID, ColSolution: names[r.SolutionID], ColSoftware: r.SoftwareVersion,
			ColStatus: string(r.Status), ColBusinessOwner: r.BusinessOwner, ColTechnicalOwner: r.TechnicalOwner,
			ColHosting: r.Hosting, ColContractType: r.ContractType, ColContractEnd: r.ContractEnd,
			ColYearlyCost: euros(r.YearlyCost), ColOneOffCost: euros(r.OneOffCost), ColVerdict: string(r.Verdict),
			ColVerdictWhy: r.VerdictWhy, ColReviewOn: r.ReviewOn, ColNotes: r.Notes, ColRecordVersion: r.Version,
			ColConfirmed: r.ConfirmedAt.Format(time.DateOnly)}
		row := make([]any, len(cols))
		for i, c := range cols {
			row[i] = cell[c]
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func euros(m *kovit.Money) any {
	if m == nil {
		return ""
	}
	return float64(*m) / 100
}

// ReadLandscape reads an imported landscape sheet into rows of municipality ehak.
// solution finds a solution by its name or id as the sheet writes it. Every problem is
// reported by row and column; none is saved when there is any. A row with an id changes
// that row at its record version; one without adds a row.
func ReadLandscape(header []string, records [][]string, ehak string, solution func(string) (Solution, bool)) ([]Row, error) {
	sheet, err := tabular.Layout{Columns: RowColumns, Required: []tabular.Column{ColSolution, ColStatus}}.Open(header, records)
	if err != nil {
		return nil, err
	}
	var errs tabular.ImportError
	var out []Row
	for n, cell := range sheet.Rows() {
		r := Row{MunicipalityEHAK: ehak, SoftwareVersion: cell(ColSoftware), Status: Status(cell(ColStatus)),
			BusinessOwner: cell(ColBusinessOwner), TechnicalOwner: cell(ColTechnicalOwner), Hosting: cell(ColHosting),
			ContractType: cell(ColContractType), Verdict: Verdict(cell(ColVerdict)), VerdictWhy: cell(ColVerdictWhy),
			Notes: cell(ColNotes)}
		if v := cell(ColID); v != "" {
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil || id <= 0 {
				errs.Add(n, ColID.Et, "landscape.error.unknown_row")
			}
			r.ID = id
			if r.Version, err = strconv.Atoi(cell(ColRecordVersion)); err != nil || r.Version < 1 {
				errs.Add(n, ColRecordVersion.Et, "error.version")
			}
		}
		sol, ok := solution(cell(ColSolution))
		if !ok {
			errs.Add(n, ColSolution.Et, "landscape.error.solution")
		} else {
			r.SolutionID = sol.ID
		}
		for c, to := range map[tabular.Column]*string{ColContractEnd: &r.ContractEnd, ColReviewOn: &r.ReviewOn} {
			d, ok := tabular.ParseDate(cell(c))
			if !ok {
				errs.Add(n, c.Et, "error.date")
			} else if d != nil {
				*to = d.Format(time.DateOnly)
			}
		}
		for c, to := range map[tabular.Column]**kovit.Money{ColYearlyCost: &r.YearlyCost, ColOneOffCost: &r.OneOffCost} {
			if v := cell(c); v != "" {
				f, err := tabular.ParseDecimal(v)
				if err != nil {
					errs.Add(n, c.Et, "landscape.error.money")
					continue
				}
				m := kovit.Money(math.Round(f * 100))
				*to = &m
			}
		}
		r.Normalize()
		if len(errs.Rows) == 0 {
			for _, f := range kovit.FieldsOf(r.Validate()) {
				errs.Add(n, columnOf(f.Field).Et, f.Key)
			}
			if ok {
				for _, f := range kovit.FieldsOf(r.CheckAgainst(sol)) {
					errs.Add(n, columnOf(f.Field).Et, f.Key)
				}
			}
		}
		out = append(out, r)
	}
	return out, errs.Err()
}

// columnOf is the sheet column of a row field, for naming a problem the domain found.
func columnOf(field string) tabular.Column {
	byField := map[string]tabular.Column{"solution_id": ColSolution, "software_version": ColSoftware, "status": ColStatus,
		"business_owner": ColBusinessOwner, "technical_owner": ColTechnicalOwner, "hosting": ColHosting,
		"contract_type": ColContractType, "contract_end": ColContractEnd, "yearly_cost": ColYearlyCost,
		"one_off_cost": ColOneOffCost, "verdict": ColVerdict, "verdict_reason": ColVerdictWhy, "review_on": ColReviewOn,
		"notes": ColNotes, "version": ColRecordVersion}
	if c, ok := byField[field]; ok {
		return c
	}
	return tabular.Column{}
}

// SheetError turns the store's problems of an import (rows[3].software_version) into the
// sheet's rows and columns; any other error is returned as it is.
func SheetError(err error) error {
	e := kovit.AsError(err)
	if e == nil || len(e.Fields) == 0 {
		return err
	}
	var out tabular.ImportError
	for _, f := range e.Fields {
		rest, ok := strings.CutPrefix(f.Field, "rows[")
		idx, field, ok2 := strings.Cut(rest, "].")
		i, err := strconv.Atoi(idx)
		if !ok || !ok2 || err != nil {
			return e
		}
		out.Add(i+2, columnOf(field).Et, f.Key)
	}
	return &out
}
