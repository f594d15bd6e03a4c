// The download zip, byte-identical wherever it is built: the Worker (GET /api/download/{id})
// and the browser ("convert on this device") both call zipOutputs on the core's outputs.
//
// Why fflate: a small (8 kB), dependency-free, well-kept zip writer that runs unchanged in
// workerd, the browser and Node, synchronously (no worker threads, which Workers lack), and
// lets every header field that would vary be fixed. Determinism comes from:
//   - entries sorted by path (code-unit order, not locale order);
//   - one fixed modification time. fflate writes DOS times from the Date's *local* fields,
//     so the Date is built from local fields too: the same stamp in every time zone;
//   - STORE (level 0), no compression. The outputs are small FIT/CSV/JSON files; deflating
//     them would cost ~20-50 ms of CPU per MiB on a request that has 10 ms, while storing
//     costs a CRC and a copy. It also leaves nothing to differ between deflate builds.
import { zipSync } from "fflate";

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

// files: [{path, data: Uint8Array}] -> the zip's bytes.
export function zipOutputs(files) {
  const mtime = FIXED_MTIME();
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // fflate takes a plain object, whose key order is insertion order except for integer-like
  // keys ("7"), which JS moves to the front; an output path always has an extension, and
  // one that does not is refused rather than silently reordered.
  const entries = {};
  for (const f of sorted) {
    if (/^\d+$/.test(f.path)) throw new TypeError(`output path ${f.path} has no extension`);
    if (Object.hasOwn(entries, f.path)) throw new TypeError(`duplicate output path ${f.path}`);
    entries[f.path] = [f.data, { level: 0, mtime }];
  }
  return zipSync(entries, { level: 0, mtime });
}
