-- +goose Up
-- A first import of a full matrix writes ~47,000 cell_criteria rows, and checking each
-- against maturity_criteria one by one took most of PostgreSQL's time. Criteria are
-- checked against the scale in the same transaction that writes them (eservice
-- CellInput.Validate), and criteria are never deleted, so the database check is dropped.
ALTER TABLE cell_criteria DROP CONSTRAINT cell_criteria_criterion_id_fkey;
