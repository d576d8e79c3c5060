-- +goose Up
-- The records management maturity scale is data that coordinators keep, as the e-service
-- scale is, seeded with the scale kovit shipped in code until now. The criteria's ids are
-- those records_profiles.criteria_met already holds.
CREATE TABLE records_levels (
    number  INTEGER PRIMARY KEY AUTOINCREMENT,
    name_et TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT ''
);

CREATE TABLE records_criteria (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    level    INTEGER NOT NULL REFERENCES records_levels (number),
    code     TEXT NOT NULL UNIQUE,
    text_et  TEXT NOT NULL,
    text_en  TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);

INSERT INTO records_levels (number, name_et, name_en) VALUES
    (0, 'Paberregister', 'Paper register'),
    (1, 'Elektrooniline süsteem ja veebiregister', 'Electronic system and online register'),
    (2, 'Register vastab Andmekaitse Inspektsiooni juhistele', 'Register meets the Data Protection Inspectorate''s criteria'),
    (3, 'Dokumendivahetus DHX kaudu', 'Document exchange over DHX'),
    (4, 'Integreeritud, säilitamine automatiseeritud', 'Integrated, retention automated'),
    (5, 'Digitaalne üleandmine Rahvusarhiivile', 'Digital transfer to the National Archives');

INSERT INTO records_criteria (id, level, code, text_et, text_en, position) VALUES
    (1, 1, '1.1', 'Dokumendid registreeritakse elektroonilises dokumendihaldussüsteemis.', 'Documents are registered in an electronic document management system.', 1),
    (2, 1, '1.2', 'Avalik dokumendiregister on veebis.', 'The public document register is online.', 2),
    (3, 2, '2.3', 'Avalik dokumendiregister vastab Andmekaitse Inspektsiooni juhistele: juurdepääsupiirangud ja isikuandmed on kaitstud.', 'The public register meets the Data Protection Inspectorate''s guidance: access restrictions and personal data are protected.', 1),
    (4, 3, '3.4', 'Dokumente vahetatakse teiste asutustega DHX kaudu, otse või vahendaja kaudu.', 'Documents are exchanged with other institutions over DHX, directly or through an intermediary.', 1),
    (5, 4, '4.5', 'Dokumendihaldussüsteem on liidestatud volikogu infosüsteemiga.', 'The document system is integrated with the council information system.', 1),
    (6, 4, '4.6', 'Dokumendihaldussüsteem on liidestatud e-teenuste taotluste vastuvõtuga.', 'The document system is integrated with e-service intake.', 2),
    (7, 4, '4.7', 'Säilitustähtajad rakenduvad automaatselt dokumentide loetelu järgi.', 'Retention periods apply automatically by the retention list.', 3),
    (8, 5, '5.8', 'Arhiiviväärtuslikud dokumendid on digitaalselt üle antud Rahvusarhiivile.', 'Documents of archival value have been transferred digitally to the National Archives.', 1);

-- An indicator may follow the records scale instead of an e-service: matrix_scale names
-- which ('records'); NULL is the e-service matrix, as before.
ALTER TABLE plan_indicators ADD COLUMN matrix_scale TEXT;
