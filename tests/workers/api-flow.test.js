// The whole hot path inside workerd with real local D1: upload → validate → convert →
// download, on generated weight exports (scripts/gen-takeout.mjs); every FIT file that comes
// back is decoded by Garmin's @garmin/fitsdk; every step makes zero KV operations.
import { env } from "cloudflare:test";
import { Decoder, Stream } from "@garmin/fitsdk";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import wasmModule from "../../worker-shim/generated/core.wasm";
import { decodeBundle, encodeBundle } from "../../worker-shim/shared/bundle.js";
import { CoreError, createCore } from "../../worker-shim/shared/core.js";
import { coreProblem, READING_PARTS } from "../../worker-shim/core/problems.js";
import { zipOutputs } from "../../worker-shim/shared/packaging.js";
import { timeZoneOption } from "../../worker-shim/shared/tz.js";
import { randomId } from "../../worker-shim/storage/ids.js";
import { generateExport } from "../../scripts/gen-takeout.mjs";
import { expectProblem, form, newClient, opsOf } from "./api-client.js";
import { WEIGHT_PATH, sameBytes, weightJson } from "./fixtures.js";

const text = (u8) => new TextDecoder().decode(u8);
const asPairs = (files) => files.map((f) => [f.name, f.data]);

function decodeWeightFit(bytes) {
  const decoder = new Decoder(Stream.fromByteArray(Array.from(bytes)));
  expect(decoder.checkIntegrity()).toBe(true);
  const { messages, errors } = decoder.read();
  expect(errors).toEqual([]);
  expect(messages.fileIdMesgs.map((m) => m.type)).toEqual(["weight"]);
  return messages.weightScaleMesgs.map((w) => ({ utc: w.timestamp.toISOString().replace(".000Z", "Z"), kg: w.weight }));
}

function expectNoKv(res, step) {
  const ops = opsOf(res);
  expect(ops.kv, `${step}: KV operations`).toBe(0);
  expect(ops.do, `${step}: at most the limiter's one DO call`).toBeLessThanOrEqual(1);
  return ops;
}

async function uploaded(client, files) {
  const res = await client.upload(files);
  expect(res.status).toBe(201);
  return (await res.json()).uploadId;
}

