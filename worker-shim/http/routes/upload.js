// POST /api/upload              — multipart/form-data with one `file` part per export file,
// POST /api/upload?uploadId=ID  each named (its filename) by its path inside the export, or
//                                the same files as one application/x-trackersync-bundle
//                                (http/file-parts.js).
// The first form starts an upload; the second adds this request's files to the same upload
// (an export larger than one request goes in several). Each request's files are stored with
// the upload's metadata row in one D1 batch, so a request is either all there or not at all.
//   201 {uploadId, expiresAt, files: [{name, bytes, kind}], totalBytes}  (files: the whole upload)
//   400 a malformed body, no files, a repeated name      404 not your upload / expired
//   409 another request is adding to the same upload at this moment
//   413 a file over its cap (named), a request over its cap, an upload over its total
//   415 neither multipart/form-data nor a bundle         422 a file that is not from an export
import { classifyPaths } from "../../shared/export-files.js";
import { callCore } from "../../core/problems.js";
import { packFiles, storeStream } from "../../storage/file-store.js";
import { Problem, json } from "../problem.js";
import { SQL } from "../../storage/queries.js";
import { recordId } from "../../storage/ids.js";
import { loadOwned } from "../../storage/owned-rows.js";
import { readFileParts } from "../file-parts.js";
import { cutPath, DIGEST_MAX_BYTES, requestsCapDetail, totalCapDetail, UPLOAD_MAX_REQUESTS, uploadLimits } from "../../shared/upload-limits.js";
import { expiresAt } from "../../storage/ttl.js";
import { ROW_MAX_BYTES, bytesOverRowMax } from "../../storage/row-size.js";
import { storeCharged, storedBytes } from "../../storage/storage-budget.js";

const MAX_LISTED = 5; // names quoted back in a 422

// A path with a "." or empty part, or one that starts with "/" ("./Takeout/…", as archivers may
// write names), is refused by the classifier as unsafe whatever its file: said as that, not as
// a file of no export (helper finding: "./Takeout/Fitbit/…/weight-2023-01-01.json" was "not
// part of a Fitbit export").
const UNSAFE_PART = /(^|\/)\.{0,2}(\/|$)/;

function refusedDetail(refused) {
  const listed = refused.slice(0, MAX_LISTED).map((n) => `"${cutPath(n)}"`).join(", ");
  const more = refused.length > MAX_LISTED ? ` and ${refused.length - MAX_LISTED} more` : "";
  const unsafe = refused.some((n) => UNSAFE_PART.test(n))
    ? 'A path may not start with "/" or hold an empty, "." or ".." part: name each file from the export\'s top folder down (Takeout/Fitbit/…), without a "./" in front. '
    : "";
  return (
    `${refused.length === 1 ? "This file is" : "These files are"} not part of a Fitbit export TrackerSync reads: ${listed}${more}. ${unsafe}` +
    "Upload the files by their path inside the export (for example weight-2023-01-01.json, Profile.csv, exercise-0.json, Activities/<id>.tcx); nothing was stored."
  );
}

// Each part's kind from the core's classifier, the one the page and the CLI run: a file's kind
// from its own name, wherever it sits (export-files.js). A repeated name, or one already in
// the upload, is refused; so is the whole request when any part is of no kind.
async function classify(ctx, parts, already) {
  const seen = new Set(already);
  for (const part of parts) {
    if (seen.has(part.name)) throw new Problem(400, `The file "${cutPath(part.name)}" is already in this upload or appears twice in it; send each file once.`);
    seen.add(part.name);
  }
  const { kinds } = callCore(ctx, (core) => classifyPaths(core, parts.map((p) => p.name)));
  const refused = [];
  const files = [];
  for (const [i, part] of parts.entries()) {
    if (!kinds[i]) refused.push(part.name);
    else files.push({ name: part.name, kind: kinds[i], data: part.data });
  }
  if (refused.length) throw new Problem(422, refusedDetail(refused));
  return files;
}

const concurrent = () =>
  new Problem(409, "This upload changed while these files were sent (another request added files to it, or it expired). Send this request again; nothing of it was kept.");

// The request's exercise files with their digests (wasm/core/convert/exercise_digest.h), in
// order, while their bytes stay within DIGEST_MAX_BYTES: [{name, data: digest}]. A digest is
// stored after the files in the request's stream, and its file's entry says where
// (`digest: [offset, bytes]`), so the plan reads it instead of parsing the file again.
function digestsOf(ctx, files) {
  const chosen = [];
  let bytes = 0;
  for (const f of files) {
    if (f.kind !== "exercise" || bytes + f.data.length > DIGEST_MAX_BYTES) continue;
    chosen.push({ name: f.name, data: f.data });
    bytes += f.data.length;
  }
  return chosen.length ? callCore(ctx, (core) => core.digest(chosen)) : [];
}

