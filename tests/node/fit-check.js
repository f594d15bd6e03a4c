// Garmin's own decoder (@garmin/fitsdk) as the independent judge of every FIT file the tests
// produce: a file passes only with checkIntegrity() true and no decoder errors.
import assert from "node:assert/strict";
import { Decoder, Stream } from "@garmin/fitsdk";

export function decodeFit(bytes) {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const decoder = new Decoder(Stream.fromByteArray(Array.from(u8)));
  assert.ok(decoder.isFIT(), "not a FIT file");
  assert.ok(decoder.checkIntegrity(), "checkIntegrity() failed (header, sizes or CRC)");
  const { messages, errors } = decoder.read();
  assert.deepEqual(errors, [], "decoder errors");
  return messages;
}

// A FIT weight file as Garmin Connect's import needs it: file_id.type weight (9), then
// weight_scale messages in ascending time, every one with a weight. Returns the weigh-ins as
// {utc, kg, fat?, bmi?} for comparison with what the core said it would write.
export function decodeWeightFit(bytes) {
  const m = decodeFit(bytes);
  assert.equal(m.fileIdMesgs?.length, 1, "exactly one file_id");
  assert.equal(m.fileIdMesgs[0].type, "weight", "file_id.type must be weight (9), not activity");
  assert.ok(m.weightScaleMesgs?.length > 0, "no weight_scale messages");
  let last = -Infinity;
  return m.weightScaleMesgs.map((w) => {
    assert.ok(w.timestamp instanceof Date, "weight_scale without timestamp");
    assert.ok(w.timestamp.getTime() >= last, "weight_scale messages out of time order");
    last = w.timestamp.getTime();
    assert.equal(typeof w.weight, "number", "weight_scale without weight");
    const out = { utc: w.timestamp.toISOString().replace(".000Z", "Z"), kg: w.weight };
    if (w.percentFat !== undefined) out.fat = w.percentFat;
    if (w.bmi !== undefined) out.bmi = w.bmi;
    return out;
  });
}
