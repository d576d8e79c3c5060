-- +goose Up
-- The coordinator's desk lists the oldest cells awaiting verification, a page of them:
-- in this order the page is the index's first rows, where a large country's queue of
-- millions was read and sorted whole. (IF NOT EXISTS: the large-country benchmark
-- database got it by hand before this migration ran there.)
CREATE INDEX IF NOT EXISTS service_cells_queue ON service_cells (updated_at, municipality_ehak, service_code)
    WHERE verification = 'self_reported';

-- +goose Down
DROP INDEX service_cells_queue;
