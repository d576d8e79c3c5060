package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/consult"
	"kovit/internal/kovit"
)

// DocVersions implements consult.Store.
func (s *Store) DocVersions(ctx context.Context, consultationID int64) ([]consult.DocVersion, error) {
	var out []consult.DocVersion
	err := s.readSnapshot(ctx, func(q querier) error {
		if _, err := consultationFrom(ctx, q, consultationID); err != nil {
			return err
		}
		var err error
		out, err = docVersionsFrom(ctx, q, consultationID)
		return err
	})
	return out, err
}

func docVersionsFrom(ctx context.Context, q querier, consultationID int64) ([]consult.DocVersion, error) {
	rows, err := q.query(ctx, `SELECT id, number, note, created_at FROM consultation_versions WHERE consultation_id = ? ORDER BY number`, consultationID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: consultation versions: %w", err)
	}
	out := []consult.DocVersion{}
	at := map[int64]int{}
	for rows.Next() {
		v := consult.DocVersion{ConsultationID: consultationID, Sections: []consult.Section{}}
		if err := rows.Scan(&v.ID, &v.Number, &v.Note, &v.CreatedAt); err != nil {
			rows.Close()
			return nil, err
		}
		at[v.ID] = len(out)
		out = append(out, v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = q.query(ctx, `SELECT s.version_id, s.section_key, s.heading, s.body FROM consultation_sections s
		JOIN consultation_versions v ON v.id = s.version_id WHERE v.consultation_id = ? ORDER BY s.version_id, s.position`, consultationID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: consultation sections: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var sec consult.Section
		if err := rows.Scan(&id, &sec.Key, &sec.Heading, &sec.Body); err != nil {
			return nil, err
		}
		v := &out[at[id]]
		v.Sections = append(v.Sections, sec)
	}
	return out, rows.Err()
}

// AddDocVersion implements consult.Store.
func (s *Store) AddDocVersion(ctx context.Context, consultationID int64, v consult.DocVersion, consultationVersion int) (consult.DocVersion, error) {
	var out consult.DocVersion
	err := s.transact(ctx, func(tx *tx) error {
		before, err := consultationFrom(ctx, tx, consultationID)
		if err != nil {
			return err
		}
		if before.Version != consultationVersion {
			return kovit.Conflict()
		}
		if before.Phase.Final() {
			return kovit.Errorf(kovit.EConflict, "consult.error.final")
		}
		versions, err := docVersionsFrom(ctx, tx, consultationID)
		if err != nil {
			return err
		}
		var used []string
		for _, x := range versions {
			for _, sec := range x.Sections {
				used = append(used, sec.Key)
			}
		}
		v.Sections = consult.Keyed(v.Sections, versions[len(versions)-1].Sections, used)
		v.Number = len(versions) + 1
		if err := v.Validate(); err != nil {
			return err
		}
		if out, err = tx.insertDocVersion(ctx, consultationID, v); err != nil {
			return err
		}
		// The consultation's version moves on too, so two coordinators publishing at once
		// do not both make the next version from the same one.
		res, err := tx.exec(ctx, `UPDATE consultations SET version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
			s.now(), consultationID, consultationVersion)
		if err != nil {
			return fmt.Errorf("sqlstore: consultation version: %w", err)
		}
		return oneRow(res)
	})
	return out, err
}

// insertDocVersion stores version v (numbered, keyed) of a consultation's document with
// its sections, and records it.
func (t *tx) insertDocVersion(ctx context.Context, consultationID int64, v consult.DocVersion) (consult.DocVersion, error) {
	v.ConsultationID = consultationID
	v.CreatedAt = t.s.now()
	id, err := t.insert(ctx, `INSERT INTO consultation_versions (consultation_id, number, note, created_at) VALUES (?, ?, ?, ?)`,
		consultationID, v.Number, v.Note, v.CreatedAt)
	if err != nil {
		return v, fmt.Errorf("sqlstore: insert consultation version: %w", err)
	}
	v.ID = id
	for i, sec := range v.Sections {
		if _, err := t.exec(ctx, `INSERT INTO consultation_sections (version_id, position, section_key, heading, body) VALUES (?, ?, ?, ?, ?)`,
			id, i, sec.Key, sec.Heading, sec.Body); err != nil {
			return v, fmt.Errorf("sqlstore: insert consultation section: %w", err)
		}
	}
	entity := strconv.FormatInt(consultationID, 10) + "/" + strconv.Itoa(v.Number)
	return v, t.record(ctx, audit.KindConsultationVersion, entity, audit.Create, nil, v)
}
