-- +goose Up
-- Each service's national aggregates, kept up to date by every cell change in the same
-- transaction (saveCells) and rebuilt here and by kovit demo, so the national figures of
-- every service read one row a service: at 10,800 municipalities × 600 services,
-- aggregating service_cells took 1.9 s. A service with no row has no cell filled in.
CREATE TABLE service_totals (
    service_code      TEXT PRIMARY KEY,
    filled            INTEGER NOT NULL DEFAULT 0, -- cells filled in
    not_applicable    INTEGER NOT NULL DEFAULT 0, -- cells marked not applicable
    online            INTEGER NOT NULL DEFAULT 0, -- applicable cells at level >= 3
    population_online INTEGER NOT NULL DEFAULT 0, -- residents of those municipalities
    self_reported     INTEGER NOT NULL DEFAULT 0, -- cells awaiting a coordinator's verification
    returned          INTEGER NOT NULL DEFAULT 0  -- cells returned to their municipality
);
INSERT INTO service_totals (service_code, filled, not_applicable, online, population_online, self_reported, returned)
SELECT c.service_code, COUNT(*),
    SUM(CASE WHEN c.offering = 'not_applicable' THEN 1 ELSE 0 END),
    SUM(CASE WHEN c.offering <> 'not_applicable' AND c.level >= 3 THEN 1 ELSE 0 END),
    SUM(CASE WHEN c.offering <> 'not_applicable' AND c.level >= 3 THEN m.population ELSE 0 END),
    SUM(CASE WHEN c.verification = 'self_reported' THEN 1 ELSE 0 END),
    SUM(CASE WHEN c.verification = 'returned' THEN 1 ELSE 0 END)
FROM service_cells c JOIN municipalities m ON m.ehak = c.municipality_ehak
GROUP BY c.service_code;

-- A large country keeps only its cells' levels in memory and reads again just the cells
-- changed since its last read (cell_levels.go).
CREATE INDEX service_cells_updated ON service_cells (updated_at);
