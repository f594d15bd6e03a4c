// POST /api/convert {uploadId, timeZone?, fallbackTimeZone?, weightUnit?, kinds?,
//                    includeAutoDetected?, includeImplausible?, includeHeartRate?, missingParts?, files?}
// Starts a conversion SESSION: the core's plan (wasm/core/convert/steps.h) from the upload's
// light files, read once here; the plan's steps cut into groups of one request each, by the
// core (wasm/core/convert/step_groups.h, by shared/step-groups.js's rules); the session stored
// for 2 hours. This is the request the limiter's
// convert tiers count — once per conversion, however many steps it has.
//   `files`: {path: bytes} of export files that are not in the upload; each is sent later with
//   the group of steps that reads it (POST /api/convert/{id}/groups/{n}), so the big files of
//   an export (tracks, per-minute data) are never stored.
//   `plan`: the client made the plan itself (http/client-plan.js): the session is stored with
//   the options and the plan's zone, and answers 201 {conversionId, expiresAt, steps,
//   complete: false, plannedBy: "client"}; its steps come to POST /api/convert/{id}/steps.
// 201 {conversionId, expiresAt, report, steps, groups: [{steps: [ids], send: [paths], bytes}],
//      complete: false}
// When the plan is small enough to run here (every file in the upload, the whole estimate
// within one request's budget), it runs at once and the outputs are stored for
// GET /api/download: 201 {conversionId, expiresAt, report, steps, complete: true, files,
// skipped, skippedFiles, warnings}.
// timeZone is the person's choice and is used for every local time. Without it the export's
// own UTC offsets are followed (the core learns them from weigh-ins in both weight sources),
// and the zone Profile.csv names — else fallbackTimeZone (the page sends the device's zone) —
// fills in where the export says nothing. A zone's UTC-offset transitions over the records'
// range come from Intl (tz.js), because the core has no tz database.
import { fileKinds, kindsOf, lightKinds } from "../../shared/export-files.js";
import { callCore } from "../../core/problems.js";
import { groupRules } from "../../shared/step-groups.js";
import { json, Problem } from "../problem.js";
import { recordId } from "../../storage/ids.js";
import { readJsonObject, requireOnlyFields } from "../request-body.js";
import { expiresAt } from "../../storage/ttl.js";
import { isValidZone, timeZoneOption } from "../../shared/tz.js";
import { loadOwned } from "../../storage/owned-rows.js";
import { parentOf, readFiles } from "../../storage/file-store.js";
import { readClientPlan } from "../client-plan.js";
import { saveConversion, saveSession } from "../../storage/conversion-store.js";
import { cutPath, fileCapDetail, stepFilesDetail, uploadLimits } from "../../shared/upload-limits.js";
import { splitStepBundle } from "../../shared/core.js";
import { guessFor, planConversion, stepOptions } from "../../shared/convert-steps.js";
import { readPlanInput, requireUploadId } from "./validate.js";

const WEIGHT_UNITS = ["auto", "lb", "kg"];
// The request names the files it will send later: about 100 bytes each, a few thousand.
const CONVERT_JSON_MAX = 1024 * 1024;
// The server's own plan classifies and plans every file named, before anything else can be
// judged (attack finding: 20,000 short names, within the body cap, cost 230-400 ms before the
// session row's 413). A ten-year export of every kind, all-day heart rate included, names
// about 6,000 (3,650 heart-rate days, ~1,100 months of per-minute data, ~1,500 tracks), a
// daily runner's about 8,400 (a track a day); an older Takeout's daily runner more (Google's
// per-second day files, three to seven a run: ~11,000-25,000 in ten years). More is refused
// before any core call: such a history is the page's (it plans on the device) or a client's
// own plan's, which the server's plan would take far past a request's CPU anyway.
const MAX_DECLARED = 10000;

