package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/landscape"
)

const rowColumns = `id, municipality_ehak, solution_id, software_version, status, business_owner, technical_owner, hosting,
	contract_type, contract_end, yearly_cost, one_off_cost, integrations, verdict, verdict_reason, review_on, notes,
	confirmed_at, version, created_at, updated_at`

func scanRow(row scanner, extra ...any) (landscape.Row, error) {
	var r landscape.Row
	var yearly, oneOff *int64
	var integrations string
	dest := append([]any{&r.ID, &r.MunicipalityEHAK, &r.SolutionID, &r.SoftwareVersion, &r.Status, &r.BusinessOwner,
		&r.TechnicalOwner, &r.Hosting, &r.ContractType, &r.ContractEnd, &yearly, &oneOff, &integrations, &r.Verdict,
		&r.VerdictWhy, &r.ReviewOn, &r.Notes, &r.ConfirmedAt, &r.Version, &r.CreatedAt, &r.UpdatedAt}, extra...)
	if err := row.Scan(dest...); err != nil {
		return r, err
	}
	r.YearlyCost, r.OneOffCost = money(yearly), money(oneOff)
	if err := json.Unmarshal([]byte(integrations), &r.Integrations); err != nil {
		return r, fmt.Errorf("sqlstore: landscape row %d: %w", r.ID, err)
	}
	r.History = []landscape.Change{}
	return r, nil
}

func money(v *int64) *kovit.Money {
	if v == nil {
		return nil
	}
	m := kovit.Money(*v)
	return &m
}

