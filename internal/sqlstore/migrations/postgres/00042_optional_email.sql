-- +goose Up
-- A member of the public who signs up to comment through the state eID gateway (TARA) has
-- no address kovit could vouch for: users.email may be NULL. It stays UNIQUE, and a UNIQUE
-- constraint lets any number of NULLs be. (SQLite's 00042 is a Go migration,
-- migrate_optional_email.go, as it has to rebuild the table.)
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
