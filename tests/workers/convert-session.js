// Drives a conversion session to its end as the page does (js/server-convert.js): every group
// of steps with the files it asks for (one TSB1 bundle); every `gather` bytes of step parts
// gathered by POST /api/convert/{id}/gather (the page's PartRuns, with runs far shorter than
// the page's so that the tests' small exports gather too); then assembly with the parts (one
// TSB1 bundle). Shared by the workers tests that convert more than one request holds.
// Also the two ways the conversion tests compare: deviceZip (the page's "Convert on this
// device") and serverZip (the server's own plan, as an API client without a core gets it, every
// request counted); clientPlannedZip is the page's "Convert on the server".
import wasmModule from "../../worker-shim/generated/core.wasm";
import { expect } from "vitest";
import { createCore, splitStepBundle } from "../../worker-shim/shared/core.js";
import { decodeBundle, encodeBundle } from "../../worker-shim/shared/bundle.js";
import { PartRuns, planInputs, runSteps } from "../../worker-shim/shared/convert-steps.js";
import { isLightPath } from "../../worker-shim/shared/export-files.js";
import { zipOutputs } from "../../worker-shim/shared/packaging.js";
import { timeZoneOption } from "../../worker-shim/shared/tz.js";
import { generateExport } from "../../scripts/gen-takeout.mjs";
import { groupSteps } from "../../worker-shim/shared/step-groups.js";
import { DEFAULT_MAX_BYTES } from "../../worker-shim/shared/upload-limits.js";
import { form, opsOf } from "./api-client.js";

// A session longer than the step tier's burst meets 429s: like the page, it waits out each
// Retry-After (a few seconds at most here) and sends the same request again.
async function patiently(send, count) {
  for (let tries = 0; ; tries++) {
    const res = count(await send());
    if (res.status !== 429 || tries >= 30) return res;
    await res.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 1000 * Number(res.headers.get("retry-after") ?? 1)));
  }
}

// session: POST /api/convert's answer (complete: false). dataOf(name) gives a file the session
// asks to be sent. count(res) sees every response (for op tallies). gather: bytes of parts per
// gathering (0: none). requests: what each group request sends, [{path, options, send}] after
// /api/convert/{id}/ — by default the server's groups (groups/{n}, their `send` files); a
// session its client planned sends steps/ with {steps} as the bundle's options, and a request's
// `data` (a Map) gives the bytes it sends of a file instead of dataOf's. planPart: the
// plan's part, sent first to assembly (a client-planned session). → {outputs: [[path, bytes]]
// in download order, parts: [part.json bytes, or gathered parts], gathered: gather requests}
export async function finishSession(client, session, dataOf, count = (res) => res, { gather = 4096, requests = null, planPart = null } = {}) {
  const outputs = [];
  const runs = new PartRuns(gather);
  let gathered = 0;
  const gatherRuns = async (all) => {
    for (let run; (run = runs.ready(all)); ) await gatherRun(run);
  };
  const gatherRun = async (run) => {
    const res = await patiently(() => client.fetch(`/api/convert/${session.conversionId}/gather`, {
      method: "POST", headers: { "content-type": "application/x-trackersync-bundle" },
      body: encodeBundle(null, run.map((data) => ({ name: "part.json", data }))),
    }), count);
    expect(res.status, await res.clone().text()).toBe(200);
    runs.gathered(new Uint8Array(await res.arrayBuffer()));
    gathered += 1;
  };
  const groups = requests ?? session.groups.map((g, n) => ({ path: `groups/${n}`, options: null, send: g.send }));
  for (const g of groups) {
    const res = await patiently(() => client.fetch(`/api/convert/${session.conversionId}/${g.path}`, {
      method: "POST", headers: { "content-type": "application/x-trackersync-bundle" },
      body: encodeBundle(g.options, g.send.map((name) => ({ name, data: g.data?.get(name) ?? dataOf(name) }))),
    }), count);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-trackersync-bundle");
    for (const r of splitStepBundle(new Uint8Array(await res.arrayBuffer()))) {
      runs.add(r.part);
      outputs.push(...r.files.map((f) => [f.path, f.data]));
    }
    await gatherRuns(false);
  }
  await gatherRuns(true);
  const parts = runs.parts;
  const first = planPart ? [{ name: "plan-part.json", data: JSON.stringify(planPart) }] : [];
  const body = encodeBundle(null, [...first, ...parts.map((data) => ({ name: "part.json", data }))]);
  const asm = await patiently(() => client.fetch(`/api/convert/${session.conversionId}/assemble`, {
    method: "POST", headers: { "content-type": "application/x-trackersync-bundle" }, body,
  }), count);
  expect(asm.status, await asm.clone().text()).toBe(200);
  for (const f of decodeBundle(new Uint8Array(await asm.arrayBuffer())).files) outputs.push([f.name, f.data]);
  return { outputs, parts, gathered };
}

