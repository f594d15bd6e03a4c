// Reads a Fitbit export in the browser: one or more Takeout .zip parts, or an extracted folder
// (picked, or dropped). Listing reads only a zip's central directory, so a multi-gigabyte
// Takeout is never loaded whole; afterwards only the files the converter uses are inflated.
import { archivePath } from "./archive-path.js";
import { BlobReader, Uint8ArrayWriter, ZipReader, configure } from "/lib/zip/zip.js";
import { isTgz, tgzEntries } from "./tgz.js";

// On the page zip.js inflates in workers loaded from /lib/zip/ (same origin, allowed by the
// CSP); inside the converter's own worker it inflates in that worker.
configure({ useWebWorkers: typeof window !== "undefined" });

// An entry of the export: {path, bytes, read(onBytes, signal) → Uint8Array, source}.
// `onBytes(n)` reports the bytes of this file read so far. `source` says where the bytes are
// in a form a Web Worker can be handed (structured-cloneable): {zip: File, name, index} for a
// zip member (its place in the zip's central directory: a zip may hold one name twice, and the
// copy the page chose must be the copy read), {file: File} for a file of a folder (or a Blob
// of a .tgz member the page kept: tgz.js); the
// converter's worker reads each step's files from it when that step runs (readSource).

// zip.js refuses a whole zip when one member's name is unsafe ("../x", "/x", "C:/x") unless
// told to be tolerant; the core's classifier names such a member as an unsafe path and never
// reads it, as the CLI does, so the rest of the export still converts (helper finding: the
// page said "not a zip archive" for the whole export).
const ZIP_OPTIONS = { filenameValidation: "tolerant" };
// Each member's bytes checked against its CRC-32 as it is inflated: a member with one changed
// digit was converted as it stood, without a word (helper finding); zip.js then throws
// "Invalid CRC32", which the page says in words (plain-errors.js).
const CHECKED = { checkCrc32: true };

async function zipEntries(file, signal) {
  const reader = new ZipReader(new BlobReader(file), { ...ZIP_OPTIONS, signal });
  let entries;
  try {
    entries = await reader.getEntries();
  } catch (err) {
    if (err?.name === "AbortError") throw err;
    throw new ExportReadError("not-a-zip", file.name);
  }
  return entries
    .map((e, index) => ({ e, index, path: archivePath(e.filename) }))
    // A name ending in a separator is a folder even without the directory attribute.
    .filter(({ e, path }) => !e.directory && !path.endsWith("/"))
    .map(({ e, index, path }) => ({
      path,
      bytes: e.uncompressedSize,
      read: (onBytes, sig) => e.getData(new Uint8ArrayWriter(), { signal: sig, onprogress: async (n) => onBytes(n), ...CHECKED }),
      source: { zip: file, name: e.filename, index },
    }));
}

function fileEntry(path, file) {
  return {
    path,
    bytes: file.size,
    read: async (onBytes, sig) => {
      if (sig?.aborted) throw sig.reason;
      const data = new Uint8Array(await file.arrayBuffer());
      onBytes(data.length);
      return data;
    },
    source: { file },
  };
}

// Reads files from their sources (above), in a page or a worker: a zip's central directory is
// listed once per zip (kept in `cache`, a Map), then only the members asked for are inflated.
export async function readSource(source, cache) {
  if (source.file) return new Uint8Array(await source.file.arrayBuffer());
  let members = cache.get(source.zip);
  if (!members) {
    members = await new ZipReader(new BlobReader(source.zip), ZIP_OPTIONS).getEntries();
    cache.set(source.zip, members);
  }
  // By its place, not its name: a map by name held the last of two members of one name, and
  // the page then converted an empty copy it had passed over (helper finding).
  const entry = members[source.index];
  if (!entry || entry.filename !== source.name) throw new ExportReadError("not-a-zip", source.zip.name);
  return entry.getData(new Uint8ArrayWriter(), CHECKED);
}

export class ExportReadError extends Error {
  constructor(code, name) {
    super(code);
    this.name = "ExportReadError";
    this.code = code; // "not-a-zip" | "not-a-tgz" | "no-fitbit-files"
    this.fileName = name;
  }
}

// Files from an <input type=file> (zips, .tgz, or a folder via webkitdirectory) → entries.
// onProgress(done, total) follows a .tgz, which is read whole to be listed.
export async function entriesFromFiles(files, signal, onProgress) {
  const out = [];
  for (const f of files) {
    if (f.webkitRelativePath) out.push(fileEntry(f.webkitRelativePath, f));
    else if (/\.zip$/i.test(f.name) || f.type === "application/zip") out.push(...(await zipEntries(f, signal)));
    else if (isTgz(f)) out.push(...(await tgzEntries(f, { signal, onProgress })));
    else out.push(fileEntry(f.name, f));
  }
  return out;
}

// A drop: zips and/or folders (walked through the File System entries API).
export async function entriesFromDrop(dataTransfer, signal, onProgress) {
  const roots = [...dataTransfer.items].map((i) => i.webkitGetAsEntry?.()).filter(Boolean);
  if (roots.length === 0) return entriesFromFiles(dataTransfer.files, signal, onProgress);
  const out = [];
  for (const root of roots) {
    if (root.isDirectory) out.push(...(await walk(root)));
    else {
      const file = await new Promise((res, rej) => root.file(res, rej));
      out.push(...(await entriesFromFiles([file], signal, onProgress)));
    }
  }
  return out;
}

async function walk(dir) {
  const out = [];
  const reader = dir.createReader();
  for (;;) {
    // readEntries returns at most ~100 entries per call; empty means done.
    const batch = await new Promise((res, rej) => reader.readEntries(res, rej));
    if (batch.length === 0) break;
    for (const e of batch) {
      if (e.isDirectory) out.push(...(await walk(e)));
      else {
        const file = await new Promise((res, rej) => e.file(res, rej));
        out.push(fileEntry(e.fullPath.replace(/^\//, ""), file));
      }
    }
  }
  return out;
}

// Reads the given entries' bytes, one at a time, reporting (doneBytes, totalBytes).
// `promise`, or signal.reason as soon as `signal` aborts. A File's arrayBuffer() cannot be
// cancelled, and one large file can take seconds: "Stop reading" must not wait for it (its
// bytes are dropped when they arrive).
function untilAborted(promise, signal) {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const stop = () => reject(signal.reason);
    signal.addEventListener("abort", stop, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener("abort", stop);
        resolve(v);
      },
      (err) => {
        signal.removeEventListener("abort", stop);
        reject(err);
      },
    );
  });
}

export async function readEntries(entries, { onProgress, signal } = {}) {
  const total = entries.reduce((s, e) => s + e.bytes, 0);
  let done = 0;
  const out = [];
  for (const e of entries) {
    if (signal?.aborted) throw signal.reason;
    const data = await untilAborted(e.read((n) => onProgress?.(done + n, total), signal), signal);
    done += e.bytes;
    onProgress?.(done, total);
    out.push({ path: e.path, data });
  }
  return out;
}
