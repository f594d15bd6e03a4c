// File bytes in D1. The files one request stores for a parent (an upload or a conversion) are
// concatenated in order into one STREAM, stored as base64 text (d1-migrations/0002 says why
// not BLOB). An upload that grows over several requests has one stream per request
// (file_chunks.file_index is the stream's number). The parent's metadata keeps each file's
// stream, offset and length. Where a stream lives:
//   - the parent's first stream, when it is at most INLINE_BYTES, in the parent's own row
//     (its `data` column): a small upload or conversion is then one row written, not two;
//   - otherwise in chunk rows of CHUNK_BYTES: ceil(bytes / CHUNK_BYTES) rows however many
//     small files it holds (a Fitbit export is thousands of small files; D1 allows 50 queries
//     per request).
// A set of files is read back with one query per stream that holds any of them (readFiles);
// from a stream of one chunk (or the row) only the base64 characters covering them cross from
// D1 (substr), so reading one small file out of a full chunk decodes that file, not the chunk.
// The chunk statements go in the same D1 batch (one transaction) as the parent's row, so a
// reader never sees a parent without all its bytes.
import { SQL } from "./queries.js";

// 1 MiB of bytes is 1,398,104 base64 characters: under D1's 2,000,000-byte row limit with
// room for the key columns.
export const CHUNK_BYTES = 1 << 20;
// A first stream up to this size stays in the parent's row (with its metadata, under the
// row limit too).
export const INLINE_BYTES = 512 * 1024;

const PARENTS = {
  upload: SQL.selectUploadData,
  conversion: SQL.selectConversionData,
};

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

// Where a stream goes: {inline: base64 for the parent's row, or null; statements: the chunk
// INSERTs as [sql, ...params] for Ops#d1Batch}. Only stream 0 may be inline. A stream number
// already taken makes the batch fail on the primary key: two requests adding to the same
// upload at once cannot both claim it.
export function storeStream(parentId, stream, expiresAt, streamNo = 0) {
  if (streamNo === 0 && stream.length <= INLINE_BYTES) return { inline: stream.toBase64(), statements: [] };
  const statements = [];
  for (let i = 0, at = 0; at < stream.length; i += 1, at += CHUNK_BYTES) {
    statements.push([SQL.insertChunk, parentId, streamNo, i, stream.subarray(at, at + CHUNK_BYTES).toBase64(), expiresAt]);
  }
  return { inline: null, statements };
}

// A parent as the readers need it: {kind: "upload" | "conversion", id, inline: whether its
// stream 0 is in its row (metadata.inline)}.
export function parentOf(kind, id, metadata) {
  return { kind, id, inline: metadata.inline === true };
}

// The query for base64 characters [start, start + length) of one chunk (or of the row).
function sliceQuery(parent, streamNo, chunk, start, length, now) {
  if (parent.inline && streamNo === 0) return [PARENTS[parent.kind], parent.id, now, start + 1, length];
  return [SQL.selectChunkSlice, parent.id, streamNo, chunk, start + 1, length, now];
}

// Bytes [from, to) of a parent's stream, or null when its bytes are gone (the parent expired
// between the metadata read and this one).
export async function readStream(ops, parent, now, from, to, streamNo = 0) {
  const [file] = (await readFiles(ops, parent, [{ name: "", stream: streamNo, offset: from, bytes: Math.max(0, to - from) }], now)) ?? [];
  return file ? file.data : null;
}

// Every file of a parent: [{...entry, data}] in index order, or null when its bytes are gone.
export async function readAllFiles(ops, parent, index, now) {
  const files = await readFiles(ops, parent, index.map((f) => ({ name: f.path ?? f.name, stream: f.stream ?? 0, offset: f.offset, bytes: f.bytes })), now);
  if (!files) return null;
  return index.map(({ offset: _offset, ...entry }, i) => ({ ...entry, data: files[i].data }));
}

