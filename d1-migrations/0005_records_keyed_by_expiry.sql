-- Uploads and conversions keyed by ids that begin with their expiry time (worker-shim/storage/
-- ids.js), in WITHOUT ROWID tables: the primary key is then the only index. Maintenance
-- deletes expired rows by a key range (cron/maintenance.js), so the expiry indexes go, and a
-- TEXT key no longer needs a second, automatic index beside a rowid: each row costs one row
-- written when it is inserted and one when it is deleted (D1 counts every index entry too).
-- `data`: a parent's first stream of file bytes, base64, when it is small enough to live in
-- the row itself instead of chunk rows (storage/file-store.js).
-- The rows of the old shape live at most two hours and their ids cannot be ordered by expiry:
-- they are dropped, so an upload or conversion in progress during this migration has to be
-- made again (the web page does that by itself when it meets the 404).
DROP TABLE uploads;
DROP TABLE conversions;
DELETE FROM file_chunks;

CREATE TABLE uploads (
  upload_id   TEXT PRIMARY KEY,          -- expiry prefix + >= 128 random bits (ids.js)
  owner       TEXT NOT NULL,             -- the signed-cookie client id that made it
  metadata    TEXT NOT NULL,             -- JSON: files [{name, bytes, kind, stream, offset}], streams, totalBytes, inline
  data        TEXT,                      -- stream 0 as base64 when it is kept in the row
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE conversions (
  conversion_id TEXT PRIMARY KEY,
  upload_id     TEXT NOT NULL,
  owner         TEXT NOT NULL,
  metadata      TEXT NOT NULL,           -- JSON: a complete conversion's files, or a session's plan
  data          TEXT,
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL
) WITHOUT ROWID;
