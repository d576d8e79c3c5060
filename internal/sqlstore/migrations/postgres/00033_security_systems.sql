-- +goose Up
-- The landscape's systems an E-ITS module of a municipality's assessment covers (issue 14):
-- chosen per assessment and module; a row removed from the landscape, or the
-- assessment, takes its links along.
CREATE TABLE security_module_systems (
    assessment_id BIGINT NOT NULL REFERENCES security_assessments (id) ON DELETE CASCADE,
    module_code   TEXT NOT NULL,
    row_id        BIGINT NOT NULL REFERENCES landscape_rows (id) ON DELETE CASCADE,
    PRIMARY KEY (assessment_id, module_code, row_id)
);
CREATE INDEX security_module_systems_row ON security_module_systems (row_id);
