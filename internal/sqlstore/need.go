package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/need"
)

const needColumns = `id, municipality_ehak, round_id, title, description, category, systems, cost, urgency, timeframe,
	contact_name, contact_email, state, state_reason, duplicate_of, consolidated_id, version, created_at, updated_at`

func scanNeed(row scanner) (need.Need, error) {
	var n need.Need
	var cost *int64
	err := row.Scan(&n.ID, &n.MunicipalityEHAK, &n.RoundID, &n.Title, &n.Description, &n.Category, &n.Systems, &cost,
		&n.Urgency, &n.Timeframe, &n.ContactName, &n.ContactEmail, &n.State, &n.StateReason, &n.DuplicateOf,
		&n.ConsolidatedID, &n.Version, &n.CreatedAt, &n.UpdatedAt)
	if cost != nil {
		m := kovit.Money(*cost)
		n.Cost = &m
	}
	n.ServiceCodes = []string{}
	return n, err
}

// ListNeeds implements need.Store from the in-memory copy of every need (needCopy),
// sorted in Go: titles and municipality names by their Estonian sort keys, which neither
// engine's collation would give alike.
func (s *Store) ListNeeds(ctx context.Context, f need.Filter) ([]need.Need, int, error) {
	if err := f.Validate(); err != nil {
		return nil, 0, err
	}
	c, err := s.needCopy(ctx)
	if err != nil {
		return nil, 0, err
	}
	match := c.matcher(f)
	var matched []*need.Need // into the shared copy, which nothing here changes
	for i := range c.needs {
		if match(c.needs[i]) {
			matched = append(matched, &c.needs[i])
		}
	}
	keys := need.SortKeys{Title: c.titleKey}
	if f.Sort == need.SortMunicipality {
		ms, _, err := s.cachedMunicipalities(ctx)
		if err != nil {
			return nil, 0, err
		}
		byEHAK := make(map[string]string, len(ms))
		for _, m := range ms {
			byEHAK[m.m.EHAK] = m.sortKey
		}
		keys.Municipality = func(ehak string) string { return byEHAK[ehak] }
	}
	need.SortNeeds(matched, f.Sort, f.Desc, keys)
	from := min(f.Offset, len(matched))
	to := min(from+f.Limit, len(matched))
	out := make([]need.Need, 0, to-from)
	for _, n := range matched[from:to] {
		out = append(out, copyNeed(*n))
	}
	return out, len(matched), nil
}

// Need implements need.Store.
func (s *Store) Need(ctx context.Context, id int64) (need.Need, error) {
	c, err := s.needCopy(ctx)
	if err != nil {
		return need.Need{}, err
	}
	i, ok := c.byID[id]
	if !ok {
		return need.Need{}, kovit.NotFound()
	}
	return copyNeed(c.needs[i]), nil
}

// copyNeed gives the caller its own service list, so the shared copy stays unchanged.
func copyNeed(n need.Need) need.Need {
	n.ServiceCodes = append([]string{}, n.ServiceCodes...)
	return n
}

