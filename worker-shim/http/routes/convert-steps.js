// A conversion session's requests after POST /api/convert planned it:
// POST /api/convert/{id}/groups/{n}  runs group n's steps. Body: the group's `send` files, as
//     one application/x-trackersync-bundle (TSB1, each file named by its export path) or as
//     multipart/form-data `file` parts (http/file-parts.js); none: an empty body is fine. The
//     group's other files come from the upload; the session's stepZone goes into the steps'
//     options. 200 application/x-trackersync-bundle: the core's step output as it is (TSB1,
//     worker-shim/shared/bundle.js): for each step its part.json, then the files it wrote, in
//     download order.
// POST /api/convert/{id}/steps       steps of a session its client planned (http/client-plan.js):
//     the body a TSB1 bundle with options {"steps": [step objects], "pieces"?: {…}} and the
//     files of them the upload does not hold, a heart-rate day named in "pieces" as its piece
//     (wasm/core/convert/step_pieces.h); answered as a group is.
// POST /api/convert/{id}/gather      a run of consecutive parts into one gathered part
//     (wasm/core/convert/gathered.h). Body (application/x-trackersync-bundle): the run, in plan
//     order, each named part.json — steps' part.json as the groups' answers carried them, or
//     gathered parts this route answered — at most GATHER_MAX_BYTES together (the request's
//     CPU follows its bytes). 200 application/x-trackersync-bundle: the gathered part (itself a
//     TSB1 bundle), to send to assembly, or to this route again, in place of the run.
// POST /api/convert/{id}/assemble    assembly. Body (application/x-trackersync-bundle): one
//     TSB1 bundle of every step's part.json in plan order, each named part.json — any run of
//     them may be a gathered part in its place. 200 application/x-trackersync-bundle:
//     manifest.json, IMPORT.txt and the files made from the parts' rows. A ten-year export's
//     ~3,000 step parts cost more CPU than one free-plan request has; as a few gathered parts
//     they cost a few ms (docs/benchmarks.md, bench-server-session).
// The download is every group's files in order, then assembly's, zipped by packaging.js — the
// same bytes as on the device. Nothing here is stored: each answer goes back to its client.
// The limiter counts these requests against the step tiers, not the convert tiers.
import { callCore, READING_PARTS } from "../../core/problems.js";
import { stepOptions, stepsIn } from "../../shared/convert-steps.js";
import { BUNDLE_TYPE, BundleFilesError, bundleOptionsLength, decodeBundle } from "../../shared/bundle.js";
import { readFiles } from "../../storage/file-store.js";
import { loadAssembly, loadClientSession, loadGroup } from "../../storage/conversion-store.js";
import { loadOwned } from "../../storage/owned-rows.js";
import { cutPath, fileCapDetail, GATHER_MAX_BYTES, PARTS_MAX_COUNT, stepFilesDetail, uploadLimits } from "../../shared/upload-limits.js";
import { checkStepFiles, readSteps, storedByPath } from "../client-plan.js";
import { Problem } from "../problem.js";
import { readBodyCapped, requireMediaType } from "../request-body.js";
import { readFileParts } from "../file-parts.js";
const UPLOAD_GONE = "The upload this conversion reads has expired (uploads are kept for 1 hour). Upload the files again and start a new conversion; its groups are the same, so it can go on from this group.";
// A group's step objects: ~300 bytes each, at most MAX_STEPS_PER_GROUP of them, with room.
const STEPS_JSON_MAX = 256 * 1024;
// Parts of a ten-year export are about 1 MB together as the page sends them (gathered), 1.8 MB
// with ten years of per-minute data (docs/benchmarks.md, bench-server-session); a client that
// sends more is not sending parts this service wrote. It was 16 MiB: 15 forged parts of 1 MiB
// of skip lists cost assembly ~1 s of CPU, or ran the core out of memory (attack finding).
const PARTS_MAX_BYTES = 4 * 1024 * 1024;
// One part at most: a step's part or a gathered one is a few hundred KB at most (a gathering
// takes GATHER_MAX_BYTES), and the core's JSON reader takes about 13 times a part's bytes of
// memory (simdjson's tape is 8 bytes per input byte), so a client's 14 MB part ran it out of
// memory (a 413 after ~100 ms of CPU), and so did three 4 MiB parts of sleep rows (a 4 MiB part
// alone took 58 MB to read; attack finding). At 1 MiB, parts at the core's row bounds fit
// (core/convert/gathered.cpp kMaxReferenceRows).
const PART_MAX_BYTES = 1024 * 1024;
// A client-planned session's plan part, at most. It lists the export's problems and the files
// no step reads (each listed skip reason names at most 100 of them), so it grows with a broken
// export: a ten-year export's is 3.4 KB, and 2 MiB is some 15,000 listed problems. It was not
// bounded but by the body's 16 MiB, and a 15.9 MiB one ran the core out of memory with advice
// about files (attack finding); 2 MiB of the worst JSON for its reader is ~26 MB of the core's
// 96, beside the parts.
const PLAN_PART_MAX_BYTES = 2 * 1024 * 1024;

