// How the page's server path (public/js/server-convert.js convertOnServer) goes on when the
// server answers what a long session can meet: a conversion that expired (404: upload again,
// start again, send the same group to the NEW conversion) and a deployment whose request cap
// is below the page's default (413 on a group the page planned: cut it in two). The page's
// module runs as it is, from a copy whose api-client.js answers as the server would for these
// cases (the Worker's own answers are tested in workerd, tests/workers/client-plan.test.js);
// what it sent is recorded and checked. Numbered cases, each with why.
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { core } from "./load-core.js";
import { generateExport } from "../../scripts/gen-takeout.mjs";
import { isLightPath, kindsOf } from "../../worker-shim/shared/export-files.js";
import { groupSteps } from "../../worker-shim/shared/step-groups.js";
import { DEFAULT_MAX_BYTES } from "../../worker-shim/shared/upload-limits.js";
import { encodeBundle } from "../../worker-shim/shared/bundle.js";
import { checkStepFiles, readSteps, storedByPath } from "../../worker-shim/http/client-plan.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
// The page's modules import ../lib/core/…: the copy sits in <dir>/js beside <dir>/lib, a link
// to the built lib (scripts/build).
const dir = mkdtempSync(path.join(tmpdir(), "ts-page-session-"));
const js = path.join(dir, "js");
mkdirSync(js);
for (const f of ["server-convert.js", "piece-groups.js", "step-alone.js", "plain-errors.js", "upload-plan.js", "format.js"]) {
  copyFileSync(path.join(ROOT, "worker-shim/public/js", f), path.join(js, f));
}
symlinkSync(path.join(ROOT, "worker-shim/public/lib"), path.join(dir, "lib"));
// The server, as far as these cases need it: `server` records what it was sent, and its
// expireAt (the request number whose conversion expires) and cap (steps per request) say
// what it answers.
writeFileSync(path.join(js, "api-client.js"), `
import { ApiError } from "./plain-errors.js";
import { encodeBundle } from "../lib/core/bundle.js";
export const server = { log: [], live: new Set(), n: 0, expireAt: -1, cap: Infinity, posts: 0, uploaded: [], requests: [], overCpu: new Set(), stopped: 0, tooLarge: new Set() };
const gone = () => new ApiError(404, { type: "about:blank", title: "Not Found", status: 404, detail: "No conversion with this id is available to you." });
export async function upload(part, { uploadId }) { server.log.push("upload"); server.uploaded.push(...part.map((f) => f.path)); return { uploadId: uploadId ?? "u" + server.n }; }
export async function postJson(url, body) {
  const id = "c" + ++server.n;
  server.live.add(id);
  server.log.push("start " + id + (body.plan ? " planned here" : ""));
  server.started = body;
  return { conversionId: id, steps: body.plan?.steps ?? 0, complete: false, plannedBy: "client" };
}
export async function postFiles(url, files, { options }) {
  const id = url.split("/")[3];
  if (!server.live.has(id)) throw gone();
  if (server.posts++ === server.expireAt) { server.live.delete(id); throw gone(); }
  const steps = options?.steps ?? [];
  if (steps.length > server.cap || steps.some((s) => server.tooLarge.has(s.id))) throw new ApiError(413, { type: "about:blank", title: "Too large", status: 413, detail: "over this deployment's cap" });
  // The platform's own answer when a request goes over its CPU time: a page, not problem+json.
  if (steps.some((s) => server.overCpu.has(s.id))) { server.stopped++; throw new ApiError(503, null, null, 1102); }
  server.log.push("steps " + id + " " + steps.map((s) => s.id).join(","));
  server.requests.push({ steps, sent: files.map((f) => f.path), files, pieces: options?.pieces });
  return encodeBundle(null, []);
}
export async function postBytes(url) { server.log.push("assemble " + url.split("/")[3]); return encodeBundle(null, []); }
export async function getBytes() { throw new Error("not here"); }
`);
const { convertOnServer, forgetSession, planServer } = await import(path.join(js, "server-convert.js"));
const { server } = await import(path.join(js, "api-client.js"));

const row = { bytes() {}, done() {}, busy() {}, steps() {} };
const rows = { upload: row, convert: row, package: row };
// A plan of 500 tiny weight steps, made by the page (as it makes every plan): each reads
// only the uploaded light file, so every group holds the most steps a group may.
const W = "Takeout/Fitbit/Global Export Data/weight-2023-01-01.json";
const light = [{ path: W, kind: "weight", data: new Uint8Array(10) }];
const plan = { steps: Array.from({ length: 500 }, (_, i) => ({ id: `s${i}`, kind: "daily", files: [W], bytes: 10 })), part: { kind: "plan" } };
const everyStep = plan.steps.map((s) => s.id).join(",");

