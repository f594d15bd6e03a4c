// POST /api/upload inside workerd against real local D1: what is stored, what is refused
// (and that a refusal stores nothing), cookies, atomicity and concurrency.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../worker-shim/index.js";
import { Ops } from "../../worker-shim/storage/ops.js";
import { CHUNK_BYTES, INLINE_BYTES, packFiles, parentOf, readAllFiles, storeStream } from "../../worker-shim/storage/file-store.js";
import { SQL } from "../../worker-shim/storage/queries.js";
import { DEFAULT_MAX_BYTES, FILE_MAX_BYTES, PLAN_READ_MAX_BYTES, UPLOAD_MAX_REQUESTS } from "../../worker-shim/shared/upload-limits.js";
import { encodeBundle } from "../../worker-shim/shared/bundle.js";
import { BASE, expectProblem, form, newClient, opsOf } from "./api-client.js";
import { PROFILE_PATH, WEIGHT_PATH, noiseBytes, sameBytes, weightFiles, weightJson } from "./fixtures.js";

async function rowCounts() {
  const u = await env.DB.prepare("SELECT COUNT(*) AS n FROM uploads").first();
  const c = await env.DB.prepare("SELECT COUNT(*) AS n FROM file_chunks").first();
  return { uploads: u.n, chunks: c.n };
}

async function storedFiles(uploadId, now = Date.now()) {
  const row = await env.DB.prepare("SELECT metadata FROM uploads WHERE upload_id = ?").bind(uploadId).first();
  const metadata = JSON.parse(row.metadata);
  return readAllFiles(new Ops(env), parentOf("upload", uploadId, metadata), metadata.files, now);
}

const text = (u8) => new TextDecoder().decode(u8);