// An upload's file list as the API shows it.
const listed = (index) => index.map(({ name, bytes, kind }) => ({ name, bytes, kind }));

export async function postUpload(ctx) {
  const limits = uploadLimits(ctx.env);
  // The one query parameter: another (a misspelt "uploadid") would start a new upload
  // without a word, when the person meant to add to theirs.
  const unknown = [...ctx.url.searchParams.keys()].find((k) => k !== "uploadId");
  if (unknown !== undefined) {
    throw new Problem(400, `POST /api/upload takes one query parameter, uploadId (to add files to an upload), not "${unknown.slice(0, 40)}".`);
  }
  const adding = ctx.url.searchParams.get("uploadId");
  // The upload being added to is looked up before the body is read: a wrong id costs nothing.
  const row = adding === null ? null : await loadOwned(ctx, "upload", adding);
  // Before the body is read: an upload of that many requests takes no more (upload-limits.js).
  if (row && (row.metadata.streams ?? 1) >= UPLOAD_MAX_REQUESTS) throw new Problem(413, requestsCapDetail());
  const parts = await readFileParts(ctx.request, limits);
  if (parts.length === 0) throw new Problem(400, 'The request has no files. Send each export file as a form-data part named "file", or all of them as one TSB1 bundle.');
  const before = row?.metadata.files ?? [];
  const files = await classify(ctx, parts, before.map((f) => f.name));
  // Uploads stored before streams were counted hold one stream, number 0.
  const streamNo = row ? (row.metadata.streams ?? 1) : 0;
  // The caps count the files, not their digests; an upload over them is refused before any is made.
  const totalBytes = (row?.metadata.totalBytes ?? 0) + files.reduce((n, f) => n + f.data.length, 0);
  if (totalBytes > limits.totalBytes || before.length + files.length > limits.totalFiles) {
    throw new Problem(413, totalCapDetail(limits, { bytes: totalBytes, files: before.length + files.length }));
  }
  const digests = digestsOf(ctx, files);
  const { stream, index } = packFiles([...files, ...digests]);
  const entries = index.slice(0, files.length).map((f) => ({ ...f, stream: streamNo }));
  for (const [i, d] of index.slice(files.length).entries()) entries.find((f) => f.name === digests[i].name).digest = [d.offset, d.bytes];
  const all = [...before, ...entries];
  const expires = row ? row.expiresAt : expiresAt(ctx, "upload");
  const uploadId = row ? adding : recordId(expires);
  const { inline, statements } = storeStream(uploadId, stream, expires, streamNo);
  const metadata = JSON.stringify({ files: all, streams: streamNo + 1, totalBytes, inline: row ? row.metadata.inline === true : inline !== null });
  // The file list is one D1 row: names count against it however few bytes their files hold
  // (an attack: 4,000 empty files under 494-character paths took it past D1's row limit, and
  // every later request to that upload was a 503).
  const listBytes = bytesOverRowMax(metadata);
  if (listBytes) {
    throw new Problem(
      413,
      `With these files the upload's list of files would be ${listBytes} bytes, more than the ${ROW_MAX_BYTES} one upload keeps: ` +
        `${before.length + files.length} files under long paths. Upload the files by their path inside the export, and only those the ` +
        `conversion plan reads (weight, profile, exercise and resting heart rate); nothing of this request was stored.`,
    );
  }
  const head = row
    ? [SQL.updateUpload, uploadId, ctx.client.id, metadata, ctx.now, row.metadata.streams ?? null]
    : [SQL.insertUpload, uploadId, ctx.client.id, metadata, ctx.now, expires, inline];
  try {
    // Charged with what it stores: the chunks' base64, the row's metadata and inline stream.
    const results = await storeCharged(ctx.ops, [...statements, head], storedBytes(statements.map((st) => st[4]), metadata, inline));
    // No row changed: another request added files first (the stream count moved on) or the
    // upload expired meanwhile. Chunks written under a stream number no metadata names are
    // never read, and maintenance deletes them with the upload.
    if (row && (results.at(-1).meta.changes ?? 0) === 0) throw concurrent();
  } catch (err) {
    if (row && /UNIQUE|constraint/i.test(String(err?.message))) throw concurrent();
    throw err;
  }
  return json({ uploadId, expiresAt: new Date(expires).toISOString(), files: listed(all), totalBytes }, 201);
}
