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
