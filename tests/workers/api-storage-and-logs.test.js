// What a request leaves behind besides its response: when D1 is down, every hot-path
// endpoint answers 503 problem+json (never a 500 or a stack); and the one log line per
// request carries counts and the route's pattern — never an id, a cookie or a file name.
import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import worker from "../../worker-shim/index.js";
import { recordId } from "../../worker-shim/storage/ids.js";
import { BASE, expectProblem, form, newClient, unavailableD1 } from "./api-client.js";
import { WEIGHT_PATH, weightFiles } from "./fixtures.js";


const json = (body) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("D1 unavailable", () => {
  const cases = [
    [1, "/api/upload", () => ({ method: "POST", body: form(weightFiles(1)) })],
    [2, "/api/validate", () => json({ uploadId: recordId(Date.now() + 3600_000) })],
    [3, "/api/convert", () => json({ uploadId: recordId(Date.now() + 3600_000) })],
    [4, `/api/download/${recordId(Date.now() + 3600_000)}`, () => ({})],
    [5, `/api/download/${recordId(Date.now() + 3600_000)}/manifest.json`, () => ({})],
  ];
  for (const [n, path, init] of cases) {
    it(`${n}: ${path.replace(/[0-9a-z]{9}[A-Za-z0-9_-]{22}/, "{id}")} is a 503 problem saying nothing was lost`, async () => {
      const request = new Request(BASE + path, { ...init(), headers: { ...init().headers, "cf-connecting-ip": `2001:db8:ffff:${n}00::1` } });
      const res = await worker.fetch(request, { ...env, DB: unavailableD1 });
      await expectProblem(res, 503, /Nothing was lost; please try again/);
    });
  }
});

describe("the log line", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is one JSON line per request with the route pattern and the op counts, and no id, cookie or file name", async () => {
    const client = newClient();
    const up = await client.upload([[WEIGHT_PATH, "[]"]]);
    const { uploadId } = await up.json();
    const lines = [];
    vi.spyOn(console, "log").mockImplementation((line) => lines.push(String(line)));
    await client.postJson("/api/validate", { uploadId });
    await client.fetch(`/api/download/${uploadId}/weight.fit`);
    expect(lines.length).toBe(2);
    const [validate, download] = lines.map((l) => JSON.parse(l));
    expect(validate).toEqual({ route: "/api/validate", status: 200, kv: 0, d1Queries: 4, d1RowsRead: expect.any(Number), d1RowsWritten: 2, do: 1, degraded: 0 });
    expect(download).toMatchObject({ route: "/api/download/{id}/{path}", status: 404, kv: 0 });
    for (const line of lines) {
      expect(line).not.toContain(uploadId);
      expect(line).not.toContain(client.id);
      expect(line).not.toContain("weight");
    }
  });
});