function parseRequest(body, convertKinds) {
  requireOnlyFields(body, ["uploadId", "timeZone", "fallbackTimeZone", "weightUnit", "kinds", "includeAutoDetected", "includeImplausible", "includeHeartRate", "missingParts", "files", "plan"]);
  const uploadId = requireUploadId(body);
  const { timeZone, fallbackTimeZone, weightUnit, kinds, includeAutoDetected, includeImplausible, includeHeartRate, missingParts, files } = body;
  // A plan the client made carries its own zone (plan.timeZone), and its files come with its steps.
  const plan = body.plan === undefined ? null : readClientPlan(body.plan);
  if (plan && (timeZone != null || fallbackTimeZone != null || files != null)) {
    throw new Problem(400, "With plan, the zone is plan.timeZone and each step's files come with its steps: leave out timeZone, fallbackTimeZone and files.");
  }
  for (const [field, zone] of [["timeZone", timeZone], ["fallbackTimeZone", fallbackTimeZone]]) {
    if (zone != null && (typeof zone !== "string" || !isValidZone(zone))) {
      // Both forms Intl takes, as the README says (helper finding: "+5:45" was told only of
      // IANA names, though "+05:45" is taken).
      throw new Problem(400, `${field} must be an IANA time-zone name such as Europe/Berlin or America/New_York, or a fixed UTC offset written ±HH:MM, such as +05:30 or -03:00.`);
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
  if (includeHeartRate != null && typeof includeHeartRate !== "boolean") {
    throw new Problem(400, "includeHeartRate must be true or false (whether the all-day heart-rate tables are made; workouts take their heart rate either way).");
  }
  if (includeImplausible != null && typeof includeImplausible !== "boolean") {
    throw new Problem(400, "includeImplausible must be true or false (whether workouts impossible for their sport, such as a 24-hour run of 1 km, are converted).");
  }
  if (files != null && (typeof files !== "object" || Array.isArray(files))) {
    throw new Problem(400, `files must be an object of export paths, each with its size in bytes: {"Takeout/Fitbit/Activities/123.tcx": 52000}.`);
  }
  const declared = files == null ? 0 : Object.keys(files).length;
  if (declared > MAX_DECLARED) {
    throw new Problem(
      413,
      `files names ${declared} paths; the server plans a conversion of at most ${MAX_DECLARED} files it is to be sent. Convert on the page (it plans on your device and the server runs its steps), send a plan of your own (plan), or convert fewer kinds.`,
    );
  }
  // missingParts: the Takeout parts the client was not given (the core's options.h
  // MissingParts), said in the manifest and IMPORT.txt. Its form is checked here, its bounds
  // and names by the core with the other options (a 400 naming it): a value nested past the
  // core's JSON depth was refused as options that are not JSON, a 422 blaming the upload's
  // files (attack finding).
  const partNumbers = (m) => Array.isArray(m) && m.every((n) => typeof n === "number");
  const entry = (e) =>
    e !== null && typeof e === "object" && !Array.isArray(e) && typeof e.takeout === "string" && partNumbers(e.missing) &&
    Object.keys(e).every((k) => k === "takeout" || k === "missing");
  if (missingParts != null && !(Array.isArray(missingParts) && missingParts.every(entry))) {
    throw new Problem(400, 'missingParts must be a list of the Takeout parts not given, each {"takeout": "takeout-20240101T000000Z", "missing": [2, 3]}, with no other members.');
  }
  return { uploadId, timeZone, fallbackTimeZone, weightUnit, kinds, includeAutoDetected, includeImplausible, includeHeartRate, missingParts, files: files ?? {}, plan };
}

// The files the request says it will send: each an export file by the core's classifier (422
// otherwise), with a size a file may have (413 naming it otherwise), and not one the upload
// already holds (that one is read from the upload; declared at another size, it is another
// file than the one uploaded, and converting either would be a guess: 400 naming it).
// A light file (one the plan reads: shared/export-files.js lightKinds) must be in the upload: the plan reads it here, and no group sends it later. Declared and not uploaded,
// it was read as empty bytes, "not valid JSON", and its records were dropped (helper finding):
// a 400 naming it. stored: path -> bytes of the upload's files; light: the light kinds.
function declaredFiles(ctx, files, stored, limits, light) {
  const out = [];
  const refused = [];
  const entries = Object.entries(files);
  const kinds = callCore(ctx, (core) => kindsOf(core, entries.map(([name]) => name)));
  for (const [i, [name, bytes]] of entries.entries()) {
    if (!Number.isSafeInteger(bytes) || bytes < 0) throw new Problem(400, `files["${cutPath(name)}"] must be the file's size in bytes (a whole number).`);
    const kind = kinds[i];
    if (!kind) refused.push(name);
    else if (bytes > limits.maxFileBytes) throw new Problem(413, fileCapDetail(limits, name, bytes));
    else if (!stored.has(name) && light.has(kind)) {
      throw new Problem(400, `files["${cutPath(name)}"] is a file the plan reads (of kind ${kind}): upload it (POST /api/upload?uploadId=…) before converting. files names only the files sent later with the steps that read them (tracks, per-minute data, heart-rate days).`);
    } else if (!stored.has(name)) out.push({ name, kind, bytes });
    else if (stored.get(name) !== bytes) {
      throw new Problem(400, `files["${cutPath(name)}"] says ${bytes} bytes, but the upload holds that file with ${stored.get(name)} bytes. Leave it out of files (the uploaded copy is converted), or upload the file again in a new upload.`);
    }
  }
  if (refused.length) {
    throw new Problem(422, `files names ${refused.length === 1 ? "a path that is" : `${refused.length} paths that are`} not part of a Fitbit export TrackerSync reads, such as "${cutPath(refused[0])}". Name each file by its path inside the export.`);
  }
  return out;
}

// The zone the records are read in, and its transitions over their range (tz.js: Intl).
function conversionZone(report, requested, fallback) {
  const zone = requested ?? report.timeZone?.name ?? fallback ?? null;
  const range = report.transitionsRange;
  if (range && !zone) {
    throw new Problem(
      422,
      "These records are in local time, and the upload has no Profile.csv naming the account's time zone. Add Profile.csv to the upload, or send timeZone (an IANA name such as Europe/Berlin).",
    );
  }
  if (zone && !isValidZone(zone)) {
    throw new Problem(422, `${report.timeZone?.source ?? "Profile.csv"} names a time zone this service does not know. Send timeZone (an IANA name such as Europe/Berlin) to choose one.`);
  }
  return { zone, range };
}

// The zone the conversion will most likely use, with its transitions over the years the records
// most likely span (convert-steps.js guessFor), so that the plan can be made once, with it
// (planConversion).
// Planning first without a zone only to learn it doubled the plan's CPU, the largest of a
// session's requests. The guess is conversionZone()'s pick from the report of Profile.csv
// alone (the request's timeZone, else the profile's, else fallbackTimeZone), so a zone it
// refuses is refused here already, with the same words; none when there is no zone at all
// (then the plan learns whether local times need one). Its years are those the export's dated
// file names span (guessYears): a zone-year this isolate has not seen costs Intl work, ~6 ms
// for all twenty from 2009 from a cold isolate.
function guessZone(ctx, base, req, lightFiles, listed, declared) {
  const profiles = new Set(listed.filter((f) => f.kind === "profile").map((f) => f.name));
  const profile = lightFiles.filter((f) => profiles.has(f.name));
  const report = req.timeZone == null && profile.length ? callCore(ctx, (core) => core.plan(base, profile).report) : {};
  const { zone } = conversionZone(report, req.timeZone, req.fallbackTimeZone);
  const names = [...listed, ...declared].map((f) => f.name);
  return zone ? guessFor(zone, req.timeZone != null, ctx.now, names) : null;
}

// A session its client planned (http/client-plan.js): the options checked by the core (a plan
// of no files reads them and nothing else), the session stored with no groups. Nothing here
// grows with the export.
async function startClientSession(ctx, req, upload, base) {
  const options = req.plan.timeZone ? { ...base, timeZone: req.plan.timeZone } : base;
  callCore(ctx, (core) => core.plan(options, []));
  const expires = expiresAt(ctx, "conversion");
  const conversionId = recordId(expires);
  const parent = parentOf("upload", req.uploadId, upload.metadata);
  await saveSession(ctx.ops, {
    conversionId,
    uploadId: req.uploadId,
    owner: ctx.client.id,
    session: { options, part: null, steps: req.plan.steps, uploadInline: parent.inline, stepZone: req.plan.stepZone, clientPlan: true },
    groups: "[]",
    createdAt: ctx.now,
    expiresAt: expires,
  });
  return json({ conversionId, expiresAt: new Date(expires).toISOString(), steps: req.plan.steps, complete: false, plannedBy: "client" }, 201);
}

export async function postConvert(ctx) {
  // The convert options are the core's (its kind table), not a list kept here.
  const table = callCore(ctx, (core) => fileKinds(core));
  const convertKinds = table.convertOptions;
  const req = parseRequest(await readJsonObject(ctx.request, CONVERT_JSON_MAX), convertKinds);
  const limits = uploadLimits(ctx.env);
  const upload = await loadOwned(ctx, "upload", req.uploadId);
  const base = { weightUnit: req.weightUnit ?? "auto" };
  if (req.kinds) base.kinds = req.kinds;
  if (req.includeAutoDetected != null) base.includeAutoDetected = req.includeAutoDetected;
  if (req.includeImplausible != null) base.includeImplausible = req.includeImplausible;
  if (req.includeHeartRate != null) base.includeHeartRate = req.includeHeartRate;
  if (req.missingParts != null) base.missingParts = req.missingParts;
  if (req.plan) return startClientSession(ctx, req, upload, base);
  const declared = declaredFiles(ctx, req.files, new Map(upload.metadata.files.map((f) => [f.name, f.bytes])), limits, lightKinds(table));
  const { stored, parent, light: lightFiles, files: planInput, sizes, digests } = await readPlanInput(ctx, req.uploadId, upload, lightKinds(table), declared);
  // Without local-time records there is no range to cover; the zone still goes in (one
  // offset) so the manifest says which zone the conversion used.
  const nowSec = Math.floor(ctx.now / 1000);
  const zoneOf = (report) => {
    const { zone, range } = conversionZone(report, req.timeZone, req.fallbackTimeZone);
    return zone ? { ...timeZoneOption(zone, range?.from ?? nowSec, range?.to ?? nowSec), explicit: req.timeZone != null } : null;
  };
  const guess = guessZone(ctx, base, req, lightFiles, upload.metadata.files, declared);
  // The core cuts the plan into the session's groups (shared/step-groups.js groupRules): a
  // group's files that the upload does not hold come with its request, within the request cap.
  const rules = groupRules(stored.map(pick), limits.maxBytes);
  const { plan, options } = callCore(ctx, (core) => planConversion(core, base, planInput, sizes, zoneOf, guess, digests, rules));
  const zone = options.timeZone?.name ?? null;
  // A group is one request: a step whose files together are more than one step's request
  // carries (upload-limits.js STEP_MAX_FILES) could never be sent.
  for (const g of plan.groups) {
    const sent = g.send.reduce((n, p) => n + (Object.hasOwn(sizes, p) ? sizes[p] : 0), 0);
    if (sent > limits.stepMaxBytes) {
      throw new Problem(413, stepFilesDetail(limits, g.send, sent));
    }
  }

  const expires = expiresAt(ctx, "conversion");
  const conversionId = recordId(expires);
  const where = new Map(stored.map((f) => [f.name, f]));
  const head = { conversionId, expiresAt: new Date(expires).toISOString(), report: plan.report, steps: plan.steps };
  if (declared.length === 0 && plan.oneRequest) {
    // Small enough for this request: every step, then assembly, now. The light files are
    // already here (the plan read them); only the others are read.
    const steps = plan.stepList;
    const have = new Map(lightFiles.map((f) => [f.name, f]));
    const names = [...new Set(steps.flatMap((s) => s.files))];
    const rest = await readFiles(ctx.ops, parent, names.filter((n) => !have.has(n)).map((n) => pick(where.get(n))), ctx.now);
    if (!rest) throw upload.notFound();
    for (const f of rest) have.set(f.name, f);
    const files = names.map((n) => have.get(n));
    const results = splitStepBundle(callCore(ctx, (core) => core.stepBundle(stepOptions(options, plan.stepZone), steps, files)));
    const outputs = [...results.flatMap((r) => r.files), ...callCore(ctx, (core) => core.assemble(options, plan.part, results.map((r) => r.part)))];
    const manifest = JSON.parse(new TextDecoder().decode(outputs.find((f) => f.path === "manifest.json")?.data ?? new TextEncoder().encode("{}")));
    const described = new Map((manifest.files ?? []).map((f) => [f.path, f]));
    const index = await saveConversion(ctx.ops, {
      conversionId,
      uploadId: req.uploadId,
      owner: ctx.client.id,
      outputs: outputs.map((f) => ({ ...described.get(f.path), path: f.path, data: f.data })),
      summary: { options: { timeZone: zone, weightUnit: base.weightUnit, kinds: req.kinds ?? null }, skipped: manifest.skipped ?? [] },
      createdAt: ctx.now,
      expiresAt: expires,
    });
    return json(
      { ...head, complete: true, files: index.map(({ offset: _offset, ...file }) => file), skipped: manifest.skipped ?? [], skippedFiles: manifest.skippedFiles ?? [], warnings: manifest.warnings ?? [] },
      201,
    );
  }
  await saveSession(ctx.ops, {
    conversionId,
    uploadId: req.uploadId,
    owner: ctx.client.id,
    session: { options, part: plan.part, steps: plan.steps, uploadInline: parent.inline, stepZone: plan.stepZone ?? null },
    groups: plan.sessionGroups,
    createdAt: ctx.now,
    expiresAt: expires,
  });
  return json({ ...head, complete: false, groups: plan.groups }, 201);
}

const pick = ({ name, stream, offset, bytes }) => ({ name, stream, offset, bytes });
