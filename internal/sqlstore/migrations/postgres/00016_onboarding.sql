-- +goose Up
-- Onboarding (issue 12): single-use links that set an invited account's first password or
-- replace a forgotten one, stored as hashes; municipal leads; and the personal code that
-- links a state eID sign-in, stored hashed with only its last digits in view.
ALTER TABLE users ADD COLUMN is_lead BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN personal_code_hash TEXT;
ALTER TABLE users ADD COLUMN personal_code_hint TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX users_personal_code ON users (personal_code_hash);

CREATE TABLE link_tokens (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id),
    purpose    TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
    hash       TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX link_tokens_user ON link_tokens (user_id, purpose);
