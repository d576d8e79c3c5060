-- +goose Up
-- An indicator may follow the municipalities' e-democracy practice: the share of them
-- whose practice has a measure (edemocracy.Measures), measured at every monthly snapshot
-- as the matrix's figures are.
ALTER TABLE plan_indicators ADD COLUMN matrix_practice TEXT;

-- Members of the public who sign up by e-mail confirmation to comment on a consultation:
-- an account marked public_commenter (it reads only what the public reads) and its
-- single-use links, stored as hashes, each for the consultation it was asked on.
ALTER TABLE users ADD COLUMN public_commenter BOOLEAN NOT NULL DEFAULT FALSE;
CREATE TABLE commenter_links (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id         INTEGER NOT NULL REFERENCES users (id),
    consultation_id INTEGER NOT NULL REFERENCES consultations (id),
    hash            TEXT NOT NULL UNIQUE,
    created_at      TIMESTAMP NOT NULL,
    expires_at      TIMESTAMP NOT NULL,
    used_at         TIMESTAMP
);
CREATE INDEX commenter_links_user ON commenter_links (user_id);
