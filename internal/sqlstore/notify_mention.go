package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/notify"
	"kovit/internal/plan"
)

// mentionExcerpt bounds the part of an update a mention's notification quotes.
const mentionExcerpt = 300

// emitMentions tells the people update mentions (plan.Mentioned) that it names them; on an
// edit, only those its earlier text (before) did not. Only active users who may read the
// activity's strategy can be mentioned: a name of anyone else mentions nobody, so no
// notification ever points at a plan its recipient may not read.
func (t *tx) emitMentions(ctx context.Context, u plan.ProgressUpdate, before string) error {
	if !strings.Contains(u.Body, "@") {
		return nil
	}
	n, err := nodeFrom(ctx, t, u.ActivityID)
	if err != nil {
		return err
	}
	st, err := strategyFrom(ctx, t, n.StrategyID)
	if err != nil {
		return err
	}
	owner := ""
	if st.OwnerID != nil {
		o, err := organisationFrom(ctx, t, *st.OwnerID)
		if err != nil {
			return err
		}
		owner = o.MunicipalityEHAK
	}
	people, err := t.mentionable(ctx, st.Status.Public(), owner)
	if err != nil {
		return err
	}
	var users []int64
	earlier := plan.Mentioned(before, people)
	for _, id := range plan.Mentioned(u.Body, people) {
		if !slices.Contains(earlier, id) {
			users = append(users, id)
		}
	}
	if len(users) == 0 {
		return nil
	}
	excerpt := []rune(strings.TrimSpace(u.Body))
	reason := string(excerpt[:min(len(excerpt), mentionExcerpt)])
	if len(excerpt) > mentionExcerpt {
		reason += "…"
	}
	return t.emit(ctx, notify.Event{Kind: notify.ProgressMention, Entity: audit.KindPlanNode, EntityID: strconv.FormatInt(n.ID, 10),
		Users: users, Title: strings.TrimSpace(n.Code + " " + n.TitleEt), Reason: reason})
}

// mentionable are the active users who may read a strategy (public, owned by owner).
func (t *tx) mentionable(ctx context.Context, public bool, owner string) ([]plan.Person, error) {
	rows, err := t.query(ctx, `SELECT `+userColumns+` FROM users WHERE active`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: mentionable users: %w", err)
	}
	defer rows.Close()
	var out []plan.Person
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		if auth.CanReadStrategy(&u, public, owner) == nil {
			out = append(out, plan.Person{ID: u.ID, Name: u.Name, Email: u.Email})
		}
	}
	return out, rows.Err()
}
