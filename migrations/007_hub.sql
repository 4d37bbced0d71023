-- Every database has its hub (the general secretariat) from the start, so that the console's
-- commands (`passerelle import`, `screen`, …), which act for the hub by default, work on a
-- fresh data directory. The demo and administrators rename it or give it contacts.
INSERT INTO organisations (id, name, kind)
SELECT 'hub', 'General Secretariat', 'hub'
WHERE NOT EXISTS (SELECT 1 FROM organisations WHERE kind = 'hub' OR id = 'hub');
