package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/plan"
)

const taskColumns = `id, activity_id, title_et, title_en, due_date, state, position, completed_at, completed_by,
	version, updated_at, updated_by, assignee_id`

func scanTask(row scanner) (plan.Task, error) {
	var t plan.Task
	var due sql.NullString
	err := row.Scan(&t.ID, &t.ActivityID, &t.TitleEt, &t.TitleEn, &due, &t.State, &t.Position, &t.CompletedAt,
		&t.CompletedBy, &t.Version, &t.UpdatedAt, &t.UpdatedBy, &t.AssigneeID)
	t.Due = dayFrom(due)
	return t, err
}

// tasksFrom reads the tasks that filter (a WHERE clause) selects, each activity's in order.
func tasksFrom(ctx context.Context, q querier, filter string, args ...any) ([]plan.Task, error) {
	rows, err := q.query(ctx, `SELECT `+taskColumns+` FROM plan_tasks`+filter+` ORDER BY activity_id, position, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: tasks: %w", err)
	}
	defer rows.Close()
	var out []plan.Task
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Tasks implements plan.Store.
func (s *Store) Tasks(ctx context.Context, activityID int64) ([]plan.Task, error) {
	return tasksFrom(ctx, s, " WHERE activity_id = ?", activityID)
}

func taskFrom(ctx context.Context, q querier, id int64) (plan.Task, error) {
	k, err := scanTask(q.queryRow(ctx, `SELECT `+taskColumns+` FROM plan_tasks WHERE id = ?`, id))
	return k, notFound(err)
}

// Task implements plan.Store.
func (s *Store) Task(ctx context.Context, id int64) (plan.Task, error) {
	return taskFrom(ctx, s, id)
}

// CreateTask implements plan.Store: the task goes last under its activity.
func (s *Store) CreateTask(ctx context.Context, k plan.Task) (plan.Task, error) {
	if err := k.Validate(); err != nil {
		return k, err
	}
	var out plan.Task
	err := s.transact(ctx, func(tx *tx) error {
		if _, _, err := tx.activity(ctx, k.ActivityID); err != nil {
			return err
		}
		if err := tx.checkAssignee(ctx, k); err != nil {
			return err
		}
		if err := tx.queryRow(ctx, `SELECT COALESCE(MAX(position) + 1, 0) FROM plan_tasks WHERE activity_id = ?`, k.ActivityID).Scan(&k.Position); err != nil {
			return err
		}
		now, by := s.now(), actorOf(ctx).name
		at, atBy := plan.CompletionStamp(plan.Task{}, k.State, now, by)
		id, err := tx.insert(ctx, `INSERT INTO plan_tasks (activity_id, title_et, title_en, due_date, state, position,
			completed_at, completed_by, version, updated_at, updated_by, assignee_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
			k.ActivityID, k.TitleEt, k.TitleEn, dayArg(k.Due), string(k.State), k.Position, at, atBy, now, by, k.AssigneeID)
		if err != nil {
			return fmt.Errorf("sqlstore: insert task: %w", err)
		}
		if out, err = taskFrom(ctx, tx, id); err != nil {
			return err
		}
		if err := tx.record(ctx, audit.KindTask, strconv.FormatInt(id, 10), audit.Create, nil, out); err != nil {
			return err
		}
		return tx.emitAssigned(ctx, out, nil)
	})
	return out, err
}

// UpdateTask implements plan.Store. The completion stamp follows the state (see
// plan.CompletionStamp); what the input says of it is ignored.
func (s *Store) UpdateTask(ctx context.Context, k plan.Task) (plan.Task, error) {
	if err := k.Validate(); err != nil {
		return k, err
	}
	var after plan.Task
	err := s.transact(ctx, func(tx *tx) error {
		before, err := taskFrom(ctx, tx, k.ID)
		if err != nil {
			return err
		}
		if err := tx.writable(ctx, before.ActivityID, true); err != nil {
			return err
		}
		k.ActivityID = before.ActivityID
		// An assignee since removed from the contacts stays until the task is given anew.
		if !sameID(k.AssigneeID, before.AssigneeID) {
			if err := tx.checkAssignee(ctx, k); err != nil {
				return err
			}
		}
		now, by := s.now(), actorOf(ctx).name
		at, atBy := plan.CompletionStamp(before, k.State, now, by)
		res, err := tx.exec(ctx, `UPDATE plan_tasks SET title_et = ?, title_en = ?, due_date = ?, state = ?, completed_at = ?,
			completed_by = ?, assignee_id = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?`,
			k.TitleEt, k.TitleEn, dayArg(k.Due), string(k.State), at, atBy, k.AssigneeID, now, by, k.ID, k.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: update task: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = taskFrom(ctx, tx, k.ID); err != nil {
			return err
		}
		if err := tx.record(ctx, audit.KindTask, strconv.FormatInt(k.ID, 10), audit.Update, before, after); err != nil {
			return err
		}
		return tx.emitAssigned(ctx, after, before.AssigneeID)
	})
	return after, err
}

// DeleteTask implements plan.Store.
func (s *Store) DeleteTask(ctx context.Context, id int64, version int) error {
	return s.transact(ctx, func(tx *tx) error {
		before, err := taskFrom(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := tx.writable(ctx, before.ActivityID, true); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `DELETE FROM plan_tasks WHERE id = ? AND version = ?`, id, version)
		if err != nil {
			return fmt.Errorf("sqlstore: delete task: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindTask, strconv.FormatInt(id, 10), audit.Delete, before, nil)
	})
}
