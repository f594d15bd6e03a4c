// The storage budget (worker-shim/storage/storage-budget.js) against real local D1: every
// storing request is charged in its own batch, a charge past the cap stores nothing and is a
// 503 saying what to do, the process keeps serving, and maintenance's recount gives back what
// expired. The cap is the default's; the budget row is set near it, as a flood would leave it.
import { env } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import { getCore } from "../../worker-shim/core/instance.js";
import { runMaintenance } from "../../worker-shim/cron/maintenance.js";
import { Ops } from "../../worker-shim/storage/ops.js";
import { STORAGE_MAX_BYTES } from "../../worker-shim/storage/storage-budget.js";
import { expectProblem, newClient } from "./api-client.js";
import { weightFiles } from "./fixtures.js";

const budget = async () => (await env.DB.prepare("SELECT bytes FROM storage_budget WHERE id = 1").first()).bytes;
const setBudget = (bytes) => env.DB.prepare("UPDATE storage_budget SET bytes = ?1, check_cap = 0 WHERE id = 1").bind(bytes).run();
const count = async (table) => (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first()).n;
// What the live rows keep, measured as maintenance's recount does.
async function liveBytes() {
  const r = await env.DB.prepare(
    `SELECT (SELECT COALESCE(SUM(length(base64)), 0) FROM file_chunks)
      + (SELECT COALESCE(SUM(length(metadata) + COALESCE(length(data), 0)), 0) FROM uploads)
      + (SELECT COALESCE(SUM(length(metadata) + COALESCE(length(data), 0)), 0) FROM conversions) AS n`,
  ).first();
  return r.n;
}

describe("the storage budget", () => {
  afterEach(async () => {
    await runMaintenance(getCore(), new Ops(env), Date.now()); // the true count again
  });

  it("1: an upload is charged exactly what it stores, in its own batch", async () => {
    await runMaintenance(getCore(), new Ops(env), Date.now());
    const before = await budget();
    expect(before).toBe(await liveBytes());
    const res = await newClient().upload(weightFiles(20));
    expect(res.status).toBe(201);
    expect(await budget()).toBe(await liveBytes());
    expect(await budget()).toBeGreaterThan(before);
  });

  it("2: an upload past the cap is a 503 that says to convert on the device, stores nothing, and the Worker keeps serving", async () => {
    await setBudget(STORAGE_MAX_BYTES - 100);
    const rows = [await count("uploads"), await count("file_chunks")];
    const client = newClient();
    const res = await client.upload(weightFiles(20));
    const body = await expectProblem(res, 503, /storage is full just now.*Nothing of this request was stored.*Convert on this device/);
    expect(body.detail).not.toMatch(/could not reach/);
    expect(res.headers.get("retry-after")).toBe("300");
    expect([await count("uploads"), await count("file_chunks")]).toEqual(rows);
    expect(await budget()).toBe(STORAGE_MAX_BYTES - 100); // the refused charge rolled back with the batch
    expect((await client.fetch("/api/status")).status).toBe(200);
  });

  it("3: a conversion past the cap is the same 503, and no conversion row is kept", async () => {
    const client = newClient();
    const up = await client.upload(weightFiles(20));
    const { uploadId } = await up.json();
    await setBudget(STORAGE_MAX_BYTES - 10);
    const conversions = await count("conversions");
    const res = await client.postJson("/api/convert", { uploadId, timeZone: "America/New_York" });
    await expectProblem(res, 503, /storage is full just now/);
    expect(await count("conversions")).toBe(conversions);
  });

  it("4: maintenance's recount gives back what expired: the next upload is taken again", async () => {
    const client = newClient();
    await setBudget(STORAGE_MAX_BYTES); // full, as a flood would leave it
    await expectProblem(await client.upload(weightFiles(5)), 503, /storage is full/);
    const report = await runMaintenance(getCore(), new Ops(env), Date.now());
    expect(report.queries).toBeGreaterThanOrEqual(3); // the counts and the recount
    expect(await budget()).toBe(await liveBytes());
    expect((await client.upload(weightFiles(5))).status).toBe(201);
  });
});
