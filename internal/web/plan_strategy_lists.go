package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// The strategy form's level names and status list (plan_strategy_edit.go). A form that
// sends neither, such as a script's, leaves them as stored.

// levelRow is one level's name fields; Field is the name the form's inputs start with and
// the validation's field ("levels.goal").
type levelRow struct {
	Field  string
	Legend string // the message key of the fieldset's legend
	Name   plan.LevelName
}

// LevelRows are the four levels, from the top, with the form's values.
func (p planStrategyEditPage) LevelRows() []levelRow {
	l := p.Edit.Levels
	return []levelRow{
		{"levels.goal", "planui.strategy_edit.level_goal", l.Goal},
		{"levels.direction", "planui.strategy_edit.level_direction", l.Direction},
		{"levels.activity", "planui.strategy_edit.level_activity", l.Activity},
		{"levels.task", "planui.strategy_edit.level_task", l.Task},
	}
}

// statusRow is one row of the status table: a status, whether the user ticked it for
// removal, and its place, which names its inputs ("statuses.2.key").
type statusRow struct {
	I      int
	S      plan.Status
	Remove bool
}

// Field is the row's validation field and the id of its first input.
func (r statusRow) Field() string { return "statuses." + strconv.Itoa(r.I) }

// statusRows are the stored statuses as the form's rows.
func statusRows(ss plan.Statuses) []statusRow {
	out := make([]statusRow, len(ss))
	for i, s := range ss {
		out[i] = statusRow{I: i, S: s}
	}
	return out
}

// withBlank adds n empty rows for new statuses.
func withBlank(rows []statusRow, n int) []statusRow {
	for range n {
		rows = append(rows, statusRow{I: len(rows)})
	}
	return rows
}

// readLevels puts the form's level names over l when the form sent them.
func readLevels(r *http.Request, l plan.Levels) plan.Levels {
	for _, f := range []struct {
		name string
		to   *plan.LevelName
	}{{"levels.goal", &l.Goal}, {"levels.direction", &l.Direction}, {"levels.activity", &l.Activity}, {"levels.task", &l.Task}} {
		if _, sent := r.PostForm[f.name+".et"]; sent {
			*f.to = plan.LevelName{Et: strings.TrimSpace(r.PostFormValue(f.name + ".et")), En: strings.TrimSpace(r.PostFormValue(f.name + ".en"))}
		}
	}
	return l
}

// maxStatuses bounds the rows a form may send; a strategy needs a handful.
const maxStatuses = 50

// readStatuses reads the status table: every row the form sent but the empty ones, and of
// them the list to save, without the rows ticked for removal. sent is false when the form
// has no table, and the stored list stays.
func readStatuses(r *http.Request, problems *kovit.Problems) (rows []statusRow, list plan.Statuses, sent bool) {
	if _, ok := r.PostForm["statuses.count"]; !ok {
		return nil, nil, false
	}
	n := formInt(r, "statuses.count", problems)
	for i := range min(max(n, 0), maxStatuses) {
		pre := "statuses." + strconv.Itoa(i) + "."
		v := func(name string) string { return strings.TrimSpace(r.PostFormValue(pre + name)) }
		s := plan.Status{Key: v("key"), NameEt: v("name_et"), NameEn: v("name_en"), Colour: v("colour"),
			Done: v("done") != "", Cancelled: v("cancelled") != ""}
		if s.Key == "" && s.NameEt == "" && s.NameEn == "" {
			continue // the empty row for a new status, left empty
		}
		row := statusRow{I: len(rows), S: s, Remove: v("remove") != ""}
		rows = append(rows, row)
		if !row.Remove {
			list = append(list, s)
		}
	}
	if len(list) == 0 {
		// Saved empty, the list would silently become the defaults again.
		problems.Add("statuses", "error.required")
	}
	return rows, list, true
}

// checkRemovals names each row ticked for removal whose status an activity or participant
// of the strategy still uses, so the user sees which one; the store refuses such a change
// too, but only for the list as a whole.
func (ui *UI) checkRemovals(ctx context.Context, strategyID int64, rows []statusRow, problems *kovit.Problems) error {
	t, err := ui.Plans.StrategyTree(ctx, strategyID)
	if err != nil {
		return err
	}
	used := map[string]bool{}
	for _, n := range t.Nodes {
		if n.Kind == plan.Activity {
			used[n.Status] = true
		}
	}
	for _, pt := range t.Participants {
		used[pt.Status] = true
	}
	for _, row := range rows {
		if row.Remove && used[row.S.Key] {
			problems.Add(row.Field(), "plan.error.status_in_use")
		}
	}
	return nil
}

// Row is the row's number as the user counts, for the inputs' labels.
func (r statusRow) Row() int { return r.I + 1 }

// ColourValue is the colour for an <input type=color>, which shows anything but #rrggbb
// as black: an empty row starts grey, the colour of "not started".
func (r statusRow) ColourValue() string {
	if plan.ValidColour(r.S.Colour) {
		return r.S.Colour
	}
	return "#999999"
}