// A new session against a stand-in server in its first state; `answers` sets how it answers
// (expireAt, cap, overCpu).
function freshSession(answers = {}) {
  forgetSession();
  Object.assign(server, { log: [], live: new Set(), n: 0, expireAt: -1, cap: Infinity, posts: 0, uploaded: [], requests: [], overCpu: new Set(), stopped: 0, tooLarge: new Set() }, answers);
}

async function run({ expireAt = -1, cap = Infinity }) {
  freshSession({ expireAt, cap });
  await convertOnServer(light, [], {}, { rows, readHeavy: async () => [], planHere: async () => plan });
  const sent = server.log.filter((l) => l.startsWith("steps")).map((l) => l.split(" "));
  return { log: server.log, ids: sent.map(([, id]) => id), steps: sent.map(([, , s]) => s).join(",") };
}

test("1: planned here, every step is sent once, in order, and assembled", async () => {
  const r = await run({});
  assert.equal(r.steps, everyStep);
  assert.equal(r.log.at(-1), "assemble c1");
});

test("2: a conversion that expired mid-session: uploaded again, started again, and the same group goes to the new conversion (it went to the old one, and failed)", async () => {
  const r = await run({ expireAt: 2 });
  assert.deepEqual(r.log.filter((l) => l.startsWith("start")), ["start c1 planned here", "start c2 planned here"]);
  assert.ok(r.ids.slice(2).every((id) => id === "c2"), r.ids.join(" "));
  assert.equal(r.steps, everyStep);
  assert.equal(r.log.at(-1), "assemble c2");
});

test("3: a deployment whose cap is below the page's default answers 413: the group planned here is cut in two until it fits", async () => {
  const r = await run({ cap: 10 });
  assert.equal(r.steps, everyStep);
  assert.ok(r.log.filter((l) => l.startsWith("steps")).every((l) => l.split(" ")[2].split(",").length <= 10));
});

// A plan given as it is (not the 500-step one above), the files as the page holds them.
async function runPlan(light, heavy, plan) {
  freshSession();
  const data = new Map(heavy.map((f) => [f.path, new Uint8Array(f.bytes)]));
  await convertOnServer(light, heavy, {}, { rows, readHeavy: async (entries) => entries.map((e) => data.get(e.path)), planHere: async () => plan });
  return server;
}
const MiB = 1024 * 1024;
const G = "Takeout/Fitbit/Global Export Data/";

test("4: helper finding: each request reads at most 8 MiB of the upload (STORED_READ_MAX_BYTES); steps each reading its own stored file of 1.9 MiB went six to a request, 11.4 MiB, which the server refused", async () => {
  const files = Array.from({ length: 6 }, (_, i) => ({ path: `${G}exercise-${i}.json`, kind: "exercise", data: new Uint8Array(1.9 * MiB) }));
  // The sixth step reads the first step's file again: counted once in its request.
  const steps = [...files, files[4]].map((f, i) => ({ id: `workouts-000${i + 1}`, kind: "workouts", files: [f.path], bytes: f.data.length, records: [[f.path, 0, 100]] }));
  const r = await runPlan(files, [], { steps, part: { kind: "plan" } });
  assert.deepEqual(r.requests.map((q) => q.steps.length), [4, 3]);
});

test("5: helper finding: an export with no light file (only per-minute data) still has an upload: its smallest file goes up, and no group sends it again (before: uploadId null, a 400)", async () => {
  const heavy = [{ path: `${G}steps-2023-01-01.json`, kind: "daily", bytes: 3000 }, { path: `${G}steps-2023-02-01.json`, kind: "daily", bytes: 2000 }];
  const steps = heavy.map((f, i) => ({ id: `daily-000${i + 1}`, kind: "daily", files: [f.path], bytes: f.bytes, metric: "steps", from: null, to: null }));
  const r = await runPlan([], heavy, { steps, part: { kind: "plan" } });
  assert.deepEqual(r.uploaded, [heavy[1].path]);
  assert.deepEqual(r.requests.flatMap((q) => q.sent), [heavy[0].path]);
  assert.ok(r.log[1].startsWith("start") && r.log.at(-1).startsWith("assemble"), r.log.join(" | "));
});

