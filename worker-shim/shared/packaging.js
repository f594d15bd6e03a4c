// The download zip, byte-identical wherever it is built: the Worker (GET /api/download/{id}),
// the browser ("convert on this device", which streams it out step by step) and Node.
//
// Why fflate: a small (8 kB), dependency-free, well-kept zip writer that runs unchanged in
// workerd, the browser and Node, synchronously (no worker threads, which Workers lack), and
// lets every header field that would vary be fixed. Its streaming Zip writes each entry as it
// comes (a local header, the bytes, a data descriptor with CRC and sizes) and the central
// directory at the end, so a conversion of any size is zipped without holding its outputs.
// Determinism comes from:
//   - entries in the order given: the download order (every step's files in plan order, then
//     assembly's; wasm/core/convert/steps.h), the same however the steps were run;
//   - one fixed modification time. fflate writes DOS times from the Date's *local* fields,
//     so the Date is built from local fields too: the same stamp in every time zone;
//   - STORE (no compression). The outputs are small FIT/CSV/JSON files; deflating them
//     would cost ~20-50 ms of CPU per MiB on a request that has 10 ms, while storing costs a
//     CRC and a copy. It also leaves nothing to differ between deflate builds.
import { Zip, ZipPassThrough } from "fflate";

const FIXED_MTIME = () => new Date(2000, 0, 1, 12, 0, 0);

const CONTENT_TYPES = {
  fit: "application/vnd.ant.fit",
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  txt: "text/plain; charset=utf-8",
  zip: "application/zip",
};

export function contentTypeFor(path) {
  const ext = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
  return CONTENT_TYPES[ext] ?? "application/octet-stream";
}

// RFC 6266: an ASCII fallback plus the exact name in UTF-8; the name is the last path
// segment (folders are for the zip, a browser saves one file).
export function contentDisposition(path) {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const ascii = base.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(base)}`;
}

// A zip written as it goes: add(path, data) emits that entry's bytes through onChunk(Uint8Array)
// at once; end() emits the central directory. Refuses a path given twice.
export class ZipStream {
  #zip;
  #paths = new Set();
  #mtime = FIXED_MTIME();

  constructor(onChunk) {
    this.#zip = new Zip((err, chunk) => {
      if (err) throw err;
      onChunk(chunk);
    });
  }

  add(path, data) {
    if (this.#paths.has(path)) throw new TypeError(`duplicate output path ${path}`);
    this.#paths.add(path);
    const entry = new ZipPassThrough(path);
    entry.mtime = this.#mtime;
    this.#zip.add(entry);
    entry.push(data, true);
  }

  end() {
    this.#zip.end();
  }
}

// files: [{path, data: Uint8Array}] in download order -> the zip's bytes (what ZipStream
// streams, in one buffer).
export function zipOutputs(files) {
  const chunks = [];
  const zip = new ZipStream((c) => chunks.push(c));
  for (const f of files) zip.add(f.path, f.data);
  zip.end();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
