-- TrackerSync's D1 schema. Every time is Unix milliseconds. Every read filters on
-- expires_at > ?now, so an expired row is missing the instant it expires; the cron's
-- maintenance deletes it later in bounded batches (wasm/core/ttl).

-- A person's uploaded export files (metadata; bytes live in file_chunks). TTL 3600 s.
CREATE TABLE uploads (
  upload_id   TEXT PRIMARY KEY,          -- >= 128 random bits, base64url
  owner       TEXT NOT NULL,             -- the signed-cookie client id that made it
  metadata    TEXT NOT NULL,             -- JSON: files [{name, bytes, kind}], totals
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
);
CREATE INDEX idx_uploads_expires_at ON uploads(expires_at);

-- Garmin-ready outputs of one conversion of one upload. TTL 7200 s.
CREATE TABLE conversions (
  conversion_id TEXT PRIMARY KEY,
  upload_id     TEXT NOT NULL,
  owner         TEXT NOT NULL,
  metadata      TEXT NOT NULL,           -- JSON: options, files, skipped, manifest summary
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL
);
CREATE INDEX idx_conversions_expires_at ON conversions(expires_at);

-- File bytes, split into chunks well under D1's 2 MB row limit. parent_id is an upload_id
-- or a conversion_id (ids are random, so they never collide). expires_at is copied from the
-- parent so maintenance can delete chunks by index without a join.
CREATE TABLE file_chunks (
  parent_id   TEXT NOT NULL,
  file_index  INTEGER NOT NULL,
  chunk_index INTEGER NOT NULL,
  bytes       BLOB NOT NULL,
  expires_at  INTEGER NOT NULL,
  PRIMARY KEY (parent_id, file_index, chunk_index)
) WITHOUT ROWID;
CREATE INDEX idx_file_chunks_expires_at ON file_chunks(expires_at);

-- One row per cron health probe: overall status and per-component status/latency (JSON).
CREATE TABLE health (
  checked_at  INTEGER PRIMARY KEY,
  status      TEXT NOT NULL,             -- "ok" | "degraded" | "down"
  components  TEXT NOT NULL,             -- JSON {do:{ok,ms}, d1:{ok,ms}, kv:{ok,ms}}
  details     TEXT NOT NULL DEFAULT '{}' -- JSON: maintenance counts, degraded-mode use
);
