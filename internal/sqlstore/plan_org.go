package sqlstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/plan"
)

const orgColumns = `id, kind, name_et, name_en, COALESCE(municipality_ehak, ''), version, updated_at`

func scanOrganisation(row scanner) (plan.Organisation, error) {
	var o plan.Organisation
	err := row.Scan(&o.ID, &o.Kind, &o.NameEt, &o.NameEn, &o.MunicipalityEHAK, &o.Version, &o.UpdatedAt)
	return o, err
}

// ListOrganisations implements plan.Store: the bodies coordinators added first, then the
// municipalities, each group in Estonian alphabetical order (which SQL engines disagree on).
func (s *Store) ListOrganisations(ctx context.Context) ([]plan.Organisation, error) {
	rows, err := s.query(ctx, `SELECT `+orgColumns+` FROM plan_organisations`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list organisations: %w", err)
	}
	defer rows.Close()
	var out []plan.Organisation
	keys := map[int64]string{}
	for rows.Next() {
		o, err := scanOrganisation(rows)
		if err != nil {
			return nil, err
		}
		keys[o.ID] = municipality.SortKey(o.NameEt)
		out = append(out, o)
	}
	slices.SortFunc(out, func(a, b plan.Organisation) int {
		ma, mb := a.Kind == plan.Municipality, b.Kind == plan.Municipality
		if ma != mb {
			if ma {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(keys[a.ID], keys[b.ID]), cmp.Compare(a.ID, b.ID))
	})
	return out, rows.Err()
}

// Organisation implements plan.Store.
func (s *Store) Organisation(ctx context.Context, id int64) (plan.Organisation, error) {
	return organisationFrom(ctx, s, id)
}

func organisationFrom(ctx context.Context, q querier, id int64) (plan.Organisation, error) {
	o, err := scanOrganisation(q.queryRow(ctx, `SELECT `+orgColumns+` FROM plan_organisations WHERE id = ?`, id))
	return o, notFound(err)
}

// CreateOrganisation implements plan.Store. Municipality organisations are made only by
// LoadStrategies, one per municipality, so a second one cannot split a municipality's work.
func (s *Store) CreateOrganisation(ctx context.Context, o plan.Organisation) (plan.Organisation, error) {
	if o.Kind == plan.Municipality {
		var p kovit.Problems
		p.Add("kind", "plan.error.org_municipality")
		return o, p.Err()
	}
	if err := o.Validate(); err != nil {
		return o, err
	}
	var out plan.Organisation
	err := s.transact(ctx, func(tx *tx) error {
		id, err := tx.insert(ctx, `INSERT INTO plan_organisations (kind, name_et, name_en, version, updated_at)
			VALUES (?, ?, ?, 1, ?)`, string(o.Kind), o.NameEt, o.NameEn, s.now())
		if err != nil {
			return fmt.Errorf("sqlstore: insert organisation: %w", err)
		}
		if out, err = organisationFrom(ctx, tx, id); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindOrganisation, strconv.FormatInt(id, 10), audit.Create, nil, out)
	})
	return out, err
}

// UpdateOrganisation implements plan.Store. Names change; whether an organisation is a
// municipality, and which, does not.
func (s *Store) UpdateOrganisation(ctx context.Context, o plan.Organisation) (plan.Organisation, error) {
	var after plan.Organisation
	err := s.transact(ctx, func(tx *tx) error {
		before, err := organisationFrom(ctx, tx, o.ID)
		if err != nil {
			return err
		}
		if (before.Kind == plan.Municipality) != (o.Kind == plan.Municipality) {
			var p kovit.Problems
			p.Add("kind", "plan.error.org_municipality")
			return p.Err()
		}
		o.MunicipalityEHAK = before.MunicipalityEHAK
		if err := o.Validate(); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE plan_organisations SET kind = ?, name_et = ?, name_en = ?, version = version + 1,
			updated_at = ? WHERE id = ? AND version = ?`, string(o.Kind), o.NameEt, o.NameEn, s.now(), o.ID, o.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: update organisation: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = organisationFrom(ctx, tx, o.ID); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindOrganisation, strconv.FormatInt(o.ID, 10), audit.Update, before, after)
	})
	return after, err
}

// loadMunicipalityOrganisations makes an organisation for each municipality without one.
func (t *tx) loadMunicipalityOrganisations(ctx context.Context) error {
	rows, err := t.query(ctx, `SELECT m.ehak, m.name FROM municipalities m
		WHERE NOT EXISTS (SELECT 1 FROM plan_organisations o WHERE o.municipality_ehak = m.ehak) ORDER BY m.ehak`)
	if err != nil {
		return fmt.Errorf("sqlstore: municipality organisations: %w", err)
	}
	var missing []plan.Organisation
	for rows.Next() {
		o := plan.Organisation{Kind: plan.Municipality, Version: 1}
		if err := rows.Scan(&o.MunicipalityEHAK, &o.NameEt); err != nil {
			rows.Close()
			return err
		}
		o.NameEn = o.NameEt // names of places are not translated
		missing = append(missing, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, o := range missing {
		id, err := t.insert(ctx, `INSERT INTO plan_organisations (kind, name_et, name_en, municipality_ehak, version, updated_at)
			VALUES (?, ?, ?, ?, 1, ?)`, string(o.Kind), o.NameEt, o.NameEn, o.MunicipalityEHAK, t.s.now())
		if err != nil {
			return fmt.Errorf("sqlstore: municipality organisation %s: %w", o.MunicipalityEHAK, err)
		}
		o.ID = id
		if err := t.record(ctx, audit.KindOrganisation, strconv.FormatInt(id, 10), audit.Create, nil, o); err != nil {
			return err
		}
	}
	return nil
}
