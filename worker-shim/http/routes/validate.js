// POST /api/validate {uploadId} -> 200 the core's validation report: kinds found with record
// counts and date ranges, the weight unit and its evidence, the time zone found in
// Profile.csv, what can and cannot be imported, problems per file. Like the conversion's plan
// (routes/convert.js), it reads only the light files (the kind table's \`light\`, export-files.js lightKinds); every
// other file counts by its name and size.
import { fileKinds, lightKinds } from "../../shared/export-files.js";
import { callCore } from "../../core/problems.js";
import { planOptions } from "../../shared/core.js";
import { json, Problem } from "../problem.js";
import { readJsonObject, requireOnlyFields } from "../request-body.js";
import { ownedRow, selectOwned } from "../../storage/owned-rows.js";
import { SQL } from "../../storage/queries.js";
import { storeCharged, storedBytes } from "../../storage/storage-budget.js";
import { bytesOverRowMax } from "../../storage/row-size.js";
import { parentOf, readFiles } from "../../storage/file-store.js";
import { PLAN_READ_MAX_BYTES, planReadDetail } from "../../shared/upload-limits.js";

const EMPTY = new Uint8Array(0);

export function requireUploadId(body) {
  if (typeof body.uploadId !== "string" || body.uploadId.length === 0) {
    throw new Problem(400, 'Send {"uploadId": "…"} with the id POST /api/upload returned.');
  }
  return body.uploadId;
}

// What a plan (and ts_validate, the plan's report) is given for an upload `upload` (its owned
// row): the light files read, only their bytes — an exercise file stored with its digest as
// the digest instead (wasm/core/convert/exercise_digest.h: a tenth of the bytes, and the same
// plan), named in `digests` and sized in `sizes`; every other file by name, empty, with its
// size in `sizes`. `more`: files not in the upload, [{name, bytes}], named the same way (those
// a conversion session sends later). Also returns the upload's files with their streams and
// where they are stored, for reading the others later, and `light`: the light files read
// whole (not the digested ones).
export async function readPlanInput(ctx, uploadId, upload, lightKind, more = []) {
  const stored = upload.metadata.files.map((f) => ({ ...f, stream: f.stream ?? 0 }));
  const parent = parentOf("upload", uploadId, upload.metadata);
  const wanted = stored.filter((f) => lightKind.has(f.kind));
  // Refused before any is read: the plan's CPU and memory follow these bytes (upload-limits.js).
  const bytes = wanted.reduce((n, f) => n + (f.digest ? f.digest[1] : f.bytes), 0);
  if (bytes > PLAN_READ_MAX_BYTES) throw new Problem(413, planReadDetail(bytes));
  const read = await readFiles(ctx.ops, parent, wanted.map((f) => (f.digest ? { ...f, offset: f.digest[0], bytes: f.digest[1] } : f)), ctx.now);
  if (!read) throw upload.notFound();
  const digested = wanted.filter((f) => f.digest);
  const light = read.filter((_, i) => !wanted[i].digest);
  const heavy = [...stored.filter((f) => !lightKind.has(f.kind)), ...more];
  const files = [...read, ...heavy.map((f) => ({ name: f.name, data: EMPTY }))];
  const sizes = Object.fromEntries([...heavy, ...digested].map((f) => [f.name, f.bytes]));
  return { stored, parent, light, heavy, files, sizes, digests: digested.map((f) => f.name) };
}

// The report is made once per upload and kept in its row (SQL.keepUploadReport): it depends on
// the upload's files alone, and making it reads every light file — up to PLAN_READ_MAX_BYTES,
// hundreds of ms of CPU for the worst JSON (attack finding: validate repeated at the validate
// tier's price did plan-sized work each time). Asked again, it is one row read. Files added to
// the upload later drop it (routes/upload.js writes the metadata anew).
export async function postValidate(ctx) {
  const body = await readJsonObject(ctx.request);
  requireOnlyFields(body, ["uploadId"]);
  const uploadId = requireUploadId(body);
  const row = await selectOwned(ctx, "upload", uploadId, SQL.selectUploadReport);
  if (typeof row.report === "string") return reportResponse(row.report);
  const upload = ownedRow(row);
  const lightKind = callCore(ctx, (core) => lightKinds(fileKinds(core)));
  const { heavy, files, sizes, digests } = await readPlanInput(ctx, uploadId, upload, lightKind);
  const options = heavy.length || digests.length ? planOptions({}, files, sizes, digests) : null;
  const report = callCore(ctx, (core) => new TextDecoder().decode(core.callBundle("ts_validate", options, files)));
  // Kept only when the row stays within what D1 keeps in one value (row-size.js); a row it
  // does not change (files added meanwhile, or expired) keeps nothing. Keeping it is a saving,
  // not the answer: a write D1 refuses leaves the report to be made again next time, and this
  // request still answers it.
  if (!bytesOverRowMax(row.metadata + JSON.stringify(report))) {
    try {
      // Charged like any stored text; a budget spent keeps nothing, as any other refusal.
      await storeCharged(ctx.ops, [[SQL.keepUploadReport, uploadId, ctx.client.id, ctx.now, upload.metadata.streams ?? null, report]], storedBytes(report));
    } catch {
      // nothing kept; see above
    }
  }
  return reportResponse(report);
}

function reportResponse(report) {
  return new Response(report, { status: 200, headers: { "content-type": "application/json; charset=utf-8" } });
}
