-- +goose Up
-- SQLite's 00009 (a Go migration, migrate_autoincrement.go) makes its ids AUTOINCREMENT so
-- that a deleted row's id is never given again. PostgreSQL's ids are identity columns,
-- whose sequences never hand out a number twice: nothing to do, the number is kept in step.
SELECT 1;
