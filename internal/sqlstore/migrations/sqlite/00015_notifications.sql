-- +goose Up
-- The language a user's mail is written in.
ALTER TABLE users ADD COLUMN lang TEXT NOT NULL DEFAULT 'et' CHECK (lang IN ('et', 'en'));

-- notifications is the outbox and the in-app list (internal/notify): a row per recipient
-- of an event, written in the transaction of the change. delivery is the recipient's choice
-- when it was made; mailed_at is set when the mail job claims it. dedup_key makes a
-- scheduled event once per recipient.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    kind       TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    title      TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    delivery   TEXT NOT NULL CHECK (delivery IN ('immediate', 'daily', 'weekly', 'never')),
    dedup_key  TEXT,
    created_at TIMESTAMP NOT NULL,
    read_at    TIMESTAMP,
    mailed_at  TIMESTAMP,
    UNIQUE (user_id, dedup_key)
);
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_outbox ON notifications (delivery, created_at) WHERE mailed_at IS NULL;

-- A user's choice of delivery per kind; a kind without a row has its default.
CREATE TABLE notification_prefs (
    user_id  INTEGER NOT NULL REFERENCES users (id),
    kind     TEXT NOT NULL,
    delivery TEXT NOT NULL CHECK (delivery IN ('immediate', 'daily', 'weekly', 'never')),
    PRIMARY KEY (user_id, kind)
);
