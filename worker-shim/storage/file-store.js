// File bytes in D1. The files one request stores for a parent (an upload or a conversion) are
// concatenated in order into one STREAM and cut into chunk rows of CHUNK_BYTES, stored as
// base64 text (d1-migrations/0002 says why not BLOB). An upload that grows over several
// requests has one stream per request (file_chunks.file_index is the stream's number). The
// parent's metadata keeps each file's stream, offset and length, so:
//   - the rows a request writes are ceil(its bytes / CHUNK_BYTES), however many small files
//     it has (a Fitbit export is thousands of small files; D1 allows 50 queries per request);
//   - a set of files is read back with one query per chunk that holds any of them, and only
//     the base64 characters covering them cross from D1 (substr), so reading one small file
//     out of a full chunk decodes that file, not the chunk.
// The chunk statements go in the same D1 batch (one transaction) as the metadata row, so a
// reader never sees a parent without all its bytes.
import { SQL } from "./queries.js";

// 1 MiB of bytes is 1,398,104 base64 characters: under D1's 2,000,000-byte row limit with
// room for the key columns.
export const CHUNK_BYTES = 1 << 20;

// files: [{name, data: Uint8Array, ...rest}] -> { stream, index: [{name, bytes, offset, ...rest}] }
export function packFiles(files) {
  let total = 0;
  for (const f of files) total += f.data.length;
  const stream = new Uint8Array(total);
  const index = [];
  let offset = 0;
  for (const { data, ...rest } of files) {
    stream.set(data, offset);
    index.push({ ...rest, bytes: data.length, offset });
    offset += data.length;
  }
  return { stream, index };
}

// The INSERTs for one stream's chunks, as [sql, ...params] for Ops#d1Batch. A stream number
// already taken makes the batch fail on the primary key: two requests adding to the same
// upload at once cannot both claim it.
export function chunkStatements(parentId, stream, expiresAt, streamNo = 0) {
  const statements = [];
  for (let i = 0, at = 0; at < stream.length; i += 1, at += CHUNK_BYTES) {
    statements.push([SQL.insertChunk, parentId, streamNo, i, stream.subarray(at, at + CHUNK_BYTES).toBase64(), expiresAt]);
  }
  return statements;
}

// Bytes [from, to) of a parent's stream, or null when its chunks are gone (the parent
// expired between the metadata read and this one). One indexed query.
export async function readStream(ops, parentId, now, from, to, streamNo = 0) {
  if (to <= from) return new Uint8Array(0);
  const first = Math.floor(from / CHUNK_BYTES);
  const last = Math.floor((to - 1) / CHUNK_BYTES);
  const { results } = await ops.d1All(SQL.selectChunks, parentId, first, last, now, streamNo);
  if (results.length !== last - first + 1) return null;
  const out = new Uint8Array(to - from);
  for (const row of results) {
    const chunk = Uint8Array.fromBase64(row.base64);
    const chunkStart = row.chunk_index * CHUNK_BYTES;
    const lo = Math.max(from, chunkStart);
    const hi = Math.min(to, chunkStart + chunk.length);
    out.set(chunk.subarray(lo - chunkStart, hi - chunkStart), lo - from);
  }
  return out;
}

// Every file of a parent: [{...entry, data}] in index order, or null when its chunks are gone.
export async function readAllFiles(ops, parentId, index, now) {
  const total = index.reduce((n, f) => Math.max(n, f.offset + f.bytes), 0);
  const stream = await readStream(ops, parentId, now, 0, total);
  if (!stream) return null;
  return index.map(({ offset, ...entry }) => ({ ...entry, data: stream.subarray(offset, offset + entry.bytes) }));
}

// Some files of a parent, wherever they are: entries [{name, stream, offset, bytes}] ->
// [{name, data}] in the same order, or null when a chunk is gone. One query per chunk that
// holds any of them, all in one batch; each reads only the base64 covering the wanted bytes
// of its chunk (from the first wanted byte to the last, files in between included).
export async function readFiles(ops, parentId, entries, now) {
  const spans = new Map(); // "stream:chunk" -> {streamNo, chunk, lo, hi} (bytes within the chunk)
  for (const e of entries) {
    if (e.bytes === 0) continue;
    for (let c = Math.floor(e.offset / CHUNK_BYTES); c * CHUNK_BYTES < e.offset + e.bytes; c++) {
      const lo = Math.max(e.offset, c * CHUNK_BYTES) - c * CHUNK_BYTES;
      const hi = Math.min(e.offset + e.bytes, (c + 1) * CHUNK_BYTES) - c * CHUNK_BYTES;
      const key = `${e.stream}:${c}`;
      const s = spans.get(key);
      if (s) [s.lo, s.hi] = [Math.min(s.lo, lo), Math.max(s.hi, hi)];
      else spans.set(key, { streamNo: e.stream, chunk: c, lo, hi });
    }
  }
  const list = [...spans.values()];
  if (list.length === 0) return entries.map((e) => ({ name: e.name, data: new Uint8Array(0) }));
  // base64 characters [4·⌊lo/3⌋, 4·⌈hi/3⌉) decode to bytes [3·⌊lo/3⌋, …) of the chunk.
  const results = await ops.d1Batch(list.map((s) => {
    const start = Math.floor(s.lo / 3) * 4;
    return [SQL.selectChunkSlice, parentId, s.streamNo, s.chunk, start + 1, Math.ceil(s.hi / 3) * 4 - start, now];
  }));
  const decoded = new Map();
  for (const [i, s] of list.entries()) {
    const row = results[i].results[0];
    if (!row) return null;
    decoded.set(`${s.streamNo}:${s.chunk}`, { base: Math.floor(s.lo / 3) * 3, bytes: Uint8Array.fromBase64(row.base64) });
  }
  return entries.map((e) => {
    const data = new Uint8Array(e.bytes);
    if (e.bytes === 0) return { name: e.name, data };
    for (let c = Math.floor(e.offset / CHUNK_BYTES); c * CHUNK_BYTES < e.offset + e.bytes; c++) {
      const { base, bytes } = decoded.get(`${e.stream}:${c}`);
      const lo = Math.max(e.offset, c * CHUNK_BYTES) - c * CHUNK_BYTES;
      const hi = Math.min(e.offset + e.bytes, (c + 1) * CHUNK_BYTES) - c * CHUNK_BYTES;
      data.set(bytes.subarray(lo - base, hi - base), c * CHUNK_BYTES + lo - e.offset);
    }
    return { name: e.name, data };
  });
}
