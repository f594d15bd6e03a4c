// GET /api/download/{id}[/{path}] inside workerd against real local D1. The conversions here
// are saved with the same saveConversion the convert route uses, so these tests do not depend
// on the converter; tests/workers/api-flow.test.js downloads real conversions.
import { env } from "cloudflare:test";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { saveConversion } from "../../worker-shim/storage/conversion-store.js";
import { CHUNK_BYTES } from "../../worker-shim/storage/file-store.js";
import { Ops } from "../../worker-shim/storage/ops.js";
import { randomId, recordId } from "../../worker-shim/storage/ids.js";
import { expectProblem, newClient, opsOf } from "./api-client.js";
import { noiseBytes, sameBytes } from "./fixtures.js";

const enc = (s) => new TextEncoder().encode(s);

const OUTPUTS = [
  { path: "manifest.json", data: enc('{"generator":"test"}'), kind: "manifest" },
  { path: "IMPORT.txt", data: enc("1. Open Garmin Connect\n"), kind: "instructions" },
  { path: "weight/weight-2023-01.fit", data: noiseBytes(300, 3), kind: "weight" },
  { path: "csv/Body ü.csv", data: enc("Body\nDate,Weight,BMI,Fat\n"), kind: "body_csv" },
];

// A client that has a cookie, and a conversion it owns.
async function ownedConversion(outputs = OUTPUTS, { createdAt = Date.now() } = {}) {
  const client = newClient();
  await client.fetch("/api/status"); // first contact: the cookie
  const conversionId = recordId(createdAt + 7200_000);
  await saveConversion(new Ops(env), {
    conversionId,
    uploadId: randomId(),
    owner: client.id,
    outputs,
    summary: { skipped: [] },
    createdAt,
    expiresAt: createdAt + 7200_000,
  });
  return { client, conversionId };
}

