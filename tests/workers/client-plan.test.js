// A conversion session its client planned (http/client-plan.js): the page plans a long
// history with its own core and the server runs the plan's steps, so that no request's CPU
// grows with the export. The same zip as on the device, byte for byte; every way a client's
// steps could ask the server for more than its own plan would is a problem naming it.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { encodeBundle } from "../../worker-shim/shared/bundle.js";
import { isLightPath, kindsOf } from "../../worker-shim/shared/export-files.js";
import { randomId } from "../../worker-shim/storage/ids.js";
import { GROUP_BUDGET_MS, stepCostMs } from "../../worker-shim/shared/step-groups.js";
import { DEFAULT_MAX_BYTES } from "../../worker-shim/shared/upload-limits.js";
import { generateExport } from "../../scripts/gen-takeout.mjs";
import { expectProblem, form, newClient } from "./api-client.js";
import { bytes, clientPlannedZip, core, devicePlan, deviceZip, heavyExport, serverZip } from "./convert-session.js";
import { sameBytes } from "./fixtures.js";

// A steps body (a TSB1 bundle) with `options` and `n` files of empty names and no bytes.
function manyEmptyFiles(options, n) {
  const head = encodeBundle(options, []);
  const out = new Uint8Array(head.length + n * 8);
  out.set(head);
  new DataView(out.buffer).setUint32(head.length - 4, n, true);
  return out;
}

const BUNDLE = { "content-type": "application/x-trackersync-bundle" };