describe("upload → validate → convert → download", () => {
  const exportFiles = generateExport({ seed: 5, years: 1, perWeek: 7 });

  it("1: the whole flow on a weight export; FIT files decode with Garmin's SDK at weight.csv's instants; zero KV", async () => {
    const client = newClient();
    const up = await client.upload(asPairs(exportFiles));
    expect(up.status).toBe(201);
    expectNoKv(up, "upload");
    const { uploadId, files } = await up.json();
    expect(files.map((f) => f.kind).sort()).toEqual([...Array(12).fill("weight"), "profile", "weight_csv"].sort());

    const val = await client.postJson("/api/validate", { uploadId });
    expect(val.status).toBe(200);
    expectNoKv(val, "validate");
    const report = await val.json();
    expect(report.kinds[0]).toMatchObject({ kind: "weight", files: 13, importable: true }); // 12 monthly files and weight.csv
    expect(report.timeZone).toEqual({ name: "America/New_York", source: "Profile.csv" });
    expect(report.weightUnit.value).toBe("lb");

    const conv = await client.postJson("/api/convert", { uploadId });
    expect(conv.status).toBe(201);
    expectNoKv(conv, "convert");
    const conversion = await conv.json();
    expect(conversion.conversionId).toMatch(/^[0-9a-z]{9}[A-Za-z0-9_-]{22}$/);
    const expires = Date.parse(conversion.expiresAt) - Date.now();
    expect(expires).toBeGreaterThan(7200_000 - 60_000);
    expect(expires).toBeLessThanOrEqual(7200_000);
    const paths = conversion.files.map((f) => f.path);
    // The download order: the steps' files (weight FIT), then assembly's.
    expect(paths.slice(-2)).toEqual(["manifest.json", "IMPORT.txt"]);
    expect(paths.filter((p) => p.endsWith(".fit")).length).toBeGreaterThan(0);
    expect(conversion.skipped).toEqual([]);

    const dl = await client.fetch(`/api/download/${conversion.conversionId}`);
    expect(dl.status).toBe(200);
    expectNoKv(dl, "download");
    const zip = unzipSync(new Uint8Array(await dl.arrayBuffer()));
    expect(Object.keys(zip).sort()).toEqual([...paths].sort());
    const manifest = JSON.parse(text(zip["manifest.json"]));
    expect(manifest.timeZone.name).toBe("America/New_York");
    expect(text(zip["IMPORT.txt"])).toMatch(/Import Data/);
    const fitTimes = [];
    for (const f of manifest.files.filter((x) => x.kind === "weight")) {
      const entries = decodeWeightFit(zip[f.path]);
      expect(entries.length).toBe(f.records);
      for (const e of entries) expect(e.kg).toBeGreaterThan(30);
      fitTimes.push(...entries.map((e) => e.utc));
    }
    const csv = exportFiles.find((f) => f.name.endsWith("weight.csv")).data;
    expect(fitTimes).toEqual(csv.trim().split("\n").slice(1).map((l) => l.split(",")[0]));

    const one = await client.fetch(`/api/download/${conversion.conversionId}/${paths[2]}`);
    expectNoKv(one, "download one file");
    expect(sameBytes(new Uint8Array(await one.arrayBuffer()), zip[paths[2]])).toBe(true);

    // The rest of the happy path: the caller's quota and the service status.
    for (const path of ["/api/usage/me", "/api/status"]) {
      const res = await client.fetch(path);
      expect(res.status, path).toBe(200);
      expectNoKv(res, path);
    }
  });

  it("2: the Worker's zip is byte-identical to the one the browser builds from the same core call", async () => {
    const client = newClient({ rotateNetwork: true });
    const uploadId = await uploaded(client, asPairs(exportFiles));
    const { conversionId } = await (await client.postJson("/api/convert", { uploadId })).json();
    const served = new Uint8Array(await (await client.fetch(`/api/download/${conversionId}`)).arrayBuffer());
    // "Convert on this device": the same steps with the same modules, no server.
    const core = createCore(wasmModule);
    const report = JSON.parse(text(core.callBytes("ts_validate", encodeBundle(null, exportFiles))));
    const r = report.transitionsRange;
    const options = { weightUnit: "auto", timeZone: timeZoneOption(report.timeZone.name, r.from, r.to) };
    const outputs = decodeBundle(core.callBytes("ts_convert", encodeBundle(options, exportFiles))).files;
    const local = zipOutputs(outputs.map((f) => ({ path: f.name, data: f.data })));
    expect(sameBytes(served, local)).toBe(true);
    // And converting the same upload again gives the same bytes again.
    const again = await (await client.postJson("/api/convert", { uploadId })).json();
    const served2 = new Uint8Array(await (await client.fetch(`/api/download/${again.conversionId}`)).arrayBuffer());
    expect(sameBytes(served2, served)).toBe(true);
  });

  it("3: the options reach the core: a zone and a unit chosen by the person", async () => {
    const client = newClient();
    const uploadId = await uploaded(client, asPairs(exportFiles));
    const res = await client.postJson("/api/convert", { uploadId, timeZone: "Europe/Berlin", weightUnit: "kg", kinds: ["weight"] });
    expect(res.status).toBe(201);
    const { conversionId } = await res.json();
    const manifest = await (await client.fetch(`/api/download/${conversionId}/manifest.json`)).json();
    expect(manifest.timeZone.name).toBe("Europe/Berlin");
    expect(manifest.weightUnit.value).toBe("kg");
  });

  it("4: validate and convert refuse bad requests with a problem a person can act on", async () => {
    const client = newClient({ rotateNetwork: true });
    const uploadId = await uploaded(client, asPairs(exportFiles));
    const uploadedName = exportFiles[0].name;
    const uploadedBytes = new TextEncoder().encode(exportFiles[0].data).length;
    const cases = [
      [1, "/api/validate", { body: "{}", headers: { "content-type": "text/plain" } }, 415, /application\/json/],
      [2, "/api/validate", { body: "{not json", headers: { "content-type": "application/json" } }, 400, /not valid JSON/],
      [3, "/api/validate", { body: "[1]", headers: { "content-type": "application/json" } }, 400, /JSON object/],
      [4, "/api/validate", { body: "{}", headers: { "content-type": "application/json" } }, 400, /uploadId/],
      [5, "/api/convert", { body: JSON.stringify({ uploadId, weightUnit: "stone" }), headers: { "content-type": "application/json" } }, 400, /weightUnit/],
      [6, "/api/convert", { body: JSON.stringify({ uploadId, timeZone: "Mars/Olympus_Mons" }), headers: { "content-type": "application/json" } }, 400, /IANA/],
      [7, "/api/convert", { body: JSON.stringify({ uploadId, kinds: "weight" }), headers: { "content-type": "application/json" } }, 400, /kinds/],
      [8, "/api/convert", { body: JSON.stringify({ uploadId: 42 }), headers: { "content-type": "application/json" } }, 400, /uploadId/],
      [9, "/api/convert", { body: "x".repeat(1024 * 1024 + 1), headers: { "content-type": "application/json" } }, 413, /at most/],
      [10, "/api/convert", { body: JSON.stringify({ uploadId, includeAutoDetected: "no" }), headers: { "content-type": "application/json" } }, 400, /includeAutoDetected/],
      // Files declared to come later, with their sizes.
      [11, "/api/convert", { body: JSON.stringify({ uploadId, files: ["a.tcx"] }), headers: { "content-type": "application/json" } }, 400, /files must be an object of export paths, each with its size/],
      [12, "/api/convert", { body: JSON.stringify({ uploadId, files: { "Takeout/Fitbit/Activities/1.tcx": -1 } }), headers: { "content-type": "application/json" } }, 400, /must be the file's size in bytes/],
      [13, "/api/convert", { body: JSON.stringify({ uploadId, files: { "notes/diary.txt": 10 } }), headers: { "content-type": "application/json" } }, 422, /not part of a Fitbit export TrackerSync reads, such as "notes\/diary\.txt"/],
      // One the upload holds, at another size: another file than the one uploaded.
      [14, "/api/convert", { body: JSON.stringify({ uploadId, files: { [uploadedName]: uploadedBytes + 1 } }), headers: { "content-type": "application/json" } }, 400, new RegExp(`says ${uploadedBytes + 1} bytes, but the upload holds that file with ${uploadedBytes} bytes`)],
      // A light file (the plan reads it) declared to come later instead of uploaded: it was
      // read as empty, "not valid JSON", and its weigh-ins dropped (helper finding).
      [16, "/api/convert", { body: JSON.stringify({ uploadId, files: { "Takeout/Fitbit/Global Export Data/weight-1999-03-01.json": 1234 } }), headers: { "content-type": "application/json" } }, 400, /files\["Takeout\/Fitbit\/Global Export Data\/weight-1999-03-01\.json"\] is a file the plan reads \(of kind weight\): upload it/],
      // More names than a ten-year export of every kind has (~6,000; a daily runner's ~8,400),
      // refused before any is classified (attack finding: 20,000 names were classified and
      // planned, 230-400 ms).
      [15, "/api/convert", { body: JSON.stringify({ uploadId, files: Object.fromEntries(Array.from({ length: 10001 }, (_, i) => [`Takeout/Fitbit/Global Export Data/heart_rate-${i}.json`, 10])) }), headers: { "content-type": "application/json" } }, 413, /files names 10001 paths; the server plans a conversion of at most 10000 files it is to be sent\. Convert on the page/],
    ];
    for (const [n, path, init, status, detail] of cases) {
      const res = await client.fetch(path, { method: "POST", ...init });
      expect(res.status, `case ${n}`).toBe(status);
      await expectProblem(res, status, detail);
    }
    const get = await client.fetch("/api/convert");
    await expectProblem(get, 405, /GET is not allowed/);
    expect(get.headers.get("allow")).toBe("POST");
  });

  it("5: unknown, someone else's and expired uploads are the same 404 on validate and convert", async () => {
    const owner = newClient();
    const uploadId = await uploaded(owner, asPairs(exportFiles));
    const unknown = await expectProblem(await owner.postJson("/api/validate", { uploadId: randomId() }), 404);
    const bodies = [
      await expectProblem(await newClient().postJson("/api/validate", { uploadId }), 404),
      await expectProblem(await newClient().postJson("/api/convert", { uploadId }), 404),
      await expectProblem(await owner.postJson("/api/convert", { uploadId: "../../etc" }), 404),
    ];
    // Expire it by moving its times back, no sleeping: exactly at expires_at it is gone.
    const created = Date.now() - 3600_000;
    await env.DB.prepare("UPDATE uploads SET created_at = ?1, expires_at = ?1 + 3600000 WHERE upload_id = ?2").bind(created, uploadId).run();
    bodies.push(await expectProblem(await owner.postJson("/api/validate", { uploadId }), 404));
    bodies.push(await expectProblem(await owner.postJson("/api/convert", { uploadId }), 404));
    for (const b of bodies) expect(b).toEqual(unknown);
    expect(unknown.detail).toMatch(/kept for 1 hour/);
  });

  it("6: local-time records without a zone are a 422 that says how to give one", async () => {
    const client = newClient();
    const uploadId = await uploaded(client, [[WEIGHT_PATH, weightJson(3)]]);
    const refused = await expectProblem(await client.postJson("/api/convert", { uploadId }), 422, /Profile\.csv.*timeZone/);
    expect(refused.title).toBe("Cannot convert these files"); // it was "Not a Fitbit export" (helper finding)
    const ok = await client.postJson("/api/convert", { uploadId, timeZone: "America/Chicago" });
    expect(ok.status).toBe(201);
  });

  it("7: a broken file is reported per file by validate and listed as skipped by convert, not a failure", async () => {
    const client = newClient({ rotateNetwork: true });
    const uploadId = await uploaded(client, [...asPairs(exportFiles), ["Takeout/Fitbit/Global Export Data/weight-2030-01-01.json", "[{"]]);
    const report = await (await client.postJson("/api/validate", { uploadId })).json();
    // The reason's wording is the weight reader's ("not valid JSON" / "not a JSON array of
    // weight records", depending on where the On-Demand reader stops); the contract is one
    // problem for that file, the same in validate and convert.
    expect(report.problems).toEqual([
      { source: "Takeout/Fitbit/Global Export Data/weight-2030-01-01.json", reason: expect.stringMatching(/JSON/) },
    ]);
    const conv = await client.postJson("/api/convert", { uploadId });
    expect(conv.status).toBe(201);
    expect((await conv.json()).skipped).toEqual(report.problems);
  });

  it("8: a core error becomes the problem its kind calls for, with the core's message", () => {
    const cases = [
      [1, new CoreError(5, "option 'kinds' must be an array of strings"), 400, /options were refused: option 'kinds'/],
      [2, new CoreError(4, "the output would be over the budget; leave out daily activity"), 413, /more than one conversion can handle: the output would be over the budget; leave out daily activity/],
      [3, new CoreError(1, "TSB1 bundle is truncated"), 422, /could not be read as a Fitbit export: TSB1/],
      [4, new CoreError(3, "unsupported export version"), 422, /unsupported export version/],
      // Out of memory (a trap, the core restarted): any request can meet it, so the advice is
      // to send less at once; the engine's own words are not passed on (shared/core.js).
      [5, Object.assign(new CoreError(4, "the core stopped on this input, most likely out of memory; it has been restarted"), { outOfMemory: true }), 413, /more than the converter can hold in memory at once.*convert on this device/],
    ];
    for (const [n, err, status, detail] of cases) {
      const p = coreProblem(err);
      expect(p.status, `case ${n}`).toBe(status);
      expect(p.message, `case ${n}`).toMatch(detail);
    }
    // Gathering and assembly read parts, not the upload (attack finding: a part sent twice was
    // "the uploaded files could not be read as a Fitbit export").
    const twice = coreProblem(new CoreError(1, "two outputs share one path"), READING_PARTS);
    expect([twice.status, twice.message]).toEqual([422, "The parts sent could not be taken as the steps wrote them (each step's part.json, once, in plan order): two outputs share one path"]);
    const storage = new Error("D1_ERROR");
    expect(coreProblem(storage)).toBe(storage); // not the core's: the router answers 503
  });

  it("9: the limiter's refusal reaches these endpoints as a 429 problem with Retry-After, before any storage work", async () => {
    const client = newClient(); // one network: one limiter key
    const uploadId = await uploaded(client, asPairs(exportFiles));
    const statuses = [];
    let refused = null;
    for (let i = 0; i < 6 && !refused; i += 1) {
      const res = await client.postJson("/api/convert", { uploadId });
      statuses.push(res.status);
      expect(res.headers.get("ratelimit-policy")).toMatch(/"convert-minute";q=3;w=60/);
      if (res.status === 429) refused = res;
      else await res.arrayBuffer();
    }
    expect(statuses.slice(0, 2)).toEqual([201, 201]);
    expect(refused).not.toBeNull();
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(opsOf(refused)).toMatchObject({ kv: 0, d1_queries: 0, do: 1 });
    await expectProblem(refused, 429, /Try again in \d+ s/);
  });

  it("10: a client that keeps going after 429s is blocked: 403 problem with Retry-After and when the block ends", async () => {
    const client = newClient();
    const uploadId = await uploaded(client, asPairs(exportFiles));
    let blocked = null;
    let refused = false;
    for (let i = 0; i < 60 && !blocked; i += 1) {
      const res = await client.postJson("/api/validate", { uploadId });
      if (res.status === 403) blocked = res;
      else await res.arrayBuffer();
      // Refusals within a second of the first are no strikes (the limiter's grace): go past it.
      if (res.status === 429 && !refused) await new Promise((resolve) => setTimeout(resolve, 1100));
      refused ||= res.status === 429;
    }
    expect(blocked).not.toBeNull();
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(opsOf(blocked)).toMatchObject({ kv: 0, d1_queries: 0 });
    const body = await expectProblem(blocked, 403, /blocked until/);
    expect(Date.parse(body.blockedUntil)).toBeGreaterThan(Date.now());
    // Blocked for every endpoint, downloads included, with no storage touched.
    const dl = await client.fetch(`/api/download/${randomId()}`);
    expect(dl.status).toBe(403);
    expect(opsOf(dl)).toMatchObject({ kv: 0, d1_queries: 0 });
  });

  it("12: validate makes an upload's report once; asked again it is the kept one, and files added to the upload make it anew", async () => {
    const client = newClient({ rotateNetwork: true });
    const weight = exportFiles.filter((f) => /weight-.*\.json$/.test(f.name));
    const profile = exportFiles.find((f) => f.name.endsWith("Profile.csv"));
    const uploadId = await uploaded(client, asPairs(weight));
    const first = await client.postJson("/api/validate", { uploadId });
    const firstText = await first.text();
    expect(first.status).toBe(200);
    expect(opsOf(first)).toMatchObject({ kv: 0, d1_rows_written: 2 }); // the report kept, and its storage charge
    expect(JSON.parse(firstText).timeZone?.name ?? null).toBeNull();
    // Row 2: the same report, from the upload's row alone: no file read, no core call's worth of reads.
    const second = await client.postJson("/api/validate", { uploadId });
    expect(await second.text()).toBe(firstText);
    expect(opsOf(second)).toMatchObject({ kv: 0, d1_queries: 1, d1_rows_read: 1, d1_rows_written: 0 });
    // Row 3: Profile.csv added to the upload: the report is made again, and names its zone.
    const added = await client.fetch(`/api/upload?uploadId=${uploadId}`, { method: "POST", body: form([[profile.name, profile.data]]) });
    expect(added.status).toBe(201);
    const third = await client.postJson("/api/validate", { uploadId });
    const report = JSON.parse(await third.text());
    expect(report.timeZone.name).toBe("America/New_York");
    expect(opsOf(third)).toMatchObject({ kv: 0, d1_rows_written: 2 });
    // Row 4: another client asking for it gets the same 404 as for an unknown upload.
    await expectProblem(await newClient({ rotateNetwork: true }).postJson("/api/validate", { uploadId }), 404);
  });

  it("11: UTC-only records (Takeout's weight.csv) need no zone, and a zone that is given is recorded in the manifest", async () => {
    const client = newClient({ rotateNetwork: true });
    const csv = exportFiles.find((f) => f.name.endsWith("weight.csv"));
    const uploadId = await uploaded(client, [[csv.name, csv.data]]);
    const bare = await client.postJson("/api/convert", { uploadId });
    expect(bare.status).toBe(201);
    const zoned = await (await client.postJson("/api/convert", { uploadId, timeZone: "Asia/Tokyo" })).json();
    const manifest = await (await client.fetch(`/api/download/${zoned.conversionId}/manifest.json`)).json();
    expect(manifest.timeZone.name).toBe("Asia/Tokyo");
  });
});
