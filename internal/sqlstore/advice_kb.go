package sqlstore

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"kovit/internal/advice"
	"kovit/internal/audit"
	"kovit/internal/need"
)

const entryColumns = `id, title, question, answer, topic, tags, visibility, reviewed_on, inquiry_id, review_reason,
	version, created_at, updated_at`

func scanEntry(row scanner) (advice.Entry, error) {
	var e advice.Entry
	var tags string
	if err := row.Scan(&e.ID, &e.Title, &e.Question, &e.Answer, &e.Topic, &tags, &e.Visibility, &e.ReviewedOn, &e.InquiryID,
		&e.ReviewReason, &e.Version, &e.CreatedAt, &e.UpdatedAt); err != nil {
		return e, err
	}
	if err := json.Unmarshal([]byte(tags), &e.Tags); err != nil {
		return e, fmt.Errorf("sqlstore: kb entry %d tags: %w", e.ID, err)
	}
	return e, nil
}

// kbCopy is every knowledge-base entry with its stemmed search terms: stemming thousands
// of answers per search would not meet the search's 50 ms, so each entry is stemmed once
// per change. It is bounded by the entries stored and never modified after loading.
type kbCopy struct {
	entries []advice.Entry // newest change first
	terms   []advice.Searchable
	byID    map[int64]int
}

func (s *Store) kbCopy(ctx context.Context) (*kbCopy, error) {
	return s.kb.get(ctx, func(ctx context.Context, last *kbCopy, _ bool) (*kbCopy, error) {
		rows, err := s.query(ctx, `SELECT `+entryColumns+` FROM kb_entries ORDER BY updated_at DESC, id DESC`)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: kb entries: %w", err)
		}
		defer rows.Close()
		c := &kbCopy{byID: map[int64]int{}}
		for rows.Next() {
			e, err := scanEntry(rows)
			if err != nil {
				return nil, err
			}
			c.byID[e.ID] = len(c.entries)
			c.entries = append(c.entries, e)
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
		c.terms = make([]advice.Searchable, len(c.entries))
		for i, e := range c.entries {
			// An entry unchanged since the last load keeps its terms.
			if j, ok := lastTerms(last, e); ok {
				c.terms[i] = last.terms[j]
				continue
			}
			c.terms[i] = advice.Terms(e)
		}
		return c, nil
	})
}

func lastTerms(last *kbCopy, e advice.Entry) (int, bool) {
	if last == nil {
		return 0, false
	}
	j, ok := last.byID[e.ID]
	return j, ok && last.entries[j].Version == e.Version
}

// SearchEntries implements advice.Store.
func (s *Store) SearchEntries(ctx context.Context, f advice.EntryFilter) ([]advice.Entry, int, error) {
	if err := f.Validate(); err != nil {
		return nil, 0, err
	}
	c, err := s.kbCopy(ctx)
	if err != nil {
		return nil, 0, err
	}
	search := advice.Query(f.Query)
	query := strings.TrimSpace(f.Query) != ""
	filterTag := need.Fold(f.Tag)
	type hit struct{ i, score int }
	var hits []hit
	for i, e := range c.entries {
		if !slices.Contains(f.Visibilities, e.Visibility) || f.Topic != "" && e.Topic != f.Topic ||
			f.FlaggedOnly && e.ReviewReason == "" || filterTag != "" && !slices.Contains(c.terms[i].Tags, filterTag) {
			continue
		}
		score := 1
		if query {
			if score = c.terms[i].Score(search); score == 0 {
				continue
			}
		}
		hits = append(hits, hit{i, score})
	}
	if query {
		slices.SortStableFunc(hits, func(a, b hit) int { return cmp.Compare(b.score, a.score) })
	}
	from := min(f.Offset, len(hits))
	to := min(from+f.Limit, len(hits))
	out := make([]advice.Entry, 0, to-from)
	for _, h := range hits[from:to] {
		out = append(out, copyEntry(c.entries[h.i]))
	}
	return out, len(hits), nil
}

func copyEntry(e advice.Entry) advice.Entry {
	e.Tags = slices.Clone(e.Tags)
	return e
}

// Entry implements advice.Store.
func (s *Store) Entry(ctx context.Context, id int64) (advice.Entry, error) {
	return entryFrom(ctx, s, id)
}

