// How the page's server path (public/js/server-convert.js `patiently`) answers each failure
// of a request: what it waits out, what it retries a few times, what it hands on at once.
// A platform error page (no problem+json) must not be waited out for ever: Cloudflare answers
// 503 with error 1102 when a request goes over its CPU time, and the same request on the same
// export goes over again. Each numbered row is a run of answers and why it is there; the
// waits are counted, not slept (sleepFor).
import { test } from "node:test";
import assert from "node:assert/strict";
import { patiently } from "../../worker-shim/public/js/server-convert.js";
import { ApiError, explain, platformErrorCode } from "../../worker-shim/public/js/plain-errors.js";

const ours = (status, retryAfter = null) => new ApiError(status, { type: "about:blank", title: "t", status, detail: "TrackerSync asked." }, retryAfter);
const platform = (status, text) => new ApiError(status, null, null, platformErrorCode(text));
const network = () => Object.assign(new Error("offline"), { name: "NetworkError" });

// answers: what call() throws, in turn, then "ok"; giveUp as patiently takes it. → {result |
// error, waits: [seconds]}
async function run(answers, giveUp = null) {
  const waits = [];
  let i = 0;
  try {
    const result = await patiently(async () => {
      const a = answers[i++];
      if (a === undefined || a === "ok") return "ok";
      throw a();
    }, { sleepFor: async (s) => waits.push(s), giveUp });
    return { result, waits, calls: i };
  } catch (error) {
    return { error, waits, calls: i };
  }
}

const rows = [
  { n: 1, why: "our 429 is waited out for its Retry-After, however long", answers: [() => ours(429, 900)], result: "ok", waits: [900] },
  { n: 2, why: "our 503 (storage, limiter) is waited out; 30 s without a Retry-After", answers: [() => ours(503)], result: "ok", waits: [30] },
  { n: 3, why: "the platform's 503 (error 1102, over the CPU time) is retried four times, then handed on", answers: Array(5).fill(() => platform(503, "error code: 1102")), error: 1102, waits: [2, 4, 8, 16] },
  { n: 4, why: "the platform's 503 that passes on a retry (another isolate) goes on", answers: [() => platform(503, "error code: 1102"), "ok"], result: "ok", waits: [2] },
  { n: 5, why: "the platform's 502 as an HTML page is retried like a network failure", answers: [() => platform(502, "<title>Error 502</title>"), "ok"], result: "ok", waits: [2] },
  { n: 6, why: "network failures are retried four times", answers: Array(5).fill(network), error: "NetworkError", waits: [2, 4, 8, 16] },
  { n: 7, why: "our 500 (a problem+json) is the caller's at once", answers: [() => ours(500)], error: 500, waits: [] },
  { n: 8, why: "a 413 is the caller's at once (it splits the request)", answers: [() => ours(413)], error: 413, waits: [] },
  { n: 11, why: "the platform's 1102 the caller gives up on is handed on at once (the page cuts a group of several steps)", answers: [() => platform(503, "error code: 1102")], giveUp: (e) => e.platformCode === 1102, error: 1102, waits: [] },
  { n: 12, why: "an error the caller does not give up on is retried as before", answers: [() => platform(503, "error code: 1102"), "ok"], giveUp: (e) => e.status === 413, result: "ok", waits: [2] },
];

for (const row of rows) {
  test(`patiently ${row.n}: ${row.why}`, async () => {
    const out = await run(row.answers, row.giveUp);
    assert.deepEqual(out.waits, row.waits);
    if (row.result) return assert.equal(out.result, row.result);
    assert.ok(out.error, "the failure is handed on");
    if (row.error === "NetworkError") assert.equal(out.error.name, "NetworkError");
    else if (row.error === 1102) assert.equal(out.error.platformCode, 1102);
    else assert.equal(out.error.status, row.error);
  });
}

test("patiently 9: a platform error page's code is read from its text or HTML, and ours has none", () => {
  assert.equal(platformErrorCode("error code: 1102"), 1102);
  assert.equal(platformErrorCode("<html><title>Worker exceeded resource limits | Error 1102</title>"), 1102);
  assert.equal(platformErrorCode('{"detail":"TrackerSync could not reach its storage"}'), null);
  assert.equal(platformErrorCode(""), null);
  assert.equal(ours(503).fromService, true);
  assert.equal(platform(503, "error code: 1102").fromService, false);
});

test("patiently 10: error 1102 is explained as too much for the free server, with this device as the way on", () => {
  const said = explain(platform(503, "error code: 1102"));
  assert.match(said.detail, /CPU time/);
  assert.match(said.action, /Convert on this device/);
  assert.match(explain(platform(502, "<title>Error 502</title>")).action, /^Nothing was lost/);
});
