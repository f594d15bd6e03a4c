// Splits the files to upload into parts the server accepts (each multipart request under its
// per-upload cap), in the given order, so the split is the same every time. Pure.

// Per file part: boundary line, Content-Disposition with the name, Content-Type, blank lines.
// Generous, so a part planned under the cap is under it on the wire too.
export const PART_OVERHEAD_BYTES = 256;
const encoder = new TextEncoder();

export function partBytes(file) {
  return file.data.length + encoder.encode(file.path).length + PART_OVERHEAD_BYTES;
}

export class TooLargeFileError extends Error {
  constructor(path, bytes, capBytes) {
    super(`${path} is larger than one upload may be`);
    this.name = "TooLargeFileError";
    this.path = path;
    this.bytes = bytes;
    this.capBytes = capBytes;
  }
}

// files: [{path, data: Uint8Array}] → [[file, …], …]. Greedy in order: a part is closed when
// the next file would overflow it. A single file over the cap cannot be split: it throws.
export function planUploads(files, capBytes) {
  const parts = [];
  let current = [];
  let size = PART_OVERHEAD_BYTES; // the closing boundary
  for (const f of files) {
    const b = partBytes(f);
    if (b + PART_OVERHEAD_BYTES > capBytes) throw new TooLargeFileError(f.path, f.data.length, capBytes);
    if (size + b > capBytes && current.length) {
      parts.push(current);
      current = [];
      size = PART_OVERHEAD_BYTES;
    }
    current.push(f);
    size += b;
  }
  if (current.length) parts.push(current);
  return parts;
}