// needsFrom reads the needs filter (a WHERE clause on needs) selects, by id, with their
// services, and where each id stands among them; serviceFilter selects the same needs'
// rows of need_services by need_id.
func needsFrom(ctx context.Context, q querier, filter, serviceFilter string, args ...any) ([]need.Need, map[int64]int, error) {
	rows, err := q.query(ctx, `SELECT `+needColumns+` FROM needs`+filter+` ORDER BY id`, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlstore: needs: %w", err)
	}
	var out []need.Need
	at := map[int64]int{}
	for rows.Next() {
		n, err := scanNeed(rows)
		if err != nil {
			rows.Close()
			return nil, nil, err
		}
		at[n.ID] = len(out)
		out = append(out, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, at, err
	}
	codes, err := q.query(ctx, `SELECT need_id, service_code FROM need_services`+serviceFilter+
		` ORDER BY need_id, service_code`, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlstore: need services: %w", err)
	}
	defer codes.Close()
	for codes.Next() {
		var id int64
		var code string
		if err := codes.Scan(&id, &code); err != nil {
			return nil, nil, err
		}
		if i, ok := at[id]; ok {
			out[i].ServiceCodes = append(out[i].ServiceCodes, code)
		}
	}
	return out, at, codes.Err()
}

// need reads a need in a write, from the database rather than the in-memory copy (see
// Need).
func (t *tx) need(ctx context.Context, id int64) (need.Need, error) {
	needs, _, err := needsFrom(ctx, t, ` WHERE id = ?`, ` WHERE need_id = ?`, id)
	if err != nil {
		return need.Need{}, err
	}
	if len(needs) == 0 {
		return need.Need{}, kovit.NotFound()
	}
	return needs[0], nil
}

// CreateNeed implements need.Store.
func (s *Store) CreateNeed(ctx context.Context, n need.Need) (need.Need, error) {
	n.State = need.Draft
	n.Normalize()
	if err := n.Validate(); err != nil {
		return n, err
	}
	var out need.Need
	err := s.transact(ctx, func(tx *tx) error {
		var err error
		out, err = tx.createNeed(ctx, n)
		return err
	})
	return out, err
}

func (t *tx) createNeed(ctx context.Context, n need.Need) (need.Need, error) {
	if err := t.checkNeedLinks(ctx, n); err != nil {
		return n, err
	}
	// A closed round takes no new needs.
	var p kovit.Problems
	if err := t.checkIDs(ctx, &p, "need_rounds", " AND open = TRUE", idsOf(n.RoundID), "round_id", "need.error.round_closed"); err != nil {
		return n, err
	}
	if err := p.Err(); err != nil {
		return n, err
	}
	now := t.s.now()
	id, err := t.insert(ctx, `INSERT INTO needs (municipality_ehak, round_id, title, description, category, systems, cost,
		urgency, timeframe, contact_name, contact_email, state, state_reason, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', 1, ?, ?)`, n.MunicipalityEHAK, n.RoundID, n.Title, n.Description,
		string(n.Category), n.Systems, costArg(n.Cost), string(n.Urgency), n.Timeframe, n.ContactName, n.ContactEmail,
		string(n.State), now, now)
	if err != nil {
		return n, fmt.Errorf("sqlstore: insert need: %w", err)
	}
	if err := t.writeNeedServices(ctx, id, n.ServiceCodes); err != nil {
		return n, err
	}
	if err := t.needEvent(ctx, id, "", n.State, ""); err != nil {
		return n, err
	}
	out, err := t.need(ctx, id)
	if err != nil {
		return out, err
	}
	return out, t.record(ctx, audit.KindNeed, strconv.FormatInt(id, 10), audit.Create, nil, out)
}

// UpdateNeed implements need.Store.
func (s *Store) UpdateNeed(ctx context.Context, n need.Need) (need.Need, error) {
	n.Normalize()
	if err := n.Validate(); err != nil {
		return n, err
	}
	var after need.Need
	err := s.transact(ctx, func(tx *tx) error {
		before, err := tx.need(ctx, n.ID)
		if err != nil {
			return err
		}
		if before.MunicipalityEHAK != n.MunicipalityEHAK {
			var p kovit.Problems
			p.Add("municipality_ehak", "api.error.read_only")
			return p.Err()
		}
		if err := tx.checkNeedLinks(ctx, n); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE needs SET round_id = ?, title = ?, description = ?, category = ?, systems = ?,
			cost = ?, urgency = ?, timeframe = ?, contact_name = ?, contact_email = ?, version = version + 1, updated_at = ?
			WHERE id = ? AND version = ?`, n.RoundID, n.Title, n.Description, string(n.Category), n.Systems, costArg(n.Cost),
			string(n.Urgency), n.Timeframe, n.ContactName, n.ContactEmail, s.now(), n.ID, n.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: update need: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM need_services WHERE need_id = ?`, n.ID); err != nil {
			return err
		}
		if err := tx.writeNeedServices(ctx, n.ID, n.ServiceCodes); err != nil {
			return err
		}
		if after, err = tx.need(ctx, n.ID); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindNeed, strconv.FormatInt(n.ID, 10), audit.Update, before, after)
	})
	return after, err
}

// checkNeedLinks reports a municipality, round or service code that does not exist as a
// problem of its field rather than a foreign-key failure.
func (t *tx) checkNeedLinks(ctx context.Context, n need.Need) error {
	var p kovit.Problems
	var k int
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM municipalities WHERE ehak = ?`, n.MunicipalityEHAK).Scan(&k); err != nil {
		return err
	}
	if k == 0 {
		p.Add("municipality_ehak", "error.unknown_municipality")
	}
	if err := t.checkIDs(ctx, &p, "need_rounds", "", idsOf(n.RoundID), "round_id", "need.error.unknown_round"); err != nil {
		return err
	}
	if len(n.ServiceCodes) > 0 {
		args := make([]any, len(n.ServiceCodes))
		for i, c := range n.ServiceCodes {
			args[i] = c
		}
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM services WHERE code IN (`+placeholders(len(args))+`)`, args...).Scan(&k); err != nil {
			return err
		}
		if k != len(args) {
			p.Add("service_codes", "need.error.unknown_service")
		}
	}
	return p.Err()
}

func (t *tx) writeNeedServices(ctx context.Context, id int64, codes []string) error {
	if len(codes) == 0 {
		return nil
	}
	args := make([]any, 0, 2*len(codes))
	for _, c := range codes {
		args = append(args, id, c)
	}
	_, err := t.execRows(ctx, `INSERT INTO need_services (need_id, service_code) VALUES`, 2, args, "")
	return err
}

func costArg(m *kovit.Money) any {
	if m == nil {
		return nil
	}
	return int64(*m)
}
