package plan

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"kovit/internal/kovit"
	"kovit/internal/tabular"
)

// ImportPlan is what an import does to a strategy's tree: the nodes to create, parents
// before children, and the nodes whose imported fields differ from what is stored.
type ImportPlan struct {
	Create    []NewNode
	Update    []Node // each with the stored version, so a save in between conflicts
	Unchanged int
}

// NewNode is a node an import creates under the node with ParentCode ("": at the top).
type NewNode struct {
	Node
	ParentCode string
}

// ParentCode is where a new code goes: "2.3" under "2", "2" at the top.
func ParentCode(code string) string {
	if i := strings.LastIndexByte(code, '.'); i > 0 {
		return code[:i]
	}
	return ""
}

// Reconcile matches rows to a strategy's nodes by code. A known code updates its node's
// imported fields, keeping its place and level; a new code creates a node under the node
// its code's prefix names, which must be able to hold it (CanHold). A row equal to its node
// is unchanged, so importing an export changes nothing. Nodes missing from the file are
// left alone: an import never deletes. A row with a version must be of its node's version
// now (the node was not changed or deleted since the export), and a row that changes a
// node must have one. Every problem is returned by row and column.
func Reconcile(rows []ImportRow, st Strategy, existing []Node) (ImportPlan, error) {
	var out ImportPlan
	var errs tabular.ImportError
	byCode := make(map[string]Node, len(existing))
	for _, n := range existing {
		byCode[n.Code] = n
	}
	inFile := make(map[string]Kind, len(rows))
	for _, r := range rows {
		if !r.unusable {
			inFile[r.Code] = r.Kind
		}
	}
	for _, r := range rows {
		if r.unusable {
			continue
		}
		before, ok := byCode[r.Code]
		if r.Version != 0 && (!ok || r.Version != before.Version) {
			errs.Add(r.Row, ColVersion.Et, "transfer.error.changed_since")
			continue
		}
		if ok {
			if before.Kind != r.Kind {
				errs.Add(r.Row, ColLevel.Et, "plantransfer.error.level_changed")
				continue
			}
			after := r.applyTo(before).Normalize(st.Statuses)
			addFields(&errs, r.Row, after.Validate(st.Statuses))
			switch {
			case sameImported(before, after):
				out.Unchanged++
			case r.Version == 0:
				errs.Add(r.Row, ColVersion.Et, "transfer.error.version_required")
			default:
				out.Update = append(out.Update, after)
			}
			continue
		}
		parent := ParentCode(r.Code)
		if parent != "" {
			kind, ok := inFile[parent]
			if p, stored := byCode[parent]; stored {
				kind, ok = p.Kind, true
			}
			switch {
			case !ok:
				errs.Add(r.Row, ColCode.Et, "plantransfer.error.no_parent")
			case !CanHold(kind, r.Kind):
				errs.Add(r.Row, ColLevel.Et, "plan.error.parent")
			}
		}
		n := r.applyTo(Node{StrategyID: st.ID, Kind: r.Kind}).Normalize(st.Statuses)
		addFields(&errs, r.Row, n.Validate(st.Statuses))
		out.Create = append(out.Create, NewNode{n, parent})
	}
	// A parent's level ranks above its children's, so creating by level creates parents first.
	slices.SortStableFunc(out.Create, func(a, b NewNode) int { return cmp.Compare(a.Kind.rank(), b.Kind.rank()) })
	if err := errs.Err(); err != nil {
		return ImportPlan{}, err
	}
	return out, nil
}

// applyTo returns n with the row's fields.
func (r ImportRow) applyTo(n Node) Node {
	n.Code, n.TitleEt, n.TitleEn = r.Code, r.TitleEt, r.TitleEn
	n.LeadOrgID, n.PartnerOrgIDs = r.LeadOrgID, r.PartnerOrgIDs
	n.Start, n.End, n.Status, n.Completion = r.Start, r.End, r.Status, r.Completion
	return n
}

// sameImported reports whether a and b agree on every field an import sets.
func sameImported(a, b Node) bool {
	return a.Code == b.Code && a.TitleEt == b.TitleEt && a.TitleEn == b.TitleEn &&
		samePtr(a.LeadOrgID, b.LeadOrgID) && slices.Equal(a.PartnerOrgIDs, b.PartnerOrgIDs) &&
		sameDay(a.Start, b.Start) && sameDay(a.End, b.End) && a.Status == b.Status && a.Completion == b.Completion
}

func samePtr(a, b *int64) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

func sameDay(a, b *time.Time) bool {
	return a == nil && b == nil || a != nil && b != nil && day(*a).Equal(day(*b))
}

// columnOf is the column that holds a node field, for Validate's problems.
var columnOf = map[string]Column{
	"code": ColCode, "kind": ColLevel, "title_et": ColTitleEt, "title_en": ColTitleEn, "lead_org_id": ColLead,
	"partner_org_ids": ColPartners, "start": ColStart, "end": ColEnd, "status": ColStatus, "completion": ColCompletion,
}

// fields adds Validate's problems of a row's node under their columns.
func addFields(e *tabular.ImportError, row int, err error) {
	for _, f := range kovit.FieldsOf(err) {
		e.Add(row, columnOf[f.Field].Et, f.Key)
	}
}
