// The files a request carries, for the routes that take export files (an upload, a
// conversion's step group), in either of two bodies:
//   multipart/form-data — one part named `file` per file, its filename the export path: what a
//       person sends with curl or an HTML form;
//   application/x-trackersync-bundle — one TSB1 bundle (shared/bundle.js) of the files, each
//       named by its export path, with no options: what the web page sends.
// Why two: the bundle is taken apart by reading a few lengths, in place, while a multipart
// body is searched for its boundary byte by byte. For a month of per-minute data (2 MB) that
// search is CPU of the same order as the core's own step, and the free plan gives a request
// 10 ms of CPU for both (docs/benchmarks.md, bench-server-session).
// Either way the caps are the same: no file over maxFileBytes (413 naming it), no more than
// maxFiles files and maxBytes bytes of files in one request (413 saying how to split).
import { BUNDLE_TYPE, BundleFilesError, decodeBundle } from "../shared/bundle.js";
import { capDetail, fileCapDetail } from "../shared/upload-limits.js";
import { Problem, cut } from "./problem.js";
import { boundaryOf, scanParts } from "./multipart-count.js";
import { mediaType, readBodyCapped } from "./request-body.js";

// Multipart framing around each part (boundary lines, Content-Disposition with the path,
// Content-Type), or a bundle's two lengths and the path — generous, so the cap on file bytes
// is what a person meets first.
const PART_OVERHEAD = 1024;
const BODY_OVERHEAD = 16 * 1024;
// A part's headers, from its delimiter to the blank line after them, and all parts' together:
// a path of 512 characters, written as UTF-8 or percent-encoded, fits well within a part's.
const PART_HEADER_MAX = 4 * 1024;
const HEADERS_MAX = 256 * 1024;

async function multipartFiles(request, body, field, limits, over) {
  // Refused before the runtime parses it when it holds more parts than files allowed: the
  // closing delimiter is one more than the parts (http/multipart-count.js).
  const boundary = boundaryOf(request.headers.get("content-type"));
  if (boundary === null) {
    throw new Problem(
      400,
      'The multipart/form-data Content-Type needs one boundary parameter, such as boundary=----x1 (quoted, it may not hold a backslash). curl -F and browsers write one; send the files that way.',
    );
  }
  const parts = scanParts(body, boundary, limits.maxFiles + 2, PART_HEADER_MAX);
  if (parts.delimiters >= limits.maxFiles + 2) {
    throw new Problem(413, over({ files: `more than ${limits.maxFiles}` }));
  }
  // Headers the parser would spend its CPU on (multipart-count.js scanParts): a file part
  // needs a Content-Disposition with its path (at most 512 characters) and a Content-Type.
  if (parts.headerBytes > PART_HEADER_MAX || parts.headerTotal > HEADERS_MAX) {
    throw new Problem(
      400,
      `A file part's headers are ${parts.headerBytes > PART_HEADER_MAX ? `over ${PART_HEADER_MAX / 1024} KiB in one part` : `over ${HEADERS_MAX / 1024} KiB in all`}: ` +
        "each part needs only its Content-Disposition (name \"file\", the export path as filename) and a Content-Type. Send the files with curl -F or a browser form.",
    );
  }
  let form;
  try {
    form = await new Response(body, { headers: { "content-type": request.headers.get("content-type") } }).formData();
  } catch {
    throw new Problem(400, "The multipart/form-data body could not be read (a missing or wrong boundary, a cut-off part, or a control character such as NUL in a part's headers or filename). Send it again.");
  }
  const files = [];
  for (const [name, value] of form) {
    if (name !== field) {
      throw new Problem(400, `Only file parts named "${field}" are accepted; the part "${String(name).slice(0, 40)}" is not one.`);
    }
    if (typeof value === "string") {
      throw new Problem(400, `The part "${field}" has no filename: give each file part its path inside the export as its filename (curl -F 'file=@weight.json;filename=Takeout/Fitbit/Global Export Data/weight.json').`);
    }
    files.push({ name: value.name, data: new Uint8Array(await value.arrayBuffer()) });
  }
  return files;
}

function bundleFiles(body, limits, over) {
  let bundle;
  try {
    // A body of files carries no options; a long options block is refused unparsed, and a
    // count of files past the cap before a view is made for each.
    bundle = decodeBundle(body, { maxOptionsBytes: 64, maxFiles: limits.maxFiles ?? Infinity });
  } catch (err) {
    if (err instanceof BundleFilesError) throw new Problem(413, over({ files: err.files }));
    throw new Problem(400, `The ${BUNDLE_TYPE} body is not a TSB1 bundle of files alone (it is cut off, its lengths or names are wrong, or it carries options). Send the files again, without options.`);
  }
  if (bundle.options !== null) throw new Problem(400, `A ${BUNDLE_TYPE} body of files carries no options: send the files alone.`);
  return bundle.files;
}

// -> [{name, data: Uint8Array}] in the order sent. `field`: the multipart parts' name.
// `over(counts)`, when given, says what is wrong with a body over `limits` ({bytes, files}; each
// may be missing), in place of the upload's advice (a group request was planned with exactly
// its files: more is another file, not too much for one request).
export async function readFileParts(request, limits, field = "file", over = (counts) => capDetail(limits, counts)) {
  const type = mediaType(request);
  if (type !== "multipart/form-data" && type !== BUNDLE_TYPE) {
    throw new Problem(
      415,
      `This endpoint takes multipart/form-data or ${BUNDLE_TYPE}${type ? `, not ${cut(type)}` : " and the request had no Content-Type"}. ` +
        `Send the files as form-data parts named \`${field}\`, each with its path inside the export as the filename, or as one TSB1 bundle of them.`,
    );
  }
  const bodyCap = limits.maxBytes + limits.maxFiles * PART_OVERHEAD + BODY_OVERHEAD;
  const body = await readBodyCapped(request, bodyCap, (declared) => over({ bytes: declared ?? undefined }));
  const files = type === BUNDLE_TYPE ? bundleFiles(body, limits, over) : await multipartFiles(request, body, field, limits, over);
  const huge = files.find((f) => f.data.length > limits.maxFileBytes);
  if (huge) throw new Problem(413, fileCapDetail(limits, huge.name, huge.data.length));
  const total = files.reduce((n, f) => n + f.data.length, 0);
  if (files.length > limits.maxFiles || total > limits.maxBytes) {
    throw new Problem(413, over({ bytes: total, files: files.length }));
  }
  return files;
}
