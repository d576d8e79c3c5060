-- +goose Up
-- The security module (issue 14): the E-ITS catalogue by year, its imported measures, the
-- yearly self-assessment rounds and each municipality's embargoed answers. Dates are TEXT
-- 'YYYY-MM-DD'.
CREATE TABLE eits_modules (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year      INTEGER NOT NULL,
    code      TEXT NOT NULL,
    grp       TEXT NOT NULL,
    title_et  TEXT NOT NULL,
    title_en  TEXT NOT NULL DEFAULT '',
    header    BOOLEAN NOT NULL DEFAULT FALSE,
    position  INTEGER NOT NULL,
    UNIQUE (year, code)
);

CREATE TABLE eits_measures (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year        INTEGER NOT NULL,
    code        TEXT NOT NULL,
    module_code TEXT NOT NULL,
    api_id      TEXT NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL DEFAULT '',
    roles       TEXT NOT NULL DEFAULT '[]', -- JSON array of role names
    tier        TEXT NOT NULL CHECK (tier IN ('basic', 'standard', 'high')),
    position    INTEGER NOT NULL,
    UNIQUE (year, code),
    FOREIGN KEY (year, module_code) REFERENCES eits_modules (year, code)
);

CREATE TABLE security_rounds (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year             INTEGER NOT NULL,
    title            TEXT NOT NULL,
    deadline         TEXT NOT NULL,
    correction_until TEXT NOT NULL,
    publish_on       TEXT NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);

CREATE TABLE security_assessments (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    round_id          BIGINT NOT NULL REFERENCES security_rounds (id),
    municipality_ehak TEXT NOT NULL REFERENCES municipalities (ehak),
    target_tier       TEXT NOT NULL DEFAULT 'basic' CHECK (target_tier IN ('basic', 'standard', 'high')),
    signed_off_by     TEXT NOT NULL DEFAULT '',
    signed_off_on     TEXT NOT NULL DEFAULT '',
    council_date      TEXT NOT NULL DEFAULT '',
    -- The basic-tier share computed from the answers at each change (security.FiguresOf), so the
    -- aggregates read one row per municipality.
    share             DOUBLE PRECISION NOT NULL DEFAULT 0,
    prefilled_from    BIGINT REFERENCES security_assessments (id),
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    UNIQUE (round_id, municipality_ehak)
);

CREATE TABLE security_answers (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    assessment_id   BIGINT NOT NULL REFERENCES security_assessments (id) ON DELETE CASCADE,
    module_code     TEXT NOT NULL,
    measure_code    TEXT NOT NULL DEFAULT '', -- '' for the module's own row
    applies         BOOLEAN NOT NULL DEFAULT TRUE,
    excluded_reason TEXT NOT NULL DEFAULT '',
    assignee        TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT '' CHECK (status IN ('', 'implemented', 'partly', 'not_implemented', 'not_applicable')),
    owner           TEXT NOT NULL DEFAULT '',
    due             TEXT NOT NULL DEFAULT '',
    justification   TEXT NOT NULL DEFAULT '',
    evidence        TEXT NOT NULL DEFAULT '',
    prefilled       BOOLEAN NOT NULL DEFAULT FALSE,
    -- The activity in the municipality's own plan that carries out a measure not implemented.
    activity_id     BIGINT REFERENCES plan_nodes (id) ON DELETE SET NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    updated_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (assessment_id, module_code, measure_code)
);

-- IT-management maturity: criteria per area and level (data coordinators edit), and the
-- criteria each municipality meets in a round.
CREATE TABLE security_maturity_criteria (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    area     TEXT NOT NULL,
    level    INTEGER NOT NULL CHECK (level >= 1),
    code     TEXT NOT NULL UNIQUE,
    text_et  TEXT NOT NULL,
    text_en  TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL
);

CREATE TABLE security_maturity_met (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    round_id          BIGINT NOT NULL REFERENCES security_rounds (id),
    municipality_ehak TEXT NOT NULL REFERENCES municipalities (ehak),
    criterion_id      BIGINT NOT NULL REFERENCES security_maturity_criteria (id),
    UNIQUE (round_id, municipality_ehak, criterion_id)
);