describe("GET /api/download", () => {
  it("1: the zip holds every output in the order saved (the download order), byte for byte; the same bytes on every download", async () => {
    const { client, conversionId } = await ownedConversion();
    const res = await client.fetch(`/api/download/${conversionId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="trackersync-${conversionId.slice(0, 8)}.zip"; filename*=UTF-8''trackersync-${conversionId.slice(0, 8)}.zip`);
    expect(opsOf(res)).toMatchObject({ kv: 0, d1_queries: 2, do: 1, d1_rows_written: 0 });
    const zip = new Uint8Array(await res.arrayBuffer());
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(OUTPUTS.map((o) => o.path));
    for (const o of OUTPUTS) expect(sameBytes(files[o.path], o.data)).toBe(true);
    const again = new Uint8Array(await (await client.fetch(`/api/download/${conversionId}`)).arrayBuffer());
    expect(sameBytes(again, zip)).toBe(true);
  });

  it("2: one file by its path, with its Content-Type and a UTF-8 Content-Disposition", async () => {
    const { client, conversionId } = await ownedConversion();
    const cases = [
      ["manifest.json", "application/json; charset=utf-8", 'attachment; filename="manifest.json"; filename*=UTF-8\'\'manifest.json'],
      ["IMPORT.txt", "text/plain; charset=utf-8", 'attachment; filename="IMPORT.txt"; filename*=UTF-8\'\'IMPORT.txt'],
      ["weight/weight-2023-01.fit", "application/vnd.ant.fit", 'attachment; filename="weight-2023-01.fit"; filename*=UTF-8\'\'weight-2023-01.fit'],
      ["csv/Body ü.csv", "text/csv; charset=utf-8", 'attachment; filename="Body _.csv"; filename*=UTF-8\'\'Body%20%C3%BC.csv'],
    ];
    for (const [path, type, disposition] of cases) {
      const res = await client.fetch(`/api/download/${conversionId}/${path.split("/").map(encodeURIComponent).join("/")}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type")).toBe(type);
      expect(res.headers.get("content-disposition")).toBe(disposition);
      const want = OUTPUTS.find((o) => o.path === path).data;
      expect(sameBytes(new Uint8Array(await res.arrayBuffer()), want)).toBe(true);
      expect(opsOf(res)).toMatchObject({ kv: 0, d1_queries: 2, do: 1 });
    }
  });

  it("3: a file spanning chunks is read from just its chunks", async () => {
    const big = noiseBytes(CHUNK_BYTES + 100, 9);
    const outputs = [
      { path: "reference/a.csv", data: noiseBytes(CHUNK_BYTES - 50, 1) },
      { path: "activities/run.fit", data: big },
      { path: "manifest.json", data: enc("{}") },
    ];
    const { client, conversionId } = await ownedConversion(outputs);
    const res = await client.fetch(`/api/download/${conversionId}/activities/run.fit`);
    expect(sameBytes(new Uint8Array(await res.arrayBuffer()), big)).toBe(true);
    // It starts 50 bytes before the end of chunk 0 and ends in chunk 2: the metadata row, those
    // 3 chunks, and — when another parent's chunk follows in key order — the one row SQLite
    // reads to see the range has ended.
    const read = opsOf(res).d1_rows_read;
    expect(read).toBeGreaterThanOrEqual(1 + 3);
    expect(read).toBeLessThanOrEqual(1 + 3 + 1);
    const small = await client.fetch(`/api/download/${conversionId}/manifest.json`);
    expect(await small.text()).toBe("{}");
  });

  it("4: unknown, expired and someone else's conversions are the same 404", async () => {
    const { client, conversionId } = await ownedConversion();
    const unknown = await expectProblem(await client.fetch(`/api/download/${randomId()}`), 404);
    const other = await expectProblem(await newClient().fetch(`/api/download/${conversionId}`), 404);
    const otherFile = await expectProblem(await newClient().fetch(`/api/download/${conversionId}/manifest.json`), 404);
    const malformed = await expectProblem(await client.fetch(`/api/download/not-an-id`), 404);
    // Expire it by moving its times back (no sleeping): 1 ms past expiry.
    const past = Date.now() - 7200_000 - 1;
    await env.DB.prepare("UPDATE conversions SET created_at = ?1, expires_at = ?1 + 7200000 WHERE conversion_id = ?2").bind(past, conversionId).run();
    await env.DB.prepare("UPDATE file_chunks SET expires_at = ?1 + 7200000 WHERE parent_id = ?2").bind(past, conversionId).run();
    const expired = await expectProblem(await client.fetch(`/api/download/${conversionId}`), 404);
    const expiredFile = await expectProblem(await client.fetch(`/api/download/${conversionId}/IMPORT.txt`), 404);
    for (const body of [other, otherFile, malformed, expired, expiredFile]) expect(body).toEqual(unknown);
    expect(unknown.detail).toMatch(/kept for 2 hours/);
  });

  it("5: a path the conversion does not have is a 404 that says where the list is", async () => {
    const { client, conversionId } = await ownedConversion();
    await expectProblem(await client.fetch(`/api/download/${conversionId}/weight/nope.fit`), 404, /no file at that path/);
    await expectProblem(await client.fetch(`/api/download/${conversionId}/%E0%A4%A`), 400, /percent-encoding/);
  });

  it("6: POST on a download is 405", async () => {
    const res = await newClient().fetch(`/api/download/${randomId()}`, { method: "POST" });
    await expectProblem(res, 405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
  });

  // HEAD is GET without the body: what a client (curl -I, a download manager) asks first.
  it("7: HEAD answers as GET would, headers and status, with no body", async () => {
    const { client, conversionId } = await ownedConversion();
    const rows = [
      // [#, path, status, why, request headers]
      [1, `/api/download/${conversionId}/weight/weight-2023-01.fit`, 200, "a file: its type and length, as GET gives them"],
      [2, `/api/download/${conversionId}`, 200, "the zip"],
      [3, `/api/download/${randomId()}`, 404, "another's or no conversion: the same 404 as GET"],
      [4, "/api/status", 200, "a GET route that is not a download"],
      [5, "/api/status", 403, "another site's request, refused before the limiter: no body either", { "sec-fetch-site": "cross-site", "sec-fetch-mode": "no-cors" }],
    ];
    for (const [n, path, status, why, headers = {}] of rows) {
      const get = await client.fetch(path, { headers });
      const head = await client.fetch(path, { method: "HEAD", headers });
      expect(head.status, `row ${n}: ${why}`).toBe(status);
      expect(get.status, `row ${n}`).toBe(status);
      for (const h of ["content-type", "content-length", "content-disposition", "cache-control"]) expect(head.headers.get(h), `row ${n}: ${h}`).toBe(get.headers.get(h));
      expect((await head.arrayBuffer()).byteLength, `row ${n}: no body`).toBe(0);
      if (head.headers.has("x-trackersync-ops")) expect(opsOf(head).kv, `row ${n}`).toBe(0);
    }
  });
});