func entryFrom(ctx context.Context, q querier, id int64) (advice.Entry, error) {
	e, err := scanEntry(q.queryRow(ctx, `SELECT `+entryColumns+` FROM kb_entries WHERE id = ?`, id))
	return e, notFound(err)
}

// EntryTags implements advice.Store: every tag in use, in Estonian order of first use.
func (s *Store) EntryTags(ctx context.Context) ([]string, error) {
	c, err := s.kbCopy(ctx)
	if err != nil {
		return nil, err
	}
	out := []string{}
	for _, e := range c.entries {
		for _, t := range e.Tags {
			if !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	slices.Sort(out)
	return out, nil
}

// CreateEntry implements advice.Store.
func (s *Store) CreateEntry(ctx context.Context, e advice.Entry) (advice.Entry, error) {
	e.Normalize()
	e.ReviewReason = ""
	if err := e.Validate(); err != nil {
		return e, err
	}
	var out advice.Entry
	err := s.transact(ctx, func(tx *tx) error {
		if e.InquiryID != nil {
			if _, err := inquiryFrom(ctx, tx, *e.InquiryID); err != nil {
				return notFoundAs(err, "inquiry_id")
			}
		}
		now := s.now()
		id, err := tx.insert(ctx, `INSERT INTO kb_entries (title, question, answer, topic, tags, visibility, reviewed_on,
			inquiry_id, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`, e.Title, e.Question, e.Answer,
			e.Topic, jsonText(e.Tags), e.Visibility, e.ReviewedOn, e.InquiryID, now, now)
		if err != nil {
			return fmt.Errorf("sqlstore: insert kb entry: %w", err)
		}
		if out, err = entryFrom(ctx, tx, id); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindKBEntry, strconv.FormatInt(id, 10), audit.Create, nil, out)
	})
	return out, err
}

// UpdateEntry implements advice.Store. The link to the question is fixed at creation.
func (s *Store) UpdateEntry(ctx context.Context, e advice.Entry) (advice.Entry, error) {
	e.Normalize()
	if err := e.Validate(); err != nil {
		return e, err
	}
	var after advice.Entry
	err := s.transact(ctx, func(tx *tx) error {
		before, err := entryFrom(ctx, tx, e.ID)
		if err != nil {
			return err
		}
		reason := before.ReviewReason
		if e.ReviewedOn != before.ReviewedOn {
			reason = ""
		}
		res, err := tx.exec(ctx, `UPDATE kb_entries SET title = ?, question = ?, answer = ?, topic = ?, tags = ?, visibility = ?,
			reviewed_on = ?, review_reason = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
			e.Title, e.Question, e.Answer, e.Topic, jsonText(e.Tags), e.Visibility, e.ReviewedOn, reason, s.now(), e.ID, e.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: update kb entry: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = entryFrom(ctx, tx, e.ID); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindKBEntry, strconv.FormatInt(e.ID, 10), audit.Update, before, after)
	})
	return after, err
}

// FlagCitingEntries flags for review, in a transaction of its own, the entries tagged with
// a paragraph that text cites; a round of comment does this when it is opened.
func (s *Store) FlagCitingEntries(ctx context.Context, text, reason string) (int, error) {
	var n int
	err := s.transact(ctx, func(tx *tx) (err error) { n, err = tx.flagEntries(ctx, text, reason); return err })
	return n, err
}

// flagEntries marks for review the entries tagged with a paragraph that text cites (a new
// draft), saying why in reason; it returns how many it flagged.
func (t *tx) flagEntries(ctx context.Context, text, reason string) (int, error) {
	rows, err := t.query(ctx, `SELECT `+entryColumns+` FROM kb_entries`)
	if err != nil {
		return 0, err
	}
	var hit []advice.Entry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			rows.Close()
			return 0, err
		}
		if len(advice.Cites(text, e.Tags)) > 0 && e.ReviewReason != reason {
			hit = append(hit, e)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, before := range hit {
		if _, err := t.exec(ctx, `UPDATE kb_entries SET review_reason = ?, version = version + 1, updated_at = ? WHERE id = ?`,
			reason, t.s.now(), before.ID); err != nil {
			return 0, err
		}
		after, err := entryFrom(ctx, t, before.ID)
		if err != nil {
			return 0, err
		}
		if err := t.record(ctx, audit.KindKBEntry, strconv.FormatInt(before.ID, 10), audit.Update, before, after); err != nil {
			return 0, err
		}
	}
	return len(hit), nil
}
