package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"kovit/internal/audit"
	"kovit/internal/eservice"
	"kovit/internal/kovit"
	"kovit/internal/landscape"
)

const recordsColumns = `municipality_ehak, document_row_id, dhx, register_url, rules_date, retention_list_date,
	appraisal_decision, last_archive_transfer, council_integration, eservice_integration, criteria_met, level,
	evidence_url, verification, return_reason, check_at, check_status, check_tls, check_error, version, updated_at`

func scanRecords(row scanner) (landscape.RecordsProfile, error) {
	var p landscape.RecordsProfile
	var met string
	var at *time.Time
	var c landscape.RegisterCheck
	err := row.Scan(&p.MunicipalityEHAK, &p.DocumentRowID, &p.DHX, &p.RegisterURL, &p.RulesDate, &p.RetentionListDate,
		&p.AppraisalDecision, &p.LastArchiveTransfer, &p.CouncilIntegration, &p.EServiceIntegration, &met, &p.Level,
		&p.EvidenceURL, &p.Verification, &p.ReturnReason, &at, &c.Status, &c.TLS, &c.Error, &p.Version, &p.UpdatedAt)
	if err != nil {
		return p, err
	}
	if at != nil {
		c.At = *at
		p.Check = &c
	}
	return p, json.Unmarshal([]byte(met), &p.Met)
}

