// Package digest sends the action plan's weekly e-mail: each contact person hears of the
// activities they look after that have gone stale or have overdue tasks or participants,
// and each municipality's editors of their municipality's overdue parts of joint work.
// People with nothing to do get no mail.
package digest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"kovit/internal/auth"
	"kovit/internal/i18n"
	"kovit/internal/kovit"
	"kovit/internal/mail"
	"kovit/internal/municipality"
	"kovit/internal/plan"
)

// Store is what the digest reads.
type Store interface {
	ListUsers(ctx context.Context, f auth.UserFilter) ([]auth.User, int, error)
	Attention(ctx context.Context, f plan.AttentionFilter, now time.Time) ([]plan.AttentionItem, error)
	ListMunicipalities(ctx context.Context, f municipality.Filter) ([]municipality.Municipality, int, error)
	Strategy(ctx context.Context, id int64) (plan.Strategy, error)
	plan.Owners
}

// Digest sends the weekly mail.
type Digest struct {
	Store   Store
	Mail    mail.Sender
	Catalog *i18n.Catalog
	BaseURL string // links in the mail lead here, e.g. https://kovit.ee
}

// Week is the ISO week of t on the Estonian calendar, e.g. "2026-W48": the digest goes out
// once per week.
func Week(t time.Time) string {
	y, w := t.In(kovit.Estonia).ISOWeek()
	return fmt.Sprintf("%d-W%02d", y, w)
}

// Due reports whether the week's digest should go out at now, given the week it last went
// out: from Monday 07:00 Estonian time, or later in the week if the server was down then.
func Due(now time.Time, lastWeek string) bool {
	local := now.In(kovit.Estonia)
	if local.Weekday() == time.Monday && local.Hour() < 7 {
		return false
	}
	return Week(now) != lastWeek
}

// Send mails every active user with something needing attention and returns how many were
// sent. A failed delivery does not stop the others; their errors are returned together.
func (d Digest) Send(ctx context.Context, now time.Time) (int, error) {
	users, err := d.activeUsers(ctx)
	if err != nil {
		return 0, err
	}
	ms, _, err := d.Store.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
	if err != nil {
		return 0, err
	}
	names := map[string]string{}
	for _, m := range ms {
		names[m.EHAK] = m.Name
	}
	sent := 0
	var failed []error
	strategies := map[int64]plan.Strategy{}
	for _, u := range users {
		if u.Email == "" {
			continue // a commenter signed up by eID has no address to mail
		}
		f := plan.AttentionFilter{ContactID: u.ID}
		scope := auth.ListScope(&u)
		f.Participations = scope.Municipality
		items, err := d.Store.Attention(ctx, f, now)
		// An editor of several municipalities hears of each one's parts too (issue 12);
		// their contact items came with the first.
		for _, e := range scope.Municipalities() {
			if err != nil || e == scope.Municipality {
				continue
			}
			var more []plan.AttentionItem
			more, err = d.Store.Attention(ctx, plan.AttentionFilter{Participations: e}, now)
			items = append(items, more...)
		}
		if err == nil {
			items, err = d.readable(ctx, &u, items, strategies)
		}
		if err != nil {
			return sent, err
		}
		if len(items) == 0 {
			continue
		}
		if err := d.Mail.Send(ctx, d.message(u, items, names)); err != nil {
			failed = append(failed, err)
			continue
		}
		sent++
	}
	return sent, errors.Join(failed...)
}

// readable keeps the items of the strategies u may read, by the pages' rule (plan.CheckRead):
// a contact person of an activity in another municipality's draft plan hears nothing of
// it. strategies keeps each strategy loaded once for all users.
func (d Digest) readable(ctx context.Context, u *auth.User, items []plan.AttentionItem, strategies map[int64]plan.Strategy) ([]plan.AttentionItem, error) {
	may := auth.StrategyReader(u)
	out := items[:0:0]
	for _, it := range items {
		s, ok := strategies[it.StrategyID]
		if !ok {
			var err error
			if s, err = d.Store.Strategy(ctx, it.StrategyID); err != nil {
				return nil, err
			}
			strategies[it.StrategyID] = s
		}
		switch err := plan.CheckRead(ctx, d.Store, s, may); kovit.ErrorCode(err) {
		case "":
			out = append(out, it)
		case kovit.ENotFound:
		default:
			return nil, err
		}
	}
	return out, nil
}

// activeUsers lists every active user, page by page.
func (d Digest) activeUsers(ctx context.Context) ([]auth.User, error) {
	active := true
	var all []auth.User
	for {
		page, total, err := d.Store.ListUsers(ctx, auth.UserFilter{Active: &active, Limit: 500, Offset: len(all)})
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		if len(page) == 0 || len(all) >= total {
			return all, nil
		}
	}
}

// message writes one user's digest: Estonian first, then the same in English, as kovit
// does not know which its reader prefers.
func (d Digest) message(u auth.User, items []plan.AttentionItem, names map[string]string) mail.Message {
	et, en := d.Catalog.Printer("et"), d.Catalog.Printer("en")
	subject := et.T("digest.subject", "Count", len(items)) + " / " + en.T("digest.subject", "Count", len(items))
	var b strings.Builder
	for i, p := range []*i18n.Printer{et, en} {
		if i > 0 {
			b.WriteString("\n-- \n\n")
		}
		d.write(&b, p, u, items, names)
	}
	return mail.Message{To: []string{u.Email}, Subject: subject, Text: b.String()}
}

func (d Digest) write(b *strings.Builder, p *i18n.Printer, u auth.User, items []plan.AttentionItem, names map[string]string) {
	fmt.Fprintf(b, "%s\n\n%s\n", p.T("digest.greeting", "Name", u.Name), p.T("digest.intro"))
	for _, kind := range []plan.AttentionKind{plan.StaleActivity, plan.OverdueTask, plan.OverdueParticipant} {
		heading := false
		for _, it := range items {
			if it.Kind != kind {
				continue
			}
			if !heading {
				fmt.Fprintf(b, "\n%s\n", p.T("digest.kind."+string(kind)))
				heading = true
			}
			title := pick(p.Lang, it.ActivityTitleEt, it.ActivityTitleEn)
			line := it.ActivityCode + " " + title
			switch kind {
			case plan.OverdueTask:
				line = pick(p.Lang, it.TaskTitleEt, it.TaskTitleEn) + " (" + line + ")"
			case plan.OverdueParticipant:
				line = names[it.MunicipalityEHAK] + ": " + line
			}
			fmt.Fprintf(b, "- %s — %s\n  %s/plan/activities/%d\n", line, p.T("digest.days", "Count", it.Days), d.BaseURL, it.ActivityID)
		}
	}
	fmt.Fprintf(b, "\n%s\n", p.T("digest.footer", "URL", d.BaseURL+"/plan/attention"))
}

// pick is the text in lang, or the other language's where it is missing.
func pick(lang, et, en string) string {
	if (lang == "en" && en != "") || et == "" {
		return en
	}
	return et
}