function bundleResponse(bytes) {
  return new Response(bytes, { status: 200, headers: { "content-type": BUNDLE_TYPE, "content-length": String(bytes.length), "cache-control": "no-store" } });
}

function groupIndex(text) {
  const n = Number(text);
  // One spelling per group: "01" named group 1 too (attack finding).
  if (!/^(0|[1-9]\d{0,5})$/.test(text) || !Number.isSafeInteger(n)) throw new Problem(404, "A group is named by its number, from 0, as POST /api/convert listed them.");
  return n;
}

// The group's `send` files, exactly: the names it lists with the sizes the plan was made with.
async function sentFiles(ctx, send) {
  const limits = uploadLimits(ctx.env);
  const expected = new Map(send);
  const total = send.reduce((n, [, b]) => n + b, 0);
  const empty = send.length === 0 && Number(ctx.request.headers.get("content-length") ?? 0) === 0 && !ctx.request.headers.get("content-type");
  if (empty) return [];
  // Read within one request's caps, then held to the plan file by file: a file too many or a
  // byte too many is named as the wrong file it is (a 400), and a body past the caps is told
  // what the group was planned with — not the upload's advice to split it, which does not
  // apply here.
  const over = ({ bytes, files }) => {
    const carried = [files === undefined ? null : `${files} file(s)`, bytes === undefined ? null : `${bytes} bytes`].filter(Boolean).join(" of ");
    return `This group was planned with ${send.length} file(s) of ${total} bytes in all (its "send" list); this request carries ${carried || "more"}. ` +
      "Send exactly the files its send list names, as they were when the conversion was planned.";
  };
  // The group is the server's own cut: within the request cap, or one step whose files go
  // together past it (upload-limits.js STEP_MAX_FILES; POST /api/convert refuses a plan with
  // a step over even that).
  const parts = await readFileParts(ctx.request, { ...limits, maxBytes: Math.max(limits.maxBytes, Math.min(total, limits.stepMaxBytes)) }, "file", over);
  const got = [];
  const planned = new Set(expected.keys());
  for (const p of parts) {
    if (!expected.has(p.name)) {
      if (planned.has(p.name)) throw new Problem(400, `"${cutPath(p.name)}" is sent twice; send each file of this group's "send" list once.`);
      throw new Problem(400, `"${cutPath(p.name)}" is not one of this group's files; send exactly the files its "send" list names.`);
    }
    if (p.data.length !== expected.get(p.name)) {
      throw new Problem(400, `"${cutPath(p.name)}" has ${p.data.length} bytes, but the conversion was planned with ${expected.get(p.name)}: it is not the same file. Convert the export again.`);
    }
    got.push(p);
    expected.delete(p.name);
  }
  if (expected.size) {
    const [first] = expected.keys();
    throw new Problem(400, `This group also needs "${cutPath(first)}"${expected.size > 1 ? ` and ${expected.size - 1} more file(s)` : ""}; send every file its "send" list names.`);
  }
  return got;
}

export async function postGroup(ctx, conversionId, n) {
  const { uploadId, uploadInline, options, stepZone, group } = await loadGroup(ctx, conversionId, groupIndex(n));
  const sent = await sentFiles(ctx, group.send);
  const upload = { kind: "upload", id: uploadId, inline: uploadInline };
  const stored = group.stored.length ? await readFiles(ctx.ops, upload, group.stored, ctx.now) : [];
  if (!stored) {
    throw new Problem(404, UPLOAD_GONE);
  }
  // The core reads the files by name; their order is the plan's (download order follows the steps).
  const byName = new Map([...stored, ...sent].map((f) => [f.name, f]));
  const names = [...new Set(group.steps.flatMap((s) => s.files))];
  return bundleResponse(callCore(ctx, (core) => core.stepBundle(stepOptions(options, stepZone), group.steps, names.map((name) => byName.get(name)))));
}

