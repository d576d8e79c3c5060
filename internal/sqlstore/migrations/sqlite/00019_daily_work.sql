-- +goose Up
-- An editor may work for several municipalities (issue 12: IT staff shared by two small
-- ones). users.municipality_ehak stays the primary one; this table holds the others, in
-- the order the admin listed them.
CREATE TABLE user_municipalities (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    municipality_ehak TEXT NOT NULL REFERENCES municipalities (ehak),
    position         INTEGER NOT NULL,
    UNIQUE (user_id, municipality_ehak)
);
CREATE INDEX user_municipalities_ehak ON user_municipalities (municipality_ehak);

-- What each user follows (internal/follow): a reader's desk lists the changes in these.
-- A personal choice like the notification settings, so it writes no audit event.
CREATE TABLE follows (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('municipality', 'service', 'strategy')),
    subject    TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (user_id, kind, subject)
);

-- A task is given to one of its activity's contact persons, who is told (task_assigned).
ALTER TABLE plan_tasks ADD COLUMN assignee_id INTEGER REFERENCES users (id);
