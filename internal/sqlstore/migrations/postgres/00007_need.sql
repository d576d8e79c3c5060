-- +goose Up
-- The needs module (issue 6). Dates are TEXT 'YYYY-MM-DD'; money is BIGINT euro cents.
CREATE TABLE need_rounds (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title        TEXT NOT NULL,
    deadline     TEXT NOT NULL,
    instructions TEXT NOT NULL DEFAULT '',
    open         BOOLEAN NOT NULL DEFAULT TRUE,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE need_measures (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name           TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    funder         TEXT NOT NULL DEFAULT '',
    start_year     INTEGER NOT NULL,
    end_year       INTEGER NOT NULL,
    budget         BIGINT NOT NULL,
    max_grant      BIGINT NOT NULL DEFAULT 0,
    co_financing   INTEGER NOT NULL CHECK (co_financing BETWEEN 0 AND 100),
    eligibility    TEXT NOT NULL, -- JSON need.Eligibility
    opens_on       TEXT NOT NULL DEFAULT '',
    closes_on      TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL CHECK (status IN ('proposed', 'preparation', 'open', 'closed')),
    published      BOOLEAN NOT NULL DEFAULT FALSE,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE need_consolidated (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    category     TEXT NOT NULL,
    build_once   BOOLEAN NOT NULL DEFAULT FALSE,
    published    BOOLEAN NOT NULL DEFAULT FALSE,
    strategy_fit INTEGER NOT NULL DEFAULT 0 CHECK (strategy_fit BETWEEN 0 AND 5),
    measure_id   BIGINT REFERENCES need_measures (id),
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX need_consolidated_measure ON need_consolidated (measure_id);

CREATE TABLE needs (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_ehak TEXT NOT NULL REFERENCES municipalities (ehak),
    round_id          BIGINT REFERENCES need_rounds (id),
    title             TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    category          TEXT NOT NULL,
    systems           TEXT NOT NULL DEFAULT '',
    cost              BIGINT,
    urgency           TEXT NOT NULL,
    timeframe         TEXT NOT NULL DEFAULT '',
    contact_name      TEXT NOT NULL DEFAULT '',
    contact_email     TEXT NOT NULL DEFAULT '',
    state             TEXT NOT NULL,
    state_reason      TEXT NOT NULL DEFAULT '',
    duplicate_of      BIGINT REFERENCES needs (id),
    consolidated_id   BIGINT REFERENCES need_consolidated (id),
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX needs_municipality ON needs (municipality_ehak);
CREATE INDEX needs_round ON needs (round_id);
CREATE INDEX needs_consolidated ON needs (consolidated_id);

CREATE TABLE need_services (
    need_id      BIGINT NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    service_code TEXT NOT NULL REFERENCES services (code),
    PRIMARY KEY (need_id, service_code)
);

-- need_events is each need's history, which its municipality reads: who moved it where, and why.
CREATE TABLE need_events (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    need_id    BIGINT NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    from_state TEXT NOT NULL DEFAULT '',
    to_state   TEXT NOT NULL,
    by_id      BIGINT,
    by_name    TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX need_events_need ON need_events (need_id, id);

-- Dismissed suggestions, stored as (lower id, higher id) so each pair has one row.
CREATE TABLE need_dismissed (
    need_a BIGINT NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    need_b BIGINT NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    PRIMARY KEY (need_a, need_b),
    CHECK (need_a < need_b)
);

CREATE TABLE need_endorsements (
    consolidated_id   BIGINT NOT NULL REFERENCES need_consolidated (id) ON DELETE CASCADE,
    municipality_ehak TEXT NOT NULL REFERENCES municipalities (ehak),
    at                TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (consolidated_id, municipality_ehak)
);

-- need_weights has one row: the prioritisation weights coordinators set.
CREATE TABLE need_weights (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    municipalities  DOUBLE PRECISION NOT NULL,
    population      DOUBLE PRECISION NOT NULL,
    strategy_fit    DOUBLE PRECISION NOT NULL,
    urgency         DOUBLE PRECISION NOT NULL,
    cost_efficiency DOUBLE PRECISION NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
);
INSERT INTO need_weights VALUES (1, 1, 1, 1, 1, 1, 1);

CREATE TABLE need_projects (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consolidated_id BIGINT NOT NULL REFERENCES need_consolidated (id),
    name            TEXT NOT NULL,
    activity_id     BIGINT REFERENCES plan_nodes (id),
    status          TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled')),
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX need_projects_consolidated ON need_projects (consolidated_id);

-- +goose Down
DROP TABLE need_projects;
DROP TABLE need_weights;
DROP TABLE need_endorsements;
DROP TABLE need_dismissed;
DROP TABLE need_events;
DROP TABLE need_services;
DROP TABLE needs;
DROP TABLE need_consolidated;
DROP TABLE need_measures;
DROP TABLE need_rounds;
