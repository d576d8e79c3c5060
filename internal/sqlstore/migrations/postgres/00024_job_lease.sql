-- +goose Up
-- A scheduled job's run is leased (internal/jobs): the process that started it (owner)
-- holds it until lease_until and renews it while it runs, so a process that stops mid-run
-- leaves the job to another once the lease has run out, not after the job's whole timeout.
ALTER TABLE job_runs ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE job_runs ADD COLUMN lease_until TIMESTAMPTZ;

-- Every run of every job, by whom, and how it ended (finished_at empty: it never did, its
-- process stopped), so "once across processes" can be checked, not just believed.
CREATE TABLE job_run_log (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        TEXT NOT NULL,
    run         BIGINT NOT NULL,
    owner       TEXT NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    error       TEXT NOT NULL DEFAULT '',
    UNIQUE (name, run)
);
CREATE INDEX job_run_log_started ON job_run_log (started_at);
