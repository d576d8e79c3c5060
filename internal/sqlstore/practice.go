package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/landscape"
	"kovit/internal/plan"
)

const practiceColumns = `id, title, summary, problem, what_was_done, resources, results, evidence_url, municipalities,
	contact_name, contact_email, service_codes, solution_ids, links, tags, national_activity_id, status, proposed_by,
	version, created_at, updated_at`

func scanPractice(row scanner) (landscape.Practice, error) {
	var p landscape.Practice
	var ms, codes, sols, links, tags string
	err := row.Scan(&p.ID, &p.Title, &p.Summary, &p.Problem, &p.WhatDone, &p.Resources, &p.Results, &p.EvidenceURL, &ms,
		&p.ContactName, &p.ContactEmail, &codes, &sols, &links, &tags, &p.NationalActivityID, &p.Status, &p.ProposedBy,
		&p.Version, &p.CreatedAt, &p.UpdatedAt)
	if err != nil {
		return p, err
	}
	for _, l := range []struct {
		raw string
		to  any
	}{{ms, &p.Municipalities}, {codes, &p.ServiceCodes}, {sols, &p.SolutionIDs}, {links, &p.Links}, {tags, &p.Tags}} {
		if err := json.Unmarshal([]byte(l.raw), l.to); err != nil {
			return p, err
		}
	}
	return p, nil
}

func practiceByID(ctx context.Context, q querier, id int64) (landscape.Practice, error) {
	p, err := scanPractice(q.queryRow(ctx, `SELECT `+practiceColumns+` FROM practices WHERE id = ?`, id))
	if isNoRows(err) {
		return p, kovit.NotFound()
	}
	return p, err
}

func containsStatus(list []landscape.PracticeStatus, s landscape.PracticeStatus) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// Practice implements landscape.Store.
func (s *Store) Practice(ctx context.Context, id int64) (landscape.Practice, error) {
	return practiceByID(ctx, s, id)
}

func practiceLists(p landscape.Practice) ([]any, error) {
	var out []any
	for _, v := range []any{p.Municipalities, p.ServiceCodes, p.SolutionIDs, p.Links, p.Tags} {
		b, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		out = append(out, string(b))
	}
	return out, nil
}

