-- +goose Up
-- Advice and representation (issue 15): municipalities' questions to the association, the
-- knowledge base made of the answers. Lists (links, pauses, tags) are JSON text.
CREATE TABLE inquiries (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_ehak TEXT NOT NULL REFERENCES municipalities (ehak),
    topic             TEXT NOT NULL,
    subject           TEXT NOT NULL,
    question          TEXT NOT NULL,
    links             TEXT NOT NULL DEFAULT '[]',
    state             TEXT NOT NULL CHECK (state IN ('new', 'in_progress', 'waiting', 'answered', 'closed')),
    answer            TEXT NOT NULL DEFAULT '',
    note              TEXT NOT NULL DEFAULT '',
    asked_at          TIMESTAMPTZ NOT NULL,
    first_answered_at TIMESTAMPTZ,
    stopped_at        TIMESTAMPTZ,
    pauses            TEXT NOT NULL DEFAULT '[]',
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX inquiries_municipality ON inquiries (municipality_ehak);

CREATE TABLE kb_entries (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title         TEXT NOT NULL,
    question      TEXT NOT NULL DEFAULT '',
    answer        TEXT NOT NULL,
    topic         TEXT NOT NULL,
    tags          TEXT NOT NULL DEFAULT '[]',
    visibility    TEXT NOT NULL CHECK (visibility IN ('draft', 'internal', 'public')),
    reviewed_on   TEXT NOT NULL DEFAULT '',
    inquiry_id    BIGINT REFERENCES inquiries (id),
    review_reason TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

-- Rounds of comment on the state's drafts. A restricted round (public = FALSE) is read
-- only by its named viewers and the association; every view is logged.
CREATE TABLE comment_rounds (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title             TEXT NOT NULL,
    ministry          TEXT NOT NULL,
    dossier_url       TEXT NOT NULL DEFAULT '',
    received_on       TEXT NOT NULL,
    ministry_deadline TEXT NOT NULL,
    internal_days     INTEGER NOT NULL,
    internal_deadline TEXT NOT NULL,
    public            BOOLEAN NOT NULL,
    viewers           TEXT NOT NULL DEFAULT '[]',
    recipients        TEXT NOT NULL DEFAULT '[]',
    board_approved_on TEXT NOT NULL DEFAULT '',
    board_note        TEXT NOT NULL DEFAULT '',
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);

CREATE TABLE round_sections (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    round_id BIGINT NOT NULL REFERENCES comment_rounds (id),
    number   INTEGER NOT NULL,
    heading  TEXT NOT NULL DEFAULT '',
    body     TEXT NOT NULL DEFAULT '',
    UNIQUE (round_id, number)
);

CREATE TABLE round_views (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    round_id BIGINT NOT NULL REFERENCES comment_rounds (id),
    user_id  BIGINT NOT NULL REFERENCES users (id),
    at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX round_views_round ON round_views (round_id);

CREATE TABLE position_points (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    round_id        BIGINT NOT NULL REFERENCES comment_rounds (id),
    number          INTEGER NOT NULL,
    section_id      BIGINT REFERENCES round_sections (id),
    text            TEXT NOT NULL,
    disposition     TEXT NOT NULL DEFAULT '' CHECK (disposition IN ('', 'accepted', 'partly_accepted', 'not_accepted', 'explained')),
    ministry_reason TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1,
    UNIQUE (round_id, number)
);

CREATE TABLE round_comments (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    round_id          BIGINT NOT NULL REFERENCES comment_rounds (id),
    section_id        BIGINT REFERENCES round_sections (id),
    municipality_ehak TEXT NOT NULL REFERENCES municipalities (ehak),
    author_name       TEXT NOT NULL,
    body              TEXT NOT NULL,
    fate              TEXT NOT NULL DEFAULT '' CHECK (fate IN ('', 'adopted', 'merged', 'not_adopted')),
    point_id          BIGINT REFERENCES position_points (id),
    fate_reason       TEXT NOT NULL DEFAULT '',
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX round_comments_round ON round_comments (round_id);

CREATE TABLE round_responses (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    round_id          BIGINT NOT NULL REFERENCES comment_rounds (id),
    municipality_ehak TEXT NOT NULL REFERENCES municipalities (ehak),
    no_comments       BOOLEAN NOT NULL,
    approved_by       TEXT NOT NULL,
    approved_at       TIMESTAMPTZ NOT NULL,
    UNIQUE (round_id, municipality_ehak)
);
