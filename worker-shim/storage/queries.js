// Every SQL statement the request path runs, in one place, so that one test can show the
// query plan of each (tests/workers/query-plans.test.js): each is served by a primary key
// or an index, and none scans a table. Times are Unix ms; `now` always filters expiry.
export const SQL = Object.freeze({
  insertUpload: "INSERT INTO uploads (upload_id, owner, metadata, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
  insertConversion:
    "INSERT INTO conversions (conversion_id, upload_id, owner, metadata, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  insertChunk: "INSERT INTO file_chunks (parent_id, file_index, chunk_index, base64, expires_at) VALUES (?1, 0, ?2, ?3, ?4)",
  // Ownership and expiry in the same primary-key lookup: another client's id, an unknown id
  // and an expired id all come back as no row.
  selectUpload: "SELECT metadata, expires_at FROM uploads WHERE upload_id = ?1 AND owner = ?2 AND expires_at > ?3",
  selectConversion: "SELECT metadata, expires_at FROM conversions WHERE conversion_id = ?1 AND owner = ?2 AND expires_at > ?3",
  // A contiguous range of one parent's chunks (all of them, or those holding one file).
  // GET /api/status: the newest health record (the health table's key is checked_at, so
  // this walks the primary key backwards and stops at one row), and recent degraded mode.
  selectLatestHealth: "SELECT checked_at, status, components, details FROM health ORDER BY checked_at DESC LIMIT 1",
  selectRecentDegraded:
    "SELECT COALESCE(SUM(decisions), 0) AS decisions, MAX(minute) AS last FROM degraded_events WHERE minute >= ?1",
  selectChunks:
    "SELECT chunk_index, base64 FROM file_chunks WHERE parent_id = ?1 AND file_index = 0 AND chunk_index BETWEEN ?2 AND ?3 AND expires_at > ?4 ORDER BY chunk_index",
});