// POST /api/convert/{id}/steps: steps of a session its client planned (http/client-plan.js),
// with the files the upload does not hold. The body is a TSB1 bundle whose options are
// {"steps": [...]}; 200 as a group's answer.
export async function postSteps(ctx, conversionId) {
  const { uploadId, uploadInline, options, stepZone } = await loadClientSession(ctx, conversionId);
  const how = `Send one ${BUNDLE_TYPE} body: options {"steps": [the plan's step objects]}, files the steps read that the upload does not hold, each named by its export path.`;
  requireMediaType(ctx.request, BUNDLE_TYPE, how);
  const limits = uploadLimits(ctx.env);
  // The steps' JSON rides in the body too: room for a group's step objects beside the files.
  // One step may carry its own files past the request cap (upload-limits.js STEP_MAX_FILES): it
  // reads them together. Several steps stay within the cap.
  const body = await readBodyCapped(ctx.request, limits.stepMaxBytes + STEPS_JSON_MAX, () => `One request carries at most ${limits.maxBytes} bytes of files (one step alone, its files up to ${limits.stepMaxBytes}) and ${STEPS_JSON_MAX} bytes of the steps' JSON. Send fewer steps in one request; a step alone whose files are more than that cannot be converted here: convert it on your device (the page does so itself).`);
  let bundle;
  try {
    // The steps' JSON is at most STEPS_JSON_MAX: longer options are refused before parsing,
    // and more files than one request carries before a view is made for each.
    bundle = decodeBundle(body, { maxOptionsBytes: STEPS_JSON_MAX, maxFiles: limits.maxFiles });
  } catch (err) {
    if (err instanceof BundleFilesError) {
      throw new Problem(413, `This request sends ${err.files} files; one request carries at most ${limits.maxFiles}. Send fewer steps in one request.`);
    }
    // Only a bundle that holds that much: 11 bytes "TSB1garbage" read "garb" as a length, and
    // was told its steps' JSON was too long (attack finding).
    const optionsLength = bundleOptionsLength(body);
    if (optionsLength > STEPS_JSON_MAX && body.length >= 8 + optionsLength) {
      throw new Problem(413, `The steps' JSON (the bundle's options) is at most ${STEPS_JSON_MAX} bytes. Send fewer steps in one request.`);
    }
    throw new Problem(400, how);
  }
  const { steps, names, pieces } = readSteps(bundle.options);
  const sent = bundle.files;
  const huge = sent.find((f) => f.data.length > limits.maxFileBytes);
  if (huge) throw new Problem(413, fileCapDetail(limits, huge.name, huge.data.length));
  const total = sent.reduce((n, f) => n + f.data.length, 0);
  if (steps.length === 1 && total > limits.stepMaxBytes) {
    throw new Problem(413, stepFilesDetail(limits, sent.map((f) => f.name), total));
  }
  if (steps.length > 1 && total > limits.maxBytes) {
    throw new Problem(413, `These ${steps.length} steps' files are ${total} bytes; a request of several steps carries at most ${limits.maxBytes}. Send fewer steps in one request (a step whose files are more goes alone).`);
  }
  const upload = await loadOwned(ctx, "upload", uploadId).catch((err) => {
    throw err instanceof Problem && err.status === 404 ? new Problem(404, UPLOAD_GONE) : err;
  });
  const toRead = checkStepFiles(steps, names, storedByPath(upload.metadata.files), sent, pieces);
  const read = toRead.length ? await readFiles(ctx.ops, { kind: "upload", id: uploadId, inline: uploadInline }, toRead, ctx.now) : [];
  if (!read) throw new Problem(404, UPLOAD_GONE);
  const byName = new Map([...read, ...sent].map((f) => [f.name, f]));
  // Heart-rate days sent as pieces go to the core as they came, named in its options.
  const stepOpts = pieces.size ? { ...stepOptions(options, stepZone), pieces: bundle.options.pieces } : stepOptions(options, stepZone);
  return bundleResponse(callCore(ctx, (core) => core.stepBundle(stepOpts, steps, names.map((name) => byName.get(name)))));
}

