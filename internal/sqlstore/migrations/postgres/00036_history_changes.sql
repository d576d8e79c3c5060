-- +goose Up
-- The matrix's history moves from a copy of every cell each month (snapshot_cells: at
-- 10,800 municipalities × 600 services a month is 6.5 million rows whether anything
-- changed or not) to its changes (cell_changes, 00030): a cell has a row in the month it
-- first appears and in each month its offering or level differs from the month before,
-- and a row with offering '' in a month it is gone. A cell's state at a snapshot month is
-- its latest row up to that month. A snapshot keeps, besides its month, only its per-
-- service aggregates (snapshot_tallies), which the home page and its curves read.
CREATE TABLE snapshot_tallies (
    month          TEXT NOT NULL REFERENCES matrix_snapshots (month) ON DELETE CASCADE,
    service_code   TEXT NOT NULL,
    online         INTEGER NOT NULL, -- applicable cells at level >= 3
    not_applicable INTEGER NOT NULL,
    PRIMARY KEY (month, service_code)
);

INSERT INTO snapshot_tallies (month, service_code, online, not_applicable)
SELECT month, service_code,
    SUM(CASE WHEN offering <> 'not_applicable' AND level >= 3 THEN 1 ELSE 0 END),
    SUM(CASE WHEN offering = 'not_applicable' THEN 1 ELSE 0 END)
FROM snapshot_cells GROUP BY month, service_code;

-- A snapshotted cell becomes a change where it differs from the same cell in the
-- snapshot month before, or that month did not have it (ord counts snapshot months, so
-- a month missing between two snapshots is no gap).
INSERT INTO cell_changes (service_code, municipality_ehak, month, offering, level)
SELECT service_code, municipality_ehak, month, offering, level FROM (
    SELECT c.service_code, c.municipality_ehak, c.month, c.offering, c.level, n.ord,
        LAG(n.ord) OVER w AS prev_ord, LAG(c.offering) OVER w AS prev_offering, LAG(c.level) OVER w AS prev_level
    FROM snapshot_cells c
    JOIN (SELECT month, ROW_NUMBER() OVER (ORDER BY month) AS ord FROM matrix_snapshots) n ON n.month = c.month
    WINDOW w AS (PARTITION BY c.service_code, c.municipality_ehak ORDER BY c.month)
) x
WHERE prev_ord IS NULL OR prev_ord <> ord - 1 OR prev_offering <> offering OR prev_level <> level
ON CONFLICT DO NOTHING;

-- A cell missing from the snapshot month after one that had it is gone from then on.
INSERT INTO cell_changes (service_code, municipality_ehak, month, offering, level)
SELECT x.service_code, x.municipality_ehak, m.month, '', 0 FROM (
    SELECT c.service_code, c.municipality_ehak, n.ord, LEAD(n.ord) OVER w AS next_ord
    FROM snapshot_cells c
    JOIN (SELECT month, ROW_NUMBER() OVER (ORDER BY month) AS ord FROM matrix_snapshots) n ON n.month = c.month
    WINDOW w AS (PARTITION BY c.service_code, c.municipality_ehak ORDER BY c.month)
) x
JOIN (SELECT month, ROW_NUMBER() OVER (ORDER BY month) AS ord FROM matrix_snapshots) m ON m.ord = x.ord + 1
WHERE x.next_ord IS NULL OR x.next_ord <> x.ord + 1
ON CONFLICT DO NOTHING;

DROP TABLE snapshot_cells;

-- A municipality's history page reads its own cells' changes; the primary key leads with
-- the service.
CREATE INDEX cell_changes_municipality ON cell_changes (municipality_ehak, month);