describe("POST /api/upload", () => {
  it("1: stores an export's files with their kinds, for 1 hour, with zero KV and one D1 batch", async () => {
    const client = newClient();
    const files = [...weightFiles(5), ["Takeout/Fitbit/Physical Activity_GoogleData/weight.csv", "timestamp,weight grams,data source\n"]];
    const before = Date.now();
    const res = await client.upload(files);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.uploadId).toMatch(/^[0-9a-z]{9}[A-Za-z0-9_-]{22}$/);
    expect(body.files).toEqual([
      { name: WEIGHT_PATH, bytes: weightJson(5).length, kind: "weight" },
      { name: PROFILE_PATH, bytes: files[1][1].length, kind: "profile" },
      { name: files[2][0], bytes: files[2][1].length, kind: "weight_csv" },
    ]);
    const expires = Date.parse(body.expiresAt);
    expect(expires - before).toBeGreaterThanOrEqual(3600_000 - 1000);
    expect(expires - before).toBeLessThanOrEqual(3600_000 + 1000);
    // A small upload is one row (its bytes in the row itself): one query, one row written;
    // nothing read, nothing from KV.
    // One batch: the storage budget's charge and the upload's row (storage/storage-budget.js).
    expect(opsOf(res)).toEqual({ kv: 0, d1_queries: 2, d1_rows_read: expect.any(Number), d1_rows_written: 2, do: 1 });
    const row = await env.DB.prepare("SELECT owner, created_at, expires_at FROM uploads WHERE upload_id = ?").bind(body.uploadId).first();
    expect(row.owner).toBe(client.id);
    expect(row.expires_at - row.created_at).toBe(3600_000);
    const stored = await storedFiles(body.uploadId);
    expect(stored.map((f) => [f.name, text(f.data)])).toEqual(files);
  });

  it("2: the first contact gets a signed HttpOnly, Secure, SameSite=Lax cookie; later requests keep it", async () => {
    const client = newClient();
    const res = await client.upload(weightFiles(1));
    const set = res.headers.get("set-cookie");
    expect(set).toMatch(/^__Host-ts_client=[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}; /);
    for (const attr of ["HttpOnly", "Secure", "SameSite=Lax", "Path=/"]) expect(set).toContain(attr);
    const again = await client.upload(weightFiles(1));
    expect(again.headers.get("set-cookie")).toBeNull();
  });

  it("3: a forged cookie (id without a valid signature) is replaced by a fresh id", async () => {
    const victim = newClient();
    await victim.upload(weightFiles(1));
    const forged = `__Host-ts_client=${victim.id}.${"A".repeat(43)}`;
    const res = await newClient().fetch("/api/upload", { method: "POST", body: form(weightFiles(1)), headers: { cookie: forged } });
    expect(res.status).toBe(201);
    const set = res.headers.get("set-cookie");
    expect(set).toBeTruthy();
    expect(set).not.toContain(victim.id);
    // The victim's own signature with its last character's two spare bits set (atob ignores
    // them; helper finding): not the value the Worker signed, so not the victim.
    const sig = victim.cookie.split(".")[1];
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const twin = alphabet[alphabet.indexOf(sig[42]) + 1];
    const spare = `__Host-ts_client=${victim.id}.${sig.slice(0, 42)}${twin}`;
    const other = await newClient().fetch(`/api/upload`, { method: "POST", body: form(weightFiles(1)), headers: { cookie: spare } });
    expect(other.status).toBe(201);
    expect(other.headers.get("set-cookie")).not.toContain(victim.id);
  });

  it("4: a file that is not from an export is 422, names it, and nothing is stored", async () => {
    const before = await rowCounts();
    const res = await newClient().upload([...weightFiles(1), ["holiday.jpg", "JFIF"], ["notes.txt", "x"]]);
    const body = await expectProblem(res, 422, /"holiday\.jpg", "notes\.txt"/);
    expect(body.detail).toMatch(/nothing was stored/);
    expect(await rowCounts()).toEqual(before);
  });

  it("5: one file over 2 MiB is 413 naming the file, saying what to do, and nothing is stored", async () => {
    const before = await rowCounts();
    const res = await newClient().upload([[WEIGHT_PATH, noiseBytes(FILE_MAX_BYTES + 1)]]);
    const body = await expectProblem(res, 413, /"Takeout\/Fitbit\/Global Export Data\/weight-2023-01-01\.json" is 2\.0 MiB \(2097153 bytes\), more than the 2\.0 MiB \(2097152 bytes\) the server takes in one file/);
    expect(body.detail).toMatch(/convert on this device/);
    expect(await rowCounts()).toEqual(before);
  });

  it("5b: several files together over one request's cap: 413 saying to send the rest in more requests; weight.csv alone over it: 413 saying it can be left out", async () => {
    const half = noiseBytes(DEFAULT_MAX_BYTES / 2 + 1);
    const together = await newClient().upload([[WEIGHT_PATH, half], [PROFILE_PATH, half]]);
    await expectProblem(together, 413, /uploadId=… adds files to the same upload/);
    const csv = await newClient().upload([["Takeout/Fitbit/Physical Activity_GoogleData/weight.csv", noiseBytes(FILE_MAX_BYTES + 1)]]);
    await expectProblem(csv, 413, /weight\.csv only confirms the weight unit.*leave it out/);
  });

  it("6: more files than the cap is 413, counted on the form's delimiters before the runtime parses it (20,000 empty parts took ~260 ms of CPU to parse)", async () => {
    const files = Array.from({ length: 501 }, (_, i) => [`Takeout/Fitbit/Global Export Data/weight-2020-01-${i}.json`, "[]"]);
    await expectProblem(await newClient().upload(files), 413, /more than 500 files/);
    // Attack finding: the runtime's parser also splits on bare-LF line ends and un-escapes a
    // quoted boundary, so either walked past the count (20,000 parts: 244 ms, 413 only after
    // parsing). The count sees what the parser sees, or the request is refused unparsed.
    const parts = (eol, boundary) =>
      Array.from({ length: 501 }, (_, i) => `--${boundary}${eol}Content-Disposition: form-data; name="file"; filename="w-${i}.json"${eol}${eol}[]${eol}`).join("") + `--${boundary}--${eol}`;
    for (const [row, why, type, body, status, detail] of [
      [1, "bare-LF line ends: counted as the parser splits them", "multipart/form-data; boundary=XyZ", parts("\n", "XyZ"), 413, /more than 500 files/],
      [2, "a quoted boundary with an escape: the count and the parser would read it apart", 'multipart/form-data; boundary="X\\yZ"', parts("\r\n", "XyZ"), 400, /one boundary parameter.*backslash/],
      [3, "two boundary parameters", "multipart/form-data; boundary=XyZ; boundary=Q", parts("\r\n", "XyZ"), 400, /one boundary parameter/],
      [4, "no boundary parameter", "multipart/form-data", parts("\r\n", "XyZ"), 400, /one boundary parameter/],
      [5, "a boundary RFC 2046 does not allow but the runtime parses (hand-written clients send it): counted", "multipart/form-data; boundary=*****", parts("\r\n", "*****"), 413, /more than 500 files/],
      [6, "review finding: a space after '=' is part of the value to the parser: refused unparsed", "multipart/form-data; boundary= XyZ", parts("\r\n", "XyZ"), 400, /one boundary parameter/],
      [7, "review finding: a quote after a space is no quote to the parser: refused unparsed", 'multipart/form-data; boundary= "XyZ"', parts("\r\n", "XyZ"), 400, /one boundary parameter/],
      [8, "a tab after '='", "multipart/form-data; boundary=\tXyZ", parts("\r\n", "XyZ"), 400, /one boundary parameter/],
    ]) {
      const res = await newClient({ rotateNetwork: true }).fetch("/api/upload", { method: "POST", headers: { "content-type": type }, body });
      await expectProblem(res, status, detail).catch((err) => {
        throw new Error(`row ${row} (${why}): ${err.message}`);
      });
    }
  });

  it("7: a declared Content-Length over the cap is refused before the body is read", async () => {
    const res = await newClient().fetch("/api/upload", {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(50 * 1024 * 1024) },
      body: "--x--",
    });
    await expectProblem(res, 413, /at most 2\.0 MiB/);
  });

  it("8: each malformed request is a 400/415 problem naming what to fix", async () => {
    const c = newClient({ rotateNetwork: true });
    await expectProblem(await c.postJson("/api/upload", { files: [] }), 415, /multipart\/form-data or application\/x-trackersync-bundle, not application\/json/);
    await expectProblem(await c.fetch("/api/upload", { method: "POST", body: "x" }), 415, /multipart\/form-data/);
    const noFiles = new FormData();
    await expectProblem(await c.fetch("/api/upload", { method: "POST", body: noFiles }), 400, /has no files/);
    const field = new FormData();
    field.append("note", "hello");
    await expectProblem(await c.fetch("/api/upload", { method: "POST", body: field }), 400, /part "note"/);
    await expectProblem(await c.upload([...weightFiles(1), [WEIGHT_PATH, "[]"]]), 400, /already in this upload/);
    const broken = await c.fetch("/api/upload", { method: "POST", headers: { "content-type": "multipart/form-data; boundary=abc" }, body: "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"Profile.csv\"\r\n\r\nno end" });
    await expectProblem(broken, 400, /could not be read/);
  });

  it("9: GET /api/upload is 405 with Allow: POST", async () => {
    const res = await newClient().fetch("/api/upload");
    await expectProblem(res, 405, /GET is not allowed/);
    expect(res.headers.get("allow")).toBe("POST");
  });

  it("10: with the cap raised by its var, a file larger than a chunk spans chunk rows and reads back exactly", async () => {
    const big = noiseBytes(CHUNK_BYTES + 12345, 7);
    const request = new Request(`${BASE}/api/upload`, { method: "POST", body: form([[WEIGHT_PATH, big], [PROFILE_PATH, "tz"]]) });
    const res = await worker.fetch(request, { ...env, UPLOAD_MAX_BYTES: String(4 * CHUNK_BYTES) });
    expect(res.status).toBe(201);
    const { uploadId } = await res.json();
    expect(opsOf(res).d1_queries).toBe(4); // the charge, metadata + 2 chunks (too large for the row itself)
    const stored = await storedFiles(uploadId);
    expect(sameBytes(stored[0].data, big)).toBe(true);
    expect(text(stored[1].data)).toBe("tz");
    const lengths = await env.DB.prepare("SELECT chunk_index, length(base64) AS n FROM file_chunks WHERE parent_id = ? ORDER BY chunk_index").bind(uploadId).all();
    expect(lengths.results.map((r) => r.chunk_index)).toEqual([0, 1]);
    for (const r of lengths.results) expect(r.n).toBeLessThan(2_000_000); // D1's row limit
  });

  it("11: an upload interrupted mid-body stores nothing", async () => {
    const before = await rowCounts();
    const boundary = "cut";
    const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${WEIGHT_PATH}"\r\n\r\n[`);
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(head);
        controller.enqueue(noiseBytes(64 * 1024));
        controller.error(new Error("connection reset"));
      },
    });
    const res = await newClient().fetch("/api/upload", { method: "POST", headers: { "content-type": `multipart/form-data; boundary=${boundary}` }, body, duplex: "half" });
    expect(res.status).toBe(400);
    expect(await rowCounts()).toEqual(before);
  });

  it("12: the metadata row and its chunks are one transaction: a failure in the batch leaves neither", async () => {
    const before = await rowCounts();
    const { stream } = packFiles([{ name: WEIGHT_PATH, data: noiseBytes(CHUNK_BYTES + 1) }]);
    const statements = [[SQL.insertUpload, "atomic-test-upload-id0", "owner", "{}", 1, 2, null], ...storeStream("atomic-test-upload-id0", stream, 2).statements];
    statements.push(statements[1]); // the same chunk key twice: the batch's last statement fails
    await expect(new Ops(env).d1Batch(statements)).rejects.toThrow(/UNIQUE|constraint/i);
    expect(await rowCounts()).toEqual(before);
  });

  it("13: concurrent uploads from one client never mix their files", async () => {
    const client = newClient({ rotateNetwork: true });
    await client.upload(weightFiles(1)); // get the cookie first, as a browser would
    const sets = Array.from({ length: 8 }, (_, i) => [
      [WEIGHT_PATH, weightJson(3 + i, 150 + i)],
      [PROFILE_PATH, `upload ${i}`],
      ["Takeout/Fitbit/Activities/100" + i + ".tcx", noiseBytes(1000 + i, i + 1)],
    ]);
    const responses = await Promise.all(sets.map((files) => client.upload(files)));
    const ids = new Set();
    for (const [i, res] of responses.entries()) {
      expect(res.status).toBe(201);
      const { uploadId } = await res.json();
      ids.add(uploadId);
      const stored = await storedFiles(uploadId);
      expect(stored.map((f) => f.name)).toEqual(sets[i].map(([n]) => n));
      expect(text(stored[0].data)).toBe(sets[i][0][1]);
      expect(text(stored[1].data)).toBe(`upload ${i}`);
      expect(sameBytes(stored[2].data, sets[i][2][1])).toBe(true);
    }
    expect(ids.size).toBe(8);
  });

  it("14: D1 unavailable is a 503 problem, never a 500 or a stack", async () => {
    const failing = {
      prepare() {
        throw new Error("D1_ERROR: database unavailable");
      },
      batch() {
        return Promise.reject(new Error("D1_ERROR: database unavailable"));
      },
    };
    const res = await worker.fetch(new Request(`${BASE}/api/upload`, { method: "POST", body: form(weightFiles(1)) }), { ...env, DB: failing });
    await expectProblem(res, 503, /try again/);
  });

  it("15: ?uploadId= adds a request's files to the same upload: the upload lists them all, reads them back exactly, and an added request is one chunk row and one metadata update", async () => {
    const client = newClient({ rotateNetwork: true });
    const first = await client.upload(weightFiles(3));
    const { uploadId } = await first.json();
    const big = noiseBytes(INLINE_BYTES + 10, 3); // over what a row keeps itself: chunk rows
    const add = await client.fetch(`/api/upload?uploadId=${uploadId}`, { method: "POST", body: form([["Takeout/Fitbit/Activities/7.tcx", big]]) });
    expect(add.status).toBe(201);
    expect(opsOf(add)).toMatchObject({ kv: 0, d1_rows_written: 3 }); // the charge, a chunk, the metadata
    const body = await add.json();
    expect(body.uploadId).toBe(uploadId);
    expect(body.files.map((f) => f.name)).toEqual([WEIGHT_PATH, PROFILE_PATH, "Takeout/Fitbit/Activities/7.tcx"]);
    expect(body.totalBytes).toBe(weightJson(3).length + weightFiles(3)[1][1].length + big.length);
    const stored = await storedFiles(uploadId);
    expect(text(stored[0].data)).toBe(weightJson(3));
    expect(sameBytes(stored[2].data, big)).toBe(true);
    // A name already in the upload, another client's upload, an unknown id: refused, nothing stored.
    await expectProblem(await client.fetch(`/api/upload?uploadId=${uploadId}`, { method: "POST", body: form([[WEIGHT_PATH, "[]"]]) }), 400, /already in this upload/);
    // A misspelt parameter would have started a new upload without a word.
    await expectProblem(await client.fetch(`/api/upload?uploadid=${uploadId}`, { method: "POST", body: form(weightFiles(1)) }), 400, /one query parameter, uploadId .*not "uploadid"/);
    // A part named "file" without a filename is told what it lacks.
    const nameless = new FormData();
    nameless.append("file", "[]");
    await expectProblem(await client.fetch("/api/upload", { method: "POST", body: nameless }), 400, /has no filename: give each file part its path/);
    await expectProblem(await newClient().fetch(`/api/upload?uploadId=${uploadId}`, { method: "POST", body: form(weightFiles(1)) }), 404, /kept for 1 hour/);
    await expectProblem(await client.fetch("/api/upload?uploadId=nope", { method: "POST", body: form(weightFiles(1)) }), 404, /kept for 1 hour/);
    expect((await storedFiles(uploadId)).length).toBe(3);
  });

  it("16: two requests adding to one upload at once: one is stored, the other is a 409 to send again, and nothing is lost or mixed", async () => {
    const client = newClient({ rotateNetwork: true });
    const { uploadId } = await (await client.upload(weightFiles(1))).json();
    const adds = await Promise.all([0, 1].map((i) =>
      client.fetch(`/api/upload?uploadId=${uploadId}`, { method: "POST", body: form([[`Takeout/Fitbit/Activities/${i}.tcx`, noiseBytes(100 + i, i + 5)]]) })));
    const statuses = adds.map((r) => r.status).sort();
    // Each either landed or was told to try again; never both lost, never a mixed metadata.
    for (const s of statuses) expect([201, 409]).toContain(s);
    const names = (await storedFiles(uploadId)).map((f) => f.name);
    expect(names.length).toBe(2 + statuses.filter((s) => s === 201).length);
  });

  it("17: the same files as one TSB1 bundle (the page's body) are stored alike; a bundle is held to the same caps and checks", async () => {
    const client = newClient({ rotateNetwork: true });
    const files = weightFiles(3);
    const post = (body, c = client) => c.fetch("/api/upload", { method: "POST", headers: { "content-type": "application/x-trackersync-bundle" }, body });
    const bundle = (list, options = null) => encodeBundle(options, list.map(([name, data]) => ({ name, data })));
    const res = await post(bundle(files));
    expect(res.status).toBe(201);
    const { uploadId, files: listed } = await res.json();
    expect(listed.map((f) => f.name)).toEqual(files.map(([name]) => name));
    expect((await storedFiles(uploadId)).map((f) => [f.name, text(f.data)])).toEqual(files);
    const before = await rowCounts();
    const cases = [
      [1, bundle([]), 400, /has no files/],
      [2, new Uint8Array([84, 83, 66, 49, 0, 0, 0]), 400, /is not a TSB1 bundle/],
      [3, bundle(files, { timeZone: "UTC" }), 400, /carries no options/],
      [4, bundle([[WEIGHT_PATH, noiseBytes(FILE_MAX_BYTES + 1)]]), 413, /"Takeout\/Fitbit\/Global Export Data\/weight-2023-01-01\.json" is 2\.0 MiB/],
      [5, bundle([...files, ["holiday.jpg", "JFIF"]]), 422, /"holiday\.jpg"/],
      [6, bundle([...files, [files[0][0], "[]"]]), 400, /appears twice/],
      [7, bundle(Array.from({ length: 501 }, (_, i) => [`Takeout/Fitbit/Global Export Data/weight-2020-01-${i}.json`, "[]"])), 413, /501 files/],
      // A NUL inside a name is a path the core never reads (a control character), whatever
      // kind its tail names: it was stored as a weight file.
      [8, bundle([...files, ["Takeout/Fitbit/Global Export Data/weight-2023-02-01.js\0on", "[]"]]), 422, /not part of a Fitbit export/],
      // A "./" or "/" in front, as archivers may write names: refused, and said as the path's
      // fault (helper finding: it read as a file of no export).
      [9, bundle([["./Takeout/Fitbit/Global Export Data/weight-2023-02-01.json", "[]"]]), 422, /A path may not start with "\/" or hold an empty, "\." or "\.\." part/],
      [10, bundle([["/Takeout/Fitbit/Global Export Data/weight-2023-02-01.json", "[]"]]), 422, /without a "\.\/" in front/],
    ];
    for (const [n, body, status, detail] of cases) await expectProblem(await post(body, newClient({ rotateNetwork: true })), status, detail).catch((e) => {
      throw new Error(`case ${n}: ${e.message}`);
    });
    expect(await rowCounts()).toEqual(before);
  });

  it("18: a file list longer than one D1 row keeps is a 413 saying what to do, and nothing is stored (4,000 empty files under 494-character paths: D1 refused the row, a 503 on every retry)", async () => {
    const day = (k) => new Date(Date.UTC(2000, 0, 1) + k * 86400000).toISOString().slice(0, 10);
    const files = Array.from({ length: 4000 }, (_, k) => ({ name: `Takeout/${"x".repeat(456)}/Fitbit/weight-${day(k)}.json`, data: new Uint8Array(0) }));
    expect(files[0].name.length).toBe(494);
    const before = await rowCounts();
    const request = new Request(`${BASE}/api/upload`, { method: "POST", headers: { "content-type": "application/x-trackersync-bundle" }, body: encodeBundle(null, files) });
    // The request caps raised (their vars), so that only the row's size is in the way.
    const res = await worker.fetch(request, { ...env, UPLOAD_MAX_BYTES: String(8 << 20), UPLOAD_MAX_FILES: "5000" });
    await expectProblem(res, 413, /the upload's list of files would be \d+ bytes, more than the 1950000 one upload keeps: 4000 files under long paths/);
    expect(await rowCounts()).toEqual(before);
    // The same names, fewer of them, are stored.
    const fewer = new Request(`${BASE}/api/upload`, { method: "POST", headers: { "content-type": "application/x-trackersync-bundle" }, body: encodeBundle(null, files.slice(0, 500)) });
    expect((await worker.fetch(fewer, { ...env, UPLOAD_MAX_BYTES: String(8 << 20), UPLOAD_MAX_FILES: "5000" })).status).toBe(201);
  });

  // Attack finding: validate and convert read an upload back with one D1 statement per chunk,
  // and D1 counts every statement of a batch against its 50 per invocation: an upload built by
  // 70 requests was read with 71. Now one statement per request's stream, and an upload takes
  // at most UPLOAD_MAX_REQUESTS requests.
  it("19: an upload of UPLOAD_MAX_REQUESTS requests takes no more (413 before the body is read), and validate reads it with one statement per request", async () => {
    const client = newClient();
    const first = await client.upload(weightFiles(2));
    const { uploadId } = await first.json();
    const row = await env.DB.prepare("SELECT metadata, expires_at FROM uploads WHERE upload_id = ?").bind(uploadId).first();
    const metadata = JSON.parse(row.metadata);
    // Streams 1 … 39 as the route stores them: a month of weigh-ins each, one over a chunk (two
    // chunk rows, read back in one range statement).
    const statements = [];
    for (let n = 1; n < UPLOAD_MAX_REQUESTS; n += 1) {
      const name = `Takeout/Fitbit/Global Export Data/weight-${1950 + n}-01-01.json`; // none the first request's name
      const json = n === 7 ? `${" ".repeat(CHUNK_BYTES)}${weightJson(3)}` : weightJson(3);
      const { stream, index } = packFiles([{ name, data: new TextEncoder().encode(json), kind: "weight" }]);
      metadata.files.push(...index.map((f) => ({ ...f, stream: n })));
      metadata.totalBytes += stream.length;
      for (const [sql, ...params] of storeStream(uploadId, stream, row.expires_at, n).statements) statements.push(env.DB.prepare(sql).bind(...params));
    }
    metadata.streams = UPLOAD_MAX_REQUESTS;
    statements.push(env.DB.prepare("UPDATE uploads SET metadata = ? WHERE upload_id = ?").bind(JSON.stringify(metadata), uploadId));
    await env.DB.batch(statements);
    const before = await rowCounts();
    const more = await client.fetch(`/api/upload?uploadId=${uploadId}`, { method: "POST", body: form([["Takeout/Fitbit/Global Export Data/weight-1999-01-01.json", weightJson(1)]]) });
    await expectProblem(more, 413, new RegExp(`already holds the files of ${UPLOAD_MAX_REQUESTS} requests.*Start a new upload and send the files in fewer, fuller requests`));
    expect(await rowCounts()).toEqual(before);
    const validate = await client.postJson("/api/validate", { uploadId });
    expect(validate.status).toBe(200);
    // The upload's row, one statement per stream, then the report kept in the upload's row with
    // its charge: within D1's 50 a request.
    expect(opsOf(validate).d1_queries).toBe(3 + UPLOAD_MAX_REQUESTS);
    const report = await validate.json();
    // Every request's weigh-ins read: 2 in the first, 3 in each of the 39 others.
    // Every request's file read: 2 weigh-ins in the first, the same 3 in each of the 39 others.
    expect(report.kinds.find((k) => k.kind === "weight")).toMatchObject({ files: UPLOAD_MAX_REQUESTS, weighIns: { json: 2 + 3 * (UPLOAD_MAX_REQUESTS - 1) } });
    const stored = await storedFiles(uploadId);
    expect(stored).toHaveLength(metadata.files.length);
    expect(text(stored.find((f) => f.name.includes("weight-1957")).data).trim()).toBe(weightJson(3));
  });

  // Attack finding: 16 files of 2 MiB of weigh-ins took validate 1.4-1.9 s of CPU to end in the
  // core's out-of-memory 413, whose advice ("send fewer files in one request") did not fit.
  it("20: an upload whose light files are over PLAN_READ_MAX_BYTES is refused by validate and the server's own plan before any is read (413 saying what to do); the upload itself is kept", async () => {
    const client = newClient();
    const { uploadId } = await (await client.upload(weightFiles(2))).json();
    const row = await env.DB.prepare("SELECT metadata FROM uploads WHERE upload_id = ?").bind(uploadId).first();
    const metadata = JSON.parse(row.metadata);
    // Sizes only: were any of these read, their missing bytes would make a 404, not a 413.
    for (let n = 1; n <= 5; n += 1)
      metadata.files.push({ name: `Takeout/Fitbit/Global Export Data/weight-${1950 + n}-01-01.json`, kind: "weight", bytes: FILE_MAX_BYTES, offset: 0, stream: n });
    metadata.streams = 6;
    await env.DB.prepare("UPDATE uploads SET metadata = ? WHERE upload_id = ?").bind(JSON.stringify(metadata), uploadId).run();
    const detail = /holds 10\.\d MiB of the files a plan reads .*more than the 8\.0 MiB one request reads\. Make the plan with the core on your own machine and send it/;
    const validate = await client.postJson("/api/validate", { uploadId });
    await expectProblem(validate, 413, detail);
    expect(opsOf(validate).d1_queries).toBe(1); // the upload's row, nothing of its files
    await expectProblem(await client.postJson("/api/convert", { uploadId, timeZone: "UTC" }), 413, detail);
    expect(PLAN_READ_MAX_BYTES).toBe(8 * 1024 * 1024);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM uploads WHERE upload_id = ?").bind(uploadId).first()).toEqual({ n: 1 });
  });
});
