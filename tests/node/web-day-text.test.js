// worker-shim/public/js/format.js dayText: a report date as the page shows it. Numbered rows,
// each with why.
import { test } from "node:test";
import assert from "node:assert/strict";
import { dayText } from "../../worker-shim/public/js/format.js";

const ROWS = [
  [1, "helper finding on a real export: an instant is the day it was in the export's zone (the report said 'to 7 Jul', the workout list 6 Jul)", "2025-07-07T01:00:00Z", "America/Los_Angeles", "6 Jul 2025"],
  [2, "the same instant in UTC", "2025-07-07T01:00:00Z", "UTC", "7 Jul 2025"],
  [3, "a date is its own day, whatever the zone", "2025-07-07", "America/Los_Angeles", "7 Jul 2025"],
  [4, "a local clock reading (no Z) is its own day", "2025-07-07T23:10:00", "Asia/Tokyo", "7 Jul 2025"],
  [5, "a zone Intl does not know reads as UTC, never an error", "2025-07-07T01:00:00Z", "Mars/Base", "7 Jul 2025"],
  [6, "nothing is a dash", null, "UTC", "—"],
];

for (const [n, why, iso, zone, text] of ROWS) {
  test(`${n}: ${why}`, () => assert.equal(dayText(iso, zone), text));
}
