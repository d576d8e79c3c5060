-- +goose Up
-- When the municipality last said a cell is current, by saving it or by confirming it
-- unchanged (issue 12's one-page form): the desk lists cells not confirmed for 12 months.
-- A confirmation changes nothing the municipality reports, so it is not the cell's
-- updated_at. Until now every save was the last word, so the cells start at their last save.
ALTER TABLE service_cells ADD COLUMN confirmed_at TIMESTAMPTZ;
UPDATE service_cells SET confirmed_at = updated_at;