// A generated export as the page holds it (light files read, heavy ones listed), planned by
// the core with `options`; data: every file's bytes by path.
function planned(files, options) {
  const kinds = kindsOf(core, files.map((f) => f.name));
  const light = files.filter((f) => isLightPath(core, f.name)).map((f) => ({ path: f.name, kind: kinds[files.indexOf(f)], data: f.data }));
  const heavy = files.filter((f, i) => kinds[i] && !isLightPath(core, f.name)).map((f) => ({ path: f.name, kind: kinds[files.indexOf(f)], bytes: f.data.length }));
  const sizes = Object.fromEntries(heavy.map((f) => [f.path, f.bytes]));
  const plan = core.plan(options, [...light.map((f) => ({ name: f.path, data: f.data })), ...heavy.map((f) => ({ name: f.path, data: new Uint8Array(0) }))], sizes);
  return { light, heavy, plan, data: new Map(files.map((f) => [f.name, f.data])) };
}

// What the page hands convertOnServer from its core worker (app.js convertThere), run by the
// core here; the ids of the steps run by stepHere go into `here`, after onStepHere(own) sees
// the files it was given.
function pageCore({ plan, data }, here, onStepHere = () => {}) {
  return {
    rows,
    readHeavy: async (entries) => entries.map((e) => data.get(e.path)),
    planHere: async () => plan,
    piecesHere: async (steps, own) => core.stepPieces(steps, own.map((f) => ({ name: f.path, data: f.data }))),
    stepHere: async (opts, steps, own) => {
      here.push(...steps.map((st) => st.id));
      onStepHere(own);
      return core.stepBundle(opts, steps, own.map((f) => ({ name: f.path, data: f.data })));
    },
  };
}

test("6: heart-rate days sent as pieces: the groups after one join it while the joined group, as pieces, passes the server's own check; fewer requests than the cut by whole files, every step once, in order", async () => {
  // Two weeks of all-day heart rate every 2 s (~3.6 MB days), workouts only: the cut by whole
  // files sends each workout alone.
  const files = generateExport({ seed: 45, years: 0.03, perWeek: 3, workoutsPerWeek: 6, allDayHeartRate: 11, heartRateInterval: 2, start: "2023-06-01" })
    .map((f) => ({ name: f.name, data: typeof f.data === "string" ? new TextEncoder().encode(f.data) : f.data }));
  const exp = planned(files, { kinds: ["workouts"], timeZone: { name: "UTC", transitions: [[0, 0]] } });
  const { light, heavy, plan, data } = exp;
  freshSession();
  // No stepHere: no piece of these days is over the file cap.
  const { stepHere, ...noStepHere } = pageCore(exp, []);
  await convertOnServer(light, heavy, {}, noStepHere);
  assert.deepEqual(server.requests.flatMap((q) => q.steps.map((st) => st.id)), plan.steps.map((st) => st.id));
  const stored = storedByPath(light.map((f) => ({ name: f.path, stream: 0, offset: 0, bytes: f.data.length })));
  for (const [i, q] of server.requests.entries()) {
    assert.ok(q.pieces, `request ${i} sends its days as pieces`);
    const { steps, names, pieces } = readSteps({ steps: q.steps, pieces: q.pieces });
    assert.doesNotThrow(() => checkStepFiles(steps, names, stored, q.files.map((f) => ({ name: f.path, data: f.data })), pieces), `request ${i}`);
  }
  const whole = groupSteps(plan.steps, { sizeOf: (p) => data.get(p).length, sendBytes: (st) => st.files.filter((p) => !stored.has(p)).reduce((n, p) => n + data.get(p).length, 0), maxSendBytes: DEFAULT_MAX_BYTES });
  assert.equal(whole.length, plan.steps.length, "by whole files, each workout alone");
  assert.ok(server.requests.length * 2 <= whole.length, `${server.requests.length} requests for ${whole.length} groups`);
});

