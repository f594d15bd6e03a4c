// Golden FIT files (written by tests/cpp/fit_writer_test.cpp) through Garmin's decoder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import CrcCalculator from "@garmin/fitsdk/src/crc-calculator.js";
import { decodeFit, decodeWeightFit } from "./fit-check.js";

const dir = fileURLToPath(new URL("../fixtures/fit/", import.meta.url));
const golden = readdirSync(dir).filter((f) => f.endsWith(".fit"));

test("1: there are golden FIT files to check", () => {
  assert.ok(golden.includes("weight-basic.fit") && golden.includes("round-robin.fit"));
});

for (const name of golden) {
  test(`2: ${name} passes checkIntegrity with no decoder errors`, () => {
    decodeFit(readFileSync(dir + name));
  });
}

test("3: weight-basic.fit decodes to the weigh-ins fit_writer_test.cpp wrote (scaled, UTC, absent fields absent)", () => {
  const bytes = readFileSync(dir + "weight-basic.fit");
  assert.deepEqual(decodeWeightFit(bytes), [
    { utc: "2017-07-05T17:44:00Z", kg: 87.95, fat: 24, bmi: 28.1 },
    { utc: "2017-07-07T00:00:00Z", kg: 72.5 },
    { utc: "2017-07-08T00:00:00Z", kg: 72.45, bmi: 23.1 },
  ]);
  const m = decodeFit(bytes);
  assert.equal(m.fileIdMesgs[0].manufacturer, "development");
  assert.equal(m.deviceInfoMesgs[0].deviceIndex, "creator");
});

test("4: round-robin.fit: 17 layouts in 16 local types decode to 17 weigh-ins in order", () => {
  const m = decodeFit(readFileSync(dir + "round-robin.fit"));
  assert.equal(m.weightScaleMesgs.length, 17);
  m.weightScaleMesgs.forEach((w, i) => assert.equal(w.weight, Math.round((70 + i * 0.01) * 100) / 100));
  // i = 16 = 0b10000 sets only muscle_mass (raw 14 -> 0.14 kg): absent fields stay absent.
  assert.deepEqual(Object.keys(m.weightScaleMesgs[16]).sort(), ["muscleMass", "timestamp", "weight"]);
  assert.equal(m.weightScaleMesgs[16].muscleMass, 0.14);
});

test("5: the header CRC of every golden file equals Garmin's CrcCalculator over bytes 0-11", () => {
  for (const name of golden) {
    const b = readFileSync(dir + name);
    assert.equal(b.readUInt16LE(12), CrcCalculator.calculateCRC(b, 0, 12), name);
    assert.equal(b.readUInt16LE(b.length - 2), CrcCalculator.calculateCRC(b, 0, b.length - 2), name);
  }
});
