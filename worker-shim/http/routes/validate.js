// POST /api/validate {uploadId} -> 200 the core's validation report: kinds found with record
// counts and date ranges, the weight unit and its evidence, the time zone found in
// Profile.csv, what can and cannot be imported, problems per file.
import { encodeBundle } from "../../shared/bundle.js";
import { callCore } from "../../core/problems.js";
import { json, Problem } from "../problem.js";
import { readJsonObject, requireOnlyFields } from "../request-body.js";
import { loadUploadFiles } from "../../storage/upload-files.js";

export function requireUploadId(body) {
  if (typeof body.uploadId !== "string" || body.uploadId.length === 0) {
    throw new Problem(400, 'Send {"uploadId": "…"} with the id POST /api/upload returned.');
  }
  return body.uploadId;
}

export async function validateUpload(ctx, files) {
  return callCore(ctx, (core) => JSON.parse(new TextDecoder().decode(core.callBytes("ts_validate", encodeBundle(null, files)))));
}

export async function postValidate(ctx) {
  const body = await readJsonObject(ctx.request);
  requireOnlyFields(body, ["uploadId"]);
  const uploadId = requireUploadId(body);
  const files = await loadUploadFiles(ctx, uploadId);
  return json(await validateUpload(ctx, files));
}
