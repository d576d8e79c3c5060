-- +goose Up
-- Progress updates on activities, and periodic reports that freeze a strategy's state.
CREATE TABLE plan_updates (
    id          INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES plan_nodes (id) ON DELETE CASCADE,
    body        TEXT NOT NULL,
    refers_to   TEXT NOT NULL, -- 'YYYY-MM-DD', the day the update speaks of
    author_id   INTEGER, -- a user, like audit_events.actor_id: accounts are deactivated, never deleted
    author_name TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX plan_updates_activity ON plan_updates (activity_id, refers_to);

-- A complete report's state is one JSON document (plan.Snapshot): it is only ever read
-- whole, and as a document it keeps its shape whatever the plan tables become later.
CREATE TABLE plan_reports (
    id           INTEGER PRIMARY KEY,
    strategy_id  INTEGER NOT NULL REFERENCES plan_strategies (id),
    title_et     TEXT NOT NULL,
    title_en     TEXT NOT NULL DEFAULT '',
    period_start TEXT NOT NULL,
    period_end   TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('open', 'complete')),
    frozen       TEXT, -- JSON plan.Snapshot, set once when completed
    completed_at TIMESTAMP,
    completed_by TEXT NOT NULL DEFAULT '',
    created_by   TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    CHECK ((status = 'complete') = (frozen IS NOT NULL))
);
CREATE INDEX plan_reports_strategy ON plan_reports (strategy_id, period_end);
