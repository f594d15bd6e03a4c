// Splits the files to upload into parts the server accepts — at most `maxBytes` of file data
// and `maxFiles` files per upload (worker-shim/shared/upload-limits.js) — in the given order, so the
// split is the same every time. Pure.

export class TooLargeFileError extends Error {
  constructor(path, bytes, maxBytes) {
    super(`${path} is larger than one upload may be`);
    this.name = "TooLargeFileError";
    this.path = path;
    this.bytes = bytes;
    this.maxBytes = maxBytes;
  }
}

// files: [{path, data: Uint8Array}] → [[file, …], …]. Greedy in order: a part is closed when
// the next file would overflow it. `everyPart`: files that go into every part (Profile.csv:
// the time zone and height each part's conversion reads) and count against each part's
// limits. A single file over the cap cannot be split: it throws TooLargeFileError.
export function planUploads(files, { maxBytes, maxFiles }, everyPart = []) {
  const baseBytes = everyPart.reduce((s, f) => s + f.data.length, 0);
  const parts = [];
  let current = [];
  let size = baseBytes;
  for (const f of files) {
    if (baseBytes + f.data.length > maxBytes) throw new TooLargeFileError(f.path, f.data.length, maxBytes);
    if (current.length && (size + f.data.length > maxBytes || everyPart.length + current.length + 1 > maxFiles)) {
      parts.push(current);
      current = [];
      size = baseBytes;
    }
    current.push(f);
    size += f.data.length;
  }
  if (current.length) parts.push(current);
  return parts.map((p) => [...everyPart, ...p]);
}
