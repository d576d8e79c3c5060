package auth

import (
	"kovit/internal/audit"
	"kovit/internal/kovit"
)

// Change is what the policy needs to know of one audit event to say who may see it
// listed outside the audit trail (the home page's last changes).
type Change struct {
	Kind    string // the audit event's entity, e.g. audit.KindServiceCell
	Deleted bool
	// Public is whether the record is one the public may read, both now and as the
	// change left it: a published consolidated need or measure, a node or strategy of an
	// adopted or archived strategy, any e-service cell or catalogue service.
	Public bool
	// Fields are the fields the change touched (audit.Event.Changes); a create names none.
	Fields []string
}

// publicChangeKinds are the records whose every public field shows on a public page, so a
// change to one tells the public nothing those pages do not. Needs never are: a need is its
// municipality's until a coordinator consolidates it.
var publicChangeKinds = map[string]bool{
	audit.KindServiceCell: true, audit.KindService: true, audit.KindStrategy: true, audit.KindPlanNode: true,
	audit.KindConsolidatedNeed: true, audit.KindMeasure: true,
}

// internalFields are fields no public page shows: a change to only these is not listed.
var internalFields = map[string]bool{"internal_note": true, "updated_by": true, "updated_at": true, "version": true}

// CanReadChange lets those who read the audit trail see every change, and anyone a change
// to a public record of a public kind that touched a field the public sees. A deletion
// is not listed to the public: there is no page left to show what it removed.
func CanReadChange(u *User, c Change) error {
	if CanReadAudit(u) == nil {
		return nil
	}
	if c.Public && !c.Deleted && publicChangeKinds[c.Kind] && touchesPublicField(c.Fields) {
		return nil
	}
	if u == nil {
		return kovit.Unauthorized()
	}
	return kovit.Forbidden()
}

// touchesPublicField reports whether a change touched a field pages show; a create, which
// names no fields, makes the whole record.
func touchesPublicField(fields []string) bool {
	if len(fields) == 0 {
		return true
	}
	for _, f := range fields {
		if !internalFields[f] {
			return true
		}
	}
	return false
}