// Some files of a parent, wherever they are: entries [{name, stream, offset, bytes}] ->
// [{name, data}] in the same order, or null when a chunk is gone. One query per stream that
// holds any of them, all in one batch; a stream of one chunk reads only the base64 covering the
// wanted bytes (from the first wanted byte to the last, files in between included).
export async function readFiles(ops, parent, entries, now) {
  // The chunks an entry spans, as [chunk, lo, hi, base] with lo/hi its bytes within the chunk
  // and base the chunk's first byte in the stream. An inline stream is one chunk: the row.
  const chunksOf = (e) => {
    const size = parent.inline && e.stream === 0 ? Number.MAX_SAFE_INTEGER : CHUNK_BYTES;
    const out = [];
    for (let c = Math.floor(e.offset / size); e.bytes > 0 && c * size < e.offset + e.bytes; c++) {
      const base = c * size;
      out.push([c, Math.max(e.offset, base) - base, Math.min(e.offset + e.bytes, base + size) - base, base]);
    }
    return out;
  };
  const spans = new Map(); // "stream:chunk" -> {streamNo, chunk, lo, hi}
  for (const e of entries) {
    for (const [c, lo, hi] of chunksOf(e)) {
      const key = `${e.stream}:${c}`;
      const s = spans.get(key);
      if (s) [s.lo, s.hi] = [Math.min(s.lo, lo), Math.max(s.hi, hi)];
      else spans.set(key, { streamNo: e.stream, chunk: c, lo, hi });
    }
  }
  // One statement per stream, not per chunk (D1 counts each statement of a batch against its
  // 50 queries per invocation, and an upload built by 70 requests read with 71: attack
  // finding): a stream of one chunk reads the base64 covering the wanted bytes (substr); a
  // stream over several reads its chunks from the first wanted to the last whole, in one range
  // (a stream is one request's files, at most a few MiB).
  const byStream = new Map(); // streamNo -> its spans
  for (const s of spans.values()) {
    if (!byStream.has(s.streamNo)) byStream.set(s.streamNo, []);
    byStream.get(s.streamNo).push(s);
  }
  const reads = [...byStream.values()].map((list) => {
    if (list.length === 1) {
      const [s] = list;
      const start = Math.floor(s.lo / 3) * 4;
      return { list, query: sliceQuery(parent, s.streamNo, s.chunk, start, Math.ceil(s.hi / 3) * 4 - start, now) };
    }
    const chunks = list.map((s) => s.chunk);
    const [from, to] = [Math.min(...chunks), Math.max(...chunks)];
    return { list, from, to, query: [SQL.selectChunks, parent.id, from, to, now, list[0].streamNo] };
  });
  const results = reads.length ? await ops.d1Batch(reads.map((r) => r.query)) : [];
  const decoded = new Map();
  for (const [i, r] of reads.entries()) {
    const rows = results[i].results;
    if (r.from === undefined) {
      const [s] = r.list;
      const row = rows[0];
      if (!row || row.base64 === null) return null;
      decoded.set(`${s.streamNo}:${s.chunk}`, { base: Math.floor(s.lo / 3) * 3, bytes: Uint8Array.fromBase64(row.base64) });
      continue;
    }
    // Every chunk of the range, in order, or the stream is gone or cut.
    if (rows.length !== r.to - r.from + 1 || rows.some((row, k) => row.chunk_index !== r.from + k || row.base64 === null)) return null;
    for (const s of r.list) decoded.set(`${s.streamNo}:${s.chunk}`, { base: 0, bytes: Uint8Array.fromBase64(rows[s.chunk - r.from].base64) });
  }
  const files = [];
  for (const e of entries) {
    const data = new Uint8Array(e.bytes);
    for (const [c, lo, hi, base] of chunksOf(e)) {
      const d = decoded.get(`${e.stream}:${c}`);
      if (hi - d.base > d.bytes.length) return null; // a chunk shorter than its metadata says: gone or cut
      data.set(d.bytes.subarray(lo - d.base, hi - d.base), base + lo - e.offset);
    }
    files.push({ name: e.name, data });
  }
  return files;
}