test("7: a workout that reads most of a day over the file cap (a 48-hour workout left running, as a real export has): its piece is still over the cap, so this device runs that one step, and every other request is the server's", async () => {
  const enc = new TextEncoder();
  const files = generateExport({ seed: 48, years: 0.03, perWeek: 3, workoutsPerWeek: 6, allDayHeartRate: 11, heartRateInterval: 2, start: "2023-06-01" })
    .map((f) => ({ name: f.name, data: typeof f.data === "string" ? enc.encode(f.data) : f.data }));
  const ex = files.find((f) => /exercise-\d+\.json$/.test(f.name));
  const records = JSON.parse(new TextDecoder().decode(ex.data));
  const long = records.find((r) => r.startTime.startsWith("06/0"));
  long.duration = long.activeDuration = 48 * 3600 * 1000;
  ex.data = enc.encode(JSON.stringify(records));
  const options = { kinds: ["workouts"], timeZone: { name: "UTC", transitions: [[0, 0]] } };
  const exp = planned(files, options);
  const { light, heavy, plan } = exp;
  freshSession();
  const here = [];
  const result = await convertOnServer(light, heavy, options, pageCore(exp, here));
  const longStep = plan.steps.find((st) => st.logIds?.includes(long.logId));
  assert.deepEqual(here, [longStep.id]);
  assert.equal(result.stepsHere, 1);
  // Every step once, in order: the server's and this device's together.
  const sent = server.requests.flatMap((q) => q.steps.map((st) => st.id));
  assert.deepEqual(plan.steps.map((st) => st.id).filter((id) => !here.includes(id)), sent);
  assert.ok(server.requests.every((q) => q.files.every((f) => f.data.length <= DEFAULT_MAX_BYTES)));
});

