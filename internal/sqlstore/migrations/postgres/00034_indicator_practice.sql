-- +goose Up
-- An indicator may follow the municipalities' e-democracy practice: the share of them
-- whose practice has a measure (edemocracy.Measures), measured at every monthly snapshot
-- as the matrix's figures are.
ALTER TABLE plan_indicators ADD COLUMN matrix_practice TEXT;
