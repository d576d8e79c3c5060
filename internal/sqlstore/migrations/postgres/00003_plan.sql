-- +goose Up
-- The strategy module (issue 5). Dates are TEXT 'YYYY-MM-DD'; money is BIGINT euro cents.
CREATE TABLE plan_organisations (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind              TEXT NOT NULL CHECK (kind IN ('association', 'ministry', 'agency', 'municipality', 'other')),
    name_et           TEXT NOT NULL,
    name_en           TEXT NOT NULL DEFAULT '',
    municipality_ehak TEXT UNIQUE REFERENCES municipalities (ehak),
    version           INTEGER NOT NULL DEFAULT 1,
    updated_at        TIMESTAMPTZ NOT NULL
);

CREATE TABLE plan_strategies (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code             TEXT UNIQUE, -- stable key of seeded strategies, NULL otherwise
    title_et         TEXT NOT NULL DEFAULT '',
    title_en         TEXT NOT NULL DEFAULT '',
    start_year       INTEGER NOT NULL,
    end_year         INTEGER NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('draft', 'adopted', 'archived')),
    owner_id         BIGINT REFERENCES plan_organisations (id),
    description_et   TEXT NOT NULL DEFAULT '',
    description_en   TEXT NOT NULL DEFAULT '',
    source_url       TEXT NOT NULL DEFAULT '',
    levels           TEXT NOT NULL, -- JSON plan.Levels
    statuses         TEXT NOT NULL, -- JSON plan.Statuses, versioned with the strategy
    stale_after_days INTEGER NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);

CREATE TABLE plan_nodes (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    strategy_id    BIGINT NOT NULL REFERENCES plan_strategies (id),
    parent_id      BIGINT REFERENCES plan_nodes (id),
    kind           TEXT NOT NULL CHECK (kind IN ('goal', 'direction', 'activity')),
    code           TEXT NOT NULL,
    title_et       TEXT NOT NULL DEFAULT '',
    title_en       TEXT NOT NULL DEFAULT '',
    description_et TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    position       INTEGER NOT NULL,
    weight         DOUBLE PRECISION NOT NULL DEFAULT 1 CHECK (weight > 0),
    lead_org_id    BIGINT REFERENCES plan_organisations (id),
    start_date     TEXT,
    end_date       TEXT,
    status         TEXT NOT NULL DEFAULT '', -- a key of the strategy's statuses; '' above activities
    completion     INTEGER NOT NULL DEFAULT 0 CHECK (completion BETWEEN 0 AND 100),
    planned_budget BIGINT,
    actual_budget  BIGINT,
    funding_source TEXT NOT NULL DEFAULT '',
    internal_note  TEXT NOT NULL DEFAULT '',
    contributes_to BIGINT REFERENCES plan_nodes (id) ON DELETE SET NULL,
    version        INTEGER NOT NULL DEFAULT 1,
    updated_at     TIMESTAMPTZ NOT NULL,
    updated_by     TEXT NOT NULL DEFAULT '',
    UNIQUE (strategy_id, code)
);
CREATE INDEX plan_nodes_parent ON plan_nodes (parent_id);
CREATE INDEX plan_nodes_contributes ON plan_nodes (contributes_to);

CREATE TABLE plan_node_partners (
    node_id BIGINT NOT NULL REFERENCES plan_nodes (id) ON DELETE CASCADE,
    org_id  BIGINT NOT NULL REFERENCES plan_organisations (id),
    PRIMARY KEY (node_id, org_id)
);

-- Contacts are looked up both ways: an activity's contacts, and a user's activities (digest).
CREATE TABLE plan_node_contacts (
    node_id BIGINT NOT NULL REFERENCES plan_nodes (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (node_id, user_id)
);
CREATE INDEX plan_node_contacts_user ON plan_node_contacts (user_id);

CREATE TABLE plan_node_related (
    node_id    BIGINT NOT NULL REFERENCES plan_nodes (id) ON DELETE CASCADE,
    related_id BIGINT NOT NULL REFERENCES plan_nodes (id) ON DELETE CASCADE,
    PRIMARY KEY (node_id, related_id)
);
CREATE INDEX plan_node_related_related ON plan_node_related (related_id);

CREATE TABLE plan_participants (
    activity_id       BIGINT NOT NULL REFERENCES plan_nodes (id) ON DELETE CASCADE,
    municipality_ehak TEXT NOT NULL REFERENCES municipalities (ehak),
    status            TEXT NOT NULL,
    completion        INTEGER NOT NULL DEFAULT 0 CHECK (completion BETWEEN 0 AND 100),
    due_date          TEXT,
    version           INTEGER NOT NULL DEFAULT 1,
    updated_at        TIMESTAMPTZ NOT NULL,
    updated_by        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (activity_id, municipality_ehak)
);
CREATE INDEX plan_participants_municipality ON plan_participants (municipality_ehak);

CREATE TABLE plan_tasks (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    activity_id  BIGINT NOT NULL REFERENCES plan_nodes (id) ON DELETE CASCADE,
    title_et     TEXT NOT NULL DEFAULT '',
    title_en     TEXT NOT NULL DEFAULT '',
    due_date     TEXT,
    state        TEXT NOT NULL CHECK (state IN ('not_started', 'in_progress', 'done', 'cancelled')),
    position     INTEGER NOT NULL,
    completed_at TIMESTAMPTZ,
    completed_by TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    updated_at   TIMESTAMPTZ NOT NULL,
    updated_by   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plan_tasks_activity ON plan_tasks (activity_id);

CREATE TABLE plan_indicators (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    strategy_id    BIGINT NOT NULL REFERENCES plan_strategies (id),
    node_id        BIGINT REFERENCES plan_nodes (id), -- NULL: the strategy as a whole
    name_et        TEXT NOT NULL DEFAULT '',
    name_en        TEXT NOT NULL DEFAULT '',
    unit           TEXT NOT NULL DEFAULT '',
    direction      TEXT NOT NULL CHECK (direction IN ('higher', 'lower')),
    baseline_value DOUBLE PRECISION,
    baseline_date  TEXT,
    targets        TEXT NOT NULL DEFAULT '[]', -- JSON [plan.Point]
    breakdown      TEXT NOT NULL DEFAULT '' CHECK (breakdown IN ('', 'sum', 'mean', 'share')),
    position       INTEGER NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX plan_indicators_strategy ON plan_indicators (strategy_id);
CREATE INDEX plan_indicators_node ON plan_indicators (node_id);

CREATE TABLE plan_measurements (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    indicator_id      BIGINT NOT NULL REFERENCES plan_indicators (id) ON DELETE CASCADE,
    municipality_ehak TEXT REFERENCES municipalities (ehak), -- NULL: a national figure
    value             DOUBLE PRECISION NOT NULL,
    measured_on       TEXT NOT NULL,
    source            TEXT NOT NULL DEFAULT '',
    note              TEXT NOT NULL DEFAULT '',
    version           INTEGER NOT NULL DEFAULT 1,
    updated_at        TIMESTAMPTZ NOT NULL,
    updated_by        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plan_measurements_indicator ON plan_measurements (indicator_id, measured_on);