// {tally, count}: count(res) adds a response's requests, KV operations and D1 rows written
// (its X-TrackerSync-Ops header) to tally, and hands the response back. `stored`: the requests
// that stored something (201: an upload, a conversion), each charged to the storage budget in
// one row of its own (storage/storage-budget.js).
function opsTally() {
  const tally = { requests: 0, kv: 0, rowsWritten: 0, stored: 0 };
  const count = (res) => {
    const ops = opsOf(res);
    tally.requests += 1;
    if (res.status === 201) tally.stored += 1;
    tally.kv += ops.kv;
    tally.rowsWritten += ops.d1_rows_written;
    return res;
  };
  return { tally, count };
}

// The light files uploaded as the page does, perUpload to a request; → the upload's id.
async function uploadLight(client, light, perUpload, count) {
  let uploadId = null;
  for (let i = 0; i < light.length; i += perUpload) {
    const part = light.slice(i, i + perUpload).map((f) => [f.name, f.data]);
    const res = count(await client.fetch(uploadId ? `/api/upload?uploadId=${uploadId}` : "/api/upload", { method: "POST", body: form(part) }));
    expect(res.status, await res.clone().text()).toBe(201);
    uploadId = (await res.json()).uploadId;
  }
  return uploadId;
}

// A small export with everything the steps cut apart: workouts with tracks and heart-rate
// days, per-minute files, sleep, resting heart rate, weight.
export const heavyExport = () =>
  generateExport({ seed: 21, years: 0.25, perWeek: 5, workoutsPerWeek: 3, trackInterval: 30, minuteDays: 40, start: "2023-02-01" });

const enc = new TextEncoder();
export const bytes = (d) => (typeof d === "string" ? enc.encode(d) : d);
// The core the tests run the device's conversion with (the Worker has its own instance).
export const core = createCore(wasmModule);

// [[path, bytes]] in download order -> the zip, as packaging.js writes it for the page.
export const zipOf = (outputs) => zipOutputs(outputs.map(([path, data]) => ({ path, data })));

// The page's plan and options for `files` (app.js: the report first, then the plan with the
// zone it shows).
export async function devicePlan(files, extra = {}, request = {}) {
  const entries = files.map((f) => ({ path: f.name, bytes: bytes(f.data).length }));
  const data = new Map(files.map((f) => [f.name, bytes(f.data)]));
  const { files: planFiles, sizes } = await planInputs(core, entries, async (p) => data.get(p));
  const report = core.plan(extra, planFiles, sizes).report;
  const r = report.transitionsRange;
  const zone = request.timeZone ?? report.timeZone?.name ?? request.fallbackTimeZone;
  const nowSec = Math.floor(Date.now() / 1000);
  const options = { weightUnit: "auto", ...extra };
  if (zone && (r || report.timeZone || request.fallbackTimeZone)) options.timeZone = { ...timeZoneOption(zone, r?.from ?? nowSec, r?.to ?? nowSec), explicit: request.timeZone != null };
  return { plan: core.plan(options, planFiles, sizes), options };
}

// "Convert on this device": the same plan, steps and assembly, zipped as they come. `extra`:
// the options the page sets (kinds, includeAutoDetected); `request`: the zone choices a server
// request carries — timeZone (a zone the person typed, used for every local time) or
// fallbackTimeZone (the page's fill-in when the export names none) — as app.js's
// currentOptions() builds them.
export async function deviceZip(files, extra = {}, request = {}) {
  const data = new Map(files.map((f) => [f.name, bytes(f.data)]));
  const { plan, options } = await devicePlan(files, extra, request);
  let outputs = 0;
  const zip = [];
  await runSteps({
    core, options, plan,
    readFiles: async (names) => names.map((name) => ({ name, data: data.get(name) })),
    onOutput: (path, d) => {
      zip.push([path, d]);
      outputs += 1;
    },
  });
  return { zip: zipOf(zip), outputs, steps: plan.steps.length };
}

