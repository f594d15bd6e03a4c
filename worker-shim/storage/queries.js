// Every SQL statement the request path runs, in one place, so that one test can show the
// query plan of each (tests/workers/query-plans.test.js): each is served by a primary key
// or an index, and none scans a table. Times are Unix ms; `now` always filters expiry.
export const SQL = Object.freeze({
  insertUpload: "INSERT INTO uploads (upload_id, owner, metadata, data, created_at, expires_at) VALUES (?1, ?2, ?3, ?6, ?4, ?5)",
  // Adding a request's files to an upload: only if no other request has added some since this
  // one read the metadata (the stream count it saw is still the count), so neither is lost.
  updateUpload:
    "UPDATE uploads SET metadata = ?3 WHERE upload_id = ?1 AND owner = ?2 AND expires_at > ?4 AND json_extract(metadata, '$.streams') IS ?5",
  insertConversion:
    "INSERT INTO conversions (conversion_id, upload_id, owner, metadata, data, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?7, ?5, ?6)",
  // What a storing request adds, charged in its own batch against the cap ?2 (storage/storage-budget.js).
  chargeStorage: "UPDATE storage_budget SET bytes = bytes + ?1, check_cap = ?2 WHERE id = 1",
  insertChunk: "INSERT INTO file_chunks (parent_id, file_index, chunk_index, base64, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
  // Ownership and expiry in the same primary-key lookup: another client's id, an unknown id
  // and an expired id all come back as no row.
  selectUpload: "SELECT metadata, expires_at FROM uploads WHERE upload_id = ?1 AND owner = ?2 AND expires_at > ?3",
  // POST /api/validate: the report kept with the upload, or (only when there is none) the
  // metadata to make it from.
  selectUploadReport:
    "SELECT json_extract(metadata, '$.report') AS report, CASE WHEN json_type(metadata, '$.report') IS NULL THEN metadata END AS metadata, expires_at FROM uploads WHERE upload_id = ?1 AND owner = ?2 AND expires_at > ?3",
  // The report kept: only while the upload holds the files it was made from (no request has
  // added any since: the stream count the validate read is still the count). Adding files
  // writes the metadata anew, without it.
  keepUploadReport:
    "UPDATE uploads SET metadata = json_set(metadata, '$.report', ?5) WHERE upload_id = ?1 AND owner = ?2 AND expires_at > ?3 AND json_extract(metadata, '$.streams') IS ?4",
  selectConversion: "SELECT metadata, expires_at FROM conversions WHERE conversion_id = ?1 AND owner = ?2 AND expires_at > ?3",
  // A conversion session's parts, taken apart by D1 so the Worker parses only what it needs:
  // one group of steps (?4) and the options; or what assembly needs. `groups` is null for a
  // conversion that completed in one request.
  selectSessionGroup:
    "SELECT upload_id, json_extract(metadata, '$.uploadInline') AS upload_inline, json_extract(metadata, '$.options') AS options, json_extract(metadata, '$.stepZone') AS step_zone, json_extract(metadata, '$.groups[' || CAST(?4 AS INTEGER) || ']') AS grp, json_array_length(metadata, '$.groups') AS groups, json_extract(metadata, '$.clientPlan') AS client_plan FROM conversions WHERE conversion_id = ?1 AND owner = ?2 AND expires_at > ?3",
  selectSessionAssembly:
    "SELECT json_extract(metadata, '$.options') AS options, json_extract(metadata, '$.part') AS part, json_extract(metadata, '$.steps') AS steps, json_array_length(metadata, '$.groups') AS groups, json_extract(metadata, '$.clientPlan') AS client_plan FROM conversions WHERE conversion_id = ?1 AND owner = ?2 AND expires_at > ?3",
  // A session its client planned (http/client-plan.js): what running its steps needs.
  selectSessionSteps:
    "SELECT upload_id, json_extract(metadata, '$.uploadInline') AS upload_inline, json_extract(metadata, '$.options') AS options, json_extract(metadata, '$.stepZone') AS step_zone, json_array_length(metadata, '$.groups') AS groups, json_extract(metadata, '$.clientPlan') AS client_plan FROM conversions WHERE conversion_id = ?1 AND owner = ?2 AND expires_at > ?3",
  // Part of a parent's first stream kept in its own row (characters ?3 … ?3+?4-1, 1-based).
  selectUploadData: "SELECT substr(data, ?3, ?4) AS base64 FROM uploads WHERE upload_id = ?1 AND expires_at > ?2",
  selectConversionData: "SELECT substr(data, ?3, ?4) AS base64 FROM conversions WHERE conversion_id = ?1 AND expires_at > ?2",
  // GET /api/status: the newest health record (the health table's key is checked_at, so
  // this walks the primary key backwards and stops at one row), and recent degraded mode.
  selectLatestHealth: "SELECT checked_at, status, components, details FROM health ORDER BY checked_at DESC LIMIT 1",
  selectRecentDegraded:
    "SELECT COALESCE(SUM(decisions), 0) AS decisions, MAX(minute) AS last FROM degraded_events WHERE minute >= ?1",
  // A contiguous range of one parent's chunks (all of them, or those holding one file).
  selectChunks:
    "SELECT chunk_index, base64 FROM file_chunks WHERE parent_id = ?1 AND file_index = ?5 AND chunk_index BETWEEN ?2 AND ?3 AND expires_at > ?4 ORDER BY chunk_index",
  // Part of one chunk's base64 text (characters ?4 … ?4+?5-1, 1-based): a few files out of a
  // chunk without carrying the whole chunk across.
  selectChunkSlice:
    "SELECT substr(base64, ?4, ?5) AS base64 FROM file_chunks WHERE parent_id = ?1 AND file_index = ?2 AND chunk_index = ?3 AND expires_at > ?6",
});
