-- +goose Up
-- A synthetic country (kovit demo --size de) groups its municipalities into districts
-- under the regions (counties); Estonia has no such level, so this table stays empty in
-- a real database.
CREATE TABLE districts (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    county_ehak TEXT NOT NULL REFERENCES counties (ehak)
);
CREATE INDEX districts_county ON districts (county_ehak);

CREATE TABLE municipality_districts (
    municipality_ehak TEXT PRIMARY KEY REFERENCES municipalities (ehak),
    district_code     TEXT NOT NULL REFERENCES districts (code)
);

-- The matrix's history as changes: one row for a cell in the month its offering or level
-- changed, none for the months it stayed as it was. A cell's state in a month is its
-- latest change up to that month. (snapshot_cells copies the whole matrix every month,
-- which at 10,800 municipalities × 600 services × 24 months is 155 million rows.)
CREATE TABLE cell_changes (
    service_code      TEXT NOT NULL,
    municipality_ehak TEXT NOT NULL,
    month             TEXT NOT NULL, -- YYYY-MM
    offering          TEXT NOT NULL,
    level             INTEGER NOT NULL,
    PRIMARY KEY (service_code, municipality_ehak, month)
);
