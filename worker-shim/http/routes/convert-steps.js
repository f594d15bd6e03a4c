// A conversion session's requests after POST /api/convert planned it:
// POST /api/convert/{id}/groups/{n}  runs group n's steps. Body: the group's `send` files, as
//     one application/x-trackersync-bundle (TSB1, each file named by its export path) or as
//     multipart/form-data `file` parts (http/file-parts.js); none: an empty body is fine. The
//     group's other files come from the upload; the session's stepZone goes into the steps'
//     options. 200 application/x-trackersync-bundle: the core's step output as it is (TSB1,
//     worker-shim/shared/bundle.js): for each step its part.json, then the files it wrote, in
//     download order.
// POST /api/convert/{id}/assemble    assembly. Body (application/x-trackersync-bundle): one
//     TSB1 bundle of every step's part.json, in plan order, each named part.json. 200
//     application/x-trackersync-bundle: manifest.json, IMPORT.txt and the files made from the
//     parts' rows.
// The download is every group's files in order, then assembly's, zipped by packaging.js — the
// same bytes as on the device. Nothing here is stored: each answer goes back to its client.
// The limiter counts these requests against the step tiers, not the convert tiers.
import { callCore } from "../../core/problems.js";
import { stepOptions } from "../../shared/convert-steps.js";
import { BUNDLE_TYPE, decodeBundle } from "../../shared/bundle.js";
import { readFiles } from "../../storage/file-store.js";
import { loadAssembly, loadGroup } from "../../storage/conversion-store.js";
import { uploadLimits } from "../../shared/upload-limits.js";
import { Problem } from "../problem.js";
import { readBodyCapped, requireMediaType } from "../request-body.js";
import { readFileParts } from "../file-parts.js";
// Parts of a ten-year export are about 1 MB together; a client that sends more is not sending
// parts this service wrote.
const PARTS_MAX_BYTES = 16 * 1024 * 1024;

function bundleResponse(bytes) {
  return new Response(bytes, { status: 200, headers: { "content-type": BUNDLE_TYPE, "content-length": String(bytes.length), "cache-control": "no-store" } });
}

function groupIndex(text) {
  const n = Number(text);
  if (!/^\d{1,6}$/.test(text) || !Number.isSafeInteger(n)) throw new Problem(404, "A group is named by its number, from 0, as POST /api/convert listed them.");
  return n;
}

// The group's `send` files, exactly: the names it lists with the sizes the plan was made with.
async function sentFiles(ctx, send) {
  const limits = uploadLimits(ctx.env);
  const expected = new Map(send);
  const total = send.reduce((n, [, b]) => n + b, 0);
  const empty = send.length === 0 && Number(ctx.request.headers.get("content-length") ?? 0) === 0 && !ctx.request.headers.get("content-type");
  if (empty) return [];
  const parts = await readFileParts(ctx.request, { ...limits, maxBytes: Math.max(total, 1), maxFiles: Math.max(send.length, 1) });
  const got = [];
  for (const p of parts) {
    if (!expected.has(p.name)) {
      throw new Problem(400, `"${p.name.slice(0, 200)}" is not one of this group's files; send exactly the files its "send" list names.`);
    }
    if (p.data.length !== expected.get(p.name)) {
      throw new Problem(400, `"${p.name.slice(0, 200)}" has ${p.data.length} bytes, but the conversion was planned with ${expected.get(p.name)}: it is not the same file. Convert the export again.`);
    }
    got.push(p);
    expected.delete(p.name);
  }
  if (expected.size) {
    const [first] = expected.keys();
    throw new Problem(400, `This group also needs "${first.slice(0, 200)}"${expected.size > 1 ? ` and ${expected.size - 1} more file(s)` : ""}; send every file its "send" list names.`);
  }
  return got;
}

export async function postGroup(ctx, conversionId, n) {
  const { uploadId, uploadInline, options, stepZone, group } = await loadGroup(ctx, conversionId, groupIndex(n));
  const sent = await sentFiles(ctx, group.send);
  const upload = { kind: "upload", id: uploadId, inline: uploadInline };
  const stored = group.stored.length ? await readFiles(ctx.ops, upload, group.stored, ctx.now) : [];
  if (!stored) {
    throw new Problem(404, "The upload this conversion reads has expired (uploads are kept for 1 hour). Upload the files again and start a new conversion; its groups are the same, so it can go on from this group.");
  }
  // The core reads the files by name; their order is the plan's (download order follows the steps).
  const byName = new Map([...stored, ...sent].map((f) => [f.name, f]));
  const names = [...new Set(group.steps.flatMap((s) => s.files))];
  return bundleResponse(callCore(ctx, (core) => core.stepBundle(stepOptions(options, stepZone), group.steps, names.map((name) => byName.get(name)))));
}

export async function postAssemble(ctx, conversionId) {
  const { options, part, steps } = await loadAssembly(ctx, conversionId);
  const how = `Send every step's part.json, in plan order, as one ${BUNDLE_TYPE} body (TSB1: the parts exactly as the groups' answers carried them, each named part.json).`;
  requireMediaType(ctx.request, BUNDLE_TYPE, how);
  const body = await readBodyCapped(ctx.request, PARTS_MAX_BYTES, () => `The parts of one conversion are at most ${PARTS_MAX_BYTES} bytes together. ${how}`);
  // One bundle, not a multipart form: a ten-year export has ~3,000 parts, and a form of that
  // many parts costs the Worker more CPU to take apart than the core spends assembling them.
  let parts;
  try {
    parts = decodeBundle(body).files;
  } catch {
    throw new Problem(400, how);
  }
  if (parts.some((p) => p.name !== "part.json")) throw new Problem(400, how);
  if (parts.length !== steps) {
    throw new Problem(400, `This conversion has ${steps} steps, so assembly takes ${steps} parts (one per step, in plan order); the request has ${parts.length}.`);
  }
  const files = callCore(ctx, (core) => core.callBundle("ts_assemble", options, [{ name: "plan-part.json", data: part }, ...parts]));
  return bundleResponse(files);
}
