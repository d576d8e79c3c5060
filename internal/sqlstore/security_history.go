package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/kovit"
)

// SecurityAssessmentHistory implements security.Store: the audit trail of municipality
// ehak's assessment in round roundID, newest first: its answers' changes (of module only,
// when given) and the systems they cover, and, for the whole assessment, the report's. An assessment not started has
// no history.
func (s *Store) SecurityAssessmentHistory(ctx context.Context, roundID int64, ehak, module string, f audit.Filter) ([]audit.Event, int, error) {
	if err := f.Validate(); err != nil {
		return nil, 0, err
	}
	a, err := assessmentOf(ctx, s, roundID, ehak)
	if kovit.ErrorCode(err) == kovit.ENotFound {
		return []audit.Event{}, 0, nil
	} else if err != nil {
		return nil, 0, err
	}
	answers, args := `SELECT CAST(id AS TEXT) FROM security_answers WHERE assessment_id = ?`, []any{audit.KindSecurityAnswer, a.ID}
	if module != "" {
		answers += ` AND module_code = ?`
		args = append(args, module)
	}
	// The module's systems are keyed "assessment id/module code".
	aid := strconv.FormatInt(a.ID, 10)
	cond := `(entity = ? AND entity_id IN (` + answers + `)) OR (entity = ? AND entity_id = ?)`
	args = append(args, audit.KindModuleSystems, aid+"/"+module)
	if module == "" {
		cond = `(entity = ? AND entity_id IN (` + answers + `)) OR (entity = ? AND entity_id LIKE ?) OR (entity = ? AND entity_id = ?)`
		args = append(args[:len(args)-2], audit.KindModuleSystems, aid+"/%", audit.KindSecurityAssessment, aid)
	}
	cond = `(` + cond + `)`
	rows, err := s.query(ctx, `SELECT `+eventColumns+`, COUNT(*) OVER () FROM audit_events WHERE `+cond+
		` ORDER BY id DESC LIMIT ? OFFSET ?`, append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: assessment history: %w", err)
	}
	out, total, err := eventPage(rows)
	if err != nil {
		return nil, 0, err
	}
	if out == nil {
		out = []audit.Event{}
	}
	err = s.totalPastTheEnd(ctx, len(out), f.Offset, &total, `audit_events WHERE `+cond, args)
	return out, total, err
}
