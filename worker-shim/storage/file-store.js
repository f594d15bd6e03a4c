// File bytes in D1. The files of one parent (an upload or a conversion) are concatenated in
// order into one stream and cut into chunk rows of CHUNK_BYTES, stored as base64 text
// (d1-migrations/0002 says why not BLOB). The parent's metadata keeps each file's offset and
// length in that stream, so:
//   - the rows an upload writes are ceil(total / CHUNK_BYTES), however many small files it
//     has (a Fitbit export is thousands of small files; D1 allows 50 queries per request);
//   - one file is read back with one indexed range query over the chunks that hold it.
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

// The INSERTs for a stream's chunks, as [sql, ...params] for Ops#d1Batch.
export function chunkStatements(parentId, stream, expiresAt) {
  const statements = [];
  for (let i = 0, at = 0; at < stream.length; i += 1, at += CHUNK_BYTES) {
    statements.push([SQL.insertChunk, parentId, i, stream.subarray(at, at + CHUNK_BYTES).toBase64(), expiresAt]);
  }
  return statements;
}

// Bytes [from, to) of a parent's stream, or null when its chunks are gone (the parent
// expired between the metadata read and this one). One indexed query.
export async function readStream(ops, parentId, now, from, to) {
  if (to <= from) return new Uint8Array(0);
  const first = Math.floor(from / CHUNK_BYTES);
  const last = Math.floor((to - 1) / CHUNK_BYTES);
  const { results } = await ops.d1All(SQL.selectChunks, parentId, first, last, now);
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
