-- +goose Up
-- A user's session epoch moves on when their password changes or their account is
-- deactivated: a session signed in under an older epoch is refused, so every other session
-- ends, and reactivating the account brings none back (issue 10).
ALTER TABLE users ADD COLUMN session_epoch BIGINT NOT NULL DEFAULT 0;
