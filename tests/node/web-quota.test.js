// The page's quota sentence from /api/usage/me (worker-shim/public/js/quota.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { quotaText, windowText } from "../../worker-shim/public/js/quota.js";

const tier = (name, limit, remaining, windowSeconds, resetSeconds = 0) => ({ name, limit, remaining, windowSeconds, resetSeconds });

test("1: the tighter of conversions and uploads, as server conversions a person can still do", () => {
  const usage = {
    blocked: false,
    classes: {
      convert: [tier("convert-minute", 3, 3, 60), tier("convert-day", 20, 2, 86400, 5400)],
      upload: [tier("upload-hour", 10, 5, 3600, 600)],
      usage: [tier("usage-minute", 60, 59, 60, 1)],
    },
  };
  assert.equal(
    quotaText(usage),
    "2 more conversions on the server are possible in the next 24 hours (a large export counts once per part). Converting on this device has no limit.",
  );
  assert.doesNotMatch(quotaText(usage), /convert-|upload-|uploads/, "no internal names");
});

test("1b: one left is singular; none left says how long until there is room", () => {
  assert.match(quotaText({ blocked: false, classes: { convert: [tier("m", 3, 1, 60)] } }), /^1 more conversion on the server is possible in the next minute /);
  assert.equal(
    quotaText({ blocked: false, classes: { convert: [tier("m", 3, 3, 60)], upload: [tier("h", 3, 0, 3600, 1800)] } }),
    "The server can take no more conversions from you for 30 minutes. Converting on this device works now.",
  );
});

test("2: unlimited tiers are not quoted; nothing limited says so", () => {
  assert.equal(quotaText({ blocked: false, classes: { convert: [tier("c", null, null, 60)] } }), "The server has no limit for you right now.");
});

test("3: a blocked client is told that this device still works", () => {
  assert.match(quotaText({ blocked: true, blockedUntil: null, classes: {} }), /^The server has paused requests from this browser\. Converting on this device still works\.$/);
});

test("4: window words", () => {
  assert.deepEqual([60, 3600, 86400, 600].map(windowText), ["in the next minute", "in the next hour", "in the next 24 hours", "in the next 10 minutes"]);
});
