-- +goose Up
-- An indicator may follow an e-service figure: the share of municipalities offering a
-- service at a level or above, measured at every monthly snapshot.
ALTER TABLE plan_indicators ADD COLUMN matrix_service TEXT;
ALTER TABLE plan_indicators ADD COLUMN matrix_level INTEGER;