// The parts of a gather or assembly request: one TSB1 bundle of parts, each named part.json
// (after `planParts` files named plan-part.json: a client-planned assembly's plan part).
// `steps`: the conversion's, each one part at most; with the plan parts, and PARTS_MAX_COUNT in
// all, the most a body holds, so that a body of millions of empty parts is refused before a
// view is made for each (16 MiB of them was 316 MiB of heap), and one of a client's 100,000
// claimed steps before ~0.5 s of CPU.
async function readParts(ctx, maxBytes, how, tooMuch, steps, planParts = 0) {
  requireMediaType(ctx.request, BUNDLE_TYPE, how);
  const body = await readBodyCapped(ctx.request, maxBytes, tooMuch);
  // One bundle, not a multipart form: a ten-year export has ~3,000 parts, and a form of that
  // many parts costs the Worker more CPU to take apart than the core spends assembling them.
  // At most one part per step, and PARTS_MAX_COUNT in one request (upload-limits.js).
  const maxParts = Math.min(steps, PARTS_MAX_COUNT);
  let parts;
  try {
    // A body of parts carries no options: a long block of them is refused unparsed.
    parts = decodeBundle(body, { maxOptionsBytes: 64, maxFiles: maxParts + planParts }).files;
  } catch (err) {
    if (err instanceof BundleFilesError) {
      const why = steps > PARTS_MAX_COUNT
        ? `one request holds at most ${PARTS_MAX_COUNT + planParts} parts: gather runs of them first (POST /api/convert/{id}/gather), and send the gathered parts in their place`
        : `This conversion has ${steps} steps, so a request holds at most ${maxParts + planParts} parts`;
      throw new Problem(400, `${why[0].toUpperCase()}${why.slice(1)}; this one has ${err.files}. ${how}`);
    }
    throw new Problem(400, how);
  }
  if (parts.length < planParts || parts.some((p, i) => p.name !== (i < planParts ? "plan-part.json" : "part.json"))) throw new Problem(400, how);
  const planPart = parts.findIndex((p, i) => i < planParts && p.data.length > PLAN_PART_MAX_BYTES);
  if (planPart >= 0) {
    throw new Problem(413, `The plan's part (plan-part.json) is ${parts[planPart].data.length} bytes; the server's assembly takes one of at most ${PLAN_PART_MAX_BYTES}. ` +
      "This export's plan lists more problems than that: convert it on this device, where its parts are assembled without this bound.");
  }
  const big = parts.findIndex((p, i) => i >= planParts && p.data.length > PART_MAX_BYTES);
  if (big >= 0) throw new Problem(413, `Part ${big} is ${parts[big].data.length} bytes; a part is at most ${PART_MAX_BYTES} (the core writes none larger). ${how}`);
  return parts;
}

export async function postGather(ctx, conversionId) {
  // The session is looked up to tie the request to its owner's conversion, and for its count
  // of steps (the most parts a run can have).
  const { steps } = await loadAssembly(ctx, conversionId);
  const how = `Send a run of consecutive parts, in plan order, as one ${BUNDLE_TYPE} body (TSB1: each step's part.json as the groups' answers carried it, or a part this route answered, each named part.json).`;
  const parts = await readParts(ctx, GATHER_MAX_BYTES, how, () => `One gathering takes at most ${GATHER_MAX_BYTES} bytes of parts; send a shorter run (gathered parts can be gathered again). ${how}`, steps);
  if (parts.length === 0) throw new Problem(400, `The request holds no parts. ${how}`);
  return bundleResponse(callCore(ctx, (core) => core.callBundle("ts_gather", null, parts), READING_PARTS));
}

export async function postAssemble(ctx, conversionId) {
  const { options, part, steps, clientPlan } = await loadAssembly(ctx, conversionId);
  const first = clientPlan ? "the plan's part first, named plan-part.json (this conversion was planned by its client), then " : "";
  const how = `Send ${first}every step's part.json, in plan order, as one ${BUNDLE_TYPE} body (TSB1: the parts exactly as the groups' answers carried them, or gathered parts from POST /api/convert/{id}/gather in place of runs of them, each named part.json).`;
  const all = await readParts(ctx, PARTS_MAX_BYTES, how, () => `The parts of one conversion are at most ${PARTS_MAX_BYTES} bytes together (a ten-year export's are about 2 MB): gather runs of them first (POST /api/convert/{id}/gather; a gathered part is smaller than its run), or convert this export on your device. ${how}`, steps, clientPlan ? 1 : 0);
  const planPart = clientPlan ? all[0].data : part;
  const parts = clientPlan ? all.slice(1) : all;
  // A gathered part says how many step parts it stands for in its header: counted without
  // reading the parts themselves.
  let count = 0;
  for (const p of parts) {
    const n = stepsIn(p.data);
    if (n < 0) throw new Problem(400, `A part that begins as a bundle is not a gathered part this service wrote. ${how}`);
    count += n;
  }
  if (count !== steps) {
    throw new Problem(400, `This conversion has ${steps} steps, so assembly takes ${steps} parts (one per step, in plan order; a gathered part counts for the steps it gathered); the request has ${count}.`);
  }
  const files = callCore(ctx, (core) => core.callBundle("ts_assemble", options, [{ name: "plan-part.json", data: planPart }, ...parts]), READING_PARTS);
  return bundleResponse(files);
}
