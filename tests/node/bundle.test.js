// TSB1 framing (worker-shim/shared/bundle.js) and its agreement with the core's decoder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeBundle, encodeBundle } from "../../worker-shim/shared/bundle.js";
import { CoreError } from "../../worker-shim/shared/core.js";
import { core } from "./load-core.js";

test("1: encode -> decode round trip keeps options, names (UTF-8) and bytes", () => {
  const files = [
    { name: "Takeout/Fitbit/Global Export Data/weight-2023-01-01.json", data: "[]" },
    { name: "MyFitbitData/Zoë/Personal & Account/Profile.csv", data: new Uint8Array([0, 255, 1]) },
    { name: "empty", data: new Uint8Array(0) },
  ];
  const b = encodeBundle({ weightUnit: "kg" }, files);
  const d = decodeBundle(b);
  assert.deepEqual(d.options, { weightUnit: "kg" });
  assert.deepEqual(d.files.map((f) => f.name), files.map((f) => f.name));
  assert.equal(new TextDecoder().decode(d.files[0].data), "[]");
  assert.deepEqual([...d.files[1].data], [0, 255, 1]);
  assert.equal(d.files[2].data.length, 0);
});

test("2: the exact layout: magic, u32 LE lengths, count", () => {
  const b = encodeBundle(null, [{ name: "a", data: "xy" }]);
  assert.deepEqual([...b], [0x54, 0x53, 0x42, 0x31, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0x61, 2, 0, 0, 0, 0x78, 0x79]);
  assert.equal(decodeBundle(b).options, null);
});

test("3: truncated, trailing or foreign bytes are refused by JS and by the core alike", () => {
  const good = encodeBundle({}, [{ name: "a", data: "xyz" }]);
  const bad = [good.subarray(0, good.length - 1), new Uint8Array([...good, 0]), new TextEncoder().encode("PK\x03\x04 not a bundle")];
  for (const b of bad) {
    assert.throws(() => decodeBundle(b));
    assert.throws(() => core.callBytes("ts_validate", b), (e) => e instanceof CoreError && e.code === "format");
  }
});

test("4: ts_convert's output is a bundle with an empty options slot", () => {
  const out = decodeBundle(core.callBytes("ts_convert", encodeBundle({}, [])));
  assert.equal(out.options, null);
  assert.deepEqual(out.files.map((f) => f.name), ["manifest.json", "IMPORT.txt"]);
  // Nothing to convert: no zone was used, none claimed, and nothing written.
  const manifest = JSON.parse(new TextDecoder().decode(out.files[0].data));
  assert.deepEqual(manifest.timeZone, { name: null, source: null, profile: null, evidence: { periods: [], comparedWith: null, explicit: false } });
  assert.deepEqual(manifest.files, []);
  assert.deepEqual(manifest.warnings, ["the export has no weight records"]);
});
