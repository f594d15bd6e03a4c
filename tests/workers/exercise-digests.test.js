// Exercise digests through the Worker, inside workerd with real local D1: the exercise files
// an upload request carries are digested (ts_digest) within the per-request cap and stored
// with their digests; the plan and /api/validate read the digests; files past the cap are read
// whole. The session's zip is the device's byte for byte, and the report the files' own.
// A file of its own: its six exercise files (720 KB) and two sessions run in an isolate of
// their own, apart from convert-steps.test.js's sessions.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { isLightPath } from "../../worker-shim/shared/export-files.js";
import { DIGEST_MAX_BYTES } from "../../worker-shim/shared/upload-limits.js";
import { generateExport } from "../../scripts/gen-takeout.mjs";
import { newClient } from "./api-client.js";
import { bytes, core, deviceZip, serverZip } from "./convert-session.js";
import { sameBytes } from "./fixtures.js";

describe("exercise digests through the API", () => {
  it("1: exercise files are digested as they are uploaded, within the per-request cap, and the plan reads the digests: the device's report and zip, with files past the cap read whole", async () => {
    // Workouts of no track and no heart rate: light steps, 50 workouts each, so six exercise
    // files of 100 records (~140 KB each, as a real export's) make a few steps only.
    const record = (id, day) =>
      JSON.stringify({
        logId: id, activityName: "Walk", activityTypeId: 90013, averageHeartRate: 95, calories: 150, duration: 1800000, activeDuration: 1750000,
        steps: 3000, logType: "manual", startTime: `03/${String(1 + (day % 28)).padStart(2, "0")}/21 ${String(6 + (id % 12)).padStart(2, "0")}:00:00`,
        hasGps: false, distance: 2.4, distanceUnit: "Kilometer", source: { type: "tracker", name: "Charge 5" },
        heartRateZones: ["Out of Range", "Fat Burn", "Cardio", "Peak"].map((name, i) => ({ name, min: 30 + 40 * i, max: 70 + 40 * i, minutes: 10 - i })),
        activityLevel: ["sedentary", "lightly", "fairly", "very"].map((name, i) => ({ minutes: 5 + i, name })),
        note: "x".repeat(700),
      });
    const extra = Array.from({ length: 6 }, (_, f) => ({
      name: `Takeout/Fitbit/Global Export Data/exercise-${1000 + 100 * f}.json`,
      data: `[${Array.from({ length: 100 }, (_, i) => record(61000000000 + f * 100 + i, f * 100 + i)).join(",")}]`,
    }));
    const exerciseBytes = extra.reduce((n, f) => n + f.data.length, 0);
    expect(exerciseBytes).toBeGreaterThan(DIGEST_MAX_BYTES);
    // A small weight export beside them: the session stays light.
    const files = [...generateExport({ seed: 61, years: 0.2, perWeek: 3, start: "2021-03-01" }), ...extra].sort((a, b) => (a.name < b.name ? -1 : 1));
    // Every light file in one upload request: the cap leaves some exercise files undigested.
    const served = await serverZip(newClient({ rotateNetwork: true }), files, {}, { perUpload: 1000 });
    const row = await env.DB.prepare("SELECT metadata FROM uploads WHERE upload_id = ?").bind(served.uploadId).first();
    const exercise = JSON.parse(row.metadata).files.filter((f) => f.kind === "exercise");
    const digested = exercise.filter((f) => f.digest);
    expect(digested.length).toBeGreaterThan(0);
    expect(digested.length).toBeLessThan(exercise.length);
    expect(digested.reduce((n, f) => n + f.bytes, 0)).toBeLessThanOrEqual(DIGEST_MAX_BYTES);
    for (const f of digested) expect(f.digest[1]).toBeLessThan(f.bytes / 5);
    const device = await deviceZip(files);
    expect(sameBytes(served.zip, device.zip)).toBe(true);
    // The validation report from the digests is the report from the files.
    const client = newClient({ rotateNetwork: true });
    const { uploadId } = await (await client.upload(files.filter((f) => isLightPath(core, f.name)).map((f) => [f.name, f.data]))).json();
    const report = await (await client.postJson("/api/validate", { uploadId })).json();
    const light = files.filter((f) => isLightPath(core, f.name));
    expect(report).toEqual(JSON.parse(new TextDecoder().decode(core.callBundle("ts_validate", null, light.map((f) => ({ name: f.name, data: bytes(f.data) }))))));
  }, 120_000);
});
