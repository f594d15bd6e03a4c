// POST /api/upload — multipart/form-data with one `file` part per export file, each named
// (its filename) by its path inside the export. Stores the files and their metadata row in
// one D1 batch, so an upload is either all there or not there at all.
//   201 {uploadId, expiresAt, files: [{name, bytes, kind}]}
//   400 malformed multipart, no files, a repeated name   413 over the cap (files or bytes)
//   415 not multipart/form-data                          422 a file that is not from an export
import { classifyPaths } from "../../shared/export-files.js";
import { callCore } from "../../core/problems.js";
import { packFiles, chunkStatements } from "../../storage/file-store.js";
import { Problem, json } from "../problem.js";
import { SQL } from "../../storage/queries.js";
import { randomId } from "../../storage/ids.js";
import { readBodyCapped, requireMediaType } from "../request-body.js";
import { capDetail, fileCapDetail, uploadLimits } from "../../shared/upload-limits.js";
import { expiresAt } from "../../storage/ttl.js";

// Multipart framing around each part (boundary lines, Content-Disposition with the path,
// Content-Type) — generous, so the cap on file bytes is what a person meets first.
const PART_OVERHEAD = 1024;
const BODY_OVERHEAD = 16 * 1024;
const MAX_LISTED = 5; // names quoted back in a 422

async function readParts(request, limits) {
  requireMediaType(request, "multipart/form-data", "Send the export's files as form-data parts named `file`, each with its path inside the export as the filename.");
  const bodyCap = limits.maxBytes + limits.maxFiles * PART_OVERHEAD + BODY_OVERHEAD;
  const body = await readBodyCapped(request, bodyCap, (declared) => capDetail(limits, { bytes: declared ?? undefined }));
  let form;
  try {
    form = await new Response(body, { headers: { "content-type": request.headers.get("content-type") } }).formData();
  } catch {
    throw new Problem(400, "The multipart/form-data body could not be read (a missing or wrong boundary, or a cut-off part). Send it again.");
  }
  const parts = [];
  for (const [field, value] of form) {
    if (field !== "file" || typeof value === "string") {
      throw new Problem(400, `Only file parts named "file" are accepted; the part "${String(field).slice(0, 40)}" is not one.`);
    }
    parts.push(value);
  }
  return parts;
}

export async function postUpload(ctx) {
  const limits = uploadLimits(ctx.env);
  const parts = await readParts(ctx.request, limits);
  if (parts.length === 0) throw new Problem(400, 'The upload has no files. Add one form-data part named "file" per export file.');
  const total = parts.reduce((n, p) => n + p.size, 0);
  const huge = parts.find((p) => p.size > limits.maxBytes);
  if (huge) throw new Problem(413, fileCapDetail(limits, huge.name, huge.size));
  if (parts.length > limits.maxFiles || total > limits.maxBytes) {
    throw new Problem(413, capDetail(limits, { bytes: total, files: parts.length }));
  }
  const seen = new Set();
  for (const part of parts) {
    if (seen.has(part.name)) throw new Problem(400, `The file "${part.name.slice(0, 200)}" appears twice in this upload; send each file once.`);
    seen.add(part.name);
  }
  // The core's classifier, the one the page and the CLI run: a file's kind from its own name.
  const { kinds } = callCore(ctx, (core) => classifyPaths(core, parts.map((p) => p.name)));
  const refused = [];
  const files = [];
  for (const [i, part] of parts.entries()) {
    if (!kinds[i]) refused.push(part.name);
    else files.push({ name: part.name, kind: kinds[i], data: new Uint8Array(await part.arrayBuffer()) });
  }
  if (refused.length) {
    const listed = refused.slice(0, MAX_LISTED).map((n) => `"${n.slice(0, 200)}"`).join(", ");
    const more = refused.length > MAX_LISTED ? ` and ${refused.length - MAX_LISTED} more` : "";
    throw new Problem(
      422,
      `${refused.length === 1 ? "This file is" : "These files are"} not part of a Fitbit export TrackerSync reads: ${listed}${more}. ` +
        "Upload the files by their path inside the export (for example weight-2023-01-01.json, Profile.csv, exercise-0.json, Activities/<id>.tcx); nothing was stored.",
    );
  }
  const uploadId = randomId();
  const expires = expiresAt(ctx, "upload");
  const { stream, index } = packFiles(files);
  const metadata = JSON.stringify({ files: index, totalBytes: stream.length });
  await ctx.ops.d1Batch([[SQL.insertUpload, uploadId, ctx.client.id, metadata, ctx.now, expires], ...chunkStatements(uploadId, stream, expires)]);
  return json(
    {
      uploadId,
      expiresAt: new Date(expires).toISOString(),
      files: index.map(({ name, bytes, kind }) => ({ name, bytes, kind })),
    },
    201,
  );
}
