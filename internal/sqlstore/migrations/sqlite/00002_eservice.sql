-- +goose Up
CREATE TABLE services (
    code            TEXT PRIMARY KEY,
    name_et         TEXT NOT NULL,
    name_en         TEXT NOT NULL DEFAULT '',
    area            TEXT NOT NULL,
    life_event      TEXT NOT NULL DEFAULT '',
    description_et  TEXT NOT NULL DEFAULT '',
    description_en  TEXT NOT NULL DEFAULT '',
    legal_basis_url TEXT NOT NULL DEFAULT '',
    channels        TEXT NOT NULL DEFAULT '', -- comma-separated
    retired         BOOLEAN NOT NULL DEFAULT FALSE,
    version         INTEGER NOT NULL DEFAULT 1,
    updated_at      TIMESTAMP NOT NULL
);

CREATE TABLE maturity_levels (
    number  INTEGER PRIMARY KEY,
    name_et TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT ''
);

CREATE TABLE maturity_criteria (
    id       INTEGER PRIMARY KEY,
    level    INTEGER NOT NULL REFERENCES maturity_levels (number),
    code     TEXT NOT NULL UNIQUE,
    text_et  TEXT NOT NULL,
    text_en  TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE service_cells (
    municipality_ehak   TEXT NOT NULL REFERENCES municipalities (ehak),
    service_code        TEXT NOT NULL REFERENCES services (code),
    offering            TEXT NOT NULL CHECK (offering IN ('offered', 'not_offered', 'not_applicable')),
    level               INTEGER NOT NULL DEFAULT 0,
    url                 TEXT NOT NULL DEFAULT '',
    system              TEXT NOT NULL DEFAULT '',
    evidence_url        TEXT NOT NULL DEFAULT '',
    evidence_checked_on TEXT, -- YYYY-MM-DD
    verification        TEXT NOT NULL CHECK (verification IN ('self_reported', 'verified', 'returned')),
    return_reason       TEXT NOT NULL DEFAULT '',
    version             INTEGER NOT NULL DEFAULT 1,
    updated_at          TIMESTAMP NOT NULL,
    updated_by          TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (municipality_ehak, service_code)
);
CREATE INDEX service_cells_service ON service_cells (service_code);

CREATE TABLE cell_criteria (
    municipality_ehak TEXT NOT NULL,
    service_code      TEXT NOT NULL,
    criterion_id      INTEGER NOT NULL REFERENCES maturity_criteria (id),
    PRIMARY KEY (municipality_ehak, service_code, criterion_id),
    FOREIGN KEY (municipality_ehak, service_code) REFERENCES service_cells (municipality_ehak, service_code) ON DELETE CASCADE
);

-- A snapshot is the whole matrix at the end of a month, kept for history and forecasts.
CREATE TABLE matrix_snapshots (
    month    TEXT PRIMARY KEY, -- YYYY-MM
    taken_at TIMESTAMP NOT NULL
);

CREATE TABLE snapshot_cells (
    month             TEXT NOT NULL REFERENCES matrix_snapshots (month) ON DELETE CASCADE,
    municipality_ehak TEXT NOT NULL,
    service_code      TEXT NOT NULL,
    offering          TEXT NOT NULL,
    level             INTEGER NOT NULL,
    PRIMARY KEY (month, municipality_ehak, service_code)
);
CREATE INDEX snapshot_cells_service ON snapshot_cells (service_code, month);
