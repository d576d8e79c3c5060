-- +goose Up
-- A snapshot compares only the cells changed since the snapshot before (updated_at), and
-- a cell deleted since has no row left to say so: the trigger queues each deleted cell
-- here, and the next snapshot records it gone and takes it off the queue.
CREATE TABLE service_cell_removals (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_ehak TEXT NOT NULL,
    service_code      TEXT NOT NULL
);

-- +goose StatementBegin
CREATE TRIGGER service_cells_removed AFTER DELETE ON service_cells
BEGIN
    INSERT INTO service_cell_removals (municipality_ehak, service_code) VALUES (OLD.municipality_ehak, OLD.service_code);
END;
-- +goose StatementEnd
