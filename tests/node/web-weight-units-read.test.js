// Which weigh-ins the page says the weight-unit field reads (worker-shim/public/js/weight-units-read.js).
// Numbered rows: the unit, ts_weight_preview's counts, the words.
import { test } from "node:test";
import assert from "node:assert/strict";
import { unitsReadText } from "../../worker-shim/public/js/weight-units-read.js";

const ROWS = [
  // 1: the weight logs alone: the unit reads every weigh-in, and the advice to change it stands.
  ["lb", { matched: 0, jsonOnly: 40, csvOnly: 0 }, "read as pounds — if the line looks wrong by a factor of 2.2, change the unit above."],
  // 2: every log also in weight.csv: grams for all, the field changes nothing (helper finding).
  ["kg", { matched: 536, jsonOnly: 0, csvOnly: 0 }, "all from weight.csv, in grams as it states: the unit above changes none of them."],
  // 3: weight.csv alone (the 2026 shape): the same (review finding).
  ["kg", { matched: 0, jsonOnly: 0, csvOnly: 3 }, "all from weight.csv, in grams as it states: the unit above changes none of them."],
  // 4: some only in the logs (a realistic export): the field reads those, said with both counts
  //    (helper finding: "1,559 weigh-ins … read as kilograms" where kilograms changed 30).
  ["kg", { matched: 1500, jsonOnly: 30, csvOnly: 29 }, "the 30 only the weight logs hold read as kilograms, the 1,529 weight.csv holds in grams as it states."],
  // 5: no counts (an older preview): read as the unit, as before.
  ["lb", undefined, "read as pounds — if the line looks wrong by a factor of 2.2, change the unit above."],
];

for (const [i, [unit, counts, words]] of ROWS.entries()) {
  test(`${i + 1}: ${words.slice(0, 40)}…`, () => assert.equal(unitsReadText(unit, counts), words));
}
