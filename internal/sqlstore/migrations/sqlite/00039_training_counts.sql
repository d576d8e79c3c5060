-- +goose Up
-- Completions by count (issue 14): a municipality that does not name its staff records
-- how many people in a role completed a training on a day.
CREATE TABLE training_counts (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_ehak TEXT NOT NULL REFERENCES municipalities (ehak),
    role              TEXT NOT NULL,
    training_id       INTEGER NOT NULL REFERENCES trainings (id),
    completed_on      TEXT NOT NULL,
    expires_on        TEXT NOT NULL DEFAULT '',
    people            INTEGER NOT NULL CHECK (people > 0),
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TIMESTAMP NOT NULL
);
CREATE INDEX training_counts_municipality ON training_counts (municipality_ehak, role);
CREATE INDEX training_counts_training ON training_counts (training_id);
