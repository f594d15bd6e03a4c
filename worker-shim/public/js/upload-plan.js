// Splits files into upload requests the server takes — at most `maxBytes` of file data and
// `maxFiles` files per request (worker-shim/shared/upload-limits.js) — in the given order, so
// the split is the same every time. The requests add to one upload (POST /api/upload, then
// ?uploadId=…). With `digestBytes`, a request also carries at most that much of exercise
// files (kind "exercise"): the server digests that much per request (DIGEST_MAX_BYTES), and
// an exercise file it does not digest costs the plan request its whole parse. Pure.

export class TooLargeFileError extends Error {
  constructor(path, bytes, maxBytes) {
    super(`${path} is larger than the server takes in one file`);
    this.name = "TooLargeFileError";
    this.path = path;
    this.bytes = bytes;
    this.maxBytes = maxBytes;
  }
}

// files: [{path, data: Uint8Array, kind?}] → [[file, …], …]. Greedy in order: a request is
// closed when the next file would overflow it. A single file over the cap throws
// TooLargeFileError; one exercise file over digestBytes goes alone (the server stores it
// undigested).
// With `maxRequests`, a split of more requests than that (exercise requests cut for digests)
// is made again without the digest cut: the server takes at most that many requests into one
// upload (UPLOAD_MAX_REQUESTS), and an exercise file it does not digest costs only CPU.
export function planUploads(files, { maxBytes, maxFiles, digestBytes = Infinity, maxRequests = Infinity }) {
  const parts = split(files, maxBytes, maxFiles, digestBytes);
  return parts.length > maxRequests && digestBytes !== Infinity ? split(files, maxBytes, maxFiles, Infinity) : parts;
}

function split(files, maxBytes, maxFiles, digestBytes) {
  const parts = [];
  let current = [];
  let size = 0;
  let digested = 0;
  for (const f of files) {
    if (f.data.length > maxBytes) throw new TooLargeFileError(f.path, f.data.length, maxBytes);
    const exercise = f.kind === "exercise" ? f.data.length : 0;
    if (current.length && (size + f.data.length > maxBytes || current.length + 1 > maxFiles || (exercise && digested + exercise > digestBytes))) {
      parts.push(current);
      current = [];
      size = 0;
      digested = 0;
    }
    current.push(f);
    size += f.data.length;
    digested += exercise;
  }
  if (current.length) parts.push(current);
  return parts;
}
