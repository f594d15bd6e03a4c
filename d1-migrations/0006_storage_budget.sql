-- The bytes TrackerSync keeps in D1 (file streams, metadata rows), counted against one cap for
-- every client together (worker-shim/storage/storage-budget.js says why and how). One row.
--   bytes      what the live rows hold: charged by each storing request in its own batch,
--              recounted from the rows by maintenance after it deletes expired ones
--   check_cap  the cap the last charge was made against; 0 for a recount, which is never refused
CREATE TABLE storage_budget (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  bytes     INTEGER NOT NULL,
  check_cap INTEGER NOT NULL
);
INSERT INTO storage_budget (id, bytes, check_cap) VALUES (1,
  (SELECT COALESCE(SUM(length(base64)), 0) FROM file_chunks)
  + (SELECT COALESCE(SUM(length(metadata) + COALESCE(length(data), 0)), 0) FROM uploads)
  + (SELECT COALESCE(SUM(length(metadata) + COALESCE(length(data), 0)), 0) FROM conversions),
  0);
-- A charge past its cap aborts the statement, and with it the batch that would store the bytes
-- (a D1 batch is one transaction): nothing is stored that was not counted.
CREATE TRIGGER storage_budget_cap BEFORE UPDATE OF bytes ON storage_budget
WHEN NEW.check_cap > 0 AND NEW.bytes > OLD.bytes AND NEW.bytes > NEW.check_cap
BEGIN
  SELECT RAISE(ABORT, 'storage budget spent');
END;
