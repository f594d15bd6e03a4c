// A Takeout delivered as .tgz (Google offers it next to .zip): streamed through the browser's
// own gzip decoder and modern-tar's tar decoder, keeping only the Fitbit files the converter
// reads, so a multi-gigabyte archive never sits in memory. A tar has no index, so unlike a
// zip it is read once, end to end; every other member is listed (for the "ignored" count)
// and skipped.
//
// Why modern-tar (MIT, zero dependencies, Web Streams): it reads ustar, PAX and GNU long
// names — Takeout paths run past ustar's 100 characters — as a TransformStream that pairs with
// DecompressionStream("gzip"), which every current browser has; a hand-written tar reader
// would have to get those three header formats right itself.
import { archivePath } from "./archive-path.js";
import { Gunzip } from "../lib/core/fflate.js";
import { createTarDecoder } from "../lib/tar/web/index.js";
import { loadClassifier } from "./classifier.js";
import { kindInfo } from "./kind-labels.js";
import { ExportReadError } from "./read-export.js";
import { joinedTars } from "./tar-joined.js";

export function isTgz(file) {
  return /\.(tgz|tar\.gz)$/i.test(file.name) || file.type === "application/gzip" || file.type === "application/x-gzip";
}

// What tgzEntries keeps of the tar's end to find its end-of-archive blocks: a record and two
// blocks.
const TAIL_BYTES = 10240 + 1024;

// Members kept in memory: the Fitbit files the page sends to the converter (the core's
// classifier decides each member's kind).
function wanted(classifier, path) {
  const kind = classifier.classify([path]).kinds[0];
  return kind != null && kindInfo(kind).sent;
}

function cancelled(signal) {
  return signal.reason instanceof DOMException && signal.reason.name === "AbortError"
    ? signal.reason
    : new DOMException("The operation was cancelled.", "AbortError");
}

// Reads a member's body to its end, keeping nothing; its length. (modern-tar 0.8.6's
// body.cancel() leaves the next member's body unreadable: tests/e2e/ui-newcomer.test.js puts
// skipped members first.)
async function drain(body) {
  const reader = body.getReader();
  let n = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return n;
    n += value.byteLength;
  }
}

// The stream of a .tgz that could not be read through: its gzip or its tar decoder failed
// (the checks below throw ExportReadError instead).
class Unreadable extends Error {}

// A gzip file may hold several members, each a whole gzip stream: `cat a.tgz b.tgz` writes
// one, as some tools do. Node's decoder reads them all, but Chromium's DecompressionStream
// stops at the first member's end with an error (helper finding: two Takeout tars joined so
// were refused as "not a .tgz"). fflate's Gunzip (already the page's zip writer) reads every
// member; it is the second try only, as JavaScript inflate is slower than the browser's own.
function gunzipMembers() {
  let gunzip;
  return new TransformStream({
    start(c) {
      gunzip = new Gunzip((data) => c.enqueue(data));
    },
    transform(chunk) {
      gunzip.push(chunk);
    },
    flush() {
      gunzip.push(new Uint8Array(0), true);
    },
  });
}

// file: a File/Blob named *.tgz → entries {path, bytes, read, source} (read-export.js);
// onProgress(compressedBytesRead, fileSize).
export async function tgzEntries(file, options = {}) {
  try {
    return await readTgz(file, () => new DecompressionStream("gzip"), options);
  } catch (err) {
    if (!(err instanceof Unreadable)) throw err;
  }
  try {
    return await readTgz(file, gunzipMembers, options);
  } catch (err) {
    throw err instanceof Unreadable ? new ExportReadError("not-a-tgz", file.name) : err;
  }
}

async function readTgz(file, gunzip, { signal, onProgress } = {}) {
  const classifier = await loadClassifier();
  let seen = 0;
  const counted = file.stream().pipeThrough(
    new TransformStream({
      transform(chunk, c) {
        seen += chunk.byteLength;
        onProgress?.(seen, file.size);
        c.enqueue(chunk);
      },
    }),
  );
  // A tar ends with two 512-byte blocks of zeros (POSIX; GNU tar, bsdtar, Python's tarfile and
  // Takeout write them), padded to a 10,240-byte record whose rest is undefined. One cut exactly
  // at a member boundary and then gzipped whole decodes without an error and ends between
  // members, its later files lost unsaid: the tar's last record and end blocks are kept, and at
  // least one 512-aligned block of zeros must lie in them (a lone one, as GNU tar accepts with a
  // warning, will do; member data ending in an aligned zero block is accepted too, wrongly but
  // harmlessly — a header block is never all zeros).
  let tail = new Uint8Array(0);
  let total = 0;
  const tailKept = new TransformStream({
    transform(chunk, c) {
      const joined = new Uint8Array(Math.min(TAIL_BYTES, tail.length + chunk.length));
      const fromTail = joined.length - Math.min(chunk.length, joined.length);
      joined.set(tail.subarray(tail.length - fromTail), 0);
      joined.set(chunk.subarray(chunk.length - (joined.length - fromTail)), fromTail);
      tail = joined;
      total += chunk.length;
      c.enqueue(chunk);
    },
  });
  const ended = () => {
    const start = total - tail.length;
    for (let at = Math.ceil(start / 512) * 512; at + 512 <= total; at += 512) {
      if (tail.subarray(at - start, at - start + 512).every((b) => b === 0)) return true;
    }
    return false;
  };
  const reader = counted.pipeThrough(gunzip()).pipeThrough(tailKept).pipeThrough(joinedTars()).pipeThrough(createTarDecoder()).getReader();
  const stop = () => reader.cancel().catch(() => {});
  signal?.addEventListener("abort", stop, { once: true });
  const out = [];
  try {
    for (;;) {
      const { value: entry, done } = await reader.read();
      if (signal?.aborted) throw cancelled(signal);
      if (done) {
        if (!ended()) throw new ExportReadError("not-a-tgz", file.name);
        break;
      }
      const { size, type } = entry.header;
      // "./Takeout/…", as `tar czf x.tgz -C folder .` writes names (archive-path.js).
      const name = archivePath(entry.header.name);
      if (type !== "file" || !wanted(classifier, name)) {
        // A member shorter than its header says: the tar was cut there (review finding: most
        // of a Takeout's bytes are other products' members, so a cut mostly falls in one).
        if ((await drain(entry.body)) !== size && type === "file") throw new ExportReadError("not-a-tgz", file.name);
        if (type === "file") out.push({ path: name, bytes: size, read: () => Promise.reject(new Error(`${name} was not kept`)) });
        continue;
      }
      // Kept as a Blob: the converter's worker is handed it as the member's source (readSource
      // in read-export.js), as it is a zip member's place or a folder's File, and reads each
      // step's files from it when the step runs. Without a source the device's conversion of
      // every .tgz stopped at its first step (helper finding); a Blob is handed over without a
      // copy, and the browser may keep a large one on disk.
      const blob = await new Response(entry.body).blob();
      // A tar cut short inside a whole gzip stream ends its last member early, without an
      // error from the decoder: the files past the cut were lost unsaid (helper finding).
      if (blob.size !== size) throw new ExportReadError("not-a-tgz", file.name);
      out.push({
        path: name,
        bytes: blob.size,
        read: async (onBytes) => {
          const data = new Uint8Array(await blob.arrayBuffer());
          onBytes(data.length);
          return data;
        },
        source: { file: blob },
      });
    }
  } catch (err) {
    if (signal?.aborted) throw cancelled(signal);
    if (err instanceof ExportReadError) throw err;
    throw new Unreadable(err?.message);
  } finally {
    signal?.removeEventListener("abort", stop);
  }
  return out;
}
