// POST /api/validate {uploadId} -> 200 the core's validation report: kinds found with record
// counts and date ranges, the weight unit and its evidence, the time zone found in
// Profile.csv, what can and cannot be imported, problems per file. Like the conversion's plan
// (routes/convert.js), it reads only the light files (the kind table's \`light\`, export-files.js lightKinds); every
// other file counts by its name and size.
import { fileKinds, lightKinds } from "../../shared/export-files.js";
import { callCore } from "../../core/problems.js";
import { json, Problem } from "../problem.js";
import { readJsonObject, requireOnlyFields } from "../request-body.js";
import { loadOwned } from "../../storage/owned-rows.js";
import { parentOf, readFiles } from "../../storage/file-store.js";

export function requireUploadId(body) {
  if (typeof body.uploadId !== "string" || body.uploadId.length === 0) {
    throw new Problem(400, 'Send {"uploadId": "…"} with the id POST /api/upload returned.');
  }
  return body.uploadId;
}

export async function postValidate(ctx) {
  const body = await readJsonObject(ctx.request);
  requireOnlyFields(body, ["uploadId"]);
  const uploadId = requireUploadId(body);
  const upload = await loadOwned(ctx, "upload", uploadId);
  const stored = upload.metadata.files.map((f) => ({ ...f, stream: f.stream ?? 0 }));
  const lightKind = callCore(ctx, (core) => lightKinds(fileKinds(core)));
  const light = await readFiles(ctx.ops, parentOf("upload", uploadId, upload.metadata), stored.filter((f) => lightKind.has(f.kind)), ctx.now);
  if (!light) throw upload.notFound();
  const heavy = stored.filter((f) => !lightKind.has(f.kind));
  const files = [...light, ...heavy.map((f) => ({ name: f.name, data: new Uint8Array(0) }))];
  const sizes = Object.fromEntries(heavy.map((f) => [f.name, f.bytes]));
  const report = callCore(ctx, (core) => new TextDecoder().decode(core.callBundle("ts_validate", heavy.length ? { sizes } : null, files)));
  return new Response(report, { status: 200, headers: { "content-type": "application/json; charset=utf-8" } });
}
