// POST /api/convert {uploadId, timeZone?, fallbackTimeZone?, weightUnit?, kinds?,
//                    includeAutoDetected?, includeImplausible?}
//   -> 201 {conversionId, expiresAt, files: [{path, bytes, kind?, records?, first?, last?}],
//           skipped: [...], skippedFiles: [...], warnings: [...]}
// timeZone is the person's choice and is used for every local time. Without it the export's
// own UTC offsets are followed (the core learns them from weigh-ins in both weight sources),
// and the zone Profile.csv names — else fallbackTimeZone (the page sends the device's zone) —
// fills in where the export says nothing. A zone's UTC-offset transitions over the records'
// range come from Intl (tz.js), because the core has no tz database. Outputs are stored for
// 2 hours for the same client.
import { saveConversion } from "../../storage/conversion-store.js";
import { decodeBundle, encodeBundle } from "../../shared/bundle.js";
import { callCore } from "../../core/problems.js";
import { json, Problem } from "../problem.js";
import { randomId } from "../../storage/ids.js";
import { readJsonObject, requireOnlyFields } from "../request-body.js";
import { expiresAt } from "../../storage/ttl.js";
import { isValidZone, timeZoneOption } from "../../shared/tz.js";
import { fileKinds } from "../../shared/export-files.js";
import { loadUploadFiles } from "../../storage/upload-files.js";
import { requireUploadId, validateUpload } from "./validate.js";

const WEIGHT_UNITS = ["auto", "lb", "kg"];

function parseRequest(body, convertKinds) {
  requireOnlyFields(body, ["uploadId", "timeZone", "fallbackTimeZone", "weightUnit", "kinds", "includeAutoDetected", "includeImplausible"]);
  const uploadId = requireUploadId(body);
  const { timeZone, fallbackTimeZone, weightUnit, kinds, includeAutoDetected, includeImplausible } = body;
  for (const [field, zone] of [["timeZone", timeZone], ["fallbackTimeZone", fallbackTimeZone]]) {
    if (zone != null && (typeof zone !== "string" || !isValidZone(zone))) {
      throw new Problem(400, `${field} must be an IANA time-zone name such as Europe/Berlin or America/New_York.`);
    }
  }
  if (weightUnit != null && !WEIGHT_UNITS.includes(weightUnit)) {
    throw new Problem(400, 'weightUnit must be "auto", "lb" or "kg".');
  }
  // The core warns about an unknown kind (the CLI carries on), but over HTTP one that does not
  // exist ("workout", "sleep") would give a 201 conversion without what was asked for.
  if (kinds != null && (!Array.isArray(kinds) || kinds.length === 0 || kinds.some((k) => !convertKinds.includes(k)))) {
    throw new Problem(400, `kinds must be a non-empty array of kind names from ${convertKinds.map((k) => `"${k}"`).join(", ")}, such as ["weight"].`);
  }
  if (includeAutoDetected != null && typeof includeAutoDetected !== "boolean") {
    throw new Problem(400, "includeAutoDetected must be true or false (whether workouts Fitbit detected on its own are converted).");
  }
  if (includeImplausible != null && typeof includeImplausible !== "boolean") {
    throw new Problem(400, "includeImplausible must be true or false (whether workouts impossible for their sport, such as a 24-hour run of 1 km, are converted).");
  }
  return { uploadId, timeZone, fallbackTimeZone, weightUnit, kinds, includeAutoDetected, includeImplausible };
}

export async function postConvert(ctx) {
  // The convert options are the core's (its kind table), not a list kept here.
  const convertKinds = callCore(ctx, (core) => fileKinds(core).convertOptions);
  const req = parseRequest(await readJsonObject(ctx.request), convertKinds);
  const files = await loadUploadFiles(ctx, req.uploadId);
  const report = await validateUpload(ctx, files);
  const zone = req.timeZone ?? report.timeZone?.name ?? req.fallbackTimeZone ?? null;
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
  if (req.includeImplausible != null) options.includeImplausible = req.includeImplausible;
  // Without local-time records there is no range to cover; the zone still goes in (one
  // offset) so the manifest says which zone the conversion used.
  const nowSec = Math.floor(ctx.now / 1000);
  if (zone) options.timeZone = { ...timeZoneOption(zone, range?.from ?? nowSec, range?.to ?? nowSec), explicit: req.timeZone != null };
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
      skippedFiles: manifest.skippedFiles ?? [],
      warnings: manifest.warnings ?? [],
    },
    201,
  );
}
