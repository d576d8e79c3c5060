package web

import (
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"kovit/internal/auth"
	"kovit/internal/i18n"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// taskView is what the activity page's task forms show: the values and problems of the
// one form that was sent, so a failed save comes back with what was typed.
type taskView struct {
	TaskForm form
	TaskID   int64     // the task whose form was sent; 0 for the new-task form
	NewTask  plan.Task // the new-task form's values
	TaskEdit plan.Task // the edited task's values, when TaskID is set
}

// taskFieldsView is one task form's title and due fields, for the "task-fields" partial.
type taskFieldsView struct {
	L      *i18n.Printer
	Prefix string // makes the fields' ids unique on the page
	T      plan.Task
	Due    string
	form   *form // the problems, when this is the form that was sent
	// Contacts are whom the task may be given to: the activity's contact persons.
	Contacts []contactRow
}

// Assigned reports whether the form's task is given to contact id.
func (v taskFieldsView) Assigned(id int64) bool {
	return v.T.AssigneeID != nil && *v.T.AssigneeID == id
}

// Error is the message for field of this form, or "".
func (v taskFieldsView) Error(field string) string {
	if v.form == nil {
		return ""
	}
	return v.form.Error(v.L, field)
}

// TaskPrefix is the id prefix of task id's form fields; 0 is the new-task form.
func (p planActivityPage) TaskPrefix(id int64) string {
	if id == 0 {
		return "k-new"
	}
	return "k" + strconv.FormatInt(id, 10)
}

// TaskInput is what task t's edit form shows: what was typed when its save failed.
func (p planActivityPage) TaskInput(t plan.Task) plan.Task {
	if p.TaskID != 0 && p.TaskID == t.ID {
		return p.TaskEdit
	}
	return t
}

// TaskFields describes the title and due fields of the form for t.
func (p planActivityPage) TaskFields(t plan.Task) taskFieldsView {
	v := taskFieldsView{L: p.L, Prefix: p.TaskPrefix(t.ID), T: t, Due: dateValue(t.Due), Contacts: p.Links.Contacts}
	if t.ID == p.TaskID {
		v.form = &p.TaskForm
	}
	return v
}

// TaskStates are the choices of a task's state, in the order work goes.
func (p planActivityPage) TaskStates() []plan.TaskState {
	return []plan.TaskState{plan.TaskNotStarted, plan.TaskInProgress, plan.TaskDone, plan.TaskCancelled}
}

// readTask puts the task form's title and due date over t.
func readTask(r *http.Request, t plan.Task, problems *kovit.Problems) plan.Task {
	t.TitleEt = strings.TrimSpace(r.PostFormValue("title_et"))
	t.TitleEn = strings.TrimSpace(r.PostFormValue("title_en"))
	t.Due = optionalDate(r, "due", problems)
	t.AssigneeID = nil
	if s := r.PostFormValue("assignee_id"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			problems.Add("assignee_id", "plan.error.assignee_not_contact")
		} else {
			t.AssigneeID = &id
		}
	}
	return t
}

// planTaskCreate adds a task at the end of an activity's list.
func (ui *UI) planTaskCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p, err := ui.editablePlanActivity(r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	k := readTask(r, plan.Task{ActivityID: p.N.ID, State: plan.TaskNotStarted}, &problems)
	status, problems, err := trySave(problems, func() error { _, err := ui.Plans.CreateTask(ctx, k); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, p.Path()+"#tasks-h", "flash.saved")
	}
	p.NewTask, p.TaskForm.Problems = k, problems
	ui.render(w, r, status, "plan/activity", p)
	return nil
}

// editableTask loads a task and its activity's page for someone who may edit the
// activity's strategy; an unknown task is refused as a national one would be.
func (ui *UI) editableTask(r *http.Request) (plan.Task, planActivityPage, error) {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return plan.Task{}, planActivityPage{}, err
	}
	k, err := ui.Plans.Task(ctx, id)
	if err != nil {
		return k, planActivityPage{}, auth.HideMissing(auth.UserFrom(ctx), err)
	}
	if err := ui.mayEditStrategyID(ctx, k.ActivityID, true); err != nil {
		return k, planActivityPage{}, err
	}
	p, err := ui.loadPlanActivityID(r, k.ActivityID)
	return k, p, err
}

// planTaskUpdate changes a task's title, due date and state; reaching done stamps who
// and when (the store's plan.CompletionStamp).
func (ui *UI) planTaskUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	stored, p, err := ui.editableTask(r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	k := readTask(r, stored, &problems)
	k.State = plan.TaskState(r.PostFormValue("state"))
	k.Version = formInt(r, "version", &problems)
	status, problems, err := trySave(problems, func() error { _, err := ui.Plans.UpdateTask(ctx, k); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, p.Path()+"#task-"+strconv.FormatInt(k.ID, 10), "flash.saved")
	}
	p.TaskForm.refused(p.L, status, problems, &k.Version, stored.Version)
	p.TaskID, p.TaskEdit = k.ID, k
	ui.render(w, r, status, "plan/activity", p)
	return nil
}

// planTaskDelete removes a task.
func (ui *UI) planTaskDelete(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	stored, p, err := ui.editableTask(r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	version := formInt(r, "version", &problems)
	status, problems, err := trySave(problems, func() error { return ui.Plans.DeleteTask(ctx, stored.ID, version) })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, p.Path()+"#tasks-h", "planedit.flash.task_deleted")
	}
	p.TaskID, p.TaskEdit = stored.ID, stored
	p.TaskForm.refused(p.L, status, problems, nil, 0)
	ui.render(w, r, status, "plan/activity", p)
	return nil
}

// TaskHeading is the tasks' section heading: the strategy's name for the level of tasks,
// which it may call e.g. "samm", capitalised as a heading.
func (p planActivityPage) TaskHeading() string {
	name := p.LevelName(p.S.Levels, plan.TaskLevel)
	r, size := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[size:]
}

// AssigneeName names a task's assignee among the activity's contacts; "" for nobody or
// someone no longer a contact.
func (p planActivityPage) AssigneeName(id *int64) string {
	if id == nil {
		return ""
	}
	for _, c := range p.Links.Contacts {
		if c.ID == *id {
			return c.Name
		}
	}
	return ""
}