// RecordsProfiles implements landscape.Store.
func (s *Store) RecordsProfiles(ctx context.Context) ([]landscape.RecordsProfile, error) {
	rows, err := s.query(ctx, `SELECT `+recordsColumns+` FROM records_profiles ORDER BY municipality_ehak`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: records profiles: %w", err)
	}
	defer rows.Close()
	var out []landscape.RecordsProfile
	for rows.Next() {
		p, err := scanRecords(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// RecordsProfile implements landscape.Store.
func (s *Store) RecordsProfile(ctx context.Context, ehak string) (landscape.RecordsProfile, error) {
	return recordsOf(ctx, s, ehak)
}

func recordsOf(ctx context.Context, q querier, ehak string) (landscape.RecordsProfile, error) {
	p, err := scanRecords(q.queryRow(ctx, `SELECT `+recordsColumns+` FROM records_profiles WHERE municipality_ehak = ?`, ehak))
	if isNoRows(err) {
		var n int
		if err := q.queryRow(ctx, `SELECT COUNT(*) FROM municipalities WHERE ehak = ?`, ehak).Scan(&n); err != nil {
			return p, err
		}
		if n == 0 {
			return p, kovit.NotFound()
		}
		scale, err := scaleOf(ctx, q, "records")
		if err != nil {
			return p, err
		}
		p = landscape.RecordsProfile{MunicipalityEHAK: ehak, Met: []int64{}}
		p.Normalize(scale)
		return p, nil
	}
	return p, err
}

// SaveRecordsProfile implements landscape.Store.
func (s *Store) SaveRecordsProfile(ctx context.Context, p landscape.RecordsProfile) (landscape.RecordsProfile, error) {
	p.Verification, p.ReturnReason = eservice.SelfReported, ""
	var after landscape.RecordsProfile
	err := s.transact(ctx, func(tx *tx) error {
		// The level follows the scale as stored when the profile is saved.
		scale, err := scaleOf(ctx, tx, "records")
		if err != nil {
			return err
		}
		p.Normalize(scale)
		if err := p.Validate(); err != nil {
			return err
		}
		before, err := recordsOf(ctx, tx, p.MunicipalityEHAK)
		if err != nil {
			return err
		}
		if before.Version != p.Version {
			return kovit.Conflict()
		}
		if p.DocumentRowID != nil {
			row, err := rowByID(ctx, tx, *p.DocumentRowID)
			if kovit.ErrorCode(err) == kovit.ENotFound || (err == nil && row.MunicipalityEHAK != p.MunicipalityEHAK) {
				var pr kovit.Problems
				pr.Add("document_row_id", "landscape.error.document_row")
				return pr.Err()
			}
			if err != nil {
				return err
			}
		}
		met, err := json.Marshal(p.Met)
		if err != nil {
			return err
		}
		now := s.now()
		args := []any{p.DocumentRowID, string(p.DHX), p.RegisterURL, p.RulesDate, p.RetentionListDate, p.AppraisalDecision,
			p.LastArchiveTransfer, p.CouncilIntegration, p.EServiceIntegration, string(met), p.Level, p.EvidenceURL,
			string(p.Verification), now}
		if before.Version == 0 {
			_, err = tx.exec(ctx, `INSERT INTO records_profiles (document_row_id, dhx, register_url, rules_date,
				retention_list_date, appraisal_decision, last_archive_transfer, council_integration, eservice_integration,
				criteria_met, level, evidence_url, verification, updated_at, municipality_ehak, version)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`, append(args, p.MunicipalityEHAK)...)
		} else {
			_, err = tx.exec(ctx, `UPDATE records_profiles SET document_row_id = ?, dhx = ?, register_url = ?, rules_date = ?,
				retention_list_date = ?, appraisal_decision = ?, last_archive_transfer = ?, council_integration = ?,
				eservice_integration = ?, criteria_met = ?, level = ?, evidence_url = ?, verification = ?, return_reason = '',
				updated_at = ?, version = version + 1 WHERE municipality_ehak = ?`, append(args, p.MunicipalityEHAK)...)
		}
		if err != nil {
			return fmt.Errorf("sqlstore: save records profile: %w", err)
		}
		if after, err = recordsOf(ctx, tx, p.MunicipalityEHAK); err != nil {
			return err
		}
		action, b := audit.Update, any(recordsSnapshot(before))
		if before.Version == 0 {
			action, b = audit.Create, nil
		}
		return tx.record(ctx, audit.KindRecordsProfile, p.MunicipalityEHAK, action, b, recordsSnapshot(after))
	})
	return after, err
}

// recordsSnapshot is a profile as its history shows it: the register check is not a change.
func recordsSnapshot(p landscape.RecordsProfile) landscape.RecordsProfile {
	p.Check = nil
	return p
}

// ReviewRecordsProfile implements landscape.Store.
func (s *Store) ReviewRecordsProfile(ctx context.Context, ehak string, v landscape.Verification, reason string, version int) (landscape.RecordsProfile, error) {
	var pr kovit.Problems
	if v != eservice.Verified && v != eservice.Returned {
		pr.Add("verification", "landscape.error.verification")
	}
	if v == eservice.Returned && reason == "" {
		pr.Add("return_reason", "error.required")
	}
	if kovit.TooLong(reason, 2000) {
		pr.Add("return_reason", "error.too_long")
	}
	if err := pr.Err(); err != nil {
		return landscape.RecordsProfile{}, err
	}
	var after landscape.RecordsProfile
	err := s.transact(ctx, func(tx *tx) error {
		before, err := recordsOf(ctx, tx, ehak)
		if err != nil {
			return err
		}
		if before.Version == 0 {
			return kovit.NotFound()
		}
		res, err := tx.exec(ctx, `UPDATE records_profiles SET verification = ?, return_reason = ?, version = version + 1,
			updated_at = ? WHERE municipality_ehak = ? AND version = ?`, string(v), reason, s.now(), ehak, version)
		if err != nil {
			return err
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = recordsOf(ctx, tx, ehak); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindRecordsProfile, ehak, audit.Update, recordsSnapshot(before), recordsSnapshot(after))
	})
	return after, err
}

// SetRegisterCheck implements landscape.Store.
func (s *Store) SetRegisterCheck(ctx context.Context, ehak string, c landscape.RegisterCheck) error {
	_, err := s.write.ExecContext(ctx, s.engine.rebind(`UPDATE records_profiles SET check_at = ?, check_status = ?, check_tls = ?,
		check_error = ? WHERE municipality_ehak = ?`), c.At.UTC(), c.Status, c.TLS, c.Error, ehak)
	return err
}
