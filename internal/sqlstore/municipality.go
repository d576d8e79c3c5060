package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

const municipalityColumns = `m.ehak, m.name, m.type, m.county_ehak, c.name, m.population, m.population_year,
	m.area_km2, m.website, m.contact_name, m.contact_email, m.contact_phone, m.version, m.updated_at`

func scanMunicipality(row scanner, extra ...any) (municipality.Municipality, error) {
	var m municipality.Municipality
	dest := []any{&m.EHAK, &m.Name, &m.Type, &m.CountyEHAK, &m.CountyName, &m.Population, &m.PopulationYear,
		&m.AreaKm2, &m.Website, &m.Contact.Name, &m.Contact.Email, &m.Contact.Phone, &m.Version, &m.UpdatedAt}
	err := row.Scan(append(dest, extra...)...)
	return m, err
}

// Municipality implements municipality.Store.
func (s *Store) Municipality(ctx context.Context, ehak string) (municipality.Municipality, error) {
	return municipalityFrom(ctx, s, ehak)
}

func municipalityFrom(ctx context.Context, q querier, ehak string) (municipality.Municipality, error) {
	m, err := scanMunicipality(q.queryRow(ctx, `SELECT `+municipalityColumns+`
		FROM municipalities m JOIN counties c ON c.ehak = m.county_ehak WHERE m.ehak = ?`, ehak))
	return m, notFound(err)
}

// UpdateDetails implements municipality.Store.
func (s *Store) UpdateDetails(ctx context.Context, ehak string, d municipality.Details) (municipality.Municipality, error) {
	if err := d.Validate(); err != nil {
		return municipality.Municipality{}, err
	}
	var after municipality.Municipality
	err := s.transact(ctx, func(tx *tx) error {
		before, err := municipalityFrom(ctx, tx, ehak)
		if err != nil {
			return err
		}
		if before.Version != d.Version {
			return kovit.Conflict()
		}
		// The version condition, not only the check above, is what stops a lost update on
		// PostgreSQL, where two transactions may both have read the old version.
		res, err := tx.exec(ctx, `UPDATE municipalities SET website = ?, contact_name = ?, contact_email = ?,
			contact_phone = ?, version = version + 1, updated_at = ? WHERE ehak = ? AND version = ?`,
			d.Website, d.Contact.Name, d.Contact.Email, d.Contact.Phone, s.now(), ehak, d.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: update municipality: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = municipalityFrom(ctx, tx, ehak); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindMunicipality, ehak, audit.Update, before, after)
	})
	return after, err
}

// ListCounties implements municipality.Store.
func (s *Store) ListCounties(ctx context.Context) ([]municipality.County, error) {
	_, counties, err := s.cachedMunicipalities(ctx)
	return counties, err
}

func (s *Store) loadCounties(ctx context.Context) ([]municipality.County, error) {
	rows, err := s.query(ctx, `SELECT c.ehak, c.name, COUNT(m.ehak), COALESCE(SUM(m.population), 0)
		FROM counties c LEFT JOIN municipalities m ON m.county_ehak = c.ehak
		GROUP BY c.ehak, c.name, c.sort_key ORDER BY c.sort_key`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list counties: %w", err)
	}
	defer rows.Close()
	var out []municipality.County
	for rows.Next() {
		var c municipality.County
		if err := rows.Scan(&c.EHAK, &c.Name, &c.Municipalities, &c.Population); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// County implements municipality.Store.
func (s *Store) County(ctx context.Context, ehak string) (municipality.County, error) {
	var c municipality.County
	err := s.queryRow(ctx, `SELECT c.ehak, c.name, COUNT(m.ehak), COALESCE(SUM(m.population), 0)
		FROM counties c LEFT JOIN municipalities m ON m.county_ehak = c.ehak
		WHERE c.ehak = ? GROUP BY c.ehak, c.name`, ehak).Scan(&c.EHAK, &c.Name, &c.Municipalities, &c.Population)
	return c, notFound(err)
}

// Stats implements municipality.Store.
func (s *Store) Stats(ctx context.Context) (municipality.Stats, error) {
	var st municipality.Stats
	err := s.queryRow(ctx, `SELECT COUNT(*),
		COALESCE(SUM(CASE WHEN type = 'linn' THEN 1 ELSE 0 END), 0),
		COUNT(DISTINCT county_ehak), COALESCE(SUM(population), 0),
		COALESCE(SUM(CASE WHEN contact_email <> '' THEN 1 ELSE 0 END), 0)
		FROM municipalities`).Scan(&st.Municipalities, &st.Cities, &st.Counties, &st.Population, &st.WithContact)
	return st, err
}

// LoadReference implements municipality.Store.
func (s *Store) LoadReference(ctx context.Context, counties []municipality.County, ms []municipality.Municipality) error {
	return s.transact(ctx, func(tx *tx) error {
		for _, c := range counties {
			res, err := tx.exec(ctx, `INSERT INTO counties (ehak, name, sort_key) VALUES (?, ?, ?)
				ON CONFLICT (ehak) DO NOTHING`, c.EHAK, c.Name, municipality.SortKey(c.Name))
			if err != nil {
				return fmt.Errorf("sqlstore: load county %s: %w", c.EHAK, err)
			}
			if n, _ := res.RowsAffected(); n == 1 {
				if err := tx.record(ctx, audit.KindCounty, c.EHAK, audit.Create, nil, c); err != nil {
					return err
				}
			}
		}
		for _, m := range ms {
			res, err := tx.exec(ctx, `INSERT INTO municipalities (ehak, name, type, county_ehak, population,
				population_year, area_km2, search_key, sort_key, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (ehak) DO NOTHING`, m.EHAK, m.Name, string(m.Type), m.CountyEHAK, m.Population,
				m.PopulationYear, m.AreaKm2, municipality.SearchKey(m.Name), municipality.SortKey(m.Name), s.now())
			if err != nil {
				return fmt.Errorf("sqlstore: load municipality %s: %w", m.EHAK, err)
			}
			if n, _ := res.RowsAffected(); n == 1 {
				if err := tx.record(ctx, audit.KindMunicipality, m.EHAK, audit.Create, nil, m); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// notFound turns "no row" into the domain's not-found error.
func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return kovit.NotFound()
	}
	return err
}

// oneRow turns an update that matched no row (another save came first) into a conflict.
func oneRow(res sql.Result) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n != 1 {
		return kovit.Conflict()
	}
	return nil
}
