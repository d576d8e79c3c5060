-- +goose Up
-- A municipality's official response to a round of comment in its lead's own words,
-- besides its staff's comments (issue 15).
ALTER TABLE round_responses ADD COLUMN text TEXT NOT NULL DEFAULT '';
