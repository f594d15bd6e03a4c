// Splits files into upload requests the server takes — at most `maxBytes` of file data and
// `maxFiles` files per request (worker-shim/shared/upload-limits.js) — in the given order, so
// the split is the same every time. The requests add to one upload (POST /api/upload, then
// ?uploadId=…). Pure.

export class TooLargeFileError extends Error {
  constructor(path, bytes, maxBytes) {
    super(`${path} is larger than the server takes in one file`);
    this.name = "TooLargeFileError";
    this.path = path;
    this.bytes = bytes;
    this.maxBytes = maxBytes;
  }
}

// files: [{path, data: Uint8Array}] → [[file, …], …]. Greedy in order: a request is closed when
// the next file would overflow it. A single file over the cap throws TooLargeFileError.
export function planUploads(files, { maxBytes, maxFiles }) {
  const parts = [];
  let current = [];
  let size = 0;
  for (const f of files) {
    if (f.data.length > maxBytes) throw new TooLargeFileError(f.path, f.data.length, maxBytes);
    if (current.length && (size + f.data.length > maxBytes || current.length + 1 > maxFiles)) {
      parts.push(current);
      current = [];
      size = 0;
    }
    current.push(f);
    size += f.data.length;
  }
  if (current.length) parts.push(current);
  return parts;
}
