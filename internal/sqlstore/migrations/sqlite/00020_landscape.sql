-- +goose Up
-- Best practices and IT tidying (issue 13): the solution catalogue and every municipality's
-- IT landscape. Dates are TEXT 'YYYY-MM-DD'; money is BIGINT euro cents. A solution's short
-- lists (service codes, links, standards, versions) and a row's integrations are JSON
-- arrays: they are read and written with their record, never queried on their own.
CREATE TABLE solutions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('shared', 'commercial', 'own', 'open_source')),
    area          TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    supplier      TEXT NOT NULL DEFAULT '',
    owner         TEXT NOT NULL DEFAULT '',
    licence       TEXT NOT NULL DEFAULT '',
    hosting       TEXT NOT NULL DEFAULT '',
    service_codes TEXT NOT NULL DEFAULT '[]',
    links         TEXT NOT NULL DEFAULT '[]',
    standards     TEXT NOT NULL DEFAULT '[]',
    versions      TEXT NOT NULL DEFAULT '[]',
    state         TEXT NOT NULL CHECK (state IN ('proposed', 'accepted', 'merged')),
    proposed_by   TEXT REFERENCES municipalities (ehak),
    merged_into   INTEGER REFERENCES solutions (id),
    source        TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);

CREATE TABLE landscape_rows (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_ehak TEXT NOT NULL REFERENCES municipalities (ehak),
    solution_id       INTEGER NOT NULL REFERENCES solutions (id),
    software_version  TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL CHECK (status IN ('planned', 'piloting', 'production', 'retiring', 'stopped')),
    business_owner    TEXT NOT NULL DEFAULT '',
    technical_owner   TEXT NOT NULL DEFAULT '',
    hosting           TEXT NOT NULL DEFAULT '',
    contract_type     TEXT NOT NULL DEFAULT '',
    contract_end      TEXT NOT NULL DEFAULT '',
    yearly_cost       BIGINT,
    one_off_cost      BIGINT,
    integrations      TEXT NOT NULL DEFAULT '[]',
    verdict           TEXT NOT NULL DEFAULT '',
    verdict_reason    TEXT NOT NULL DEFAULT '',
    review_on         TEXT NOT NULL DEFAULT '',
    notes             TEXT NOT NULL DEFAULT '',
    confirmed_at      TIMESTAMP NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);
CREATE INDEX landscape_rows_municipality ON landscape_rows (municipality_ehak);
CREATE INDEX landscape_rows_solution ON landscape_rows (solution_id);

-- Each status a row has had, and when: the spread over time is read from here.
CREATE TABLE landscape_changes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    row_id     INTEGER NOT NULL REFERENCES landscape_rows (id),
    status     TEXT NOT NULL,
    changed_by TEXT NOT NULL DEFAULT '',
    changed_at TIMESTAMP NOT NULL
);
CREATE INDEX landscape_changes_row ON landscape_changes (row_id, id);

-- The municipality IT lead's sign-off of the whole landscape; the last one counts.
CREATE TABLE landscape_signoffs (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_ehak TEXT NOT NULL REFERENCES municipalities (ehak),
    signed_by         TEXT NOT NULL,
    user_id           INTEGER REFERENCES users (id),
    row_count         INTEGER NOT NULL,
    signed_at         TIMESTAMP NOT NULL
);
CREATE INDEX landscape_signoffs_municipality ON landscape_signoffs (municipality_ehak, id);

-- An advisory a coordinator sent about a solution's versions, and the municipalities it
-- went to; handled_at is set when a municipality confirms it has dealt with it.
CREATE TABLE landscape_advisories (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    solution_id     INTEGER NOT NULL REFERENCES solutions (id),
    from_version    TEXT NOT NULL DEFAULT '',
    to_version      TEXT NOT NULL DEFAULT '',
    support_ends_by TEXT NOT NULL DEFAULT '',
    title           TEXT NOT NULL,
    message         TEXT NOT NULL DEFAULT '',
    sent_by         TEXT NOT NULL,
    sent_at         TIMESTAMP NOT NULL
);

