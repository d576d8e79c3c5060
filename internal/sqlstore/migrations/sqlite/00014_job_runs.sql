-- +goose Up
-- The record of each scheduled job (internal/jobs): when it last started and ended, how
-- it ended, and when it last succeeded, which is what its schedule reads. runs counts the
-- starts: a start names the count it saw, so two runners cannot both start one run.
CREATE TABLE job_runs (
    name           TEXT PRIMARY KEY,
    runs           INTEGER NOT NULL DEFAULT 0,
    last_started   TIMESTAMP,
    last_finished  TIMESTAMP,
    last_succeeded TIMESTAMP,
    last_error     TEXT NOT NULL DEFAULT ''
);