// The server planning the conversion itself (an API client that sends no plan), counting every
// request's D1 and KV work.
export async function serverZip(client, files, extra = {}, { perUpload = 40 } = {}) {
  const { tally, count } = opsTally();
  tally.convertCalls = 0;
  const light = files.filter((f) => isLightPath(core, f.name));
  const heavy = files.filter((f) => !isLightPath(core, f.name));
  const uploadId = await uploadLight(client, light, perUpload, count);
  const request = { uploadId, files: Object.fromEntries(heavy.map((f) => [f.name, bytes(f.data).length])), ...extra };
  const conv = count(await client.postJson("/api/convert", request));
  tally.convertCalls += 1;
  expect(conv.status, await conv.clone().text()).toBe(201);
  const session = await conv.json();
  const byName = new Map(files.map((f) => [f.name, f]));
  if (session.complete) {
    const dl = count(await client.fetch(`/api/download/${session.conversionId}`));
    return { zip: new Uint8Array(await dl.arrayBuffer()), session, tally, uploadId };
  }
  const { outputs, parts, gathered } = await finishSession(client, session, (name) => byName.get(name).data, count);
  return { zip: zipOf(outputs), session, tally, parts, gathered, uploadId };
}

// "Convert on the server" with the plan made here, as the page does for every export
// (http/client-plan.js): the light files uploaded, the device's own plan and options, POST
// /api/convert with `plan`, the plan's steps cut by the server's rule (groupSteps) and each
// run sent to POST /api/convert/{id}/steps with the files the upload does not hold, parts
// gathered, assembly with the plan's part first.
// pieces: each group's heart-rate days sent as the pieces its workouts read (core.stepPieces,
// as the page sends them: wasm/core/convert/step_pieces.h). → also sentBytes: the files' bytes
// the groups' requests carried.
export async function clientPlannedZip(client, files, extra = {}, request = {}, { perUpload = 40, gather = 4096, pieces = false } = {}) {
  const { tally, count } = opsTally();
  const { plan, options } = await devicePlan(files, extra, request);
  const data = new Map(files.map((f) => [f.name, bytes(f.data)]));
  const light = files.filter((f) => isLightPath(core, f.name));
  const stored = new Set(light.map((f) => f.name));
  const uploadId = await uploadLight(client, light, perUpload, count);
  const { weightUnit, kinds, includeAutoDetected, includeImplausible } = options;
  const start = { uploadId, weightUnit, kinds, includeAutoDetected, includeImplausible, plan: { steps: plan.steps.length, stepZone: plan.stepZone ?? null, timeZone: options.timeZone ?? null } };
  const conv = count(await client.postJson("/api/convert", start));
  expect(conv.status, await conv.clone().text()).toBe(201);
  const session = await conv.json();
  const sendOf = (steps) => [...new Set(steps.flatMap((st) => st.files))].filter((f) => !stored.has(f));
  const sendBytes = (step) => sendOf([step]).reduce((n, f) => n + data.get(f).length, 0);
  const groups = groupSteps(plan.steps, { sizeOf: (f) => data.get(f)?.length, sendBytes, maxSendBytes: DEFAULT_MAX_BYTES });
  let piecesSent = 0;
  const requests = groups.map(([first, n]) => {
    const steps = plan.steps.slice(first, first + n);
    const send = sendOf(steps);
    if (!pieces) return { path: "steps", options: { steps }, send };
    const made = core.stepPieces(steps, [...new Set(steps.flatMap((st) => st.files))].map((name) => ({ name, data: data.get(name) })));
    const sliced = new Map(Object.entries(made).map(([name, [offset, length]]) => [name, data.get(name).subarray(offset, offset + length)]));
    piecesSent += sliced.size;
    return { path: "steps", options: sliced.size ? { steps, pieces: made } : { steps }, send, data: sliced };
  });
  const sentBytes = requests.reduce((n, r) => n + r.send.reduce((m, f) => m + (r.data?.get(f) ?? data.get(f)).length, 0), 0);
  const { outputs, gathered } = await finishSession(client, session, (name) => data.get(name), count, { gather, requests, planPart: plan.part });
  return { zip: zipOf(outputs), session, plan, groups, gathered, tally, uploadId, sentBytes, piecesSent };
}
