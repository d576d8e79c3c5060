package plan

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"kovit/internal/tabular"
)

// ImportRow is one read row of an imported plan: a node's code and level and the fields an
// import sets. Everything else of a node (description, weight, budgets, contacts) is kept.
type ImportRow struct {
	Row           int // as a spreadsheet numbers it: the header is row 1
	Code          string
	Kind          Kind
	TitleEt       string
	TitleEn       string
	LeadOrgID     *int64
	PartnerOrgIDs []int64
	Start, End    *time.Time
	Status        string
	Completion    int
	// Version is the node's version the file was exported at; 0 when the file gives none.
	Version int
	// unusable: the code or level could not be read, so the row cannot be matched.
	unusable bool
}

// ImportReference is what an imported file is read against: the strategy (its statuses
// and level names), its nodes now, and the organisations leads and partners are named from.
type ImportReference struct {
	Strategy      Strategy
	Nodes         []Node
	Organisations []Organisation
}

// ReadImport reads every row of an imported file and checks it against ref, the way
// Reconcile will apply it: it returns the rows, or a *tabular.ImportError with every problem by
// row and column. Blank rows are skipped.
func ReadImport(header []string, records [][]string, ref ImportReference) ([]ImportRow, error) {
	sheet, err := tabular.Layout{Columns: Columns, Required: importColumns}.Open(header, records)
	if err != nil {
		return nil, err
	}
	var errs tabular.ImportError
	orgs := organisationsByName(ref.Organisations)
	seen := map[string]int{}
	var out []ImportRow
	for n, get := range sheet.Rows() {
		r := ImportRow{Row: n, Code: get(ColCode), TitleEt: get(ColTitleEt), TitleEn: get(ColTitleEn)}
		switch {
		case r.Code == "":
			errs.Add(n, ColCode.Et, "error.required")
			r.unusable = true
		case !validCode(r.Code):
			errs.Add(n, ColCode.Et, "plan.error.code")
			r.unusable = true
		case seen[r.Code] != 0:
			errs.Add(n, ColCode.Et, "plantransfer.error.duplicate_code")
			r.unusable = true
		}
		seen[r.Code] = n
		if v := get(ColVersion); v != "" {
			if r.Version, _ = strconv.Atoi(v); r.Version < 1 {
				errs.Add(n, ColVersion.Et, "error.version")
			}
		}
		var ok bool
		if r.Kind, ok = readKind(get(ColLevel), ref.Strategy.Levels); !ok {
			errs.Add(n, ColLevel.Et, "plan.error.node_kind")
			r.unusable = true
		}
		activityOnly := []Column{ColLead, ColPartners, ColStart, ColEnd, ColStatus, ColCompletion}
		if r.Kind != Activity {
			for _, c := range activityOnly {
				if get(c) != "" && !r.unusable {
					errs.Add(n, c.Et, "plantransfer.error.activity_only")
				}
			}
		} else {
			r.readActivity(get, orgs, ref.Strategy.Statuses, &errs)
		}
		out = append(out, r)
	}
	if _, err := Reconcile(out, ref.Strategy, ref.Nodes); err != nil {
		if ie, ok := err.(*tabular.ImportError); ok {
			errs.Rows = append(errs.Rows, ie.Rows...)
		}
	}
	if len(errs.Rows) > 0 {
		return nil, &errs
	}
	return out, nil
}

// readActivity reads the activity columns of a row; a bad cell is reported and left empty.
func (r *ImportRow) readActivity(get func(Column) string, orgs map[string][]int64, statuses Statuses, errs *tabular.ImportError) {
	n := r.Row
	if name := get(ColLead); name != "" {
		if id, key := findOrganisation(orgs, name); key != "" {
			errs.Add(n, ColLead.Et, key)
		} else {
			r.LeadOrgID = &id
		}
	}
	for _, name := range strings.FieldsFunc(get(ColPartners), func(c rune) bool { return c == ';' || c == '\n' }) {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		if id, key := findOrganisation(orgs, name); key != "" {
			errs.Add(n, ColPartners.Et, key)
		} else {
			r.PartnerOrgIDs = append(r.PartnerOrgIDs, id)
		}
	}
	var ok bool
	if r.Start, ok = tabular.ParseDate(get(ColStart)); !ok {
		errs.Add(n, ColStart.Et, "error.date")
	}
	if r.End, ok = tabular.ParseDate(get(ColEnd)); !ok {
		errs.Add(n, ColEnd.Et, "error.date")
	}
	if s := get(ColStatus); s != "" {
		if r.Status, ok = readStatus(s, statuses); !ok {
			errs.Add(n, ColStatus.Et, "plan.error.status")
		}
	}
	if r.Completion, ok = readPercent(get(ColCompletion)); !ok {
		errs.Add(n, ColCompletion.Et, "plan.error.completion")
	}
}

func organisationsByName(orgs []Organisation) map[string][]int64 {
	out := map[string][]int64{}
	for _, o := range orgs {
		for _, name := range []string{o.NameEt, o.NameEn} {
			key := strings.ToLower(strings.TrimSpace(name))
			if key != "" && !slices.Contains(out[key], o.ID) {
				out[key] = append(out[key], o.ID)
			}
		}
	}
	return out
}

// findOrganisation finds one organisation by its Estonian or English name, in any case;
// it returns a translation key when there is none or more than one.
func findOrganisation(orgs map[string][]int64, name string) (int64, string) {
	ids := orgs[strings.ToLower(name)]
	switch len(ids) {
	case 0:
		return 0, "plantransfer.error.unknown_organisation"
	case 1:
		return ids[0], ""
	}
	return 0, "plantransfer.error.ambiguous_organisation"
}

// readKind accepts the kind's key, as exports write it, or the strategy's name of the level.
func readKind(s string, levels Levels) (Kind, bool) {
	s = strings.ToLower(s)
	for _, k := range []Kind{Goal, Direction, Activity} {
		name := levels.Of(k)
		if s == string(k) || s == strings.ToLower(name.Et) || (name.En != "" && s == strings.ToLower(name.En)) {
			return k, true
		}
	}
	return "", false
}

// readStatus accepts a status's key, as exports write it, or its Estonian or English name.
func readStatus(s string, statuses Statuses) (string, bool) {
	if st, ok := statuses.Find(s); ok {
		return st.Key, true
	}
	for _, st := range statuses {
		if strings.EqualFold(s, st.NameEt) || (st.NameEn != "" && strings.EqualFold(s, st.NameEn)) {
			return st.Key, true
		}
	}
	return "", false
}

// readPercent reads a whole percentage from 0 to 100, with or without "%", and with a
// decimal comma or point as long as the number is whole ("40,0"); empty is 0.
func readPercent(s string) (int, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	if s == "" {
		return 0, true
	}
	f, err := tabular.ParseDecimal(s)
	if err != nil || f != float64(int(f)) || f < 0 || f > 100 {
		return 0, false
	}
	return int(f), true
}
