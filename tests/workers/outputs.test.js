// What a conversion may write, through the Worker inside workerd: an upload under the cap
// cannot make a download many times its size or run the core out of memory (the core's budget,
// wasm/core/convert/output_budget.h, answered as a 413 that says what to leave out), and every
// output path is safe to unpack and its own (wasm/core/convert/output_paths.h).
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { expectProblem, newClient } from "./api-client.js";
import { finishSession } from "./convert-session.js";

const G = "Takeout/Fitbit/Global Export Data/";
const LONG = 120_000;

// `workouts` workouts over the same half hour (08:00 UTC, 2023-03-04), and one heart-rate day
// file with a reading every second from 08:00 for `readings` seconds: the shape in which every
// workout used to turn every reading in its window into a FIT record of its own.
function overlapping(workouts, readings) {
  const ex = Array.from({ length: workouts }, (_, i) => ({
    logId: 70000 + i, activityName: "W", activityTypeId: 90013, startTime: "03/04/23 08:00:00", duration: 1_800_000,
  }));
  const hr = Array.from({ length: readings }, (_, s) => {
    const t = `${String(8 + Math.floor(s / 3600)).padStart(2, "0")}:${String(Math.floor(s / 60) % 60).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
    return { dateTime: `03/04/23 ${t}`, value: { bpm: 90 + (s % 40), confidence: 2 } };
  });
  return [[`${G}exercise-0.json`, JSON.stringify(ex)], [`${G}heart_rate-2023-03-04.json`, JSON.stringify(hr)]];
}
const bytesOf = (files) => files.reduce((n, [, d]) => n + new TextEncoder().encode(d).length, 0);

async function upload(client, files) {
  const up = await client.upload(files);
  expect(up.status, await up.clone().text()).toBe(201);
  return (await up.json()).uploadId;
}

describe("bounded outputs", () => {
  it("1: 1,000 workouts over one half hour of heart rate, under the upload cap: 413 saying to leave out workouts, nothing stored", async () => {
    const client = newClient();
    const files = overlapping(1000, 1200);
    expect(bytesOf(files)).toBeLessThan(192 * 1024);
    const uploadId = await upload(client, files);
    const res = await client.postJson("/api/convert", { uploadId, timeZone: "UTC" });
    const body = await expectProblem(res, 413, /more than \d+ files .*1000 workouts.*leave out workouts \(convert without the "workouts" kind\), or upload fewer exercise files at a time/);
    expect(body.detail).not.toMatch(/aborted|restarted/);
  }, LONG);

  it("2: 250 workouts over the same half hour: converted in a session, each reading feeding one workout; the outputs stay within 4x their input + 1 MiB", async () => {
    const client = newClient();
    // 250 workouts, all reading the one heart-rate day: about two to a group, more groups than
    // the step tier's burst, so the session waits out its Retry-Afters as the page does.
    const files = overlapping(250, 1800);
    const uploadId = await upload(client, files);
    const conv = await client.postJson("/api/convert", { uploadId, timeZone: "UTC" });
    expect(conv.status, await conv.clone().text()).toBe(201);
    // Each workout is a step of its own: more than one request's CPU, so a session. Its groups
    // and assembly answer the outputs (nothing to send: every file is in the upload).
    const session = await conv.json();
    expect(session.complete).toBe(false);
    const { outputs } = await finishSession(client, session, () => {
      throw new Error("every file is in the upload");
    });
    const activities = outputs.filter(([path]) => path.startsWith("activities/"));
    expect(activities).toHaveLength(250);
    // All the records together: the 1,800 readings (one each) plus two boundaries per workout.
    const manifest = JSON.parse(new TextDecoder().decode(outputs.find(([path]) => path === "manifest.json")[1]));
    const records = manifest.files.filter((f) => f.path.startsWith("activities/")).reduce((n, f) => n + f.records, 0);
    expect(records).toBeLessThanOrEqual(1801 + 2 * 250);
    const total = outputs.reduce((n, [, data]) => n + data.length, 0);
    expect(total).toBeLessThanOrEqual(4 * bytesOf(files) + (1 << 20));
  }, LONG);
});

describe("clean, unique output paths", () => {
  it("3: an other-health CSV named with '..\\' is refused at the door; two sharing their last two segments get paths of their own, and the zip downloads", async () => {
    const client = newClient();
    const csv = "timestamp,value\n2023-01-25T00:00:00,97\n";
    // The core's classifier gives a backslashed (or "..", or drive-lettered) path no kind: the
    // upload is a 422 naming it, and nothing is stored.
    const hostile = "Takeout/Fitbit/Oxygen Saturation (SpO2)/..\\..\\Minute SpO2 - evil.csv";
    await expectProblem(await client.upload([...overlapping(1, 60), [hostile, csv]]), 422, /not part of a Fitbit export/);
    const uploadId = await upload(client, [
      ...overlapping(1, 60),
      ["Takeout/Fitbit/One/Oxygen Saturation (SpO2)/Minute SpO2 - 2023-01-25.csv", csv],
      ["Takeout/Fitbit/Two/Oxygen Saturation (SpO2)/Minute SpO2 - 2023-01-25.csv", `${csv}2023-01-25T00:01:00,96\n`],
    ]);
    const conv = await client.postJson("/api/convert", { uploadId, timeZone: "UTC" });
    expect(conv.status, await conv.clone().text()).toBe(201);
    const { conversionId, files } = await conv.json();
    const paths = files.map((f) => f.path);
    for (const p of paths) {
      expect(p).not.toMatch(/\\|(^|\/)\.\.($|\/)|\.\.|:|[\u0000-\u001f\u007f]/);
    }
    expect(new Set(paths.map((p) => p.toLowerCase())).size).toBe(paths.length);
    const others = paths.filter((p) => p.startsWith("reference/other/")).sort();
    expect(others).toEqual([
      "reference/other/Oxygen Saturation (SpO2)/Minute SpO2 - 2023-01-25-2.csv",
      "reference/other/Oxygen Saturation (SpO2)/Minute SpO2 - 2023-01-25.csv",
    ]);
    const dl = await client.fetch(`/api/download/${conversionId}`);
    expect(dl.status).toBe(200);
    const zip = unzipSync(new Uint8Array(await dl.arrayBuffer()));
    expect(Object.keys(zip).filter((n) => n.startsWith("reference/other/")).sort()).toEqual(others);
    // Each file is its own input, byte for byte.
    expect(new TextDecoder().decode(zip[others[0]])).toBe(`${csv}2023-01-25T00:01:00,96\n`);
    expect(new TextDecoder().decode(zip[others[1]])).toBe(csv);
    const one = await client.fetch(`/api/download/${conversionId}/${others[1].split("/").map(encodeURIComponent).join("/")}`);
    expect(one.status).toBe(200);
  }, LONG);
});