// rowWhere builds the WHERE clause of a row filter.
func rowWhere(f landscape.RowFilter, staleBefore any) (string, []any) {
	var conds []string
	var args []any
	if f.MunicipalityEHAK != "" {
		conds, args = append(conds, "municipality_ehak = ?"), append(args, f.MunicipalityEHAK)
	}
	if f.SolutionID != 0 {
		conds, args = append(conds, "solution_id = ?"), append(args, f.SolutionID)
	}
	if f.Status != "" {
		conds, args = append(conds, "status = ?"), append(args, string(f.Status))
	}
	if f.StaleOnly {
		conds, args = append(conds, "confirmed_at < ?"), append(args, staleBefore)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// ListRows implements landscape.Store, in the order the rows were declared.
func (s *Store) ListRows(ctx context.Context, f landscape.RowFilter) ([]landscape.Row, int, error) {
	if err := f.Validate(); err != nil {
		return nil, 0, err
	}
	where, args := rowWhere(f, s.now().Add(-landscape.StaleAfter))
	var out []landscape.Row
	total := 0
	err := s.readSnapshot(ctx, func(q querier) error {
		rows, err := q.query(ctx, `SELECT `+rowColumns+`, COUNT(*) OVER () FROM landscape_rows`+where+
			` ORDER BY municipality_ehak, id LIMIT ? OFFSET ?`, append(args, f.Limit, f.Offset)...)
		if err != nil {
			return fmt.Errorf("sqlstore: landscape rows: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanRow(rows, &total)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		return withHistory(ctx, q, out)
	})
	if err != nil {
		return nil, 0, err
	}
	err = s.totalPastTheEnd(ctx, len(out), f.Offset, &total, `landscape_rows`+where, args)
	return out, total, err
}

// withHistory fills each row's status history, oldest first.
func withHistory(ctx context.Context, q querier, rows []landscape.Row) error {
	if len(rows) == 0 {
		return nil
	}
	at := make(map[int64]int, len(rows))
	args := make([]any, len(rows))
	for i, r := range rows {
		at[r.ID] = i
		args[i] = r.ID
	}
	res, err := q.query(ctx, `SELECT row_id, status, changed_by, changed_at FROM landscape_changes WHERE row_id IN (`+
		placeholders(len(args))+`) ORDER BY id`, args...)
	if err != nil {
		return fmt.Errorf("sqlstore: landscape history: %w", err)
	}
	defer res.Close()
	for res.Next() {
		var id int64
		var c landscape.Change
		if err := res.Scan(&id, &c.Status, &c.By, &c.At); err != nil {
			return err
		}
		rows[at[id]].History = append(rows[at[id]].History, c)
	}
	return res.Err()
}

// Row implements landscape.Store.
func (s *Store) Row(ctx context.Context, id int64) (landscape.Row, error) {
	return rowByID(ctx, s, id)
}

func rowByID(ctx context.Context, q querier, id int64) (landscape.Row, error) {
	r, err := scanRow(q.queryRow(ctx, `SELECT `+rowColumns+` FROM landscape_rows WHERE id = ?`, id))
	if isNoRows(err) {
		return r, kovit.NotFound()
	}
	if err != nil {
		return r, err
	}
	rows := []landscape.Row{r}
	err = withHistory(ctx, q, rows)
	return rows[0], err
}

func rowIDs(ctx context.Context, q querier, where string, args ...any) ([]int64, error) {
	rows, err := q.query(ctx, `SELECT id FROM landscape_rows`+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// CreateRow implements landscape.Store.
func (s *Store) CreateRow(ctx context.Context, r landscape.Row) (landscape.Row, error) {
	r.Normalize()
	if err := r.Validate(); err != nil {
		return r, err
	}
	var out landscape.Row
	err := s.transact(ctx, func(tx *tx) error {
		var err error
		out, err = tx.createRow(ctx, r)
		return err
	})
	return out, err
}

func (t *tx) createRow(ctx context.Context, r landscape.Row) (landscape.Row, error) {
	if err := t.checkRow(ctx, r); err != nil {
		return r, err
	}
	integrations, err := json.Marshal(orEmptyIntegrations(r.Integrations))
	if err != nil {
		return r, err
	}
	now := t.s.now()
	id, err := t.insert(ctx, `INSERT INTO landscape_rows (municipality_ehak, solution_id, software_version, status,
		business_owner, technical_owner, hosting, contract_type, contract_end, yearly_cost, one_off_cost, integrations,
		verdict, verdict_reason, review_on, notes, confirmed_at, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`, r.MunicipalityEHAK, r.SolutionID,
		r.SoftwareVersion, string(r.Status), r.BusinessOwner, r.TechnicalOwner, r.Hosting, r.ContractType, r.ContractEnd,
		costArg(r.YearlyCost), costArg(r.OneOffCost), string(integrations), string(r.Verdict), r.VerdictWhy, r.ReviewOn,
		r.Notes, now, now, now)
	if err != nil {
		return r, fmt.Errorf("sqlstore: insert landscape row: %w", err)
	}
	if err := t.rowChange(ctx, id, r.Status); err != nil {
		return r, err
	}
	out, err := rowByID(ctx, t, id)
	if err != nil {
		return out, err
	}
	return out, t.record(ctx, audit.KindLandscapeRow, strconv.FormatInt(id, 10), audit.Create, nil, rowSnapshot(out))
}

func (t *tx) rowChange(ctx context.Context, id int64, st landscape.Status) error {
	_, err := t.exec(ctx, `INSERT INTO landscape_changes (row_id, status, changed_by, changed_at) VALUES (?, ?, ?, ?)`,
		id, string(st), actorOf(ctx).name, t.s.now())
	return err
}

// UpdateRow implements landscape.Store.
func (s *Store) UpdateRow(ctx context.Context, r landscape.Row) (landscape.Row, error) {
	r.Normalize()
	if err := r.Validate(); err != nil {
		return r, err
	}
	var after landscape.Row
	err := s.transact(ctx, func(tx *tx) error {
		var err error
		after, err = tx.updateRow(ctx, r)
		return err
	})
	return after, err
}

func (t *tx) updateRow(ctx context.Context, r landscape.Row) (landscape.Row, error) {
	before, err := rowByID(ctx, t, r.ID)
	if err != nil {
		return r, err
	}
	if before.MunicipalityEHAK != r.MunicipalityEHAK {
		var p kovit.Problems
		p.Add("municipality_ehak", "api.error.read_only")
		return r, p.Err()
	}
	if err := t.checkRow(ctx, r); err != nil {
		return r, err
	}
	integrations, err := json.Marshal(orEmptyIntegrations(r.Integrations))
	if err != nil {
		return r, err
	}
	now := t.s.now()
	res, err := t.exec(ctx, `UPDATE landscape_rows SET solution_id = ?, software_version = ?, status = ?, business_owner = ?,
		technical_owner = ?, hosting = ?, contract_type = ?, contract_end = ?, yearly_cost = ?, one_off_cost = ?,
		integrations = ?, verdict = ?, verdict_reason = ?, review_on = ?, notes = ?, confirmed_at = ?,
		version = version + 1, updated_at = ? WHERE id = ? AND version = ?`, r.SolutionID, r.SoftwareVersion,
		string(r.Status), r.BusinessOwner, r.TechnicalOwner, r.Hosting, r.ContractType, r.ContractEnd,
		costArg(r.YearlyCost), costArg(r.OneOffCost), string(integrations), string(r.Verdict), r.VerdictWhy, r.ReviewOn,
		r.Notes, now, now, r.ID, r.Version)
	if err != nil {
		return r, fmt.Errorf("sqlstore: update landscape row: %w", err)
	}
	if err := oneRow(res); err != nil {
		return r, err
	}
	if before.Status != r.Status {
		if err := t.rowChange(ctx, r.ID, r.Status); err != nil {
			return r, err
		}
	}
	after, err := rowByID(ctx, t, r.ID)
	if err != nil {
		return after, err
	}
	return after, t.record(ctx, audit.KindLandscapeRow, strconv.FormatInt(r.ID, 10), audit.Update, rowSnapshot(before), rowSnapshot(after))
}

// rowSnapshot is a row as its history shows it: without the status list, which has its
// own table, and without the confirmation time, which every save moves.
func rowSnapshot(r landscape.Row) landscape.Row {
	r.History = nil
	r.ConfirmedAt = r.CreatedAt
	return r
}

// checkRow checks what only the database can tell: the municipality and solution exist,
// the version is the solution's, the integrated solutions exist, and the municipality has
// no other row of the solution.
func (t *tx) checkRow(ctx context.Context, r landscape.Row) error {
	var p kovit.Problems
	var k int
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM municipalities WHERE ehak = ?`, r.MunicipalityEHAK).Scan(&k); err != nil {
		return err
	}
	if k == 0 {
		p.Add("municipality_ehak", "error.unknown_municipality")
	}
	sol, err := solutionByID(ctx, t, r.SolutionID)
	switch {
	case kovit.ErrorCode(err) == kovit.ENotFound:
		p.Add("solution_id", "landscape.error.solution")
	case err != nil:
		return err
	default:
		for _, f := range kovit.FieldsOf(r.CheckAgainst(sol)) {
			p.Add(f.Field, f.Key)
		}
	}
	ids := make([]int64, len(r.Integrations))
	for i, in := range r.Integrations {
		ids[i] = in.SolutionID
	}
	if err := t.checkIDs(ctx, &p, "solutions", "", uniqueIDs(ids), "integrations", "landscape.error.solution"); err != nil {
		return err
	}
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM landscape_rows WHERE municipality_ehak = ? AND solution_id = ? AND id <> ?`,
		r.MunicipalityEHAK, r.SolutionID, r.ID).Scan(&k); err != nil {
		return err
	}
	if k > 0 {
		p.Add("solution_id", "landscape.error.row_twice")
	}
	return p.Err()
}

func uniqueIDs(ids []int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

func orEmptyIntegrations(in []landscape.Integration) []landscape.Integration {
	if in == nil {
		return []landscape.Integration{}
	}
	return in
}