CREATE TABLE landscape_advisory_recipients (
    advisory_id       INTEGER NOT NULL REFERENCES landscape_advisories (id),
    municipality_ehak TEXT NOT NULL REFERENCES municipalities (ehak),
    handled_by        TEXT NOT NULL DEFAULT '',
    handled_at        TIMESTAMP,
    PRIMARY KEY (advisory_id, municipality_ehak)
);

-- Each municipality's records management profile (digitaalne asjaajamine); criteria_met
-- are ids of landscape.RecordsScale's criteria, a JSON array. The register check is the
-- scheduled reachability check's last result.
CREATE TABLE records_profiles (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_ehak     TEXT NOT NULL UNIQUE REFERENCES municipalities (ehak),
    document_row_id       INTEGER REFERENCES landscape_rows (id),
    dhx                   TEXT NOT NULL CHECK (dhx IN ('direct', 'intermediary', 'none')),
    register_url          TEXT NOT NULL DEFAULT '',
    rules_date            TEXT NOT NULL DEFAULT '',
    retention_list_date   TEXT NOT NULL DEFAULT '',
    appraisal_decision    TEXT NOT NULL DEFAULT '',
    last_archive_transfer TEXT NOT NULL DEFAULT '',
    council_integration   BOOLEAN NOT NULL DEFAULT FALSE,
    eservice_integration  BOOLEAN NOT NULL DEFAULT FALSE,
    criteria_met          TEXT NOT NULL DEFAULT '[]',
    level                 INTEGER NOT NULL DEFAULT 0,
    evidence_url          TEXT NOT NULL DEFAULT '',
    verification          TEXT NOT NULL DEFAULT 'self_reported',
    return_reason         TEXT NOT NULL DEFAULT '',
    check_at              TIMESTAMP,
    check_status          INTEGER NOT NULL DEFAULT 0,
    check_tls             BOOLEAN NOT NULL DEFAULT FALSE,
    check_error           TEXT NOT NULL DEFAULT '',
    version               INTEGER NOT NULL DEFAULT 1,
    updated_at            TIMESTAMP NOT NULL
);

-- The practice library; its lists are JSON arrays read and written with the practice.
CREATE TABLE practices (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    title                TEXT NOT NULL,
    summary              TEXT NOT NULL,
    problem              TEXT NOT NULL DEFAULT '',
    what_was_done        TEXT NOT NULL DEFAULT '',
    resources            TEXT NOT NULL DEFAULT '',
    results              TEXT NOT NULL DEFAULT '',
    evidence_url         TEXT NOT NULL DEFAULT '',
    municipalities       TEXT NOT NULL DEFAULT '[]',
    contact_name         TEXT NOT NULL DEFAULT '',
    contact_email        TEXT NOT NULL DEFAULT '',
    service_codes        TEXT NOT NULL DEFAULT '[]',
    solution_ids         TEXT NOT NULL DEFAULT '[]',
    links                TEXT NOT NULL DEFAULT '[]',
    tags                 TEXT NOT NULL DEFAULT '[]',
    national_activity_id INTEGER, -- a plan node; no foreign key, so the plan may delete it
    status               TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'validated', 'published', 'archived')),
    proposed_by          INTEGER REFERENCES users (id),
    version              INTEGER NOT NULL DEFAULT 1,
    created_at           TIMESTAMP NOT NULL,
    updated_at           TIMESTAMP NOT NULL
);

-- A municipality's adoption of a practice: the activity it became in its own plan.
CREATE TABLE practice_adoptions (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    practice_id       INTEGER NOT NULL REFERENCES practices (id),
    municipality_ehak TEXT NOT NULL REFERENCES municipalities (ehak),
    differences       TEXT NOT NULL DEFAULT '',
    activity_id       INTEGER NOT NULL, -- a plan node; no foreign key, so the plan may delete it
    strategy_id       INTEGER NOT NULL,
    applied_at        TIMESTAMP,
    created_by        TEXT NOT NULL,
    created_at        TIMESTAMP NOT NULL,
    UNIQUE (practice_id, municipality_ehak)
);
