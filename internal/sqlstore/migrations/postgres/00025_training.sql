-- +goose Up
-- Training and awareness (issue 14): trainings, the trainings each role must hold, and
-- each municipality's completions by person. Dates are TEXT 'YYYY-MM-DD'; a record's
-- expires_on is computed from its training's valid_months ('' never expires).
CREATE TABLE trainings (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title        TEXT NOT NULL,
    provider     TEXT NOT NULL DEFAULT '',
    held_on      TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL CHECK (kind IN ('course', 'event', 'elearning')),
    valid_months INTEGER NOT NULL DEFAULT 0,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE training_requirements (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    role        TEXT NOT NULL,
    training_id BIGINT NOT NULL REFERENCES trainings (id),
    version     INTEGER NOT NULL DEFAULT 1,
    UNIQUE (role, training_id)
);

CREATE TABLE training_records (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_ehak TEXT NOT NULL REFERENCES municipalities (ehak),
    person            TEXT NOT NULL,
    role              TEXT NOT NULL,
    training_id       BIGINT NOT NULL REFERENCES trainings (id),
    completed_on      TEXT NOT NULL,
    expires_on        TEXT NOT NULL DEFAULT '',
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX training_records_municipality ON training_records (municipality_ehak, person);
CREATE INDEX training_records_training ON training_records (training_id);