test("8: a month of per-minute data over the file cap (real exports have 2.5 MB ones, pretty-printed): the page does not refuse the server way; that step runs on this device, alone, and every request the server gets is under the cap", async () => {
  const enc = new TextEncoder();
  const files = generateExport({ seed: 49, years: 0.1, perWeek: 3, minuteDays: 40, start: "2023-06-01" })
    .map((f) => ({ name: f.name, data: typeof f.data === "string" ? enc.encode(f.data) : f.data }));
  // Takeout's own layout of a record (`{\n  "dateTime" : …,\n  "value" : …\n}`): the same
  // month, 30 % more bytes, over the cap.
  const month = files.find((f) => /calories-2023-06-01\.json$/.test(f.name));
  month.data = enc.encode(JSON.stringify(JSON.parse(new TextDecoder().decode(month.data)), null, 2).replace(/": /g, '" : '));
  assert.ok(month.data.length > DEFAULT_MAX_BYTES, `${month.data.length} bytes`);
  const options = { timeZone: { name: "UTC", transitions: [[0, 0]] } };
  const exp = planned(files, options);
  const { light, heavy, plan } = exp;
  assert.equal(planServer(light, heavy).here, 1);
  freshSession();
  const here = [];
  const wholeMonth = (own) => assert.ok(own.some((f) => f.path === month.name && f.data.length === month.data.length), "the whole month, read here");
  let said = "";
  const upload = { ...row, done(text) { said = text; } };
  const result = await convertOnServer(light, heavy, options, { ...pageCore(exp, here, wholeMonth), rows: { ...rows, upload } });
  assert.deepEqual(here, plan.steps.filter((st) => st.files.includes(month.name)).map((st) => st.id));
  assert.equal(result.stepsHere, 1);
  const sent = server.requests.flatMap((q) => q.steps.map((st) => st.id));
  assert.deepEqual(plan.steps.map((st) => st.id).filter((id) => !here.includes(id)), sent);
  assert.ok(server.requests.every((q) => q.files.every((f) => f.data.length <= DEFAULT_MAX_BYTES && f.path !== month.name)));
  // The files that went, each once, not the month read here (helper finding: "Sent 702 files"
  // after the page said 2 were never sent).
  const went = new Set([...server.uploaded, ...server.requests.flatMap((q) => q.sent)]);
  assert.ok(!went.has(month.name));
  assert.equal(said, `Sent ${went.size} files.`);
});

// The 500-step plan against a stand-in server that answers as `answers` says, with this
// device's core (stepHere) recording the steps it ran: {here, result, sent: the steps the
// server converted, in order}.
async function runWithDevice(answers) {
  freshSession(answers);
  const here = [];
  const result = await convertOnServer(light, [], {}, {
    rows,
    readHeavy: async () => [],
    planHere: async () => plan,
    stepHere: async (opts, steps) => {
      here.push(...steps.map((st) => st.id));
      return encodeBundle(null, []);
    },
    sleepFor: async () => {},
  });
  const sent = server.log.filter((l) => l.startsWith("steps")).flatMap((l) => l.split(" ")[2].split(","));
  return { here, result, sent };
}

test("9: a step the platform stops over its CPU time on every try (Cloudflare's 1102, a hand-made file the estimate misjudges): its group is cut in two at each stop until that step is alone, which is tried again and then converted on this device; every other step is the server's, once, in order", async () => {
  const { here, result, sent } = await runWithDevice({ overCpu: new Set(["s70"]) });
  assert.deepEqual(here, ["s70"]);
  assert.equal(result.cpuHere, 1);
  assert.equal(result.stepsHere, 0);
  assert.deepEqual(sent, plan.steps.map((st) => st.id).filter((id) => id !== "s70"));
  // The group of 64 holding s70 is cut at its first stop, six times (32, 16, 8, 4, 2, 1
  // steps); the step alone is tried five times (a stop may be a cold isolate's), then run here.
  assert.equal(server.stopped, 6 + 5);
});

test("10: without this device's core (stepHere), a step the platform keeps stopping is the error it was, named for the person (plain-errors.js 1102)", async () => {
  freshSession({ overCpu: new Set(["s3"]) });
  await assert.rejects(
    convertOnServer(light, [], {}, { rows, readHeavy: async () => [], planHere: async () => plan, sleepFor: async () => {} }),
    (err) => err.platformCode === 1102,
  );
  assert.equal(server.stopped, 5, "the group was sent once and retried four times, not cut");
});

test("11: review finding: a workout that reads a month of each of Google's seven per-workout files (~11 MB, ~59 ms by the estimate) is a step the server refuses (over stepMaxBytes and STEP_MAX_MS); the conversion failed on it. It runs on this device now, and every other step is the server's, once, in order", async () => {
  const E = `${G}exercise-0.json`;
  const light = [{ path: E, kind: "exercise", data: new Uint8Array(60_000) }];
  const month = (i) => ({ path: `Takeout/Google Health/file_${i}_2024-03.csv`, kind: "gps_location", bytes: Math.round(1.6 * MiB) });
  const heavy = [...Array.from({ length: 7 }, (_, i) => month(i)), { path: "Takeout/Fitbit/Activities/9.tcx", kind: "tcx", bytes: 300_000 }];
  const step = (id, files) => ({ id, kind: "workouts", files: [E, ...files.map((f) => f.path)], bytes: 60_000 + files.reduce((n, f) => n + f.bytes, 0), logIds: [1], records: [[E, 0, 900]], hrFrom: null });
  const steps = [step("workouts-0001", []), step("workouts-0002", heavy.slice(0, 7)), step("workouts-0003", [heavy[7]])];
  freshSession();
  const data = new Map(heavy.map((f) => [f.path, new Uint8Array(f.bytes)]));
  const here = [];
  // The upload row's (sent, total) as the page sets them: the files only the step converted
  // here reads are not counted in the total (helper finding: the bar stood at "64 MB of 118 MB"
  // while they were converted here, then jumped to done).
  const upload = [];
  const result = await convertOnServer(light, heavy, {}, {
    rows: { ...rows, upload: { ...row, bytes: (sent, of) => upload.push([sent, of]) } },
    readHeavy: async (entries) => entries.map((e) => data.get(e.path)),
    planHere: async () => ({ steps, part: { kind: "plan" } }),
    stepHere: async (opts, st, own) => {
      here.push(...st.map((x) => x.id));
      assert.deepEqual(own.map((f) => f.path), steps[1].files, "the step's own files, whole");
      return encodeBundle(null, []);
    },
  });
  assert.deepEqual(here, ["workouts-0002"]);
  assert.equal(result.bigHere, 1);
  assert.equal(result.stepsHere, 0);
  assert.deepEqual(server.requests.flatMap((q) => q.steps.map((st) => st.id)), ["workouts-0001", "workouts-0003"]);
  // The server's own check refuses that step alone, and takes each request the page sent.
  const stored = storedByPath(light.map((f) => ({ name: f.path, stream: 0, offset: 0, bytes: f.data.length })));
  const sentOf = (st) => st.files.filter((p) => data.has(p)).map((p) => ({ name: p, data: data.get(p) }));
  assert.throws(() => checkStepFiles([steps[1]], steps[1].files, stored, sentOf(steps[1])), (e) => e.status === 400 && /one step may spend/.test(e.message));
  for (const q of server.requests) {
    const { steps: st, names } = readSteps({ steps: q.steps });
    assert.doesNotThrow(() => checkStepFiles(st, names, stored, q.files.map((f) => ({ name: f.path, data: f.data }))));
  }
  const [sent, total] = upload.at(-1);
  assert.equal(sent, total, "the bar full at the end: sent what was to be sent");
  assert.equal(total, 60_000 + 300_000, "the light file and the track; not the seven months converted here");
});

test("12: review finding: a deployment whose caps are below the page's answers 413 for a step that carries a file over them; its group is cut until that step is alone, which is converted on this device, and every other step is the server's, once, in order (before: the conversion ended on the 413)", async () => {
  const { here, result, sent } = await runWithDevice({ tooLarge: new Set(["s70"]) });
  assert.deepEqual(here, ["s70"]);
  assert.equal(result.bigHere, 1);
  assert.deepEqual(sent, plan.steps.map((st) => st.id).filter((id) => id !== "s70"));
});

test("13: helper finding on a real export: the upload row counts each file once, however many groups send it (a heart-rate day goes, as a piece, with each group whose workouts read it); it said 3.1 GB of 766 MB", async () => {
  // Three weeks of all-day heart rate, five workouts a day on some days: a day is read by
  // workouts of several groups.
  const files = generateExport({ seed: 46, years: 0.06, perWeek: 3, workoutsPerWeek: 20, allDayHeartRate: 21, heartRateInterval: 2, start: "2023-06-01" })
    .map((f) => ({ name: f.name, data: typeof f.data === "string" ? new TextEncoder().encode(f.data) : f.data }));
  const exp = planned(files, { kinds: ["workouts"], timeZone: { name: "UTC", transitions: [[0, 0]] } });
  const { light, heavy } = exp;
  freshSession();
  let most = 0, total = 0;
  const upload = { ...row, bytes(sent, of) { most = Math.max(most, sent); total = of; } };
  const { stepHere, ...page } = pageCore(exp, []);
  await convertOnServer(light, heavy, {}, { ...page, rows: { ...rows, upload } });
  const sends = server.requests.flatMap((q) => q.sent);
  assert.ok(sends.length > new Set(sends).size, "some file went with more than one group");
  assert.ok(most <= total, `${most} of ${total}`);
});

// The convert row's (done, total) as the page sets them.
function progressRow() {
  const seen = [];
  return { seen, row: { ...row, steps(done, total, text) { seen.push({ done, total, text }); } } };
}

test("14: helper finding: progress counts the plan's steps, which stay what they are while groups are cut in two (a deployment's 413) or join (heart-rate pieces); it counted groups, whose number changed as it ran (\"4 of 272\", then \"32 of 222\")", async () => {
  // 14.1: cut in two until each group fits a cap of 10 steps.
  freshSession({ cap: 10 });
  const cut = progressRow();
  await convertOnServer(light, [], {}, { rows: { ...rows, convert: cut.row }, readHeavy: async () => [], planHere: async () => plan });
  // 14.2: groups that join (test 6's export).
  const files = generateExport({ seed: 45, years: 0.03, perWeek: 3, workoutsPerWeek: 6, allDayHeartRate: 11, heartRateInterval: 2, start: "2023-06-01" })
    .map((f) => ({ name: f.name, data: typeof f.data === "string" ? new TextEncoder().encode(f.data) : f.data }));
  const exp = planned(files, { kinds: ["workouts"], timeZone: { name: "UTC", transitions: [[0, 0]] } });
  freshSession();
  const joined = progressRow();
  const { stepHere, ...noStepHere } = pageCore(exp, []);
  await convertOnServer(exp.light, exp.heavy, {}, { ...noStepHere, rows: { ...rows, convert: joined.row } });
  for (const [n, seen, steps] of [["14.1", cut.seen, plan.steps.length], ["14.2", joined.seen, exp.plan.steps.length]]) {
    const counted = seen.filter((p) => / steps converted on the server/.test(p.text));
    assert.ok(counted.length > 2, n);
    assert.ok(counted.every((p) => p.total === steps), `${n}: every total is the plan's ${steps} steps: ${[...new Set(counted.map((p) => p.total))]}`);
    assert.ok(counted.every((p, i) => i === 0 || p.done >= counted[i - 1].done), `${n}: never goes back`);
    assert.equal(counted.at(-1).text, `${steps} of ${steps} steps converted on the server`, n);
  }
});

test("15: review finding: the Takeout parts not given (options.missingParts) go to the server with the conversion's other options, so its manifest says them as the device's does", async () => {
  freshSession();
  const missingParts = [{ takeout: "takeout-20240101T000000Z", missing: [2] }];
  await convertOnServer(light, [], { missingParts }, { rows, readHeavy: async () => [], planHere: async () => plan });
  assert.deepEqual(server.started.missingParts, missingParts);
  freshSession();
  await convertOnServer(light, [], {}, { rows, readHeavy: async () => [], planHere: async () => plan });
  assert.equal(server.started.missingParts, undefined, "none missing: the field is not sent");
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
