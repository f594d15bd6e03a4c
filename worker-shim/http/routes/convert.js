// POST /api/convert {uploadId, timeZone?, weightUnit?, kinds?, includeAutoDetected?}
//   -> 201 {conversionId, expiresAt, files: [{path, bytes, kind?, records?, first?, last?}],
//           skipped: [...], warnings: [...]}
// The zone is the request's timeZone, else the one Profile.csv names (from ts_validate); its
// UTC-offset transitions over the records' range come from Intl (tz.js), because the core
// has no tz database. Outputs are stored for 2 hours for the same client.
import { saveConversion } from "../../storage/conversion-store.js";
import { decodeBundle, encodeBundle } from "../../shared/bundle.js";
import { callCore } from "../../core/problems.js";
import { json, Problem } from "../problem.js";
import { randomId } from "../../storage/ids.js";
import { readJsonObject, requireOnlyFields } from "../request-body.js";
import { expiresAt } from "../../storage/ttl.js";
import { isValidZone, timeZoneOption } from "../../shared/tz.js";
import { loadUploadFiles } from "../../storage/upload-files.js";
import { requireUploadId, validateUpload } from "./validate.js";

const WEIGHT_UNITS = ["auto", "lb", "kg"];
// The output kinds ts_convert writes (wasm/core/convert/convert.cpp). The core only warns
// about another name (the CLI carries on), but over HTTP a kind that does not exist ("workout",
// "sleep") would give a 201 conversion without what was asked for: refused here instead.
const CONVERT_KINDS = ["weight", "workouts", "daily", "reference"];

function parseRequest(body) {
  requireOnlyFields(body, ["uploadId", "timeZone", "weightUnit", "kinds"]);
  const uploadId = requireUploadId(body);
  const { timeZone, weightUnit, kinds, includeAutoDetected } = body;
  if (timeZone != null && (typeof timeZone !== "string" || !isValidZone(timeZone))) {
    throw new Problem(400, "timeZone must be an IANA time-zone name such as Europe/Berlin or America/New_York.");
  }
  if (weightUnit != null && !WEIGHT_UNITS.includes(weightUnit)) {
    throw new Problem(400, 'weightUnit must be "auto", "lb" or "kg".');
  }
  if (kinds != null && (!Array.isArray(kinds) || kinds.length === 0 || kinds.some((k) => !CONVERT_KINDS.includes(k)))) {
    throw new Problem(400, `kinds must be a non-empty array of kind names from ${CONVERT_KINDS.map((k) => `"${k}"`).join(", ")}, such as ["weight"].`);
  }
  if (includeAutoDetected != null && typeof includeAutoDetected !== "boolean") {
    throw new Problem(400, "includeAutoDetected must be true or false (whether workouts Fitbit detected on its own are converted).");
  }
  return { uploadId, timeZone, weightUnit, kinds, includeAutoDetected };
}

export async function postConvert(ctx) {
  const req = parseRequest(await readJsonObject(ctx.request));
  const files = await loadUploadFiles(ctx, req.uploadId);
  const report = await validateUpload(ctx, files);
  const zone = req.timeZone ?? report.timeZone?.name ?? null;
  const range = report.transitionsRange;
  if (range && !zone) {
    throw new Problem(
      422,
      "These records are in local time, and the upload has no Profile.csv naming the account's time zone. Add Profile.csv to the upload, or send timeZone (an IANA name such as Europe/Berlin).",
    );
  }
  if (zone && !isValidZone(zone)) {
    throw new Problem(422, "Profile.csv names a time zone this service does not know. Send timeZone (an IANA name such as Europe/Berlin) to choose one.");
  }
  const options = { weightUnit: req.weightUnit ?? "auto" };
  if (req.kinds) options.kinds = req.kinds;
  if (req.includeAutoDetected != null) options.includeAutoDetected = req.includeAutoDetected;
  // Without local-time records there is no range to cover; the zone still goes in (one
  // offset) so the manifest says which zone the conversion used.
  const nowSec = Math.floor(ctx.now / 1000);
  if (zone) options.timeZone = timeZoneOption(zone, range?.from ?? nowSec, range?.to ?? nowSec);
  const outputs = callCore(ctx, (core) => decodeBundle(core.callBytes("ts_convert", encodeBundle(options, files))).files);
  const manifestFile = outputs.find((f) => f.name === "manifest.json");
  const manifest = manifestFile ? JSON.parse(new TextDecoder().decode(manifestFile.data)) : {};
  const described = new Map((manifest.files ?? []).map((f) => [f.path, f]));
  const conversionId = randomId();
  const expires = expiresAt(ctx, "conversion");
  const index = await saveConversion(ctx.ops, {
    conversionId,
    uploadId: req.uploadId,
    owner: ctx.client.id,
    outputs: outputs.map((f) => ({ ...described.get(f.name), path: f.name, data: f.data })),
    summary: { options: { timeZone: zone, weightUnit: options.weightUnit, kinds: req.kinds ?? null }, skipped: manifest.skipped ?? [] },
    createdAt: ctx.now,
    expiresAt: expires,
  });
  return json(
    {
      conversionId,
      expiresAt: new Date(expires).toISOString(),
      files: index.map(({ offset: _offset, ...file }) => file),
      skipped: manifest.skipped ?? [],
      warnings: manifest.warnings ?? [],
    },
    201,
  );
}
