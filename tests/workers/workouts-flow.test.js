// Workouts, daily activity and reference data through the Worker inside workerd (real local
// D1): upload an export with workouts, TCX tracks and per-minute data, convert with `kinds`,
// download the zip; every activity FIT decodes with Garmin's @garmin/fitsdk; zero KV.
import { Decoder, Stream } from "@garmin/fitsdk";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { generateExport } from "../../scripts/gen-takeout.mjs";
import { newClient, opsOf } from "./api-client.js";

const text = (u8) => new TextDecoder().decode(u8);
// Small enough for one upload (the Worker's cap is 192 KiB): two weeks of workouts with
// sparse trackpoints, and a few minutes of per-minute steps (a real day of per-minute data
// is over the cap on its own; the web page splits big exports).
const G = "Takeout/Fitbit/Global Export Data/";
const minute = (t, v) => ({ dateTime: `04/02/24 ${t}`, value: v });
const files = [
  ...generateExport({ seed: 9, years: 0.04, perWeek: 2, workoutsPerWeek: 3, trackInterval: 60, start: "2024-04-01" }),
  { name: `${G}steps-2024-04-02.json`, data: JSON.stringify([minute("13:00:00", "50"), minute("13:01:00", "64"), minute("13:01:00", "60")]) },
  { name: `${G}sedentary_minutes-2024-04-02.json`, data: JSON.stringify([minute("00:00:00", "1200")]) },
];

describe("workouts, daily CSV and reference through the API", () => {
  it("1: validate lists the kinds; convert with kinds writes activity FIT and Activities CSV only; zero KV", async () => {
    const client = newClient();
    const up = await client.upload(files.map((f) => [f.name, f.data]));
    expect(up.status, await up.clone().text()).toBe(201);
    const { uploadId, files: stored } = await up.json();
    expect(stored.some((f) => f.kind === "exercise") && stored.some((f) => f.kind === "sedentary_minutes")).toBe(true);

    const val = await client.postJson("/api/validate", { uploadId });
    expect(val.status).toBe(200);
    const report = await val.json();
    const kinds = Object.fromEntries(report.kinds.map((k) => [k.kind, k]));
    expect(kinds.workouts.importable).toBe(true);
    // Per-minute files are described by their names (the plan reads none of them).
    expect(kinds.daily.importable).toBe(true);
    expect(kinds.daily.files).toBeGreaterThan(0);
    expect(kinds.daily.firstDay).toMatch(/^\d{4}-\d\d-\d\d$/);

    const conv = await client.postJson("/api/convert", { uploadId, kinds: ["workouts", "daily"] });
    expect(conv.status).toBe(201);
    expect(opsOf(conv).kv).toBe(0);
    const conversion = await conv.json();
    const paths = conversion.files.map((f) => f.path);
    expect(paths.every((p) => /^(manifest\.json|IMPORT\.txt|activities\/.+\.fit|csv\/activities-.+\.csv)$/.test(p)), paths.join(" ")).toBe(true);
    expect(paths.some((p) => p.startsWith("activities/")) && paths.some((p) => p.startsWith("csv/"))).toBe(true);

    const dl = await client.fetch(`/api/download/${conversion.conversionId}`);
    expect(dl.status).toBe(200);
    expect(opsOf(dl).kv).toBe(0);
    const zip = unzipSync(new Uint8Array(await dl.arrayBuffer()));
    const manifest = JSON.parse(text(zip["manifest.json"]));
    for (const f of manifest.files.filter((x) => x.kind === "activity")) {
      const decoder = new Decoder(Stream.fromByteArray(Array.from(zip[f.path])));
      expect(decoder.checkIntegrity()).toBe(true);
      const { messages, errors } = decoder.read();
      expect(errors).toEqual([]);
      expect(messages.fileIdMesgs[0].type).toBe("activity");
      expect(messages.activityMesgs.length).toBe(1);
      expect(messages.sessionMesgs[0].startTime.toISOString().replace(".000Z", "Z")).toBe(f.first);
    }
    // 13:00 and 13:01 UTC are 2024-04-02 in New York; the minute both devices recorded counts once.
    expect(text(zip[paths.find((p) => p.startsWith("csv/"))]).split("\n").slice(2, 3)).toEqual(["2024-04-02,0,114,0.00,0,1200,0,0,0,0"]);
  });
});
