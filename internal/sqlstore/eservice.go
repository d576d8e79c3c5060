package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"kovit/internal/audit"
	"kovit/internal/eservice"
	"kovit/internal/kovit"
)

const serviceColumns = `code, name_et, name_en, area, life_event, description_et, description_en,
	legal_basis_url, channels, retired, version, updated_at`

func scanService(row scanner) (eservice.Service, error) {
	var s eservice.Service
	var channels string
	err := row.Scan(&s.Code, &s.NameEt, &s.NameEn, &s.Area, &s.LifeEvent, &s.DescriptionEt, &s.DescriptionEn,
		&s.LegalBasisURL, &channels, &s.Retired, &s.Version, &s.UpdatedAt)
	if channels != "" {
		s.Channels = strings.Split(channels, ",")
	}
	return s, err
}

// ListServices implements eservice.Store, ordered by area and code.
func (s *Store) ListServices(ctx context.Context, includeRetired bool) ([]eservice.Service, error) {
	all, err := s.serviceList(ctx)
	if err != nil {
		return nil, err
	}
	var out []eservice.Service
	for _, sv := range all {
		if includeRetired || !sv.Retired {
			sv.Channels = slices.Clone(sv.Channels)
			out = append(out, sv)
		}
	}
	return out, nil
}

// Service implements eservice.Store.
func (s *Store) Service(ctx context.Context, code string) (eservice.Service, error) {
	return serviceFrom(ctx, s, code)
}

func serviceFrom(ctx context.Context, q querier, code string) (eservice.Service, error) {
	sv, err := scanService(q.queryRow(ctx, `SELECT `+serviceColumns+` FROM services WHERE code = ?`, code))
	return sv, notFound(err)
}

// CreateService implements eservice.Store.
func (s *Store) CreateService(ctx context.Context, sv eservice.Service) (eservice.Service, error) {
	if err := sv.Validate(); err != nil {
		return sv, err
	}
	var out eservice.Service
	err := s.transact(ctx, func(tx *tx) error {
		if _, err := serviceFrom(ctx, tx, sv.Code); err == nil {
			var p kovit.Problems
			p.Add("code", "error.code_taken")
			return p.Err()
		}
		if err := tx.insertService(ctx, sv); err != nil {
			return err
		}
		var err error
		if out, err = serviceFrom(ctx, tx, sv.Code); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindService, sv.Code, audit.Create, nil, out)
	})
	return out, err
}

func (t *tx) insertService(ctx context.Context, sv eservice.Service) error {
	_, err := t.exec(ctx, `INSERT INTO services (`+serviceColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)
		ON CONFLICT (code) DO NOTHING`, sv.Code, sv.NameEt, sv.NameEn, sv.Area, sv.LifeEvent, sv.DescriptionEt,
		sv.DescriptionEn, sv.LegalBasisURL, strings.Join(sv.Channels, ","), sv.Retired, t.s.now())
	if err != nil {
		return fmt.Errorf("sqlstore: insert service %s: %w", sv.Code, err)
	}
	return nil
}

// UpdateService implements eservice.Store; retiring is an update, so history stays.
func (s *Store) UpdateService(ctx context.Context, sv eservice.Service) (eservice.Service, error) {
	if err := sv.Validate(); err != nil {
		return sv, err
	}
	var after eservice.Service
	err := s.transact(ctx, func(tx *tx) error {
		before, err := serviceFrom(ctx, tx, sv.Code)
		if err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE services SET name_et = ?, name_en = ?, area = ?, life_event = ?,
			description_et = ?, description_en = ?, legal_basis_url = ?, channels = ?, retired = ?,
			version = version + 1, updated_at = ? WHERE code = ? AND version = ?`,
			sv.NameEt, sv.NameEn, sv.Area, sv.LifeEvent, sv.DescriptionEt, sv.DescriptionEn, sv.LegalBasisURL,
			strings.Join(sv.Channels, ","), sv.Retired, s.now(), sv.Code, sv.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: update service: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = serviceFrom(ctx, tx, sv.Code); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindService, sv.Code, audit.Update, before, after)
	})
	return after, err
}

// Scale implements eservice.Store.
func (s *Store) Scale(ctx context.Context) (eservice.Scale, error) {
	return scaleFrom(ctx, s)
}

// scaleFrom reads the levels and their criteria.
func scaleFrom(ctx context.Context, q querier) (eservice.Scale, error) {
	return scaleOf(ctx, q, "maturity")
}

// UpdateCriterion implements eservice.Store: coordinators reword a criterion.
func (s *Store) UpdateCriterion(ctx context.Context, c eservice.Criterion) (eservice.Criterion, error) {
	return s.rewordCriterion(ctx, "maturity", audit.KindCriterion, c, func(c eservice.Criterion) string { return c.Code })
}

// LoadServices implements eservice.Store: the catalogue's starter list, and the default
// scale when there is none yet.
func (s *Store) LoadServices(ctx context.Context, services []eservice.Service, scale eservice.Scale) error {
	return s.transact(ctx, func(tx *tx) error {
		for _, sv := range services {
			if _, err := serviceFrom(ctx, tx, sv.Code); err == nil {
				continue
			}
			if err := tx.insertService(ctx, sv); err != nil {
				return err
			}
			if err := tx.record(ctx, audit.KindService, sv.Code, audit.Create, nil, sv); err != nil {
				return err
			}
		}
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM maturity_levels`).Scan(&n); err != nil || n > 0 {
			return err
		}
		for _, l := range scale {
			if _, err := tx.exec(ctx, `INSERT INTO maturity_levels (number, name_et, name_en) VALUES (?, ?, ?)`, l.Number, l.NameEt, l.NameEn); err != nil {
				return fmt.Errorf("sqlstore: level: %w", err)
			}
			for i, c := range l.Criteria {
				if _, err := tx.exec(ctx, `INSERT INTO maturity_criteria (level, code, text_et, text_en, position) VALUES (?, ?, ?, ?, ?)`,
					l.Number, c.Code, c.TextEt, c.TextEn, i); err != nil {
					return fmt.Errorf("sqlstore: criterion: %w", err)
				}
			}
		}
		return nil
	})
}