describe("a conversion session its client planned", () => {
  it("1: the device's zip byte for byte; zero KV; one convert charge; steps counted as steps", async () => {
    const files = heavyExport();
    const client = newClient();
    const served = await clientPlannedZip(client, files, {}, {}, { perUpload: 3 });
    expect(served.session).toMatchObject({ complete: false, plannedBy: "client", steps: served.plan.steps.length });
    expect(served.groups.length).toBeGreaterThan(1);
    const device = await deviceZip(files);
    expect(sameBytes(served.zip, device.zip)).toBe(true);
    expect(served.tally.kv).toBe(0);
    const tier = (usage, cls, name) => usage.classes[cls].find((t) => t.name === `${cls}-${name}`).remaining;
    const used = await (await client.fetch("/api/usage/me")).json();
    const fresh = await (await newClient().fetch("/api/usage/me")).json();
    expect(tier(fresh, "convert", "day") - tier(used, "convert", "day")).toBe(1);
    expect(tier(fresh, "step", "day") - tier(used, "step", "day")).toBe(served.groups.length + served.gathered + 1);
    // The session row holds no step: its size does not grow with the export.
    const row = await env.DB.prepare("SELECT length(metadata) AS n FROM conversions WHERE conversion_id = ?1").bind(served.session.conversionId).first();
    expect(row.n).toBeLessThan(4096);
  }, 120_000);

  it("2: the same zip as the server's own plan for the export shapes the generator makes, options and zones included", async () => {
    const small = { years: 0.5, perWeek: 4, workoutsPerWeek: 2, trackInterval: 60, minuteDays: 5, start: "2022-03-01" };
    const rows = [
      [1, "a move between zones, and a profile naming another zone", { seed: 34, travel: [["2022-05-01", "Europe/Berlin"]], profileZone: "Asia/Tokyo" }, {}, { fallbackTimeZone: "America/Chicago" }],
      [2, "no Profile.csv (the page's fallback zone)", { seed: 35, profile: false }, {}, { fallbackTimeZone: "Europe/Lisbon" }],
      [3, "a zone the person chose, kilograms, odd workouts left in", { seed: 36, unit: "kg", oddWorkouts: true }, { includeImplausible: true, includeAutoDetected: false }, { timeZone: "Australia/Sydney" }],
      [4, "weight only of the kinds", { seed: 37, layout: "account-archive" }, { kinds: ["weight"] }, { fallbackTimeZone: "America/Chicago" }],
      [5, "day files cut at local midnight (their spills gathered and judged at assembly)", { seed: 38, dayCut: "local", zone: "Asia/Tokyo", profileZone: "Asia/Tokyo" }, {}, {}],
    ];
    for (const [n, why, shape, extra, request] of rows) {
      const all = generateExport({ ...small, ...shape });
      const kinds = kindsOf(core, all.map((f) => f.name));
      const files = all.filter((_, i) => kinds[i]);
      const planned = await clientPlannedZip(newClient({ rotateNetwork: true }), files, extra, request);
      const served = await serverZip(newClient({ rotateNetwork: true }), files, { ...extra, ...request });
      expect(sameBytes(planned.zip, served.zip), `row ${n}: ${why}`).toBe(true);
    }
  }, 300_000);

  it("3: what a client's plan cannot ask of the server, each a problem naming what to do", async () => {
    const files = heavyExport();
    const client = newClient({ rotateNetwork: true });
    const light = files.filter((f) => isLightPath(core, f.name));
    const heavy = files.filter((f) => !isLightPath(core, f.name));
    const { uploadId } = await (await client.upload(light.map((f) => [f.name, f.data]))).json();
    const { plan, options } = await devicePlan(files);
    const stepZone = plan.stepZone ?? null;
    const start = (planMember, extra = {}) => client.postJson("/api/convert", { uploadId, plan: planMember, ...extra });
    // The zone the plan was made with: its steps that read local times refuse any other.
    const good = { steps: plan.steps.length, stepZone, timeZone: options.timeZone ?? null };
    const deep = (n) => (n === 0 ? {} : { a: deep(n - 1) });
    const convertCases = [
      [1, "plan is not an object", [], 400, /plan must be/],
      [2, "no step count", { stepZone }, 400, /plan\.steps must be/],
      [3, "a member it does not take", { ...good, groups: [] }, 400, /member "groups"/],
      [4, "a zone that does not exist", { ...good, timeZone: { name: "Mars/Olympus", explicit: false, transitions: [] } }, 400, /plan\.timeZone must be/],
      [5, "transitions that are not pairs of whole numbers", { ...good, timeZone: { name: "UTC", explicit: false, transitions: [[0, "x"]] } }, 400, /plan\.timeZone must be/],
      [6, "stepZone is not an object", { ...good, stepZone: "zone" }, 400, /plan\.stepZone must be/],
      [7, "stepZone nested deeper than the plan writes it (JSON.stringify overflowed: a 503)", { ...good, stepZone: { plannedZone: deep(5) } }, 400, /plan\.stepZone must be/],
      [8, "more zoneInEffect transitions than any export shows (each step made the zone again)", { ...good, stepZone: { plannedZone: null, zoneInEffect: Array.from({ length: 3500 }, (_, i) => [i, 0]) } }, 400, /plan\.stepZone must be/],
      [9, "attack observation: a planned zone that is no zone (plan.timeZone's name is checked; this one was not)", { ...good, stepZone: { plannedZone: { name: "Not/AZone", explicit: false }, zoneInEffect: null } }, 400, /plan\.stepZone must be/],
      [10, "a step count below zero (a plan of no steps is one: test 6)", { ...good, steps: -1 }, 400, /plan\.steps must be the number of steps in the plan, 0 to/],
    ];
    for (const [n, why, body, status, detail] of convertCases) {
      await expectProblem(await start(body), status, detail).catch((e) => {
        throw new Error(`convert case ${n} (${why}): ${e.message}`);
      });
    }
    // With plan, the zone and the files are the plan's.
    await expectProblem(await start(good, { timeZone: "UTC" }), 400, /leave out timeZone/);
    await expectProblem(await start(good, { files: {} }), 400, /leave out timeZone, fallbackTimeZone and files/);

    const session = await (await start(good)).json();
    expect(session.plannedBy).toBe("client");
    const url = `/api/convert/${session.conversionId}`;
    const data = new Map(files.map((f) => [f.name, bytes(f.data)]));
    const stored = new Set(light.map((f) => f.name));
    const sent = (steps) => [...new Set(steps.flatMap((s) => s.files))].filter((f) => !stored.has(f)).map((name) => ({ name, data: data.get(name) }));
    const withTrack = plan.steps.find((s) => s.files.some((f) => !stored.has(f)));
    const lightStep = plan.steps.find((s) => s.files.length > 0 && s.files.every((f) => stored.has(f)));
    // Consecutive steps whose estimate together is over one request's budget (each under it).
    const sizeOf = (f) => data.get(f)?.length;
    const overBudget = (() => {
      for (let i = 0; i < plan.steps.length; i++) {
        let ms = 0;
        for (let j = i; j < plan.steps.length && j - i < 64; j++) {
          ms += stepCostMs(plan.steps[j], undefined, sizeOf);
          if (j > i && ms > GROUP_BUDGET_MS) return plan.steps.slice(i, j + 1);
        }
      }
      return null;
    })();
    expect(overBudget).not.toBeNull();
    const filler = (name, mb) => ({ name: `Takeout/Fitbit/Activities/${name}.tcx`, data: new Uint8Array(Math.round(mb * 1024 * 1024)) });
    // A workouts step's heart-rate day as its piece (wasm/core/convert/step_pieces.h), and a
    // heart-rate step that reads a day whole.
    // One whose window lies in a day it lists (each lists the days either side too, whose
    // pieces are empty).
    const piecesOf = (st) => core.stepPieces([st], st.files.map((name) => ({ name, data: data.get(name) })));
    const hrWorkout = plan.steps.find((s) => s.kind === "workouts" && s.files.some((f) => /heart_rate-/.test(f)) && Object.values(piecesOf(s)).some((p) => p[1] > 0));
    const hrStep = plan.steps.find((s) => s.kind === "heart_rate");
    const made = piecesOf(hrWorkout);
    const [day] = Object.keys(made).filter((d) => made[d][1] > 0);
    expect(day).toBeDefined();
    const piece = data.get(day).subarray(made[day][0], made[day][0] + made[day][1]);
    const inPieces = (steps) => sent(steps).map((f) => (f.name === day ? { name: day, data: piece } : f));
    const hrDay = hrStep.files[0];
    const half = data.get(hrDay).subarray(0, data.get(hrDay).length >> 1);
    const unsliceable = new TextEncoder().encode(`[${Array.from({ length: 28000 }, (_, i) => `{"value":{"bpm":${60 + (i % 40)},"confidence":2},"dateTime":"06/01/23 ${String(Math.floor(i / 3600) % 24).padStart(2, "0")}:${String(Math.floor(i / 60) % 60).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}"}`).join(",")}]`);
    // Bytes go as a bundle, a form as a form.
    const post = (path, body) => client.fetch(path, { method: "POST", body, headers: body instanceof Uint8Array ? BUNDLE : {} });
    const stepCases = [
      [1, "not a bundle", form([]), 415, /one application\/x-trackersync-bundle body/],
      [2, "no steps option", encodeBundle(null, []), 400, /Send \{"steps"/],
      [3, "no steps", encodeBundle({ steps: [] }, []), 400, /Send \{"steps"/],
      [4, "a step that is not one", encodeBundle({ steps: [{ kind: "weight" }] }, []), 400, /Step 0 is not a step of a plan/],
      [5, "records of the wrong shape", encodeBundle({ steps: [{ ...withTrack, records: [1] }] }, sent([withTrack])), 400, /Step 0 is not a step/],
      [6, "a file neither stored nor sent", encodeBundle({ steps: [withTrack] }, []), 400, /neither in the upload nor in this request/],
      [7, "a file sent that no step reads", encodeBundle({ steps: [lightStep] }, [{ name: heavy[0].name, data: bytes(heavy[0].data) }]), 400, /none of the steps reads it/],
      [8, "a file sent that the upload holds", encodeBundle({ steps: [lightStep] }, [{ name: lightStep.files[0], data: data.get(lightStep.files[0]) }]), 400, /in the upload already/],
      [9, "a step's bytes that are not its files'", encodeBundle({ steps: [{ ...lightStep, bytes: lightStep.bytes + 1 }] }, []), 400, /planned from other files/],
      [10, "a file sent at another size than the step says", encodeBundle({ steps: [withTrack] }, sent([withTrack]).map((f, i) => (i === 0 ? { ...f, data: new Uint8Array([...f.data, 32]) } : f))), 400, /planned from other files/],
      [11, "more steps than one request's budget", encodeBundle({ steps: overBudget }, sent(overBudget)), 400, /more than the 5 ms one request may spend/],
      [12, "a file sent twice", encodeBundle({ steps: [withTrack] }, [...sent([withTrack]), ...sent([withTrack])]), 400, /sent twice/],
      [13, "a session the server planned has groups, not steps", null, 409, /The server planned this conversion/],
      [14, "an unknown session", null, 404, /kept for 2 hours/],
      // Found by review: each of these reached the core or a JSON writer before.
      [15, "a member nested 100,000 deep (JSON.stringify overflowed: a 503)", encodeBundle(`{"steps":[${JSON.stringify(lightStep).slice(0, -1)},"x":${"[".repeat(100000)}${"]".repeat(100000)}}]}`, []), 400, /Step 0 is not a step/],
      [16, "a stored file listed twice in one step (the core read it twice; the estimate counted it once)", encodeBundle({ steps: [{ ...lightStep, files: [...lightStep.files, lightStep.files[0]] }] }, []), 400, /Step 0 is not a step/],
      [17, "a kind named after an Object.prototype member (its estimate was NaN, under any budget)", encodeBundle({ steps: [{ ...lightStep, kind: "constructor" }] }, []), 400, /Step 0 is not a step/],
      [18, "records on a step that is not a workouts step (they zeroed its estimate)", encodeBundle({ steps: [{ ...lightStep, records: [[lightStep.files[0], 0, 0]] }] }, []), 400, /Step 0 is not a step/],
      // One step's files may go past the request cap together (a track and its heart-rate day),
      // several steps' may not, and one step's only up to STEP_MAX_FILES files at the file cap.
      [19, "two steps whose files are over the request cap", encodeBundle({ steps: [lightStep, lightStep] }, [filler("a", 1.1), filler("b", 1.1)]), 413, /a request of several steps carries at most 2097152/],
      [20, "one step's files over what one step's request carries", encodeBundle({ steps: [lightStep] }, ["a", "b", "c", "d", "e"].map((n) => filler(n, 1.9))), 413, /one step alone, its files up to 8388608\) and 262144 bytes of the steps' JSON/],
      [21, "options past the steps' JSON cap (parsed whole before, ~180 MiB of heap at 8 MiB): refused unparsed, saying so (it gave the generic advice)", encodeBundle(`{"steps":[${"{},".repeat(100000)}{}]}`, []), 413, /The steps' JSON \(the bundle's options\) is at most 262144 bytes/],
      [36, "attack finding: 11 bytes \"TSB1garbage\", whose \"garb\" read as an options length was told its steps' JSON was too long: not a bundle", new TextEncoder().encode("TSB1garbage"), 400, /^Send one application\/x-trackersync-bundle body/],
      [22, "one step's files over what one step's request carries, the body within it (the detail named a track and heart-rate days for any kind)", encodeBundle({ steps: [lightStep] }, ["a", "b", "c", "d", "e"].map((n) => filler(n, 1.61))), 413, /A step of this conversion reads 5 files of 844\d{4} bytes together \("a\.tcx", "b\.tcx", "c\.tcx", …\), more than one request carries \(8388608\)/],
      [23, "more files than one request carries, refused before a view is made for each (8 MiB of empty ones is a million)", manyEmptyFiles({ steps: [lightStep] }, 501), 413, /This request sends 501 files; one request carries at most 500/],
      // Heart-rate days sent as pieces: the estimate counts a piece's bytes, so what it names is checked.
      [24, "a piece whose bytes are not the length it names", encodeBundle({ steps: [hrWorkout], pieces: made }, inPieces([hrWorkout]).map((f) => (f.name === day ? { name: day, data: new Uint8Array([...f.data, 32]) } : f))), 400, /is sent as a piece of \d+ bytes, but \d+ were sent/],
      [25, "a piece of a day a heart-rate step reads whole (its summary would be of part of the day)", encodeBundle({ steps: [hrStep], pieces: { [hrDay]: [0, half.length, data.get(hrDay).length] } }, [{ name: hrDay, data: half }]), 400, /a heart_rate step of this request reads it whole/],
      [26, "pieces naming a file none of the steps reads", encodeBundle({ steps: [hrWorkout], pieces: { ...made, "Takeout/Fitbit/Global Export Data/heart_rate-1999-01-01.json": [0, 0, 0] } }, inPieces([hrWorkout])), 400, /none of the steps reads/],
      [27, "a piece not within its file", encodeBundle({ steps: [hrWorkout], pieces: { [day]: [made[day][2], made[day][1], made[day][2]] } }, inPieces([hrWorkout])), 400, /must be \[offset, length, size\], within a file/],
      [28, "a piece of a file the upload holds (pieces are sent in their file's place)", encodeBundle({ steps: [hrWorkout], pieces: { ...made, [hrWorkout.files.find((f) => stored.has(f))]: [0, 1, 2] } }, inPieces([hrWorkout])), 400, /named in pieces but not sent/],
      [29, "a member beside steps and pieces", encodeBundle({ steps: [lightStep], extra: 1 }, []), 400, /Send \{"steps"/],
      // A slice makes the estimate a k-th of the day's: only on a heart-rate step of one day.
      [30, "a slice on a step that is not a heart-rate step", encodeBundle({ steps: [{ ...lightStep, slice: [0, 2] }] }, []), 400, /Step 0 is not a step/],
      [31, "a slice past its count", encodeBundle({ steps: [{ ...hrStep, slice: [2, 2] }] }, sent([hrStep])), 400, /Step 0 is not a step/],
      [32, "a slice of one (the day whole, estimated as a whole day by leaving slice out)", encodeBundle({ steps: [{ ...hrStep, slice: [0, 1] }] }, sent([hrStep])), 400, /Step 0 is not a step/],
      // Found by review: a slice was estimated at a k-th of its day even when the day came whole,
      // but a day the core cannot slice (here its records' keys in the other order) is read
      // whole by slice 0: its 1.8 MiB cost 4 ms warm on an estimate of 0.2 ms (stored days,
      // four to a request, would be 16 ms on 0.8).
      [33, "slices of a day sent whole, not as their pieces, are estimated as the whole day", encodeBundle({ steps: [0, 1].map((i) => ({ ...hrStep, bytes: unsliceable.length, slice: [i, 64] })) }, [{ name: hrDay, data: unsliceable }]), 400, /These 2 steps are estimated at \d+\.\d ms/],
      // jsonDays only on a heart-rate step of one Google file, at most a month's and a day either side.
      [34, "jsonDays on a step that is not a heart-rate step", encodeBundle({ steps: [{ ...lightStep, jsonDays: [20023] }] }, []), 400, /Step 0 is not a step/],
      [35, "more jsonDays than a month and a day either side", encodeBundle({ steps: [{ ...hrStep, jsonDays: Array.from({ length: 34 }, (_, i) => 20000 + i) }] }, sent([hrStep])), 400, /Step 0 is not a step/],
    ];
    const serverSession = await (await client.postJson("/api/convert", { uploadId, files: Object.fromEntries(heavy.map((f) => [f.name, bytes(f.data).length])) })).json();
    for (const [n, why, body, status, detail] of stepCases) {
      const path = n === 13 ? `/api/convert/${serverSession.conversionId}/steps` : n === 14 ? `/api/convert/${randomId()}/steps` : `${url}/steps`;
      await expectProblem(await post(path, body ?? encodeBundle({ steps: [lightStep] }, [])), status, detail).catch((e) => {
        throw new Error(`steps case ${n} (${why}): ${e.message}`);
      });
    }
    // Its groups route, and assembly without the plan's part first.
    const conflict = await expectProblem(await post(`${url}/groups/0`, encodeBundle(null, [])), 409, /planned by its client/);
    expect(conflict.title).toBe("Conflict"); // it was "Error": the titles had no 409
    await expectProblem(await post(`${url}/assemble`, encodeBundle(null, [{ name: "part.json", data: "{}" }])), 400, /plan's part first, named plan-part\.json/);
    // Attack finding: the plan's part was bounded by the body alone, and 15.9 MiB of it ran the
    // core out of memory with advice about files. Refused before the core, naming it.
    await expectProblem(await post(`${url}/assemble`, encodeBundle(null, [{ name: "plan-part.json", data: new Uint8Array(2 * 1024 * 1024 + 1).fill(32) }])), 413, /plan's part \(plan-part\.json\) is 2097153 bytes; the server's assembly takes one of at most 2097152/);
    // Attack finding: a client's plan may say 100,000 steps, and 100,000 empty parts cost
    // assembly ~0.5 s of CPU (a worker restart when 100 came at once): a request carries at
    // most PARTS_MAX_COUNT parts, refused before they are taken apart.
    const claimed = await (await start({ ...good, steps: 100_000 })).json();
    const emptyParts = encodeBundle(null, [{ name: "plan-part.json", data: "{}" }, ...Array.from({ length: 5000 }, () => ({ name: "part.json", data: "" }))]);
    await expectProblem(await post(`/api/convert/${claimed.conversionId}/assemble`, emptyParts), 400, /^One request holds at most 4097 parts: gather runs of them first .*; this one has 5001/);
    // Someone else's session is the same 404 as an unknown one.
    await expectProblem(await newClient().fetch(`${url}/steps`, { method: "POST", body: encodeBundle({ steps: [lightStep] }, []), headers: BUNDLE }), 404, /kept for 2 hours/);
    // A good step still runs after all of it, and a workouts step with its day as a piece.
    expect((await post(`${url}/steps`, encodeBundle({ steps: [lightStep] }, []))).status).toBe(200);
    expect((await post(`${url}/steps`, encodeBundle({ steps: [hrWorkout], pieces: made }, inPieces([hrWorkout])))).status).toBe(200);
  }, 120_000);

  it("5: steps naming hundreds of tiny stored files are estimated by their files too: two such steps are over one request's budget (attack: 4,400 two-byte files were 0.1 ms by their bytes, 6-16 ms in the core)", async () => {
    const client = newClient({ rotateNetwork: true });
    const weight = generateExport({ seed: 43, years: 0.1, perWeek: 3, workoutsPerWeek: 0 }).filter((f) => isLightPath(core, f.name));
    const day = (k) => new Date(Date.UTC(2001, 0, 1) + k * 86400000).toISOString().slice(0, 10);
    const tiny = Array.from({ length: 700 }, (_, k) => [`Takeout/Fitbit/Global Export Data/resting_heart_rate-${day(k)}.json`, "[]"]);
    const { uploadId } = await (await client.upload([...weight.map((f) => [f.name, f.data]), ...tiny.slice(0, 400)])).json();
    expect((await client.fetch(`/api/upload?uploadId=${uploadId}`, { method: "POST", body: form(tiny.slice(400)) })).status).toBe(201);
    const session = await (await client.postJson("/api/convert", { uploadId, plan: { steps: 2, stepZone: null, timeZone: null } })).json();
    const step = (id) => ({ id, kind: "resting_hr", files: tiny.map(([name]) => name), bytes: 2 * tiny.length });
    const post = (steps) => client.fetch(`/api/convert/${session.conversionId}/steps`, { method: "POST", body: encodeBundle({ steps }, []), headers: BUNDLE });
    // 700 files: 3.9 ms of the estimate each (FILE_MS); by bytes alone, 0.1 ms.
    expect(stepCostMs(step("a"))).toBeGreaterThan(GROUP_BUDGET_MS / 2);
    await expectProblem(await post([step("a"), step("b")]), 400, /These 2 steps are estimated at \d+\.\d ms of the server's CPU, more than the 5 ms one request may spend/);
    // One such step still runs, alone, as a plan's own step over the budget does.
    expect((await post([step("a")])).status).toBe(200);
  }, 60_000);

  it("4: a workout's 1 s track and its all-day heart-rate day go over one request's cap together; one step's request carries them, both ways, with the device's zip", async () => {
    // About two weeks of a watch worn all day (a reading every 5 s, ~1.1 MB a day) and GPS
    // runs at 1 s: three workout steps read more than 2 MiB of files (a shape the default
    // exports leave out).
    const files = generateExport({ seed: 42, years: 0.03, perWeek: 3, workoutsPerWeek: 6, trackInterval: 1, allDayHeartRate: 11, start: "2023-06-01" });
    const data = new Map(files.map((f) => [f.name, bytes(f.data)]));
    const sendOf = (names) => names.filter((n) => !isLightPath(core, n)).reduce((n, f) => n + data.get(f).length, 0);
    const device = await deviceZip(files);
    const planned = await clientPlannedZip(newClient({ rotateNetwork: true }), files);
    const alone = planned.groups.filter(([first, n]) => n === 1 && sendOf(planned.plan.steps[first].files) > DEFAULT_MAX_BYTES);
    expect(alone.length).toBeGreaterThan(0);
    expect(sameBytes(planned.zip, device.zip)).toBe(true);
    const served = await serverZip(newClient({ rotateNetwork: true }), files);
    expect(served.session.groups.some((g) => sendOf(g.send) > DEFAULT_MAX_BYTES)).toBe(true);
    expect(sameBytes(served.zip, device.zip)).toBe(true);
  }, 240_000);

  it("7: heart-rate days sent as the pieces the workouts read: the device's zip byte for byte for a fraction of the bytes, and a day over the 2 MiB file cap goes as its pieces (a workout's windows; the heart-rate table's slices)", async () => {
    // Two weeks of a watch reading every 2 s (~3.6 MB a day: Fitbit's real days are 1-4 MB),
    // workouts only: only workouts steps read the days, each its windows of them.
    const files = generateExport({ seed: 45, years: 0.03, perWeek: 3, workoutsPerWeek: 6, allDayHeartRate: 11, heartRateInterval: 2, start: "2023-06-01" });
    const data = new Map(files.map((f) => [f.name, bytes(f.data)]));
    expect(files.some((f) => /heart_rate-/.test(f.name) && data.get(f.name).length > DEFAULT_MAX_BYTES)).toBe(true);
    const extra = { kinds: ["workouts"] };
    const device = await deviceZip(files, extra);
    const planned = await clientPlannedZip(newClient({ rotateNetwork: true }), files, extra, {}, { pieces: true });
    expect(sameBytes(planned.zip, device.zip)).toBe(true);
    expect(planned.piecesSent).toBeGreaterThan(0);
    // What the groups would have carried with their days whole.
    const whole = planned.groups.reduce((n, [first, count]) => {
      const names = new Set(planned.plan.steps.slice(first, first + count).flatMap((st) => st.files).filter((f) => !isLightPath(core, f)));
      return n + [...names].reduce((m, f) => m + data.get(f).length, 0);
    }, 0);
    expect(planned.sentBytes * 4).toBeLessThan(whole);
    // Every kind: the heart-rate table reads each day over the cap in slices, a step each, whose
    // pieces are their slices.
    const everything = await clientPlannedZip(newClient({ rotateNetwork: true }), files, {}, {}, { pieces: true });
    expect(everything.plan.steps.filter((st) => st.slice).length).toBeGreaterThan(files.filter((f) => /heart_rate-/.test(f.name)).length);
    expect(sameBytes(everything.zip, (await deviceZip(files)).zip)).toBe(true);
  }, 240_000);

  it("6: a plan of no steps (workouts chosen, each auto-detected and left out; the page plans every session now): started, assembled from the plan's part alone, the device's zip", async () => {
    const files = generateExport({ seed: 44, years: 0.1, perWeek: 3, workoutsPerWeek: 3, oddWorkouts: false, start: "2023-03-01" })
      .map((f) => (/exercise-\d+\.json$/.test(f.name) ? { ...f, data: JSON.stringify(JSON.parse(typeof f.data === "string" ? f.data : new TextDecoder().decode(f.data)).map((w) => ({ ...w, logType: "auto_detected" }))) } : f));
    const extra = { kinds: ["workouts"], includeAutoDetected: false };
    const { plan } = await devicePlan(files, extra);
    expect(plan.steps.length).toBe(0);
    const planned = await clientPlannedZip(newClient({ rotateNetwork: true }), files, extra);
    expect(planned.session.steps).toBe(0);
    expect(sameBytes(planned.zip, (await deviceZip(files, extra)).zip)).toBe(true);
  }, 120_000);
});