// checkPractice reports municipalities, services, solutions and a national activity that
// do not exist as problems of their fields.
func (t *tx) checkPractice(ctx context.Context, p landscape.Practice) error {
	var pr kovit.Problems
	count := func(table, col string, vals []any) (int, error) {
		var n int
		err := t.queryRow(ctx, `SELECT COUNT(*) FROM `+table+` WHERE `+col+` IN (`+placeholders(len(vals))+`)`, vals...).Scan(&n)
		return n, err
	}
	for _, c := range []struct {
		field, table, col string
		vals              []any
	}{
		{"municipalities", "municipalities", "ehak", anys(p.Municipalities)},
		{"service_codes", "services", "code", anys(p.ServiceCodes)},
		{"solution_ids", "solutions", "id", anyIDs(p.SolutionIDs)},
	} {
		if len(c.vals) == 0 {
			continue
		}
		n, err := count(c.table, c.col, c.vals)
		if err != nil {
			return err
		}
		if n != len(c.vals) {
			pr.Add(c.field, "landscape.error.practice_link")
		}
	}
	if p.NationalActivityID != nil {
		var n int
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM plan_nodes n JOIN plan_strategies s ON s.id = n.strategy_id
			WHERE n.id = ? AND n.kind = 'activity' AND s.owner_id IS NULL`, *p.NationalActivityID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			pr.Add("national_activity_id", "landscape.error.national_activity")
		}
	}
	return pr.Err()
}

func anyIDs(s []int64) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// CreatePractice implements landscape.Store.
func (s *Store) CreatePractice(ctx context.Context, p landscape.Practice) (landscape.Practice, error) {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return p, err
	}
	var out landscape.Practice
	err := s.transact(ctx, func(tx *tx) error {
		if err := tx.checkPractice(ctx, p); err != nil {
			return err
		}
		lists, err := practiceLists(p)
		if err != nil {
			return err
		}
		now := s.now()
		args := append([]any{p.Title, p.Summary, p.Problem, p.WhatDone, p.Resources, p.Results, p.EvidenceURL}, lists[0])
		args = append(args, p.ContactName, p.ContactEmail, lists[1], lists[2], lists[3], lists[4], p.NationalActivityID,
			string(p.Status), actorOf(ctx).id, now, now)
		id, err := tx.insert(ctx, `INSERT INTO practices (title, summary, problem, what_was_done, resources, results, evidence_url,
			municipalities, contact_name, contact_email, service_codes, solution_ids, links, tags, national_activity_id, status,
			proposed_by, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`, args...)
		if err != nil {
			return fmt.Errorf("sqlstore: insert practice: %w", err)
		}
		if out, err = practiceByID(ctx, tx, id); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindPractice, strconv.FormatInt(id, 10), audit.Create, nil, out)
	})
	return out, err
}

// UpdatePractice implements landscape.Store; its status changes with it.
func (s *Store) UpdatePractice(ctx context.Context, p landscape.Practice) (landscape.Practice, error) {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return p, err
	}
	var after landscape.Practice
	err := s.transact(ctx, func(tx *tx) error {
		before, err := practiceByID(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		if err := tx.checkPractice(ctx, p); err != nil {
			return err
		}
		lists, err := practiceLists(p)
		if err != nil {
			return err
		}
		args := append([]any{p.Title, p.Summary, p.Problem, p.WhatDone, p.Resources, p.Results, p.EvidenceURL}, lists[0])
		args = append(args, p.ContactName, p.ContactEmail, lists[1], lists[2], lists[3], lists[4], p.NationalActivityID,
			string(p.Status), s.now(), p.ID, p.Version)
		res, err := tx.exec(ctx, `UPDATE practices SET title = ?, summary = ?, problem = ?, what_was_done = ?, resources = ?,
			results = ?, evidence_url = ?, municipalities = ?, contact_name = ?, contact_email = ?, service_codes = ?,
			solution_ids = ?, links = ?, tags = ?, national_activity_id = ?, status = ?, version = version + 1, updated_at = ?
			WHERE id = ? AND version = ?`, args...)
		if err != nil {
			return fmt.Errorf("sqlstore: update practice: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = practiceByID(ctx, tx, p.ID); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindPractice, strconv.FormatInt(p.ID, 10), audit.Update, before, after)
	})
	return after, err
}

// Adopt implements landscape.Store.
func (s *Store) Adopt(ctx context.Context, a landscape.Adoption) (landscape.Adoption, error) {
	var pr kovit.Problems
	if kovit.TooLong(a.Differences, 5000) {
		pr.Add("differences", "error.too_long")
	}
	if err := pr.Err(); err != nil {
		return a, err
	}
	var out landscape.Adoption
	err := s.transact(ctx, func(tx *tx) error {
		p, err := practiceByID(ctx, tx, a.PracticeID)
		if err != nil {
			return err
		}
		if p.Status != landscape.PracticePublished {
			return kovit.Errorf(kovit.EConflict, "landscape.error.not_published")
		}
		var orgID int64
		var name string
		err = tx.queryRow(ctx, `SELECT o.id, m.name FROM plan_organisations o JOIN municipalities m ON m.ehak = o.municipality_ehak
			WHERE o.municipality_ehak = ?`, a.MunicipalityEHAK).Scan(&orgID, &name)
		if isNoRows(err) {
			return kovit.NotFound()
		}
		if err != nil {
			return err
		}
		var taken int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM practice_adoptions WHERE practice_id = ? AND municipality_ehak = ?`,
			a.PracticeID, a.MunicipalityEHAK).Scan(&taken); err != nil {
			return err
		}
		if taken > 0 {
			return kovit.Errorf(kovit.EConflict, "landscape.error.adopted_twice")
		}
		strategyID, err := tx.ownPlan(ctx, orgID, name)
		if err != nil {
			return err
		}
		desc := p.Summary
		for _, part := range []struct{ label, text string }{{"Vajalikud ressursid: ", p.Resources}, {"Kontakt: ", strings.TrimSpace(p.ContactName + " " + p.ContactEmail)},
			{"Erinevused algsest praktikast: ", a.Differences}} {
			if part.text != "" {
				desc += "\n\n" + part.label + part.text
			}
		}
		node, err := tx.createNode(ctx, plan.Node{StrategyID: strategyID, Kind: plan.Activity, Code: "HP-" + strconv.FormatInt(p.ID, 10),
			TitleEt: p.Title, DescriptionEt: desc, LeadOrgID: &orgID, ContributesTo: p.NationalActivityID})
		if err != nil {
			return err
		}
		now := s.now()
		id, err := tx.insert(ctx, `INSERT INTO practice_adoptions (practice_id, municipality_ehak, differences, activity_id,
			strategy_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, p.ID, a.MunicipalityEHAK, strings.TrimSpace(a.Differences),
			node.ID, strategyID, actorOf(ctx).name, now)
		if err != nil {
			return fmt.Errorf("sqlstore: insert adoption: %w", err)
		}
		out = landscape.Adoption{ID: id, PracticeID: p.ID, MunicipalityEHAK: a.MunicipalityEHAK, Differences: strings.TrimSpace(a.Differences),
			ActivityID: node.ID, StrategyID: strategyID, Status: node.Status, Completion: node.Completion, CreatedBy: actorOf(ctx).name, CreatedAt: now}
		return tx.record(ctx, audit.KindAdoption, strconv.FormatInt(id, 10), audit.Create, nil, out)
	})
	return out, err
}

// ownPlan is the municipality's own plan that is not archived, the oldest; a new draft
// plan for the next five years when it has none.
func (t *tx) ownPlan(ctx context.Context, orgID int64, name string) (int64, error) {
	var id int64
	err := t.queryRow(ctx, `SELECT id FROM plan_strategies WHERE owner_id = ? AND status <> 'archived' ORDER BY id LIMIT 1`, orgID).Scan(&id)
	if err == nil || !isNoRows(err) {
		return id, err
	}
	year := t.s.now().Year()
	st := plan.Strategy{TitleEt: name + " IT-arendus", TitleEn: name + " IT development", StartYear: year, EndYear: year + 4,
		Status: plan.Draft, OwnerID: &orgID}.WithDefaults()
	if err := st.Validate(); err != nil {
		return 0, err
	}
	if id, err = t.insertStrategy(ctx, st); err != nil {
		return 0, err
	}
	created, err := strategyFrom(ctx, t, id)
	if err != nil {
		return 0, err
	}
	return id, t.record(ctx, audit.KindStrategy, strconv.FormatInt(id, 10), audit.Create, nil, created)
}

// Adoptions implements landscape.Store.
func (s *Store) Adoptions(ctx context.Context, practiceID int64) ([]landscape.Adoption, error) {
	var out []landscape.Adoption
	err := s.readSnapshot(ctx, func(q querier) error {
		var err error
		if practiceID == 0 {
			out, err = adoptions(ctx, q, "")
		} else {
			out, err = adoptions(ctx, q, ` WHERE practice_id = ?`, practiceID)
		}
		return err
	})
	return out, err
}

func adoptions(ctx context.Context, q querier, where string, args ...any) ([]landscape.Adoption, error) {
	rows, err := q.query(ctx, `SELECT id, practice_id, municipality_ehak, differences, activity_id, strategy_id, applied_at,
		created_by, created_at FROM practice_adoptions`+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: adoptions: %w", err)
	}
	var out []landscape.Adoption
	for rows.Next() {
		var a landscape.Adoption
		if err := rows.Scan(&a.ID, &a.PracticeID, &a.MunicipalityEHAK, &a.Differences, &a.ActivityID, &a.StrategyID, &a.Applied,
			&a.CreatedBy, &a.CreatedAt); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		node, err := nodeFrom(ctx, q, out[i].ActivityID)
		if kovit.ErrorCode(err) == kovit.ENotFound {
			continue // the plan deleted the activity: its progress is unknown
		}
		if err != nil {
			return nil, err
		}
		st, err := strategyFrom(ctx, q, node.StrategyID)
		if err != nil {
			return nil, err
		}
		status, _ := st.Statuses.Find(node.Status)
		out[i].Status, out[i].Completion, out[i].Done = node.Status, node.Completion, status.Done
	}
	return out, nil
}

// FollowAdoptions implements landscape.Store.
func (s *Store) FollowAdoptions(ctx context.Context) (int, error) {
	applied := 0
	err := s.transact(ctx, func(tx *tx) error {
		pending, err := adoptions(ctx, tx, ` WHERE applied_at IS NULL`)
		if err != nil {
			return err
		}
		for _, a := range pending {
			if !a.Done {
				continue
			}
			p, err := practiceByID(ctx, tx, a.PracticeID)
			if err != nil {
				return err
			}
			for _, sid := range p.SolutionIDs {
				if err := tx.intoProduction(ctx, a.MunicipalityEHAK, sid); err != nil {
					return err
				}
			}
			now := s.now()
			if _, err := tx.exec(ctx, `UPDATE practice_adoptions SET applied_at = ? WHERE id = ?`, now, a.ID); err != nil {
				return err
			}
			if err := tx.record(ctx, audit.KindAdoption, strconv.FormatInt(a.ID, 10), audit.Update, appliedAt{nil}, appliedAt{&now}); err != nil {
				return err
			}
			applied++
		}
		return nil
	})
	return applied, err
}

type appliedAt struct {
	At *time.Time `json:"applied_at"`
}

// intoProduction moves the municipality's row of a solution to production, or declares it
// so; a merged solution's row goes to the one it was merged into.
func (t *tx) intoProduction(ctx context.Context, ehak string, solutionID int64) error {
	sol, err := solutionByID(ctx, t, solutionID)
	if err != nil {
		return err
	}
	if sol.State == landscape.Merged && sol.MergedInto != nil {
		solutionID = *sol.MergedInto
	}
	rows, err := rowsOf(ctx, t, ` WHERE municipality_ehak = ? AND solution_id = ?`, ehak, solutionID)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		_, err := t.createRow(ctx, landscape.Row{MunicipalityEHAK: ehak, SolutionID: solutionID, Status: landscape.Production,
			Notes: "Lisatud parima praktika ülevõtmisel."})
		return err
	}
	r := rows[0]
	if r.Status == landscape.Production {
		return nil
	}
	r.Status = landscape.Production
	_, err = t.updateRow(ctx, r)
	return err
}
