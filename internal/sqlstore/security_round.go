package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/security"
)

const securityRoundColumns = `id, year, title, deadline, correction_until, publish_on, version, created_at, updated_at`

func scanSecurityRound(row scanner) (security.Round, error) {
	var r security.Round
	err := row.Scan(&r.ID, &r.Year, &r.Title, &r.Deadline, &r.CorrectionUntil, &r.PublishOn, &r.Version, &r.CreatedAt, &r.UpdatedAt)
	return r, err
}

// SecurityRounds implements security.Store, latest deadline first.
func (s *Store) SecurityRounds(ctx context.Context) ([]security.Round, error) {
	rows, err := s.query(ctx, `SELECT `+securityRoundColumns+` FROM security_rounds ORDER BY deadline DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: security rounds: %w", err)
	}
	defer rows.Close()
	out := []security.Round{}
	for rows.Next() {
		r, err := scanSecurityRound(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SecurityRound implements security.Store.
func (s *Store) SecurityRound(ctx context.Context, id int64) (security.Round, error) {
	return securityRoundFrom(ctx, s, id)
}

func securityRoundFrom(ctx context.Context, q querier, id int64) (security.Round, error) {
	r, err := scanSecurityRound(q.queryRow(ctx, `SELECT `+securityRoundColumns+` FROM security_rounds WHERE id = ?`, id))
	return r, notFound(err)
}

func (s *Store) checkSecurityRound(ctx context.Context, r *security.Round) error {
	r.Normalize()
	years, err := s.EITSYears(ctx)
	if err != nil {
		return err
	}
	return r.Validate(years)
}

// CreateSecurityRound implements security.Store; the municipalities' editors hear of it.
func (s *Store) CreateSecurityRound(ctx context.Context, r security.Round) (security.Round, error) {
	if err := s.checkSecurityRound(ctx, &r); err != nil {
		return r, err
	}
	var out security.Round
	err := s.transact(ctx, func(tx *tx) error {
		now := s.now()
		id, err := tx.insert(ctx, `INSERT INTO security_rounds (year, title, deadline, correction_until, publish_on, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, 1, ?, ?)`, r.Year, r.Title, r.Deadline, r.CorrectionUntil, r.PublishOn, now, now)
		if err != nil {
			return fmt.Errorf("sqlstore: insert security round: %w", err)
		}
		if out, err = securityRoundFrom(ctx, tx, id); err != nil {
			return err
		}
		if err := tx.record(ctx, audit.KindSecurityRound, strconv.FormatInt(id, 10), audit.Create, nil, out); err != nil {
			return err
		}
		return tx.emitSecurityRoundOpened(ctx, out)
	})
	return out, err
}

// UpdateSecurityRound implements security.Store. The catalogue year stays: answers
// already given are to that year's modules.
func (s *Store) UpdateSecurityRound(ctx context.Context, r security.Round) (security.Round, error) {
	if err := s.checkSecurityRound(ctx, &r); err != nil {
		return r, err
	}
	var after security.Round
	err := s.transact(ctx, func(tx *tx) error {
		before, err := securityRoundFrom(ctx, tx, r.ID)
		if err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE security_rounds SET title = ?, deadline = ?, correction_until = ?, publish_on = ?,
			version = version + 1, updated_at = ? WHERE id = ? AND version = ?`, r.Title, r.Deadline, r.CorrectionUntil, r.PublishOn,
			s.now(), r.ID, r.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: update security round: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = securityRoundFrom(ctx, tx, r.ID); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindSecurityRound, strconv.FormatInt(r.ID, 10), audit.Update, before, after)
	})
	return after, err
}

// SecuritySignedOff implements jobs.SecurityStore.
func (s *Store) SecuritySignedOff(ctx context.Context, roundID int64) ([]string, error) {
	rows, err := s.query(ctx, `SELECT municipality_ehak FROM security_assessments WHERE round_id = ? AND signed_off_on <> ''
		ORDER BY municipality_ehak`, roundID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: signed off: %w", err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// MunicipalityCodes implements jobs.SecurityStore.
func (s *Store) MunicipalityCodes(ctx context.Context) ([]string, error) {
	cached, _, err := s.cachedMunicipalities(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(cached))
	for i, m := range cached {
		out[i] = m.m.EHAK
	}
	return out, nil
}
