package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// activityChoices are what the activity's edit form offers beyond its own fields: the
// users who may be contact persons, the strategy's other activities, and, for a
// municipality's own plan, the national activities it may contribute to. Loaded only for
// those who may edit, as the public page needs none of it.
type activityChoices struct {
	// Partners leaves out municipalities, which take part as participants, unless one is
	// already a partner (through the API or an import), so that saving the form keeps it.
	Partners []plan.Organisation
	Contacts []auth.User
	Related  []choice
	National []choiceGroup // by national strategy; empty for a national plan
	// The budgets as typed, so a mistyped amount comes back for correcting.
	PlannedBudget, ActualBudget string
}

// choice is one option of a list: a node with its code and title in the page's language.
type choice struct {
	ID    int64
	Label string
}

// choiceGroup is an <optgroup> of choices.
type choiceGroup struct {
	Label   string
	Choices []choice
}

// Has reports whether ids holds id, to check a box or select an option.
func (p planActivityPage) Has(ids []int64, id int64) bool { return slices.Contains(ids, id) }

// ContributesTo is the national activity's id as an option value; 0 is none.
func (p planActivityPage) ContributesTo() int64 {
	if p.Edit.ContributesTo == nil {
		return 0
	}
	return *p.Edit.ContributesTo
}

// loadActivityChoices fills p.Choices for the edit form.
func (ui *UI) loadActivityChoices(ctx context.Context, p *planActivityPage) error {
	active := true
	users, _, err := ui.Users.ListUsers(ctx, auth.UserFilter{Active: &active, Limit: 500})
	if err != nil {
		return err
	}
	owner, err := plan.OwnerEHAK(ctx, ui.Plans, p.S)
	if err != nil {
		return err
	}
	p.Choices = activityChoices{PlannedBudget: moneyValue(p.Edit.PlannedBudget, p.L.Lang),
		ActualBudget: moneyValue(p.Edit.ActualBudget, p.L.Lang)}
	emails := auth.Allowed(auth.CanListEmails(auth.UserFrom(ctx)))
	for _, u := range users {
		// Only who may be a contact, and who already is, so that saving keeps them.
		if !auth.CanBeContact(u, owner) && !slices.Contains(p.Edit.ContactIDs, u.ID) {
			continue
		}
		if !emails {
			u.Email = ""
		}
		p.Choices.Contacts = append(p.Choices.Contacts, u)
	}
	for _, o := range p.Orgs {
		if o.Kind != plan.Municipality || slices.Contains(p.Edit.PartnerOrgIDs, o.ID) {
			p.Choices.Partners = append(p.Choices.Partners, o)
		}
	}
	t, err := ui.Plans.StrategyTree(ctx, p.S.ID)
	if err != nil {
		return err
	}
	p.Choices.Related = p.activityChoiceList(t, p.N.ID)
	if p.S.OwnerID == nil {
		return nil
	}
	all, _, err := ui.Plans.ListStrategies(ctx, plan.StrategyFilter{Limit: 500})
	if err != nil {
		return err
	}
	for _, s := range all {
		if s.OwnerID != nil {
			continue
		}
		nt, err := ui.Plans.StrategyTree(ctx, s.ID)
		if err != nil {
			return err
		}
		title, _ := s.Title(p.L.Lang)
		p.Choices.National = append(p.Choices.National, choiceGroup{Label: title, Choices: p.activityChoiceList(nt, 0)})
	}
	return nil
}

// activityChoiceList lists a tree's activities, but not the one with id except.
func (p planActivityPage) activityChoiceList(t plan.Tree, except int64) []choice {
	var out []choice
	t.Walk(plan.ActivityFilter{}, func(n plan.Node, _ int, _ bool) {
		if n.Kind == plan.Activity && n.ID != except {
			title, _ := n.Title(p.L.Lang)
			out = append(out, choice{ID: n.ID, Label: strings.TrimSpace(n.Code + " " + title)})
		}
	})
	return out
}

// readActivityForm puts the activity form's fields over n. A field the request does not
// send stays as stored, so a smaller form, such as a script's, changes only what it names;
// the page's form sends every list, even empty, through a hidden empty value.
func readActivityForm(r *http.Request, n plan.Node, c *activityChoices, problems *kovit.Problems) plan.Node {
	sent := func(name string) bool { _, ok := r.PostForm[name]; return ok }
	text := func(name string, to *string) {
		if sent(name) {
			*to = strings.TrimSpace(r.PostFormValue(name))
		}
	}
	text("code", &n.Code)
	text("title_et", &n.TitleEt)
	text("title_en", &n.TitleEn)
	text("description_et", &n.DescriptionEt)
	text("description_en", &n.DescriptionEn)
	text("funding_source", &n.FundingSource)
	text("internal_note", &n.InternalNote)
	n.Status = r.PostFormValue("status")
	n.Completion = formInt(r, "completion", problems)
	n.Weight = formFloat(r, "weight", problems)
	n.Start, n.End = optionalDate(r, "start", problems), optionalDate(r, "end", problems)
	n.Version = formInt(r, "version", problems)
	for _, f := range []struct {
		name string
		to   **int64
		key  string
	}{{"lead_org_id", &n.LeadOrgID, "plan.error.unknown_organisation"}, {"contributes_to", &n.ContributesTo, "plan.error.unknown_activity"}} {
		if sent(f.name) {
			*f.to = optionalID(r, f.name, f.key, problems)
		}
	}
	for _, f := range []struct {
		name string
		to   *[]int64
		key  string
	}{{"partner_org_ids", &n.PartnerOrgIDs, "plan.error.unknown_organisation"}, {"contact_ids", &n.ContactIDs, "plan.error.unknown_user"},
		{"related_ids", &n.RelatedIDs, "plan.error.unknown_activity"}} {
		if sent(f.name) {
			*f.to = formIDs(r, f.name, f.key, problems)
		}
	}
	for _, f := range []struct {
		name  string
		to    **kovit.Money
		typed *string
	}{{"planned_budget", &n.PlannedBudget, &c.PlannedBudget}, {"actual_budget", &n.ActualBudget, &c.ActualBudget}} {
		if sent(f.name) {
			*f.typed = strings.TrimSpace(r.PostFormValue(f.name))
			*f.to = formMoney(r, f.name, "plan.error.money", problems)
		}
	}
	return n
}

// optionalID reads a chosen id; empty or 0 is none.
func optionalID(r *http.Request, name, key string, problems *kovit.Problems) *int64 {
	v := r.PostFormValue(name)
	if v == "" || v == "0" {
		return nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		problems.Add(name, key)
		return nil
	}
	return &id
}

// PartnerNames lists the partner organisations' names, or "" for none.
func (p planActivityPage) PartnerNames() string {
	var names []string
	for _, id := range p.N.PartnerOrgIDs {
		names = append(names, p.OrgName(&id))
	}
	return strings.Join(names, ", ")
}

// Euros shows an amount for reading, e.g. "12 500,00 €"; "" when none is given.
func (p planActivityPage) Euros(m *kovit.Money) string {
	if m == nil {
		return ""
	}
	// A float is exact enough for showing any budget to the cent.
	return p.L.Num(float64(*m)/100, 2) + " €"
}
