// A conversion on the server in steps, inside workerd with real local D1 and the default
// limiter policy: the light files uploaded over several requests, the plan, every group of
// steps with its own files, assembly; the zip made from the answers is the device's byte for
// byte (the same plan, steps and assembly run here by the core directly, zipped by the same
// ZipStream). Also: each weigh-in once across every weight source, includeAutoDetected both
// ways, one convert charge per session, D1 rows written per session, zero KV.
import { Decoder, Stream } from "@garmin/fitsdk";
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { encodeBundle } from "../../worker-shim/shared/bundle.js";
import { isLightPath, kindsOf } from "../../worker-shim/shared/export-files.js";
import { randomId } from "../../worker-shim/storage/ids.js";
import { Ops } from "../../worker-shim/storage/ops.js";
import { SESSION_MAX_BYTES, saveSession } from "../../worker-shim/storage/conversion-store.js";
import { generateExport } from "../../scripts/gen-takeout.mjs";
import { expectProblem, form, newClient } from "./api-client.js";
import { bytes, core, deviceZip, heavyExport, serverZip } from "./convert-session.js";
import { sameBytes } from "./fixtures.js";

// A TSB1 bundle of `n` parts with empty names and no bytes: 8 bytes each, the most a body can
// say it holds.
function emptyParts(n) {
  const out = new Uint8Array(12 + n * 8);
  out.set([0x54, 0x53, 0x42, 0x31]);
  new DataView(out.buffer).setUint32(8, n, true);
  return out;
}

function weighIns(zipOutputsByPath) {
  const times = [];
  for (const [path, data] of zipOutputsByPath) {
    if (!path.startsWith("weight/")) continue;
    const { messages, errors } = new Decoder(Stream.fromByteArray(Array.from(data))).read();
    expect(errors).toEqual([]);
    times.push(...messages.weightScaleMesgs.map((w) => w.timestamp.getTime()));
  }
  return times;
}

