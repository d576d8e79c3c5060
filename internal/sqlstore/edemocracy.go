package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"kovit/internal/audit"
	"kovit/internal/edemocracy"
	"kovit/internal/kovit"
)

const edemocracyPracticeColumns = `municipality_ehak, council_system, public_modules, streaming, recordings, budget_year, budget_amount, budget_votes,
	consultations, initiative_threshold, rahvaalgatus, open_data_url, version, updated_at`

func scanEDemocracyPractice(row scanner) (edemocracy.Practice, error) {
	var p edemocracy.Practice
	var modules string
	var year, votes, threshold, amount sql.NullInt64
	err := row.Scan(&p.MunicipalityEHAK, &p.CouncilSystem, &modules, &p.Streaming, &p.Recordings, &year, &amount, &votes,
		&p.Consultations, &threshold, &p.Rahvaalgatus, &p.OpenDataURL, &p.Version, &p.UpdatedAt)
	if err != nil {
		return p, err
	}
	p.BudgetYear, p.BudgetVotes, p.InitiativeThreshold = intOrNil(year), intOrNil(votes), intOrNil(threshold)
	if amount.Valid {
		m := kovit.Money(amount.Int64)
		p.BudgetAmount = &m
	}
	return p, json.Unmarshal([]byte(modules), &p.PublicModules)
}

func intOrNil(n sql.NullInt64) *int {
	if !n.Valid {
		return nil
	}
	v := int(n.Int64)
	return &v
}

// Practices implements edemocracy.Store.
func (s *Store) EDemocracyPractices(ctx context.Context) ([]edemocracy.Practice, error) {
	return practicesFrom(ctx, s)
}

// practicesFrom reads every entered practice, in a transaction or not.
func practicesFrom(ctx context.Context, q querier) ([]edemocracy.Practice, error) {
	rows, err := q.query(ctx, `SELECT `+edemocracyPracticeColumns+` FROM edemocracy_practices ORDER BY municipality_ehak`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: practices: %w", err)
	}
	defer rows.Close()
	out := []edemocracy.Practice{}
	for rows.Next() {
		p, err := scanEDemocracyPractice(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Practice implements edemocracy.Store.
func (s *Store) EDemocracyPractice(ctx context.Context, ehak string) (edemocracy.Practice, error) {
	return edemocracyPracticeFrom(ctx, s, ehak)
}

func edemocracyPracticeFrom(ctx context.Context, q querier, ehak string) (edemocracy.Practice, error) {
	if err := municipalityExists(ctx, q, ehak); err != nil {
		return edemocracy.Practice{}, err
	}
	p, err := scanEDemocracyPractice(q.queryRow(ctx, `SELECT `+edemocracyPracticeColumns+` FROM edemocracy_practices WHERE municipality_ehak = ?`, ehak))
	if err == sql.ErrNoRows {
		return edemocracy.Practice{MunicipalityEHAK: ehak, PublicModules: []string{}}, nil
	}
	return p, err
}

// SavePractice implements edemocracy.Store.
func (s *Store) EDemocracySavePractice(ctx context.Context, p edemocracy.Practice) (edemocracy.Practice, error) {
	p.Normalize()
	if p.PublicModules == nil {
		p.PublicModules = []string{}
	}
	if err := p.Validate(); err != nil {
		return p, err
	}
	modules, _ := json.Marshal(p.PublicModules)
	var after edemocracy.Practice
	err := s.transact(ctx, func(tx *tx) error {
		before, err := edemocracyPracticeFrom(ctx, tx, p.MunicipalityEHAK)
		if err != nil {
			return err
		}
		args := []any{p.CouncilSystem, string(modules), p.Streaming, p.Recordings, p.BudgetYear, p.BudgetAmount, p.BudgetVotes, p.Consultations,
			p.InitiativeThreshold, p.Rahvaalgatus, p.OpenDataURL, s.now()}
		action := audit.Update
		if before.Version == 0 {
			if p.Version != 0 {
				return kovit.Conflict()
			}
			action = audit.Create
			_, err = tx.insert(ctx, `INSERT INTO edemocracy_practices (council_system, public_modules, streaming, recordings, budget_year, budget_amount,
				budget_votes, consultations, initiative_threshold, rahvaalgatus, open_data_url, updated_at, municipality_ehak, version)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`, append(args, p.MunicipalityEHAK)...)
		} else {
			var res sql.Result
			res, err = tx.exec(ctx, `UPDATE edemocracy_practices SET council_system = ?, public_modules = ?, streaming = ?, recordings = ?,
				budget_year = ?, budget_amount = ?, budget_votes = ?, consultations = ?, initiative_threshold = ?, rahvaalgatus = ?,
				open_data_url = ?, updated_at = ?, version = version + 1 WHERE municipality_ehak = ? AND version = ?`, append(args, p.MunicipalityEHAK, p.Version)...)
			if err == nil {
				err = oneRow(res)
			}
		}
		if err != nil {
			return err
		}
		if after, err = edemocracyPracticeFrom(ctx, tx, p.MunicipalityEHAK); err != nil {
			return err
		}
		var was any
		if action == audit.Update {
			was = before
		}
		return tx.record(ctx, audit.KindEDemocracy, p.MunicipalityEHAK, action, was, after)
	})
	return after, err
}
