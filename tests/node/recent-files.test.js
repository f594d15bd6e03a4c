// The page's kept files on this device (public/js/recent-files.js): which reads a run of steps
// makes, and that what is kept stays within its bound. The CLI's twin is tested by
// tests/cpp/recent_files_test.cpp with the same rows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { RecentFiles } from "../../worker-shim/public/js/recent-files.js";

test("1: reads once what the last steps read, within its bound (numbered rows; a bound of 10 bytes)", async () => {
  const rows = [
    // [n, why, gets [name, size], the names read in order]
    [1, "a file asked for again is read once", [["a", 4], ["a", 4]], ["a"]],
    [2, "two files within the bound: each read once", [["a", 4], ["b", 4], ["a", 4], ["b", 4]], ["a", "b"]],
    [3, "a third past the bound drops the least recently used", [["a", 4], ["b", 4], ["a", 4], ["c", 4], ["a", 4], ["b", 4]], ["a", "b", "c", "b"]],
    [4, "a file over the bound is kept apart from it (a month's file, read by each workout of the month)", [["big", 11], ["big", 11], ["a", 4], ["a", 4]], ["big", "a"]],
    [5, "exactly the bound is kept", [["x", 10], ["x", 10]], ["x"]],
    [6, "two files over the bound are kept (a step's month of heart rate and its month of track)", [["hr", 20], ["gps", 12], ["hr", 20], ["gps", 12]], ["hr", "gps"]],
    [7, "a third over the bound drops the least recently used of them", [["hr", 20], ["gps", 12], ["hr", 20], ["pace", 15], ["hr", 20], ["gps", 12]], ["hr", "gps", "pace", "gps"]],
    [8, "files over the bound never drop those within it", [["a", 4], ["big", 11], ["b", 4], ["a", 4], ["b", 4]], ["a", "big", "b"]],
  ];
  for (const [n, why, gets, want] of rows) {
    const recent = new RecentFiles(10);
    const reads = [];
    for (const [name, size] of gets) {
      const got = await recent.get(name, async () => {
        reads.push(name);
        return new Uint8Array(size).fill(name.charCodeAt(0));
      });
      assert.deepEqual(got, new Uint8Array(size).fill(name.charCodeAt(0)), `row ${n}: ${why}`);
      assert.ok(recent.bytes <= 10, `row ${n}: ${why}: within the bound`);
    }
    assert.deepEqual(reads, want, `row ${n}: ${why}`);
  }
});

test("2: a read that fails is handed on and nothing is kept", async () => {
  const recent = new RecentFiles(10);
  await assert.rejects(recent.get("a", async () => { throw new Error("not-a-zip"); }), /not-a-zip/);
  assert.equal(recent.bytes, 0);
  let reads = 0;
  await recent.get("a", async () => (reads++, new Uint8Array(3)));
  assert.equal(reads, 1);
});
