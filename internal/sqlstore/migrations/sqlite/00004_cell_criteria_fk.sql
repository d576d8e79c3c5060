-- +goose Up
-- PostgreSQL drops the cell_criteria → maturity_criteria foreign key here (see its
-- 00004). SQLite checks it cheaply enough and cannot drop a constraint without rebuilding
-- the table, so it keeps it; this file keeps the two engines' migration numbers in step.
SELECT 1;
