// Real exports through the Worker inside workerd (real local D1): the account-archive layout
// uploaded by its own paths, the weigh-in sources merged, impossible workouts left out unless
// the request keeps them, the zone the person chose versus the one the page fills in, and a
// folder's name that never changes a file's kind (Profile.csv is never copied into outputs).
import { Decoder, Stream } from "@garmin/fitsdk";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { generateExport } from "../../scripts/gen-takeout.mjs";
import { expectProblem, newClient } from "./api-client.js";
import { serverZip } from "./convert-session.js";

const text = (u8) => new TextDecoder().decode(u8);

async function convert(client, uploadId, body = {}) {
  const res = await client.postJson("/api/convert", { uploadId, ...body });
  expect(res.status, await res.clone().text()).toBe(201);
  const conversion = await res.json();
  const zip = unzipSync(new Uint8Array(await (await client.fetch(`/api/download/${conversion.conversionId}`)).arrayBuffer()));
  return { conversion, zip, manifest: JSON.parse(text(zip["manifest.json"])) };
}

describe("real exports through the API", () => {
  it("1: the account archive (user-site-export/<kind>/…, no Profile.csv) is taken by its own paths; a metric account's unit comes from its heights", async () => {
    const files = generateExport({ seed: 4, years: 0.3, perWeek: 3, layout: "account-archive", profile: false, unit: "kg", heightRecords: true, oddWorkouts: true });
    const client = newClient();
    const up = await client.upload(files.map((f) => [f.name, f.data]));
    expect(up.status, await up.clone().text()).toBe(201);
    const { uploadId, files: stored } = await up.json();
    expect(stored.map((f) => f.kind).sort()).toEqual(expect.arrayContaining(["weight", "height", "exercise"]));
    const report = await (await client.postJson("/api/validate", { uploadId })).json();
    expect(report.weightUnit).toMatchObject({ value: "kg", decidedBy: "bmi" });
    expect(report.weightUnit.evidence[0].height).toBe("height-*.json");
    expect(report.timeZone).toBeNull();
    // No Profile.csv: the zone the page fills in is only a fallback, and says so.
    const { manifest, zip } = await convert(client, uploadId, { fallbackTimeZone: "Europe/Berlin" });
    expect(manifest.timeZone).toMatchObject({ name: "Europe/Berlin", source: "fallback" });
    // The 24-hour "run" is left out and named; the workout that says GPS has no map, said so.
    expect(manifest.skipped.some((s) => /\(Fitbit id 90000000001\): .*slower than a run can be.*left out/.test(s.reason))).toBe(true);
    expect(manifest.files.find((f) => f.logId === 90000000002).mapMissing).toMatch(/holds no track for it: neither its track file \(90000000002\.tcx\)/);
    expect(text(zip["IMPORT.txt"])).toMatch(/Without\s+a\s+map,\s+though\s+Fitbit\s+recorded\s+GPS\s+\(1\)/);
  });

  it("2: includeImplausible keeps the impossible workout; a wrong type is a 400", async () => {
    const files = generateExport({ seed: 4, years: 0.1, perWeek: 2, oddWorkouts: true });
    const client = newClient();
    const { uploadId } = await (await client.upload(files.map((f) => [f.name, f.data]))).json();
    const { manifest } = await convert(client, uploadId, { includeImplausible: true });
    expect(manifest.files.some((f) => f.logId === 90000000001)).toBe(true);
    await expectProblem(await client.postJson("/api/convert", { uploadId, includeImplausible: "yes" }), 400, /includeImplausible must be true or false/);
  });

  it("2c: review finding: includeHeartRate: false (the page's \"Heart rate (all day)\" unticked) makes no heart-rate table, the workouts still take their readings; a wrong type is a 400", async () => {
    const files = generateExport({ seed: 41, years: 0.1, perWeek: 1, workoutsPerWeek: 3 });
    const { zip: bytes } = await serverZip(newClient({ rotateNetwork: true }), files, { includeHeartRate: false });
    const zip = unzipSync(bytes);
    const manifest = JSON.parse(text(zip["manifest.json"]));
    expect(Object.keys(zip)).not.toContain("reference/heart_rate_daily.csv");
    expect(Object.keys(zip).some((p) => p.startsWith("activities/"))).toBe(true);
    expect(manifest.skipped.some((s) => /heart-rate tables not made, as asked/.test(s.reason))).toBe(true);
    const other = newClient();
    const { uploadId: otherUpload } = await (await other.upload(files.map((f) => [f.name, f.data]))).json();
    await expectProblem(await other.postJson("/api/convert", { uploadId: otherUpload, includeHeartRate: "no" }), 400, /includeHeartRate must be true or false/);
  });

  it("2b: helper finding: a Takeout part the client was not given (missingParts) is said first in the manifest's warnings and IMPORT.txt; a malformed list is a 400 naming its shape", async () => {
    const files = generateExport({ seed: 4, years: 0.1, perWeek: 2 });
    const client = newClient();
    const { uploadId } = await (await client.upload(files.map((f) => [f.name, f.data]))).json();
    const { manifest, zip } = await convert(client, uploadId, { missingParts: [{ takeout: "takeout-20240101T000000Z", missing: [2] }] });
    expect(manifest.warnings[0]).toMatch(/^Part 2 of takeout-20240101T000000Z was not given\. .*Convert again with every part given together\.$/);
    expect(manifest.importSteps[0].text).toBe(`Before importing: ${manifest.warnings[0]}`);
    expect(text(zip["IMPORT.txt"])).toMatch(/\n1\. Before importing: Part 2 of takeout-20240101T000000Z was not given\./);
    // Numbered rows: [n, missingParts, the detail], the form checked by the Worker, the rest by
    // the core (its other refusals are convert test 12's rows). Each row from a client of its
    // own, whose convert tiers are fresh.
    let deep = [2];
    for (let i = 0; i < 1100; i++) deep = [deep];
    for (const [n, missingParts, said] of [
      [1, "2", /^missingParts must be a list of the Takeout parts not given/],
      [2, [{ takeout: "takeout 2024", missing: [2] }], /option 'missingParts' must be/],
      // Attack findings: nested past the core's JSON depth, a 422 blamed the upload's files;
      // a member beside the two was dropped without a word.
      [3, [{ takeout: "takeout-20240101T000000Z", missing: deep }], /^missingParts must be a list of the Takeout parts not given/],
      [4, [{ takeout: "takeout-20240101T000000Z", missing: [2], evil: 1 }], /with no other members\.$/],
    ]) {
      const other = newClient();
      const { uploadId: otherUpload } = await (await other.upload(files.map((f) => [f.name, f.data]))).json();
      const body = await expectProblem(await other.postJson("/api/convert", { uploadId: otherUpload, missingParts }), 400, said);
      expect(body.status, `row ${n}`).toBe(400);
    }
  });

  it("3: both weight sources merged: each weigh-in once; the person's timeZone is explicit, the profile's is not", async () => {
    const files = generateExport({ seed: 6, years: 0.3, perWeek: 4, realistic: true });
    const client = newClient();
    const { uploadId } = await (await client.upload(files.map((f) => [f.name, f.data]))).json();
    const report = await (await client.postJson("/api/validate", { uploadId })).json();
    const w = report.kinds.find((k) => k.kind === "weight");
    expect(w.weighIns.matched + w.weighIns.jsonOnly + w.weighIns.csvOnly).toBe(w.records);
    const byProfile = await convert(client, uploadId);
    expect(byProfile.manifest.timeZone).toMatchObject({ name: "America/New_York", source: "Profile.csv", evidence: { explicit: false } });
    expect(byProfile.manifest.timeZone.evidence.periods.every((p) => p.agrees)).toBe(true);
    const chosen = await convert(client, uploadId, { timeZone: "Asia/Tokyo" });
    expect(chosen.manifest.timeZone).toMatchObject({ name: "Asia/Tokyo", source: "option", evidence: { explicit: true } });
    expect(chosen.manifest.warnings.some((m) => /Asia\/Tokyo was used for every local time, as chosen/.test(m))).toBe(true);
    expect(byProfile.manifest.weighIns).toEqual(w.weighIns);
  });

  it("4: a folder's name never changes a file's kind: Temperature export/Profile.csv is the profile, read and never copied", async () => {
    const files = [
      ["Temperature export/Profile.csv", "id,full_name,timezone,height\n1,Jane Doe,Europe/Berlin,170\n"],
      ["Temperature export/weight-2023-01-01.json", JSON.stringify([{ logId: 0, weight: 150.2, bmi: 23.6, date: "01/05/23", time: "07:10:00", source: "Aria" }])],
      ["Temperature export/Computed Temperature - 2023-01-01.csv", "sleep_start,temperature\n2023-01-01T00:00,0.5\n"],
    ];
    const client = newClient();
    const up = await client.upload(files);
    expect(up.status, await up.clone().text()).toBe(201);
    const { uploadId, files: stored } = await up.json();
    expect(stored.map((f) => f.kind)).toEqual(["profile", "weight", "other_health"]);
    const { manifest, zip } = await convert(client, uploadId);
    expect(manifest.timeZone.name).toBe("Europe/Berlin");
    expect(manifest.files.filter((f) => f.kind === "weight").length).toBe(1);
    expect(Object.keys(zip).some((p) => /Profile\.csv$/i.test(p))).toBe(false);
    for (const bytes of Object.values(zip)) expect(text(bytes)).not.toContain("Jane Doe");
    expect(manifest.skipped.some((s) => /weight/.test(s.source))).toBe(false);
  });

  it("5: Google's list of workouts (UserExercises_*.csv) is stored with the upload and its rows no exercise record overlaps are converted, each once", async () => {
    const files = generateExport({ seed: 4, years: 0.2, perWeek: 2, oddWorkouts: true, googleWorkouts: 2 });
    const client = newClient();
    const up = await client.upload(files.map((f) => [f.name, f.data]));
    expect(up.status, await up.clone().text()).toBe(201);
    const { uploadId, files: stored } = await up.json();
    expect(stored.map((f) => f.kind), JSON.stringify(stored)).toContain("google_exercises");
    const report = await (await client.postJson("/api/validate", { uploadId })).json();
    // Its 4 rows: the 2 workouts of exercise-9000.json at the same second, and 2 only it holds.
    expect(report.kinds.find((k) => k.kind === "workouts")).toMatchObject({ records: 4, googleListRows: 4, googleListOnly: 2 });
    const { manifest } = await convert(client, uploadId, { includeImplausible: true });
    const fromList = manifest.files.filter((f) => f.logId > 1e12);
    expect(fromList.map((f) => f.activityName)).toEqual(["Outdoor Run", "Outdoor Run"]);
    expect(fromList.every((f) => f.path === `activities/${f.first.slice(0, 10)}-${f.logId}.fit`)).toBe(true);
    expect(manifest.files.filter((f) => f.kind === "activity").length).toBe(4);
  });

  it("6: Takeout without tracks: each workout's map and cadence come from Google's position and cadence files, as they came from its .tcx", async () => {
    const opts = { seed: 5, years: 0.15, perWeek: 2, workoutsPerWeek: 2, trackInterval: 30 };
    const maps = async (files) => {
      const { zip } = await serverZip(newClient({ rotateNetwork: true }), files);
      const unzipped = unzipSync(zip);
      const manifest = JSON.parse(text(unzipped["manifest.json"]));
      // Which workouts have a map, and which say why not (an empty .tcx is said in other words);
      // the positions and cadence of each record that has a position.
      return manifest.files.filter((f) => f.kind === "activity").map((f) => {
        const { messages } = new Decoder(Stream.fromByteArray(unzipped[f.path])).read();
        const points = (messages.recordMesgs ?? []).filter((r) => r.positionLat !== undefined);
        return [f.logId, f.gps, Boolean(f.mapMissing), points.map((r) => [r.timestamp.getTime(), r.positionLat, r.positionLong, r.cadence ?? null])];
      });
    };
    const positions = generateExport({ ...opts, takeoutGps: true });
    expect(positions.some((f) => f.name.endsWith(".tcx"))).toBe(false);
    const fromTracks = await maps(generateExport(opts));
    expect(fromTracks.filter(([, gps]) => gps).length).toBeGreaterThan(2);
    expect(fromTracks.flatMap(([, , , points]) => points).filter((p) => p[3] !== null).length).toBeGreaterThan(10);
    expect(await maps(positions)).toEqual(fromTracks);
  }, 120_000);

  it("7: Takeout's pace files: a workout without positions gets records of distance and speed (cadence on foot) adding up to its distance", async () => {
    const opts = { seed: 7, years: 0.15, perWeek: 2, workoutsPerWeek: 3, trackInterval: 30, takeoutGps: true };
    const motion = async (files) => {
      const { zip } = await serverZip(newClient({ rotateNetwork: true }), files);
      const unzipped = unzipSync(zip);
      const manifest = JSON.parse(text(unzipped["manifest.json"]));
      return manifest.files.filter((f) => f.kind === "activity" && !f.gps).map((f) => {
        const { messages } = new Decoder(Stream.fromByteArray(unzipped[f.path])).read();
        const records = messages.recordMesgs ?? [];
        const session = messages.sessionMesgs[0];
        const moving = records.filter((r) => r.speed !== undefined);
        return {
          logId: f.logId,
          onFoot: ["running", "walking", "hiking"].includes(session.sport),
          sessionM: session.totalDistance ?? 0,
          // The pace rows' own records (those with a speed), not the end record the session's
          // distance goes on.
          lastM: Math.max(0, ...moving.map((r) => r.distance ?? 0)),
          moving: moving.length,
          withCadence: records.filter((r) => r.cadence !== undefined).length,
        };
      });
    };
    const paced = generateExport({ ...opts, takeoutPace: true });
    expect(paced.some((f) => f.name.includes("live_pace_"))).toBe(true);
    const without = await motion(generateExport(opts));
    const withPace = await motion(paced);
    expect(withPace.map((w) => w.logId)).toEqual(without.map((w) => w.logId));
    const far = withPace.filter((w) => w.sessionM > 0);
    expect(far.length).toBeGreaterThan(2);
    // Without the pace files these are summaries; with them, a record a second that adds up to
    // the workout's distance (the generator spreads it over its seconds), to the centimetre.
    expect(without.filter((w) => w.sessionM > 0).every((w) => w.moving === 0)).toBe(true);
    for (const w of far) {
      expect(w.moving, `workout ${w.logId}`).toBeGreaterThan(60);
      expect(Math.abs(w.lastM - w.sessionM), `workout ${w.logId}`).toBeLessThanOrEqual(0.01);
      if (w.onFoot) expect(w.withCadence, `workout ${w.logId}`).toBeGreaterThan(60);
      else expect(w.withCadence, `workout ${w.logId}`).toBe(0);
    }
    expect(far.some((w) => w.onFoot) && far.some((w) => !w.onFoot)).toBe(true);
  }, 120_000);

  it("8: Takeout's running dynamics: each record with a position takes each measure's reading of its second, else the nearest within 3 s, in its FIT field's unit; the session their mean", async () => {
    const opts = { seed: 8, years: 0.1, perWeek: 2, workoutsPerWeek: 3, trackInterval: 2, takeoutGps: true };
    // The readings of the generated files, by FIT field: [UTC ms, value in the field's unit].
    // (The generator writes the ratio in hundredths of a percent, as real files do.)
    const FIELDS = {
      stride_length: ["stepLength", (cm) => Math.round(cm * 100) / 10],
      ground_contact_time: ["stanceTime", (ms) => Math.round(ms * 10) / 10],
      vertical_oscillation: ["verticalOscillation", (cm) => Math.round(cm * 100) / 10],
      vertical_ratio: ["verticalRatio", (hundredths) => Math.round(hundredths) / 100],
    };
    const readingsOf = (files) => {
      const out = Object.fromEntries(Object.values(FIELDS).map(([field]) => [field, []]));
      for (const f of files) {
        const stem = /\/([a-z_]+)_\d{4}-\d{2}-\d{2}\.csv$/.exec(f.name)?.[1];
        if (!FIELDS[stem]) continue;
        const [field, unit] = FIELDS[stem];
        for (const line of String(f.data).trim().split("\n").slice(1)) {
          const [stamp, value] = line.split(",");
          out[field].push([Date.parse(stamp), unit(Number(value))]);
        }
      }
      for (const list of Object.values(out)) list.sort((a, b) => a[0] - b[0]);
      return out;
    };
    // As convert/gps_tracks.cpp: the reading of the record's second, else the nearest within
    // 3 s (the later of two as near).
    const nearest = (list, ms) => {
      let best;
      for (const [t, v] of list) if (Math.abs(t - ms) <= 3000 && (!best || Math.abs(t - ms) <= Math.abs(best[0] - ms))) best = [t, v];
      return best?.[1];
    };
    const activities = async (files) => {
      const { zip } = await serverZip(newClient({ rotateNetwork: true }), files);
      const unzipped = unzipSync(zip);
      const manifest = JSON.parse(text(unzipped["manifest.json"]));
      return { manifest, list: manifest.files.filter((f) => f.kind === "activity" && f.gps).map((f) => ({ logId: f.logId, ...new Decoder(Stream.fromByteArray(unzipped[f.path])).read().messages })) };
    };
    const dynamic = generateExport({ ...opts, takeoutDynamics: true });
    const readings = readingsOf(dynamic);
    expect(readings.stepLength.length).toBeGreaterThan(100);
    const plain = await activities(generateExport(opts));
    const withDynamics = await activities(dynamic);
    expect(withDynamics.list.map((a) => a.logId)).toEqual(plain.list.map((a) => a.logId));
    expect(withDynamics.list.length).toBeGreaterThan(2);
    // None of the four kinds is named as a file not read, nor a file read with problems.
    expect(withDynamics.manifest.skippedFiles.flatMap((g) => g.paths).some((p) => /stride_length|ground_contact|vertical_/.test(p))).toBe(false);
    expect(withDynamics.manifest.skipped.some((s) => /stride_length|ground_contact|vertical_/.test(s.source ?? ""))).toBe(false);
    let checked = 0;
    for (const [i, a] of withDynamics.list.entries()) {
      const positioned = a.recordMesgs.filter((r) => r.positionLat !== undefined);
      // The same records and positions as without the files: only the four fields are added.
      expect(positioned.map((r) => [r.timestamp.getTime(), r.positionLat, r.positionLong])).toEqual(
        plain.list[i].recordMesgs.filter((r) => r.positionLat !== undefined).map((r) => [r.timestamp.getTime(), r.positionLat, r.positionLong]),
      );
      expect(plain.list[i].recordMesgs.some((r) => r.stepLength !== undefined)).toBe(false);
      for (const [field, list] of Object.entries(readings)) {
        const values = [];
        for (const r of positioned) {
          const want = nearest(list, r.timestamp.getTime());
          const where = `workout ${a.logId} ${field} at ${r.timestamp.toISOString()}`;
          if (want === undefined) expect(r[field], where).toBeUndefined();
          else {
            expect(r[field], where).toBeCloseTo(want, 6);
            values.push(r[field]);
          }
          checked += 1;
        }
        // The session's (and the lap's) average: the mean of the records that have one, within
        // a raw unit (0.1 mm, 0.1 ms, 0.01 %).
        const avg = `avg${field[0].toUpperCase()}${field.slice(1)}`;
        const mean = values.reduce((n, v) => n + v, 0) / values.length;
        expect(values.length).toBeGreaterThan(0);
        expect(Math.abs(a.sessionMesgs[0][avg] - mean), `workout ${a.logId} ${avg}`).toBeLessThanOrEqual(0.1);
        expect(a.lapMesgs[0][avg]).toBe(a.sessionMesgs[0][avg]);
      }
    }
    expect(checked).toBeGreaterThan(400);
  }, 120_000);
});
