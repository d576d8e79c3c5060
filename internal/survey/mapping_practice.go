package survey

import (
	"math"
	"slices"
	"strings"

	"kovit/internal/edemocracy"
	"kovit/internal/kovit"
)

// MapsPractice prefixes a mapping to a field of the municipality's e-democracy practice,
// e.g. "practice:streaming": a survey collects the practices the first time, and each
// approved response proposes its answers to the municipality's record.
const MapsPractice = "practice:"

// practiceFields are the practice's fields a question may map to, by the question type
// that fits each: a yes/no field takes a single choice of two options, the first meaning
// yes ("jah", "ei").
var practiceFields = map[string]Type{
	"council_system": Text, "public_modules": Multiple, "streaming": Single, "recordings": Single,
	"budget_year": Number, "budget_amount": Number, "budget_votes": Number, "consultations": Number,
	"initiative_threshold": Number, "rahvaalgatus": Single, "open_data_url": Text,
}

// practiceMapValid reports whether q fits the practice field it maps to.
func practiceMapValid(q Question) bool {
	field := strings.TrimPrefix(q.Maps, MapsPractice)
	t, ok := practiceFields[field]
	switch {
	case !ok || q.Type != t:
		return false
	case t == Single:
		return len(q.Options) == 2
	case field == "public_modules":
		for _, o := range q.Options {
			if !slices.Contains(edemocracy.Modules, o) {
				return false
			}
		}
	}
	return true
}

// PracticeProposal is the municipality's practice as an approved response r proposes it:
// current with every mapped answer written in, and the fields that differ. Other
// responses, and answers left empty, propose nothing. It is saved only through the
// e-democracy module's own save (its validation, version check and audit), at current's
// version.
func PracticeProposal(s Survey, r Response, current edemocracy.Practice) (edemocracy.Practice, []string) {
	if r.State != Approved {
		return current, nil
	}
	p := current
	p.PublicModules = slices.Clone(current.PublicModules)
	for _, q := range s.Questions {
		field, ok := strings.CutPrefix(q.Maps, MapsPractice)
		a, answered := r.Answers[q.Key]
		if !ok || !answered || a.Empty() {
			continue
		}
		whole := func() *int {
			if a.Number == nil {
				return nil
			}
			n := int(math.Round(*a.Number))
			return &n
		}
		yes := len(q.Options) == 2 && a.Text == q.Options[0]
		switch field {
		case "council_system":
			p.CouncilSystem = a.Text
		case "open_data_url":
			p.OpenDataURL = a.Text
		case "public_modules":
			p.PublicModules = slices.Clone(a.Choices)
		case "streaming":
			p.Streaming = yes
		case "recordings":
			p.Recordings = yes
		case "rahvaalgatus":
			p.Rahvaalgatus = yes
		case "budget_year":
			p.BudgetYear = whole()
		case "budget_votes":
			p.BudgetVotes = whole()
		case "initiative_threshold":
			p.InitiativeThreshold = whole()
		case "consultations":
			if n := whole(); n != nil {
				p.Consultations = *n
			}
		case "budget_amount":
			if a.Number != nil {
				m := kovit.Money(math.Round(*a.Number * 100))
				p.BudgetAmount = &m
			}
		}
	}
	p.Normalize()
	return p, practiceChanges(current, p)
}

// practiceChanges lists the fields in which b differs from a, in practiceFields' form order.
func practiceChanges(a, b edemocracy.Practice) []string {
	eqInt := func(x, y *int) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	eqMoney := func(x, y *kovit.Money) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	var out []string
	for _, c := range []struct {
		field string
		same  bool
	}{
		{"council_system", a.CouncilSystem == b.CouncilSystem}, {"public_modules", slices.Equal(a.PublicModules, b.PublicModules)},
		{"streaming", a.Streaming == b.Streaming}, {"recordings", a.Recordings == b.Recordings},
		{"budget_year", eqInt(a.BudgetYear, b.BudgetYear)}, {"budget_amount", eqMoney(a.BudgetAmount, b.BudgetAmount)},
		{"budget_votes", eqInt(a.BudgetVotes, b.BudgetVotes)}, {"consultations", a.Consultations == b.Consultations},
		{"initiative_threshold", eqInt(a.InitiativeThreshold, b.InitiativeThreshold)}, {"rahvaalgatus", a.Rahvaalgatus == b.Rahvaalgatus},
		{"open_data_url", a.OpenDataURL == b.OpenDataURL},
	} {
		if !c.same {
			out = append(out, c.field)
		}
	}
	return out
}
