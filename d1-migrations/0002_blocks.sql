-- Clients the limiter has blocked, written by the AtomicRateLimiter only when a block starts
-- or is extended (rare writes). The cron builds KV's degraded-mode blocklist snapshot from
-- the rows still in force, so a client blocked before the DO failed stays blocked.
CREATE TABLE blocks (
  client_key    TEXT PRIMARY KEY,   -- the limiter key (a hash; no IP or cookie in clear)
  blocked_until INTEGER NOT NULL,   -- Unix ms
  level         INTEGER NOT NULL,   -- escalation step that set it
  updated_at    INTEGER NOT NULL
);
CREATE INDEX idx_blocks_blocked_until ON blocks(blocked_until);

-- Isolates that had to decide without the DO say so here (at most once per isolate per
-- minute), so /api/status can tell whether degraded mode was used recently.
CREATE TABLE degraded_events (
  isolate_id  TEXT NOT NULL,
  minute      INTEGER NOT NULL,      -- Unix ms floored to the minute
  decisions   INTEGER NOT NULL,
  PRIMARY KEY (isolate_id, minute)
) WITHOUT ROWID;
CREATE INDEX idx_degraded_events_minute ON degraded_events(minute);
