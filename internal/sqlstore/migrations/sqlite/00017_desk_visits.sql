-- +goose Up
-- Each user's visits to their desk (internal/desk): a reader's desk lists what changed
-- since previous_at. A visit within half an hour of the last one keeps previous_at, so
-- reloading the desk does not empty it.
CREATE TABLE desk_visits (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    visited_at  TIMESTAMP NOT NULL,
    previous_at TIMESTAMP
);
