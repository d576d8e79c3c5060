-- +goose Up
-- Consultations on the association's own drafts (issue 16): the document in versions of
-- sections, comments anchored to a section of a version, and each comment's moderation and
-- disposition, traced to the version that changed the text and the strategy item.
CREATE TABLE consultations (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    title           TEXT NOT NULL,
    summary         TEXT NOT NULL DEFAULT '',
    phase           TEXT NOT NULL CHECK (phase IN ('draft', 'open', 'closed', 'concluded')),
    opens_on        TEXT NOT NULL DEFAULT '',
    closes_on       TEXT NOT NULL DEFAULT '',
    public_comments BOOLEAN NOT NULL DEFAULT FALSE,
    outcome         TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);

CREATE TABLE consultation_versions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    consultation_id INTEGER NOT NULL REFERENCES consultations (id),
    number          INTEGER NOT NULL,
    note            TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    UNIQUE (consultation_id, number)
);

CREATE TABLE consultation_sections (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    version_id  INTEGER NOT NULL REFERENCES consultation_versions (id),
    position    INTEGER NOT NULL,
    section_key TEXT NOT NULL,
    heading     TEXT NOT NULL,
    body        TEXT NOT NULL DEFAULT '',
    UNIQUE (version_id, section_key)
);

CREATE TABLE consultation_comments (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    consultation_id   INTEGER NOT NULL REFERENCES consultations (id),
    doc_version       INTEGER NOT NULL,
    section_key       TEXT NOT NULL,
    passage           TEXT NOT NULL DEFAULT '',
    body              TEXT NOT NULL,
    author_id         INTEGER NOT NULL REFERENCES users (id),
    author_name       TEXT NOT NULL DEFAULT '',
    municipality_ehak TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL CHECK (status IN ('pending', 'published', 'rejected')),
    moderation_reason TEXT NOT NULL DEFAULT '',
    disposition       TEXT NOT NULL DEFAULT '' CHECK (disposition IN ('', 'accepted', 'partly', 'declined')),
    reason            TEXT NOT NULL DEFAULT '',
    changed_in        INTEGER,
    item_id           INTEGER REFERENCES plan_nodes (id) ON DELETE SET NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TIMESTAMP NOT NULL,
    disposed_at       TIMESTAMP
);
CREATE INDEX consultation_comments_list ON consultation_comments (consultation_id, status, id);
CREATE INDEX consultation_comments_author ON consultation_comments (author_id, created_at);

-- Yearly surveys of the municipalities: the questions as JSON (survey.Question), one
-- response per municipality with its answers as JSON (survey.Answer by question key).
CREATE TABLE surveys (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    year           INTEGER NOT NULL,
    title          TEXT NOT NULL,
    intro          TEXT NOT NULL DEFAULT '',
    deadline       TEXT NOT NULL,
    open           BOOLEAN NOT NULL DEFAULT FALSE,
    public_results BOOLEAN NOT NULL DEFAULT FALSE,
    questions      TEXT NOT NULL,
    previous_id    INTEGER REFERENCES surveys (id),
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);

CREATE TABLE survey_responses (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    survey_id         INTEGER NOT NULL REFERENCES surveys (id),
    municipality_ehak TEXT NOT NULL REFERENCES municipalities (ehak),
    answers           TEXT NOT NULL,
    state             TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'approved')),
    prefilled         TEXT NOT NULL DEFAULT '[]',
    approved_by       TEXT NOT NULL DEFAULT '',
    approved_at       TIMESTAMP,
    version           INTEGER NOT NULL DEFAULT 1,
    updated_at        TIMESTAMP NOT NULL,
    UNIQUE (survey_id, municipality_ehak)
);

-- Each municipality's e-democracy practice, kept by the municipality; public_modules is a
-- JSON list of edemocracy.Modules.
CREATE TABLE edemocracy_practices (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_ehak    TEXT NOT NULL UNIQUE REFERENCES municipalities (ehak),
    council_system       TEXT NOT NULL DEFAULT '',
    public_modules       TEXT NOT NULL DEFAULT '[]',
    streaming            BOOLEAN NOT NULL DEFAULT FALSE,
    recordings           BOOLEAN NOT NULL DEFAULT FALSE,
    budget_year          INTEGER,
    budget_amount        BIGINT,
    budget_votes         INTEGER,
    consultations        INTEGER NOT NULL DEFAULT 0,
    initiative_threshold INTEGER,
    rahvaalgatus         BOOLEAN NOT NULL DEFAULT FALSE,
    open_data_url        TEXT NOT NULL DEFAULT '',
    version              INTEGER NOT NULL DEFAULT 1,
    updated_at           TIMESTAMP NOT NULL
);
