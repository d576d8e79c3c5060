-- +goose Up
-- A snapshot compares only the cells changed since the snapshot before (updated_at), and
-- a cell deleted since has no row left to say so: the trigger queues each deleted cell
-- here, and the next snapshot records it gone and takes it off the queue (by id, so a
-- removal committed while the snapshot runs waits for the next one).
CREATE TABLE service_cell_removals (
    id                BIGSERIAL PRIMARY KEY,
    municipality_ehak TEXT NOT NULL,
    service_code      TEXT NOT NULL
);

-- +goose StatementBegin
CREATE FUNCTION service_cell_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO service_cell_removals (municipality_ehak, service_code) VALUES (OLD.municipality_ehak, OLD.service_code);
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER service_cells_removed AFTER DELETE ON service_cells
    FOR EACH ROW EXECUTE FUNCTION service_cell_removed();
