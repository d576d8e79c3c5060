package sqlstore

import (
	"context"
	"strconv"
	"strings"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/notify"
	"kovit/internal/plan"
)

// checkAssignee refuses a task's assignee who is not a contact person of its activity: a
// task is given to someone who runs the activity, and who may therefore read it.
func (t *tx) checkAssignee(ctx context.Context, k plan.Task) error {
	if k.AssigneeID == nil {
		return nil
	}
	contacts, err := t.nodeContacts(ctx, k.ActivityID)
	if err != nil {
		return err
	}
	if !contacts[*k.AssigneeID] {
		var p kovit.Problems
		p.Add("assignee_id", "plan.error.assignee_not_contact")
		return p.Err()
	}
	return nil
}

// emitAssigned tells a task's assignee that it was given to them, when it was to nobody
// or someone else before (and not by themselves: emit tells nobody of their own change).
func (t *tx) emitAssigned(ctx context.Context, k plan.Task, before *int64) error {
	if k.AssigneeID == nil || sameID(before, k.AssigneeID) {
		return nil
	}
	n, err := nodeFrom(ctx, t, k.ActivityID)
	if err != nil {
		return err
	}
	title := k.TitleEt
	if title == "" {
		title = k.TitleEn
	}
	return t.emit(ctx, notify.Event{Kind: notify.TaskAssigned, Entity: audit.KindPlanNode, EntityID: strconv.FormatInt(k.ActivityID, 10),
		Users: []int64{*k.AssigneeID}, Title: title, Reason: strings.TrimSpace(n.Code + " " + n.TitleEt)})
}

func sameID(a, b *int64) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }
