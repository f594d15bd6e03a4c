// "Bad input gets a clear error and loses nothing", as a property of the HTTP API, inside
// workerd against real local D1, DO and KV.
//
// The storm: a seeded PRNG (fixed seed, so every run sends the same requests) picks REQUESTS
// malformed requests from the generators below — wrong methods and media types, bodies that are
// not JSON or not the right JSON, weird ids and paths, broken multipart, garbage under export
// names, bad options — from a few clients (each its own cookie), every request from a network
// of its own, so the limiter (one Durable Object per client key, which reads its own env's
// policy) never refuses one: the point is what each handler does, not the limiter, which
// tests/workers/limiter.test.js covers. Every response must be:
//   - one of the documented codes (never a 500; a 503 only when the test made D1 fail),
//     and the status the case expects;
//   - for an error, application/problem+json with type, title, status and a detail that is a
//     sentence — no stack-trace text, no echo of what the uploaded files contain;
// and afterwards the happy path still works and D1 holds no half-written upload or conversion.
//
// Findings (numbered, each with its diagnosis) are regression tests in "findings" below.
// The last part captures console output during a happy path and a few failures: no log line
// may carry a value from the files, a file name, an id or the cookie.
import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import worker from "../../worker-shim/index.js";
import { CHUNK_BYTES } from "../../worker-shim/storage/file-store.js";
import { FILE_MAX_BYTES } from "../../worker-shim/shared/upload-limits.js";
import { resetDegradedState } from "../../worker-shim/limiter/degraded.js";
import { FORMATTERS_MAX, formatterCount, isValidZone } from "../../worker-shim/shared/tz.js";
import { BASE, unavailableD1 } from "./api-client.js";
import { PROFILE_CSV, PROFILE_PATH, WEIGHT_PATH, weightJson } from "./fixtures.js";

const SEED = 0x5eed2026;
const REQUESTS = 420;
// Distinctive text put inside every garbage file: no response except a download may contain it.
const MARK = "ZQXJ7MARK";
const DOCUMENTED = new Set([200, 201, 400, 403, 404, 405, 409, 413, 415, 422, 429]);

const testEnv = env;
// An id of the right shape (storage/ids.js) that names nothing: it reaches D1.
const WELL_FORMED_ID = `000000000${"A".repeat(22)}`;

const failingEnv = { ...testEnv, DB: unavailableD1 };

// mulberry32: a small, well-known 32-bit PRNG; enough to pick cases reproducibly.
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    bytes(n) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i += 1) out[i] = Math.floor(next() * 256);
      return out;
    },
  };
}

let clientCount = 0;
function newClient() {
  clientCount += 1;
  return { n: clientCount, cookie: null, ua: `robustness-client-${clientCount}` };
}
// A /56 of its own for every request: a limiter key of its own (identity.js).
let networks = 0;
function nextNetwork() {
  networks += 1;
  return `2001:db8:${(networks >> 8).toString(16)}:${(networks & 0xff).toString(16)}00::1`;
}

async function send(client, method, path, { headers = {}, body } = {}, e = testEnv) {
  const h = new Headers(headers);
  h.set("cf-connecting-ip", nextNetwork());
  h.set("user-agent", client.ua);
  if (client.cookie) h.set("cookie", client.cookie);
  const res = await worker.fetch(new Request(BASE + path, { method, headers: h, body }), e);
  const set = res.headers.get("set-cookie");
  if (set) client.cookie = set.split(";")[0];
  return res;
}

const encoder = new TextEncoder();
const concat = (chunks) => {
  const parts = chunks.map((c) => (typeof c === "string" ? encoder.encode(c) : c));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

// A multipart/form-data body written by hand, so it can be wrong in every way.
// parts: [{field = "file", filename, data}] ; filename undefined = a plain (non-file) field.
function multipart(boundary, parts, { close = true } = {}) {
  const chunks = [];
  for (const p of parts) {
    const fname = p.filename === undefined ? "" : `; filename="${p.filename.replace(/"/g, "%22")}"`;
    chunks.push(`--${boundary}\r\nContent-Disposition: form-data; name="${p.field ?? "file"}"${fname}\r\n`);
    chunks.push(p.filename === undefined ? "\r\n" : "Content-Type: application/octet-stream\r\n\r\n", p.data, "\r\n");
  }
  if (close) chunks.push(`--${boundary}--\r\n`);
  return concat(chunks);
}
const formHeaders = (boundary) => ({ "content-type": `multipart/form-data; boundary=${boundary}` });
const jsonPost = (body, contentType = "application/json") => ({
  headers: contentType ? { "content-type": contentType } : {},
  body: typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body),
});

const EXPORT_NAMES = [
  WEIGHT_PATH,
  "weight-2024-02-01.json",
  "Takeout/Fitbit/Global Export Data/exercise-0.json",
  "MyFitbitData/Person/Physical Activity/steps-2023-01-01.json",
  "Takeout/Fitbit/Global Export Data/heart_rate-2023-01-01.json",
  PROFILE_PATH,
  "Takeout/Fitbit/Physical Activity_GoogleData/weight.csv",
  "Takeout/Fitbit/Activities/123456789.tcx",
  "Takeout/Fitbit/Sleep Score/sleep_score.csv",
];
const WEIRD_NAMES = [
  "../../etc/passwd",
  "Takeout/../weight-2023-01-01.json",
  "/weight-2023-01-01.json",
  "C:\\Windows\\weight-2023-01-01.json",
  "weight-2023-01-01.json\u0000.jpg",
  "Ωmega/ünïcödé/𝄞.json",
  `${"a/".repeat(300)}weight-2023-01-01.json`,
  "x".repeat(10240),
  "holiday.jpg",
  "",
  ".",
  "Takeout/Fitbit/Activities/",
];
const WEIRD_IDS = [
  "..",
  "%2e%2e%2fetc%2fpasswd",
  "..%2F..%2Fetc%2Fpasswd",
  "%C3%BC%F0%9D%84%9E",
  "%00",
  "%ZZ",
  "x".repeat(10240),
  "AAAAAAAAAAAAAAAAAAAAAA",
  "AAAAAAAAAAAAAAAAAAAAA=",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "null",
];
const WEIRD_ZONES = ["Mars/Olympus", "", " ", "UTC ", "America/New_York\u0000", "../../etc/localtime", "GMT+99", 5, true, {}, ["Europe/Berlin"], "x".repeat(5000)];
const WRONG_TYPES = [0, -1, 1.5, -0.0, 1e308, true, null, [], {}, ["x"], { uploadId: "x" }];
const GARBAGE_CONTENTS = [
  () => encoder.encode(`${MARK}`),
  () => encoder.encode(`[{"logId": 1, "weight": "${MARK}", "date": "01/01/23", "time": "07:00:00"}]`),
  () => encoder.encode(`[{"logId": -1, "weight": -193.9, "bmi": "NaN", "date": "13/45/23", "time": "25:61:61", "note": "${MARK}"}]`),
  () => encoder.encode(`{"${MARK}": [1, 2, 3]}`),
  () => encoder.encode(`[${`{"logId":1,"activityName":"${MARK}","startTime":"01/01/23 07:00:00","duration":-5},`.repeat(20)}{}]`),
  () => encoder.encode(`<?xml version="1.0"?><TrainingCenterDatabase><Activities><Activity><Id>${MARK}</Id><Lap><Track><Trackpoint><Time>not-a-time</Time></Trackpoint></Track></Lap></Activity></Activities>`),
  () => encoder.encode(`id,timezone,height\n${MARK},Mars/Olympus,-180\n`),
  () => encoder.encode(`timestamp,weight grams,data source\n${MARK},NaN,scale\n`),
  () => encoder.encode("[" + "[".repeat(5000)),
  () => new Uint8Array(0),
];

// The storm's state: what exists, so cases can point at real ids as well as weird ones.
function stormState(rng) {
  return { rng, clients: [newClient(), newClient(), newClient(), newClient()], uploads: [], conversions: [], created: { uploads: 0, conversions: 0 } };
}
const ownUpload = (s, client) => s.uploads.find((u) => u.owner === client) ?? null;

// Each generator returns {what, method, path, init, expect: [statuses], env?, after?(res, body)}.
const GENERATORS = [
  function wrongMethod({ rng }) {
    const [path, allowed] = rng.pick([
      ["/api/upload", "POST"], ["/api/validate", "POST"], ["/api/convert", "POST"], ["/api/status", "GET"], ["/api/usage/me", "GET"],
      ["/api/download/AAAAAAAAAAAAAAAAAAAAAA", "GET"], ["/api/download/AAAAAAAAAAAAAAAAAAAAAA/manifest.json", "GET"],
      [`/api/convert/${WELL_FORMED_ID}/groups/0`, "POST"], [`/api/convert/${WELL_FORMED_ID}/assemble`, "POST"],
      [`/api/convert/${WELL_FORMED_ID}/gather`, "POST"],
    ]);
    // HEAD is GET without the body: a 405 only where GET is one too.
    const method = rng.pick(["PUT", "DELETE", "PATCH", "OPTIONS", allowed === "GET" ? "PROPFIND" : "HEAD", "PROPFIND", allowed === "GET" ? "POST" : "GET"]);
    const init = ["GET", "HEAD"].includes(method) ? {} : jsonPost({ uploadId: "x" });
    return { what: `${method} ${path}`, method, path, init, expect: [405], allow: allowed === "GET" ? "GET, HEAD" : allowed };
  },
  function stepOfNoSession({ rng }) {
    // A session's group, gathering or assembly for an id that names none (malformed, unknown, or a group
    // number that is not one): the same 404, before the body is read.
    const id = rng.pick([WELL_FORMED_ID, "x", "../../etc", "A".repeat(200), `${WELL_FORMED_ID.slice(0, 30)}ü`]);
    const path = rng.pick([`/api/convert/${encodeURIComponent(id)}/groups/${rng.pick(["0", "7", "-1", "x", "1e3"])}`, `/api/convert/${encodeURIComponent(id)}/assemble`, `/api/convert/${encodeURIComponent(id)}/gather`]);
    const init = { headers: formHeaders("st"), body: multipart("st", [{ filename: "Takeout/Fitbit/Activities/1.tcx", data: rng.bytes(rng.int(300)) }]) };
    return { what: `POST ${path.slice(0, 60)}`, method: "POST", path, init, expect: [404] };
  },
  function unknownPath({ rng }) {
    const path = rng.pick(["/api", "/api/", "/api/uploads", "/api/UPLOAD", "/api/status/", "/api/download", "/api/download/", "/api/%00", `/api/${"y".repeat(10240)}`, "/api/ünï", "/api/../api/x"]);
    return { what: `GET ${path.slice(0, 40)}`, method: "GET", path, init: {}, expect: [404] };
  },
  function uploadWrongMediaType({ rng }) {
    const ct = rng.pick([null, "application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/mixed; boundary=b", "image/png", "multipart/form-data-x", `text/${"ü".repeat(5000)}`]);
    const body = rng.pick(['{"file": "x"}', "file=weight-2023-01-01.json", multipart("b", [{ filename: WEIGHT_PATH, data: "[]" }])]);
    return { what: `upload as ${ct?.slice(0, 40)}`, method: "POST", path: "/api/upload", init: { headers: ct ? { "content-type": ct } : {}, body }, expect: [415] };
  },
  function uploadBrokenMultipart({ rng }) {
    const good = multipart("BOUNDARY", [{ filename: WEIGHT_PATH, data: weightJson(2) }]);
    const variant = rng.int(6);
    const cases = [
      ["no boundary parameter", { "content-type": "multipart/form-data" }, good],
      ["boundary differs from the body's", formHeaders("OTHER"), good],
      ["truncated mid-part", formHeaders("BOUNDARY"), good.subarray(0, Math.max(10, rng.int(good.length - 20)))],
      ["no closing delimiter", formHeaders("BOUNDARY"), multipart("BOUNDARY", [{ filename: WEIGHT_PATH, data: "[]" }], { close: false })],
      ["JSON body", formHeaders("BOUNDARY"), '{"uploadId": "x"}'],
      ["empty body", formHeaders("BOUNDARY"), ""],
    ];
    const [what, headers, body] = cases[variant];
    // Some multipart parsers accept a missing closing delimiter; then the file is stored.
    return { what: `upload, ${what}`, method: "POST", path: "/api/upload", init: { headers, body }, expect: variant === 3 ? [201, 400] : [400] };
  },
  function uploadWrongParts({ rng }) {
    const variant = rng.int(4);
    const parts = [
      [{ field: "file", data: "plain text field" }],
      [{ field: "upload", filename: WEIGHT_PATH, data: "[]" }],
      [{ field: "file", filename: WEIGHT_PATH, data: "[]" }, { field: "file", filename: WEIGHT_PATH, data: "[]" }],
      [],
    ][variant];
    return { what: `upload, parts variant ${variant}`, method: "POST", path: "/api/upload", init: { headers: formHeaders("b0"), body: multipart("b0", parts) }, expect: [400] };
  },
  function uploadWeirdNames({ rng }) {
    const name = rng.pick(WEIRD_NAMES);
    const withGood = rng.next() < 0.5;
    const parts = [{ filename: name, data: MARK }];
    if (withGood) parts.unshift({ filename: WEIGHT_PATH, data: weightJson(1) });
    // A NUL inside the Content-Disposition header makes the multipart unreadable (400); an
    // empty filename makes the part a plain form field, not a file (400 naming the part).
    const expect = name.includes("\u0000") || name === "" ? [400] : [422];
    return { what: `upload named ${JSON.stringify(name.slice(0, 30))}`, method: "POST", path: "/api/upload", init: { headers: formHeaders("wn"), body: multipart("wn", parts) }, expect };
  },
  function uploadRepeatedNames({ rng }) {
    // zip-bomb-like: one name many times (first refusal wins: a duplicate is a 400).
    const n = 2 + rng.int(300);
    const parts = Array.from({ length: n }, () => ({ filename: "weight-2023-01-01.json", data: "[]" }));
    return { what: `upload, one name ${n} times`, method: "POST", path: "/api/upload", init: { headers: formHeaders("rep"), body: multipart("rep", parts) }, expect: [400] };
  },
  function uploadTooMuch({ rng }) {
    const many = rng.next() < 0.5;
    const parts = many
      ? Array.from({ length: 501 }, (_, i) => ({ filename: `weight-2023-01-${i}.json`, data: "[]" }))
      : [{ filename: WEIGHT_PATH, data: rng.bytes(FILE_MAX_BYTES + 1) }];
    return { what: many ? "upload of 501 files" : "upload of one 2 MiB + 1 file", method: "POST", path: "/api/upload", init: { headers: formHeaders("big"), body: multipart("big", parts) }, expect: [413] };
  },
  function uploadGarbage(s) {
    const { rng } = s;
    const n = 1 + rng.int(3);
    const names = [...EXPORT_NAMES].sort(() => rng.next() - 0.5).slice(0, n);
    const parts = names.map((filename) => ({ filename, data: rng.next() < 0.3 ? concat([rng.bytes(1 + rng.int(2000)), MARK]) : rng.pick(GARBAGE_CONTENTS)() }));
    return {
      what: `upload of garbage under ${names.join(", ").slice(0, 60)}`,
      method: "POST", path: "/api/upload", init: { headers: formHeaders("gb"), body: multipart("gb", parts) }, expect: [201],
      after: (client, body) => {
        s.created.uploads += 1;
        s.uploads.push({ owner: client, id: body.uploadId });
      },
    };
  },
  function jsonEndpointWrongMediaType({ rng }) {
    const path = rng.pick(["/api/validate", "/api/convert"]);
    const ct = rng.pick([null, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx", "text/json", `application/${"x".repeat(10000)}`, "application/json; charset=iso-8859-1", 'application/json; charset="utf-16"']);
    return { what: `${path} as ${ct?.slice(0, 40)}`, method: "POST", path, init: jsonPost({ uploadId: "AAAAAAAAAAAAAAAAAAAAAA" }, ct), expect: [415] };
  },
  function jsonEndpointNotJson({ rng }) {
    const path = rng.pick(["/api/validate", "/api/convert"]);
    const body = rng.pick(["", "{", "[".repeat(8000), "\ufeff\ufeff{}", "uploadId=x", "{'uploadId': 'x'}", '{"uploadId": NaN}', '{"uploadId": "x",}', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), `${MARK}`]);
    return { what: `${path} body not JSON`, method: "POST", path, init: jsonPost(body), expect: [400] };
  },
  function jsonEndpointWrongJson({ rng }) {
    const path = rng.pick(["/api/validate", "/api/convert"]);
    const nested = `${"[".repeat(4000)}${"]".repeat(4000)}`;
    const body = rng.next() < 0.4 ? rng.pick([[], 5, "uploadId", null, true, nested, `{"uploadId": ${nested}}`]) : { uploadId: rng.pick(WRONG_TYPES) };
    return { what: `${path} ${JSON.stringify(body).slice(0, 40)}`, method: "POST", path, init: jsonPost(body), expect: [400] };
  },
  function jsonEndpointTooBig({ rng }) {
    // validate needs an id only; convert also names the files a session sends later (up to
    // 1 MiB of names and sizes), so its cap is that.
    const path = rng.pick(["/api/validate", "/api/convert"]);
    const pad = path === "/api/convert" ? 1024 * 1024 + 1 : 20000;
    return { what: `${path} ${Math.round(pad / 1000)} KB body`, method: "POST", path, init: jsonPost({ uploadId: "x", pad: "p".repeat(pad) }), expect: [413] };
  },
  function jsonEndpointWeirdId({ rng }) {
    const path = rng.pick(["/api/validate", "/api/convert"]);
    const id = decodeURIComponentSafe(rng.pick(WEIRD_IDS));
    return { what: `${path} uploadId ${JSON.stringify(id.slice(0, 30))}`, method: "POST", path, init: jsonPost({ uploadId: id }), expect: [404] };
  },
  function someoneElsesUpload(s) {
    const target = s.uploads.length ? s.rng.pick(s.uploads) : null;
    if (!target) return null;
    const path = s.rng.pick(["/api/validate", "/api/convert"]);
    return { what: `${path} someone else's upload`, method: "POST", path, init: jsonPost({ uploadId: target.id }), expect: [404], client: (c) => c !== target.owner };
  },
  function validateGarbage(s) {
    const { rng } = s;
    const client = rng.pick(s.clients);
    const up = ownUpload(s, client);
    if (!up) return null;
    return { what: "validate a garbage upload", method: "POST", path: "/api/validate", init: jsonPost({ uploadId: up.id }), expect: [200], client: (c) => c === client };
  },
  function convertGarbage(s) {
    const { rng } = s;
    const client = rng.pick(s.clients);
    const up = ownUpload(s, client);
    if (!up) return null;
    const options = rng.pick([{}, { timeZone: "Europe/Berlin" }, { timeZone: "UTC", weightUnit: "kg" }, { kinds: ["workouts", "daily", "reference"], timeZone: "Asia/Tokyo" }]);
    return {
      what: `convert a garbage upload ${JSON.stringify(options)}`, method: "POST", path: "/api/convert", init: jsonPost({ uploadId: up.id, ...options }), expect: [201, 422], client: (c) => c === client,
      after: (c, body) => {
        s.created.conversions += 1;
        s.conversions.push({ owner: c, id: body.conversionId, files: body.files.map((f) => f.path) });
      },
    };
  },
  function convertBadOptions(s) {
    const { rng } = s;
    const client = rng.pick(s.clients);
    const up = ownUpload(s, client);
    if (!up) return null;
    const bad = rng.pick([
      { timeZone: rng.pick(WEIRD_ZONES) },
      { weightUnit: rng.pick(["stone", "KG", "", 0, -1, true, ["kg"], { unit: "kg" }]) },
      { kinds: rng.pick(["weight", [], [1], [""], ["x".repeat(41)], [null], { weight: true }]) },
      { kinds: [rng.pick(["bogus", "Weight", "weights", "heart_rate", "sleep", "workout", "__proto__"])] },
      { weightunit: "kg" },
      { timezone: "Europe/Berlin" },
      { includeAutoDetected: "no" },
      { weightEntriesPerFile: rng.pick([-1, 0, 1e9, 2.5]) },
      { extra: 1 },
      { uploadId2: up.id },
    ]);
    return { what: `convert with ${JSON.stringify(bad).slice(0, 60)}`, method: "POST", path: "/api/convert", init: jsonPost({ uploadId: up.id, ...bad }), expect: [400], client: (c) => c === client };
  },
  function downloadWeird({ rng }) {
    const id = rng.pick(WEIRD_IDS);
    const path = rng.next() < 0.5 ? `/api/download/${id}` : `/api/download/${id}/${rng.pick(["manifest.json", "%ZZ", "..%2F..%2Fetc%2Fpasswd", "x".repeat(10240)])}`;
    // "%ZZ" in the id is never decoded (ids are matched as they are): 404 like any unknown id.
    return { what: `GET ${path.slice(0, 50)}`, method: "GET", path, init: {}, expect: [404] };
  },
  function downloadWeirdPath(s) {
    const { rng } = s;
    const client = rng.pick(s.clients);
    const conv = s.conversions.find((c) => c.owner === client);
    if (!conv) return null;
    const [p, status] = rng.pick([
      ["%ZZ", 400], ["%E0%A4%A", 400], ["..%2Fmanifest.json", 404], ["manifest.json%00", 404], ["MANIFEST.JSON", 404],
      // The URL parser resolves dot segments before the Worker sees the path: this IS manifest.json.
      ["weight/../manifest.json", 200], ["x".repeat(10240), 404], ["%F0%9D%84%9E.fit", 404], ["manifest.json/", 404],
    ]);
    return { what: `download path ${p.slice(0, 30)}`, method: "GET", path: `/api/download/${conv.id}/${p}`, init: {}, expect: [status], client: (c) => c === client, download: status === 200 };
  },
  function downloadOwn(s) {
    const { rng } = s;
    const client = rng.pick(s.clients);
    const conv = s.conversions.find((c) => c.owner === client);
    if (!conv) return null;
    const file = rng.next() < 0.5 ? null : rng.pick(conv.files);
    const path = file === null ? `/api/download/${conv.id}` : `/api/download/${conv.id}/${file.split("/").map(encodeURIComponent).join("/")}`;
    return { what: "download own conversion", method: "GET", path, init: {}, expect: [200], client: (c) => c === client, download: true };
  },
  function gatherOnComplete(s) {
    // Gathering and assembly belong to a conversion in steps: on one that finished in its own
    // request they are a 409 that says where its files are, whatever the body.
    const { rng } = s;
    const client = rng.pick(s.clients);
    const conv = s.conversions.find((c) => c.owner === client);
    if (!conv) return null;
    const path = `/api/convert/${conv.id}/${rng.pick(["gather", "assemble"])}`;
    const body = rng.pick([rng.bytes(rng.int(400)), new Uint8Array([84, 83, 66, 49, 0, 0, 0, 0, 1, 0, 0, 0])]);
    return { what: `${path.slice(-8)} on a complete conversion`, method: "POST", path, init: { headers: { "content-type": "application/x-trackersync-bundle" }, body }, expect: [409], client: (c) => c === client };
  },
  function storageDown({ rng }) {
    // D1 unreachable: the request is refused before storage (4xx) or answered 503 — never a 500.
    const [path, init] = rng.pick([
      ["/api/upload", { headers: formHeaders("d1"), body: multipart("d1", [{ filename: WEIGHT_PATH, data: weightJson(1) }]) }],
      ["/api/validate", jsonPost({ uploadId: WELL_FORMED_ID })],
      ["/api/convert", jsonPost({ uploadId: WELL_FORMED_ID, timeZone: "UTC" })],
      [`/api/download/${WELL_FORMED_ID}`, {}],
      ["/api/status", {}],
    ]);
    return { what: `${path} with D1 down`, method: init.body ? "POST" : "GET", path, init, expect: [503], env: failingEnv };
  },
];

function decodeURIComponentSafe(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

// The checks every response must pass; returns a list of what is wrong (empty = fine).
async function problemsWith(res, c) {
  const wrong = [];
  const allowed = new Set([...DOCUMENTED, ...(c.env === failingEnv ? [503] : [])]);
  if (!allowed.has(res.status)) wrong.push(`status ${res.status} is not a documented code`);
  if (!c.expect.includes(res.status)) wrong.push(`status ${res.status}, expected ${c.expect.join(" or ")}`);
  const type = res.headers.get("content-type") ?? "";
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  if (res.status >= 400) {
    if (!type.startsWith("application/problem+json")) wrong.push(`error content-type ${type}`);
    let body = null;
    try {
      body = JSON.parse(text);
    } catch {
      wrong.push("error body is not JSON");
    }
    if (body) {
      if (typeof body.type !== "string" || body.type.length === 0) wrong.push("no type");
      if (typeof body.title !== "string" || body.title.length === 0) wrong.push("no title");
      if (body.status !== res.status) wrong.push(`body status ${body.status}`);
      const d = body.detail;
      if (typeof d !== "string" || !/^\S[\s\S]*\S[.!?]$/.test(d) || d.split(/\s+/).length < 4) wrong.push(`detail is not a sentence: ${JSON.stringify(d)?.slice(0, 120)}`);
      else if (d.length > 2000) wrong.push(`detail is ${d.length} characters long`);
    }
    if (res.status === 405 && c.allow && res.headers.get("allow") !== c.allow) wrong.push(`allow header ${res.headers.get("allow")}`);
  } else if (!c.download && !type.startsWith("application/json")) {
    wrong.push(`success content-type ${type}`);
  }
  if (/\bat \S+\.js:\d+|\bat async\b|Error: /.test(text) && !c.download) wrong.push("stack-trace text in the body");
  if (!c.download && text.includes(MARK)) wrong.push("the body echoes file contents");
  return { wrong, body: res.status < 300 && !c.download ? JSON.parse(text) : null };
}

async function countRows() {
  const one = async (sql) => (await env.DB.prepare(sql).first()).n;
  return {
    uploads: await one("SELECT COUNT(*) AS n FROM uploads"),
    conversions: await one("SELECT COUNT(*) AS n FROM conversions"),
    chunks: await one("SELECT COUNT(*) AS n FROM file_chunks"),
  };
}

// Half-written state: a chunk row without its parent, or a parent without all its bytes — each
// of its streams either in its own row (`data`, the first stream when small) or in as many
// chunk rows as its bytes need (storage/file-store.js).
async function halfWritten() {
  const all = async (sql) => (await env.DB.prepare(sql).all()).results;
  const parents = [
    ...(await all("SELECT upload_id AS id, metadata, length(data) AS inline FROM uploads")),
    ...(await all("SELECT conversion_id AS id, metadata, length(data) AS inline FROM conversions")),
  ];
  const chunks = await all("SELECT parent_id, file_index, COUNT(*) AS n FROM file_chunks GROUP BY parent_id, file_index");
  const have = new Map(chunks.map((c) => [`${c.parent_id}:${c.file_index}`, c.n]));
  const ids = new Set(parents.map((p) => p.id));
  const orphanChunks = chunks.filter((c) => !ids.has(c.parent_id)).reduce((n, c) => n + c.n, 0);
  let parentsMissingChunks = 0;
  for (const p of parents) {
    const m = JSON.parse(p.metadata);
    const streams = new Map(); // stream -> its bytes, from the file index (an exercise file's digest follows the files)
    for (const f of m.files ?? []) {
      const end = Math.max(f.offset + f.bytes, f.digest ? f.digest[0] + f.digest[1] : 0);
      streams.set(f.stream ?? 0, Math.max(streams.get(f.stream ?? 0) ?? 0, end));
    }
    const whole = [...streams].every(([no, bytes]) =>
      no === 0 && m.inline ? p.inline === Math.ceil(bytes / 3) * 4 : (have.get(`${p.id}:${no}`) ?? 0) === Math.ceil(bytes / CHUNK_BYTES));
    if (!whole) parentsMissingChunks += 1;
  }
  return { orphanChunks, parentsMissingChunks };
}

// upload -> validate -> convert -> download (zip and one file) for a fresh client.
async function happyPath(files, e = testEnv) {
  const client = newClient();
  const up = await send(client, "POST", "/api/upload", { headers: formHeaders("hp"), body: multipart("hp", files.map(([filename, data]) => ({ filename, data }))) }, e);
  expect(up.status).toBe(201);
  const { uploadId } = await up.json();
  const val = await send(client, "POST", "/api/validate", jsonPost({ uploadId }), e);
  expect(val.status).toBe(200);
  const report = await val.json();
  const conv = await send(client, "POST", "/api/convert", jsonPost({ uploadId }), e);
  expect(conv.status).toBe(201);
  const { conversionId, files: outputs } = await conv.json();
  const zip = await send(client, "GET", `/api/download/${conversionId}`, {}, e);
  expect(zip.status).toBe(200);
  expect(zip.headers.get("content-type")).toBe("application/zip");
  const zipBytes = new Uint8Array(await zip.arrayBuffer());
  const manifest = await send(client, "GET", `/api/download/${conversionId}/manifest.json`, {}, e);
  expect(manifest.status).toBe(200);
  return { client, uploadId, conversionId, report, outputs, zipBytes, manifest: await manifest.json() };
}

describe("the storm: malformed requests to every endpoint", () => {
  it(`${REQUESTS} seeded requests: documented codes, problem+json with a sentence, no stack, no echo; then the happy path works and nothing is half-written`, async () => {
    const s = stormState(prng(SEED));
    const before = await countRows();
    const failures = [];
    const seen = new Map();
    const statuses = new Map();
    let sent = 0;
    while (sent < REQUESTS) {
      const gen = s.rng.pick(GENERATORS);
      const c = gen(s);
      if (!c) continue;
      const candidates = c.client ? s.clients.filter(c.client) : s.clients;
      if (candidates.length === 0) continue;
      const client = s.rng.pick(candidates);
      sent += 1;
      seen.set(gen.name, (seen.get(gen.name) ?? 0) + 1);
      const res = await send(client, c.method, c.path, c.init, c.env ?? testEnv);
      const { wrong, body } = await problemsWith(res, c);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (wrong.length) failures.push(`#${sent} ${gen.name}: ${c.what}: ${wrong.join("; ")}`);
      else if (c.after && res.status === 201) c.after(client, body);
    }
    expect(failures).toEqual([]);
    // The storm reached every kind of answer (so each check above was exercised).
    expect([...statuses.keys()].sort()).toEqual([200, 201, 400, 404, 405, 409, 413, 415, 422, 503]);
    // Every generator ran (the seed and count are enough to reach each).
    expect([...seen.keys()].sort()).toEqual(GENERATORS.map((g) => g.name).sort());
    // Only the accepted uploads and conversions were stored, each with all of its chunks.
    const after = await countRows();
    expect(after.uploads - before.uploads).toBe(s.created.uploads);
    expect(after.conversions - before.conversions).toBe(s.created.conversions);
    expect(await halfWritten()).toEqual({ orphanChunks: 0, parentsMissingChunks: 0 });
    expect(s.created.uploads).toBeGreaterThan(5);

    // The process keeps serving: the happy path, start to end.
    const ok = await happyPath([[WEIGHT_PATH, weightJson(5)], [PROFILE_PATH, PROFILE_CSV]]);
    expect(ok.manifest.files.some((f) => f.kind === "weight" && f.records === 5)).toBe(true);
    expect(await halfWritten()).toEqual({ orphanChunks: 0, parentsMissingChunks: 0 });

    // The half-written check can fail: a parent without its bytes, and chunks without a parent.
    await env.DB.prepare("UPDATE uploads SET data = NULL WHERE upload_id = ?").bind(ok.uploadId).run();
    await env.DB.prepare("INSERT INTO file_chunks (parent_id, file_index, chunk_index, base64, expires_at) VALUES ('orphan', 0, 0, '', 0)").run();
    expect(await halfWritten()).toEqual({ orphanChunks: 1, parentsMissingChunks: 1 });
  }, 240_000);
});

// Each defect the storm found, kept as a regression test with its diagnosis.
describe("findings", () => {
  const own = async () => {
    const client = newClient();
    const up = await send(client, "POST", "/api/upload", { headers: formHeaders("f"), body: multipart("f", [{ filename: WEIGHT_PATH, data: weightJson(3) }, { filename: PROFILE_PATH, data: PROFILE_CSV }]) });
    expect(up.status).toBe(201);
    return { client, uploadId: (await up.json()).uploadId };
  };
  const detailOf = async (res, status) => {
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    return (await res.json()).detail;
  };

  it("1: a 10 KB unknown path made a 10 KB 404 detail (the path was quoted whole); now cut to 80 characters", async () => {
    const detail = await detailOf(await send(newClient(), "GET", `/api/${"y".repeat(10240)}`), 404);
    expect(detail).toMatch(/^There is no API endpoint at \/api\/y+…\. See the README/);
    expect(detail.length).toBeLessThan(200);
    const method = await detailOf(await send(newClient(), "PATCH", `/api/status/${"z".repeat(10240)}`.replace("/status/", "/download/")), 405);
    expect(method.length).toBeLessThan(250);
  });

  it("2: a misspelt option (weightunit, timezone) was ignored and a 201 conversion made without it; now a 400 naming the field, nothing stored", async () => {
    const { client, uploadId } = await own();
    const before = await countRows();
    for (const [field, value] of [["weightunit", "kg"], ["timezone", "Europe/Berlin"], ["includeautodetected", false]]) {
      const detail = await detailOf(await send(client, "POST", "/api/convert", jsonPost({ uploadId, [field]: value })), 400);
      expect(detail).toBe(
        `The field "${field}" is not one this endpoint takes; it takes uploadId, timeZone, fallbackTimeZone, weightUnit, kinds, includeAutoDetected, includeImplausible, includeHeartRate, missingParts, files and plan. Nothing was done.`,
      );
    }
    const validate = await detailOf(await send(client, "POST", "/api/validate", jsonPost({ uploadId, options: {} })), 400);
    expect(validate).toBe('The field "options" is not one this endpoint takes; it takes uploadId. Nothing was done.');
    expect(await countRows()).toEqual(before);
    // The documented fields still pass.
    const ok = await send(client, "POST", "/api/convert", jsonPost({ uploadId, timeZone: "Europe/Berlin", weightUnit: "lb", kinds: ["weight"] }));
    expect(ok.status).toBe(201);
  });

  it("3: a kind that does not exist (workout, sleep) gave a 201 conversion without it (the core only warns); now a 400 listing the kinds", async () => {
    const { client, uploadId } = await own();
    const before = await countRows();
    for (const kinds of [["workout"], ["weight", "sleep"], ["__proto__"]]) {
      const detail = await detailOf(await send(client, "POST", "/api/convert", jsonPost({ uploadId, kinds })), 400);
      expect(detail).toBe('kinds must be a non-empty array of kind names from "weight", "workouts", "daily", "reference", such as ["weight"].');
    }
    expect(await countRows()).toEqual(before);
  });

  it("4: every letter case of a zone name and every +hh:mm offset is a valid zone to Intl, and each was cached for the isolate's life; the cache is now bounded", async () => {
    const name = "america/argentina/comodrivadavia";
    for (let i = 0; i < 300; i += 1) {
      const variant = [...name].map((ch, j) => ((i >> (j % 9)) & 1 ? ch.toUpperCase() : ch)).join("");
      expect(isValidZone(variant)).toBe(true);
      expect(isValidZone(`+${String(i % 24).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}`)).toBe(true);
      expect(formatterCount()).toBeLessThanOrEqual(FORMATTERS_MAX);
    }
    // And through the API: such a name converts (Intl knows it), and the bound holds.
    const { client, uploadId } = await own();
    const res = await send(client, "POST", "/api/convert", jsonPost({ uploadId, timeZone: "AMERICA/new_york" }));
    expect(res.status).toBe(201);
    expect(formatterCount()).toBeLessThanOrEqual(FORMATTERS_MAX);
  });

  it("5: a 415 quoted the request's Content-Type whole (10 KB header, 10 KB detail); now cut to 80 characters", async () => {
    const upload = await detailOf(await send(newClient(), "POST", "/api/upload", { headers: { "content-type": `text/${"ü".repeat(5000)}` }, body: "x" }), 415);
    expect(upload).toMatch(/^This endpoint takes multipart\/form-data or application\/x-trackersync-bundle, not text\/ü+…\. Send the files as form-data parts named `file`/);
    const convert = await detailOf(await send(newClient(), "POST", "/api/convert", jsonPost({ uploadId: "x" }, `application/${"x".repeat(10000)}`)), 415);
    expect(convert.length).toBeLessThan(300);
  });

  it("6: a part padded with header lines (2 delimiters, 2.4 MB of headers) passed the part count and cost the form parser ~400 ms; now a 400 before the parse, nothing stored", async () => {
    const before = await countRows();
    const padded = (lines) =>
      `--hp\r\nContent-Disposition: form-data; name="file"; filename="${WEIGHT_PATH}"\r\n${"X:a\r\n".repeat(lines)}\r\n[]\r\n--hp--\r\n`;
    const detail = await detailOf(await send(newClient(), "POST", "/api/upload", { headers: formHeaders("hp"), body: padded(480000) }), 400);
    expect(detail).toMatch(/^A file part's headers are over 4 KiB in one part: each part needs only its Content-Disposition/);
    // One long parameter list is the same.
    const params = `--hp\r\nContent-Disposition: form-data; name="file"${"; a=b".repeat(2000)}; filename="${WEIGHT_PATH}"\r\n\r\n[]\r\n--hp--\r\n`;
    expect(await detailOf(await send(newClient(), "POST", "/api/upload", { headers: formHeaders("hp"), body: params }), 400)).toBe(detail);
    expect(await countRows()).toEqual(before);
    // A few ordinary header lines still pass.
    const ok = await send(newClient(), "POST", "/api/upload", { headers: formHeaders("hp"), body: padded(3) });
    expect(ok.status).toBe(201);
  });

  it("7: a gzip or brotli body was read as it was sent: a 400 about the boundary or the JSON; now a 415 naming the encoding", async () => {
    const body = multipart("ce", [{ filename: WEIGHT_PATH, data: weightJson(2) }]);
    for (const encoding of ["gzip", "br", "Deflate"]) {
      const upload = await detailOf(await send(newClient(), "POST", "/api/upload", { headers: { ...formHeaders("ce"), "content-encoding": encoding }, body }), 415);
      expect(upload).toBe(`The request body is sent with Content-Encoding: ${encoding.toLowerCase()}; this endpoint takes it uncompressed. Send it again without Content-Encoding.`);
      const json = jsonPost({ uploadId: "x" });
      await detailOf(await send(newClient(), "POST", "/api/validate", { ...json, headers: { ...json.headers, "content-encoding": encoding } }), 415);
    }
    // identity is no encoding.
    expect((await send(newClient(), "POST", "/api/upload", { headers: { ...formHeaders("ce"), "content-encoding": "identity" }, body })).status).toBe(201);
  });

  it("8: a JSON body said to be in another charset was read as UTF-8 all the same; now a 415 (JSON is UTF-8), utf-8 named or not still read", async () => {
    for (const ct of ["application/json; charset=iso-8859-1", 'application/json;charset="UTF-16"']) {
      const detail = await detailOf(await send(newClient(), "POST", "/api/validate", jsonPost({ uploadId: "x" }, ct)), 415);
      expect(detail).toMatch(/^JSON request bodies are UTF-8; this one says charset=(iso-8859-1|utf-16)\. Send it as UTF-8/);
    }
    // Read, and refused for what it holds, not its type: an unknown upload.
    // A charset inside another parameter's quoted value is not the body's (review finding).
    for (const ct of ["application/json; charset=utf-8", "application/json;charset=UTF-8", "application/json", 'application/json; x="a;charset=latin1"', "application/json; charset="])
      expect((await send(newClient(), "POST", "/api/validate", jsonPost({ uploadId: "AAAAAAAAAAAAAAAAAAAAAA" }, ct))).status).toBe(404);
  });
});

// Privacy: what the Worker prints while it serves a person's files.
describe("console output", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    resetDegradedState();
  });

  it("carries no value from the files, no file name, no id and no cookie — on the happy path and on failures", async () => {
    const lines = [];
    for (const level of ["log", "error", "warn", "info", "debug"]) {
      vi.spyOn(console, level).mockImplementation((...args) => lines.push(`${level}: ${args.map(String).join(" ")}`));
    }
    const name = "Takeout/Fitbit/Privacy Probe Qwyx/weight-2023-01-01.json";
    const ok = await happyPath([[name, weightJson(3, 193.9)], [PROFILE_PATH, PROFILE_CSV]]);
    expect(ok.manifest.files.find((f) => f.kind === "weight").records).toBe(3);
    // Failures take other logging paths: a refused file, D1 down, the limiter's DO throwing.
    const client = ok.client;
    expect((await send(client, "POST", "/api/upload", { headers: formHeaders("p"), body: multipart("p", [{ filename: "holiday-Qwyx.jpg", data: "193.9" }]) })).status).toBe(422);
    expect((await send(client, "POST", "/api/validate", jsonPost({ uploadId: ok.uploadId }), failingEnv)).status).toBe(503);
    const throwingDo = {
      idFromName: (n) => env.RATE_LIMIT_DO.idFromName(n),
      get: () => ({ decide: async () => { throw new Error(`DO failed for ${ok.uploadId}`); }, usage: async () => { throw new Error("DO failed"); } }),
    };
    const degraded = await send(client, "GET", `/api/download/${ok.conversionId}/manifest.json`, {}, { ...testEnv, RATE_LIMIT_DO: throwingDo });
    expect(degraded.status).toBe(200);
    expect(degraded.headers.get("x-trackersync-degraded")).toBe("limiter");

    expect(lines.length).toBeGreaterThanOrEqual(8);
    const cookieValue = client.cookie.split("=")[1];
    const forbidden = ["193.9", "193.8", "Qwyx", "holiday", "weight-2023", "Profile.csv", "Test Person", ok.uploadId, ok.conversionId, cookieValue, cookieValue.split(".")[0]];
    for (const line of lines) {
      for (const value of forbidden) expect(line, `a log line carries ${value}`).not.toContain(value);
      // Every line is one structured JSON object (after the level).
      expect(() => JSON.parse(line.slice(line.indexOf(": ") + 2))).not.toThrow();
    }
  });
});