describe("a conversion in steps through the API", () => {
  it("1: light files over several uploads, every group with its own files, assembly: the device's zip byte for byte; zero KV; one convert charge", async () => {
    const files = heavyExport();
    const client = newClient(); // one network: the limiter's usage below is this client's
    const served = await serverZip(client, files, {}, { perUpload: 3 });
    expect(served.session.complete).toBe(false);
    expect(served.session.groups.length).toBeGreaterThan(1);
    expect(served.session.groups.flatMap((g) => g.send).length).toBeGreaterThan(0);
    const device = await deviceZip(files);
    expect(served.session.steps).toBe(device.steps);
    expect(sameBytes(served.zip, device.zip)).toBe(true);
    // Its parts were gathered in runs before assembly, which took fewer parts than steps.
    expect(served.gathered).toBeGreaterThan(1);
    expect(served.parts.length).toBeLessThan(served.session.steps);
    expect(served.tally.kv).toBe(0);
    // The limiter: this session was one conversion; its groups, gatherings and assembly were steps. (A
    // tier's `remaining` counts what its burst allows now, so compare with a fresh client.)
    const tier = (usage, cls, name) => usage.classes[cls].find((t) => t.name === `${cls}-${name}`).remaining;
    const used = await (await client.fetch("/api/usage/me")).json();
    const fresh = await (await newClient().fetch("/api/usage/me")).json();
    expect(tier(fresh, "convert", "day") - tier(used, "convert", "day")).toBe(1);
    expect(tier(fresh, "step", "day") - tier(used, "step", "day")).toBe(served.session.groups.length + served.gathered + 1);
  }, 120_000);

  it("2: a five-year weight export through the server has each weigh-in exactly once (JSON and weight.csv are one source, not two parts)", async () => {
    const files = generateExport({ seed: 7, years: 5, perWeek: 10 });
    const client = newClient({ rotateNetwork: true });
    // Few files per request: the weight JSON, weight.csv and Profile.csv arrive in different uploads.
    const served = await serverZip(client, files, {}, { perUpload: 7 });
    const { unzipSync } = await import("fflate");
    const times = weighIns(Object.entries(unzipSync(served.zip)));
    const csv = bytes(files.find((f) => f.name.endsWith("weight.csv")).data);
    const rows = new TextDecoder().decode(csv).trim().split("\n").length - 1;
    expect(times.length).toBe(rows);
    expect(new Set(times).size).toBe(times.length);
    expect(sameBytes(served.zip, (await deviceZip(files)).zip)).toBe(true);
  }, 120_000);

  it("3: includeAutoDetected works both ways, on the server as on the device", async () => {
    const files = heavyExport();
    const zips = {};
    for (const include of [true, false]) {
      const served = await serverZip(newClient({ rotateNetwork: true }), files, { includeAutoDetected: include });
      expect(sameBytes(served.zip, (await deviceZip(files, { includeAutoDetected: include })).zip), `includeAutoDetected ${include}`).toBe(true);
      zips[include] = served.zip;
    }
    const { unzipSync } = await import("fflate");
    const manifest = (z) => JSON.parse(new TextDecoder().decode(unzipSync(z)["manifest.json"]));
    const withAuto = manifest(zips.true).files.filter((f) => f.kind === "activity");
    const without = manifest(zips.false).files.filter((f) => f.kind === "activity");
    expect(withAuto.some((f) => f.autoDetected)).toBe(true);
    expect(without.some((f) => f.autoDetected)).toBe(false);
    expect(without.length).toBe(withAuto.filter((f) => !f.autoDetected).length);
  }, 120_000);

  it("4: a session writes fewer D1 rows than it makes requests, besides one storage charge for each request that stores", async () => {
    for (const files of [generateExport({ seed: 3, years: 1, perWeek: 7 }), heavyExport()]) {
      const served = await serverZip(newClient({ rotateNetwork: true }), files);
      // The charge is the cost of the storage budget's bound (storage/storage-budget.js): a row
      // written by each upload and conversion request, the price of no flood filling D1.
      expect(served.tally.stored).toBeGreaterThan(0);
      expect(served.tally.rowsWritten - served.tally.stored).toBeLessThan(served.tally.requests);
    }
  }, 120_000);

  it("5: bad step requests are problems a person can act on", async () => {
    const files = heavyExport();
    const client = newClient({ rotateNetwork: true });
    const light = files.filter((f) => isLightPath(core, f.name));
    const heavy = files.filter((f) => !isLightPath(core, f.name));
    const { uploadId } = await (await client.upload(light.map((f) => [f.name, f.data]))).json();
    const declared = Object.fromEntries(heavy.map((f) => [f.name, bytes(f.data).length]));
    const session = await (await client.postJson("/api/convert", { uploadId, files: declared })).json();
    const g = session.groups.findIndex((x) => x.send.length > 0);
    const url = `/api/convert/${session.conversionId}`;
    const send = session.groups[g].send;
    const byName = new Map(files.map((f) => [f.name, f.data]));
    // Bytes go as a bundle (assembly's body), anything else as it is (forms).
    const post = (path, body) => client.fetch(path, { method: "POST", body, headers: body instanceof Uint8Array ? { "content-type": "application/x-trackersync-bundle" } : {} });
    const cases = [
      [1, `${url}/groups/${g}`, form([]), 400, /also needs/],
      [2, `${url}/groups/${g}`, form([[send[0], "x"]]), 400, /planned with \d+/],
      [3, `${url}/groups/${g}`, form([["Takeout/Fitbit/Activities/1.tcx", "x"]]), 400, /not one of this group's files/],
      [4, `${url}/groups/${session.groups.length}`, form([]), 404, /no group/],
      [5, `${url}/groups/x`, form([]), 404, /by its number/],
      [6, `${url}/assemble`, form([]), 415, /one application\/x-trackersync-bundle body/],
      [7, `/api/convert/${randomId()}/groups/0`, form([]), 404, /kept for 2 hours/],
      [8, `${url}/assemble`, new Uint8Array([84, 83, 66, 49, 9]), 400, /one application\/x-trackersync-bundle body/],
      [9, `${url}/assemble`, encodeBundle(null, [{ name: "part.json", data: "{}" }]), 400, new RegExp(`has ${session.steps} steps, so assembly takes ${session.steps} parts`)],
      [10, `${url}/assemble`, encodeBundle(null, Array.from({ length: session.steps }, () => ({ name: "other.txt", data: "{}" }))), 400, /each named part\.json/],
      // A group's files as a bundle (the page's way) are held to the same list and sizes.
      [11, `${url}/groups/${g}`, encodeBundle(null, [{ name: send[0], data: "x" }]), 400, /planned with \d+/],
      [12, `${url}/groups/${g}`, encodeBundle(null, [{ name: "Takeout/Fitbit/Activities/1.tcx", data: "x" }]), 400, /not one of this group's files/],
      [13, `${url}/groups/${g}`, encodeBundle(null, []), 400, /also needs/],
      [14, `${url}/groups/${g}`, new Uint8Array([84, 83, 66, 49, 0, 0]), 400, /is not a TSB1 bundle/],
      [15, `${url}/groups/${g}`, encodeBundle({ timeZone: "UTC" }, send.map((n) => ({ name: n, data: byName.get(n) }))), 400, /carries no options/],
      // Gathering: a bundle of parts, bounded, each one the core wrote.
      [16, `${url}/gather`, form([]), 415, /one application\/x-trackersync-bundle body/],
      [17, `${url}/gather`, encodeBundle(null, []), 400, /holds no parts/],
      [18, `${url}/gather`, encodeBundle(null, [{ name: "part.json", data: new Uint8Array(600 * 1024) }]), 413, /at most 524288 bytes of parts/],
      [19, `${url}/gather`, encodeBundle(null, [{ name: "part.json", data: "not json" }]), 422, /part 0 is not one the core wrote/],
      [20, `${url}/gather`, encodeBundle(null, [{ name: "other.txt", data: "{}" }]), 400, /each named part\.json/],
      [21, `/api/convert/${randomId()}/gather`, encodeBundle(null, [{ name: "part.json", data: "{}" }]), 404, /kept for 2 hours/],
      // Assembly counts a gathered part for the steps its header states; a bundle that states
      // none is refused before the core reads it.
      [22, `${url}/assemble`, encodeBundle(null, [{ name: "part.json", data: encodeBundle(null, []) }]), 400, /not a gathered part this service wrote/],
      [23, `${url}/assemble`, encodeBundle(null, [{ name: "part.json", data: encodeBundle({ gathered: session.steps + 1 }, []) }]), 400, new RegExp(`the request has ${session.steps + 1}`)],
      // More than the group was planned with is a wrong file, named as such (it was a 413 with
      // the upload's advice to split the request).
      [24, `${url}/groups/${g}`, encodeBundle(null, send.map((n, i) => ({ name: n, data: i === 0 ? new Uint8Array([...bytes(byName.get(n)), 32]) : byName.get(n) }))), 400, /has \d+ bytes, but the conversion was planned with \d+/],
      [25, `${url}/groups/${g}`, encodeBundle(null, [...send.map((n) => ({ name: n, data: byName.get(n) })), { name: "Takeout/Fitbit/Activities/1.tcx", data: "x" }]), 400, /"Takeout\/Fitbit\/Activities\/1\.tcx" is not one of this group's files/],
      [26, `${url}/groups/${g}`, encodeBundle(null, [...send, send[0]].map((n) => ({ name: n, data: byName.get(n) }))), 400, /is sent twice; send each file of this group's "send" list once/],
      // A body that says it holds more parts than the conversion has steps is refused before a
      // view is made for each (a client's 16 MiB of empty parts was 316 MiB of heap), and a
      // gathered part's header longer than a count before it is parsed (15 MB of "[{},…]").
      [27, `${url}/assemble`, emptyParts(session.steps + 1), 400, new RegExp(`has ${session.steps} steps, so a request holds at most ${session.steps} parts; this one has ${session.steps + 1}`)],
      [28, `${url}/gather`, emptyParts(60_000), 400, /this one has 60000/],
      [29, `${url}/assemble`, encodeBundle(null, [{ name: "part.json", data: encodeBundle({ gathered: 1, x: Array.from({ length: 50_000 }, () => ({})) }, []) }]), 400, /not a gathered part this service wrote/],
      [30, `${url}/assemble`, encodeBundle(null, [{ name: "part.json", data: new Uint8Array(1024 * 1024 + 1) }]), 413, /Part 0 is 1048577 bytes; a part is at most 1048576/],
      [31, `${url}/groups/0${g}`, form([]), 404, /by its number/],
      // Parts past 4 MiB together are refused before they are read (16 MiB of forged skip
      // lists cost assembly ~1 s of CPU, or the core's memory: attack finding).
      [32, `${url}/assemble`, encodeBundle(null, Array.from({ length: 5 }, () => ({ name: "part.json", data: new Uint8Array(1024 * 1024) }))), 413, /at most 4194304 bytes together .*gather runs of them first/],
    ];
    for (const [n, path, body, status, detail] of cases) await expectProblem(await post(path, body), status, detail).catch((e) => {
      throw new Error(`case ${n}: ${e.message}`);
    });
    // Someone else's conversion is the same 404 as an unknown one.
    await expectProblem(await newClient().fetch(`${url}/groups/${g}`, { method: "POST", body: form(send.map((n) => [n, byName.get(n)])) }), 404, /kept for 2 hours/);
    // A conversion in steps has nothing stored to download.
    await expectProblem(await client.fetch(`/api/download/${session.conversionId}`), 409, /runs in steps/);
  }, 120_000);

  it("6: one file over 2 MiB is a 413 that names it, at upload and when declared for a step", async () => {
    const client = newClient({ rotateNetwork: true });
    const big = "Takeout/Fitbit/Global Export Data/steps-2023-01-01.json";
    const up = await client.upload([[big, new Uint8Array(2 * 1024 * 1024 + 1)]]);
    await expectProblem(up, 413, /"Takeout\/Fitbit\/Global Export Data\/steps-2023-01-01\.json" is 2\.0 MiB/);
    const files = generateExport({ seed: 3, years: 0.2, perWeek: 7 });
    const { uploadId } = await (await client.upload(files.map((f) => [f.name, f.data]))).json();
    const conv = await client.postJson("/api/convert", { uploadId, files: { [big]: 3 * 1024 * 1024 } });
    await expectProblem(conv, 413, /"Takeout\/Fitbit\/Global Export Data\/steps-2023-01-01\.json" is 3\.0 MiB/);
    // Up to 2 MiB goes through.
    const ok = await client.upload([[big, new Uint8Array(2 * 1024 * 1024).fill(32)]]);
    expect(ok.status).toBe(201);
  }, 120_000);

  it("7: the device's zip byte for byte when the export has no offsets to weigh (no weight.csv), in one request and in steps: the server plans with the zone too", async () => {
    // Found: the server kept a plan made without the zone when nothing was weighed, so its
    // manifest said the evidence was compared with no zone, and the device's named it.
    const rows = [
      [1, "weight JSON alone: small enough for one request", generateExport({ seed: 8, years: 1, perWeek: 3, weightCsv: false })],
      [2, "weight JSON and workouts, in steps", generateExport({ seed: 9, years: 0.25, perWeek: 3, weightCsv: false, workoutsPerWeek: 3, trackInterval: 30, minuteDays: 10, start: "2023-02-01" })],
    ];
    for (const [n, why, files] of rows) {
      const served = await serverZip(newClient({ rotateNetwork: true }), files);
      const device = await deviceZip(files);
      expect(sameBytes(served.zip, device.zip), `row ${n}: ${why}`).toBe(true);
    }
  }, 120_000);

  it("8: the device's zip byte for byte for every export shape the generator makes, not only its defaults", async () => {
    const small = { years: 0.5, perWeek: 4, workoutsPerWeek: 2, trackInterval: 60, minuteDays: 5, start: "2022-03-01" };
    const rows = [
      [1, "realistic weights (cut to 0.1 lb, manual entries dated 23:59:59)", { seed: 31, realistic: true }],
      [2, "files no reader takes (other products, macOS twins, a badge file)", { seed: 32, junk: true }],
      [3, "odd workouts (auto-detected, impossible for their sport, GPS without a track)", { seed: 33, oddWorkouts: true }],
      [4, "a move between zones, and a profile naming another zone", { seed: 34, travel: [["2022-05-01", "Europe/Berlin"]], profileZone: "Asia/Tokyo" }],
      [5, "no Profile.csv (the page's fallback zone)", { seed: 35, profile: false }, { fallbackTimeZone: "Europe/Lisbon" }],
      [6, "height records, kilograms", { seed: 36, heightRecords: true, unit: "kg" }],
      [7, "the account-archive layout", { seed: 37, layout: "account-archive" }],
      [8, "the myfitbit layout, no weight.csv", { seed: 38, layout: "myfitbit", weightCsv: false }],
      [9, "a zone the person chose over the profile's", { seed: 39 }, { timeZone: "Australia/Sydney" }],
      [10, "Google's list of workouts with runs only it holds", { seed: 40, googleWorkouts: 3 }],
      [11, "Takeout without tracks: the positions in Google's gps_location files", { seed: 41, takeoutGps: true }],
      [12, "Takeout with Google's pace files: the records of the workouts without positions", { seed: 42, takeoutGps: true, takeoutPace: true }],
      [13, "Takeout with Google's running-dynamics files, onto records from positions and pace", { seed: 43, takeoutGps: true, takeoutPace: true, takeoutDynamics: true }],
    ];
    // The page sends the zone it filled in (the profile's, else this device's) as the fallback.
    for (const [n, why, shape, request = { fallbackTimeZone: "America/Chicago" }] of rows) {
      // As the page: files of no kind are left out of both ways (the report lists them).
      const all = generateExport({ ...small, ...shape });
      const kinds = kindsOf(core, all.map((f) => f.name));
      const files = all.filter((_, i) => kinds[i]);
      const served = await serverZip(newClient({ rotateNetwork: true }), files, request);
      // The page's options for the same choice: the zone typed is explicit, the filled-in one not.
      const device = await deviceZip(files, {}, request);
      expect(sameBytes(served.zip, device.zip), `row ${n}: ${why}`).toBe(true);
    }
  }, 300_000);

  it("9: a session keeps its steps' zone members once (a move between zones made every step carry the zone's transitions, 3 MB for ten years, past D1's row); a session too large for one row is a 413 saying what to do", async () => {
    const files = generateExport({ seed: 41, years: 1.5, perWeek: 4, workoutsPerWeek: 3, trackInterval: 60, minuteDays: 20, start: "2021-01-01", travel: [["2021-06-01", "Europe/Berlin"], ["2022-02-01", "America/New_York"]] });
    const served = await serverZip(newClient({ rotateNetwork: true }), files);
    expect(served.session.complete).toBe(false);
    expect(sameBytes(served.zip, (await deviceZip(files)).zip)).toBe(true);
    const row = JSON.parse((await env.DB.prepare("SELECT metadata FROM conversions WHERE conversion_id = ?").bind(served.session.conversionId).first()).metadata);
    expect(row.stepZone.zoneInEffect.length).toBeGreaterThan(2);
    const steps = row.groups.flatMap((g) => g.steps);
    expect(steps.length).toBe(served.session.steps);
    expect(steps.filter((s) => "zoneInEffect" in s || "plannedZone" in s)).toEqual([]);
    // Over the bound: refused before D1 sees it, and nothing is written.
    const ops = new Ops(env);
    const groups = JSON.stringify([{ steps: [], stored: [], send: [["x".repeat(SESSION_MAX_BYTES), 1]] }]);
    const id = randomId();
    const err = await saveSession(ops, { conversionId: id, uploadId: randomId(), owner: "o", session: { steps: 9000 }, groups, createdAt: Date.now(), expiresAt: Date.now() + 1000 }).catch((e) => e);
    expect(err.status).toBe(413);
    expect(err.detail ?? err.message).toMatch(/9000 steps.*Convert it on this device/);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM conversions WHERE conversion_id = ?").bind(id).first()).toEqual({ n: 0 });
  }, 120_000);
  it("10: a workout whose heart-rate days are together over what one step's request carries is a 413 at planning, naming its files", async () => {
    // A workout of four and a half days (the exercise reader takes up to a week) touches five
    // heart-rate days; declared at 1.9 MB each they are 9.5 MB, over stepMaxBytes (8 MiB).
    const client = newClient({ rotateNetwork: true });
    const dir = "Takeout/Fitbit/Global Export Data/";
    const exercise = JSON.stringify([{ logId: 7001, activityName: "Hike", activityTypeId: 90012, startTime: "06/01/23 06:00:00", duration: 4.5 * 86400000, activeDuration: 4.5 * 86400000, calories: 9000, logType: "manual", hasGps: false }]);
    const { uploadId } = await (await client.upload([[`${dir}exercise-0.json`, exercise]])).json();
    const days = ["01", "02", "03", "04", "05"].map((d) => `${dir}heart_rate-2023-06-${d}.json`);
    const conv = await client.postJson("/api/convert", { uploadId, timeZone: "UTC", files: Object.fromEntries(days.map((d) => [d, 1900000])) });
    await expectProblem(conv, 413, /reads 5 files of 9500000 bytes together \("heart_rate-2023-06-01\.json", "heart_rate-2023-06-02\.json", "heart_rate-2023-06-03\.json", …\), more than one request carries \(8388608\)\. Convert this export on your device instead/);
    // Four of them (7.6 MB) go: one step's request carries them.
    const four = await client.postJson("/api/convert", { uploadId, timeZone: "UTC", files: Object.fromEntries(days.slice(0, 4).map((d) => [d, 1900000])) });
    expect(four.status, await four.clone().text()).toBe(201);
  }, 60_000);
});
