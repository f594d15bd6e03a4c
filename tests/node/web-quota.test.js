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
    "2 more conversions on the server are possible in the next 24 hours (each counts once, however large the export). Converting on this device has no limit.",
  );
  assert.doesNotMatch(quotaText(usage), /convert-|upload-|uploads/, "no internal names");
});

test("1b: one left is singular; none left says how long until there is room", () => {
  assert.match(quotaText({ blocked: false, classes: { convert: [tier("m", 3, 1, 60)] } }), /^1 more conversion on the server is possible in the next minute /);
  assert.equal(
    quotaText({ blocked: false, classes: { convert: [tier("m", 3, 3, 60)], upload: [tier("h", 3, 0, 3600, 1800)] } }),
    "The server can take no more conversions from this browser for up to 30 minutes; converting there anyway waits as long as it asks. Converting on this device works now.",
  );
  // The network's ceiling spent: said as the network's, in one clean sentence (helper finding:
  // "no more conversions from you for everyone on your network for 10 minutes").
  assert.equal(
    quotaText({ blocked: false, classes: { convert: [tier("m", 3, 3, 60)] }, network: { classes: { convert: [tier("network-convert-hour", 40, 0, 3600, 600)] } } }),
    "The server can take no more conversions from your network (a limit everyone on it shares) for up to 10 minutes; converting there anyway waits as long as it asks. Converting on this device works now.",
  );
});

test("2: unlimited tiers are not quoted; nothing limited says so", () => {
  assert.equal(quotaText({ blocked: false, classes: { convert: [tier("c", null, null, 60)] } }), "The server has no limit for you right now.");
});

test("3: a blocked client is told until when, and that this device still works", () => {
  assert.match(quotaText({ blocked: true, blockedUntil: null, classes: {} }), /^The server has paused requests from this browser, because it kept sending them sooner than the server asked\. Converting on this device still works\.$/);
  const now = Date.parse("2027-01-15T10:00:00Z");
  const text = quotaText({ blocked: true, blockedUntil: "2027-01-15T10:05:00.000Z", classes: {} }, now);
  const local = new Date("2027-01-15T10:05:00Z").toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  assert.equal(text, `The server has paused requests from this browser until ${local} (in 5 minutes), because it kept sending them sooner than the server asked. Converting on this device still works.`);
});

test("3b: the network's shared ceiling is quoted when it is the tighter limit", () => {
  const usage = {
    blocked: false,
    classes: { upload: [tier("upload-minute", 10, 5, 60)], convert: [tier("convert-hour", 10, 3, 3600)] },
    network: { prefix: "203.0.113.0/24", classes: { upload: [tier("network-upload-minute", 40, 2, 60, 30)], convert: [tier("network-convert-hour", 40, 39, 3600, 90)] } },
  };
  assert.equal(
    quotaText(usage),
    "2 more conversions on the server are possible in the next minute for everyone on your network (each counts once, however large the export). Converting on this device has no limit.",
  );
});

test("3c: helper finding on a real export: a long history's requests are paced (18 s each past the first thousand) while the page said 'however large the export': the step tiers' widest limit is said, and that a long history is faster on this device", () => {
  const usage = {
    blocked: false,
    classes: { convert: [tier("convert-hour", 10, 9, 3600)], step: [tier("step-minute", 300, 300, 60), tier("step-day", 5000, 5000, 86400)] },
  };
  assert.equal(
    quotaText(usage),
    "9 more conversions on the server are possible in the next hour (each counts once, however large the export). A conversion sends a request for every few steps — a thousand or more for several years of history — and the server takes 5,000 a day from this browser, asking it to wait between them once many come at once: such a history can take an hour or more on the server, and minutes on this device. Converting on this device has no limit.",
  );
});

test("4: window words", () => {
  assert.deepEqual([60, 3600, 86400, 600].map(windowText), ["in the next minute", "in the next hour", "in the next 24 hours", "in the next 10 minutes"]);
});
