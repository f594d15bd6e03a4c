// Pure parts of the page a newcomer relies on: which Takeout parts are missing
// (js/takeout-parts.js) and what each report checkbox sends to the converter (js/choices.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { missingParts } from "../../worker-shim/public/js/takeout-parts.js";
import { chosenFiles, converterKinds, readForOthers, usedFileKinds } from "../../worker-shim/public/js/choices.js";
import { fileKinds } from "../../worker-shim/shared/export-files.js";
import { core } from "./load-core.js";

const T = "takeout-20261127T101500Z";

// [n, names given, expected [{found, missing}] per export with a gap, why]
const PART_CASES = [
  [1, [`${T}-002.zip`], [{ found: [2], missing: [1] }], "part 2 alone: part 1 is missing"],
  [2, [`${T}-001.zip`, `${T}-003.zip`], [{ found: [1, 3], missing: [2] }], "a gap in the middle"],
  [3, [`${T}-001.zip`], [], "part 1 alone: Google does not say how many there are, so nothing is claimed missing"],
  [4, [`${T}-001.zip`, `${T}-002.zip`], [], "every part up to the highest"],
  [5, [`${T}-004.tgz`, `${T}-002.tgz`], [{ found: [2, 4], missing: [1, 3] }], ".tgz parts, given out of order"],
  [6, ["fitbit.zip", "notes.txt"], [], "names that are not Takeout parts"],
  [7, [`${T}-002 (1).zip`], [{ found: [2], missing: [1] }], "a repeated download's ' (1)'"],
  [8, [`${T}-001.zip`, "takeout-20250101T000000Z-002.zip"], [{ found: [2], missing: [1] }], "two exports are judged apart"],
  [9, [`${T}-1-003.zip`], [{ found: [3], missing: [1, 2] }], "the newer names with a number before the part"],
];

for (const [n, names, expected, why] of PART_CASES) {
  test(`parts ${n}: ${why}`, () => {
    assert.deepEqual(missingParts(names).map(({ found, missing }) => ({ found, missing })), expected);
  });
}

test("parts 10: the words name the missing part and say what to do", () => {
  const [gap] = missingParts([`${T}-002.zip`]);
  assert.equal(gap.title, "Part 1 of your Takeout is missing");
  assert.match(gap.detail, /^You gave part 2 of takeout-20261127T101500Z\./);
  assert.match(gap.detail, /choose or drop all the parts \(takeout-20261127T101500Z-001, -002, …\) together\.$/);
  assert.equal(missingParts([`${T}-004.zip`, `${T}-002.zip`])[0].title, "Parts 1 and 3 of your Takeout are missing");
});

const FILES = ["profile", "weight", "weight_csv", "exercise", "tcx", "steps", "sleep", "resting_heart_rate"].map((kind) => ({ kind, path: `${kind}.x` }));
const ALL = new Set(["weight", "workouts", "daily", "sleep", "resting_heart_rate"]);
const without = (...kinds) => new Set([...ALL].filter((k) => !kinds.includes(k)));
const kindsOf = (files) => files.map((f) => f.kind);

// The core's kind table: which convert option converts each report kind, which options read
// each file kind.
const TABLE = fileKinds(core);

// [n, report kinds kept, converter kinds, file kinds sent, why]
const CHOICE_CASES = [
  [1, ALL, ["weight", "workouts", "daily", "reference"], ["profile", "weight", "weight_csv", "exercise", "tcx", "steps", "sleep", "resting_heart_rate"], "everything kept"],
  [2, without("sleep"), ["weight", "workouts", "daily", "reference"], ["profile", "weight", "weight_csv", "exercise", "tcx", "steps", "resting_heart_rate"], "sleep left out, resting heart rate kept: only sleep's files stay home"],
  [3, without("resting_heart_rate"), ["weight", "workouts", "daily", "reference"], ["profile", "weight", "weight_csv", "exercise", "tcx", "steps", "sleep"], "the other way round"],
  [4, without("sleep", "resting_heart_rate"), ["weight", "workouts", "daily"], ["profile", "weight", "weight_csv", "exercise", "tcx", "steps"], "both reference kinds out: no reference conversion"],
  [5, new Set(["weight"]), ["weight"], ["profile", "weight", "weight_csv"], "weight only"],
  [6, new Set(["workouts"]), ["workouts"], ["profile", "weight", "weight_csv", "exercise", "tcx"], "workouts only: the weigh-ins go too, for the UTC offsets they show (the core writes no weight)"],
  [7, new Set(), [], ["profile", "weight", "weight_csv"], "nothing kept: only what every option reads would go (the page then offers no button)"],
];

for (const [n, chosen, kinds, files, why] of CHOICE_CASES) {
  test(`choices ${n}: ${why}`, () => {
    assert.deepEqual([...converterKinds(chosen, TABLE)].sort(), [...kinds].sort());
    assert.deepEqual(kindsOf(chosenFiles(FILES, chosen, ALL, TABLE)), files);
    const used = [...usedFileKinds(chosen, ALL, TABLE)].filter((k) => FILES.some((f) => f.kind === k));
    assert.deepEqual(used.sort(), [...new Set(files)].sort());
  });
}

// Helper finding: with Weight unticked the weight logs showed "Yes" in the page's table of
// files, as if converted; they are read for the UTC offsets their times show (and heart rate
// for the workouts). [n, report kinds present, kept, {file kind: options that read it}, why]
const WITH_HR = new Set([...ALL, "heart_rate"]);
const READ_CASES = [
  [1, ALL, ALL, {}, "everything kept: nothing is read for another's sake"],
  [2, ALL, without("weight"), { weight: ["workouts", "daily activity", "the health files"], weight_csv: ["workouts", "daily activity", "the health files"] }, "Weight unticked: the weigh-ins are read by every other option"],
  [3, ALL, new Set(["workouts"]), { weight: ["workouts"], weight_csv: ["workouts"] }, "workouts only: read for the workouts alone"],
  [4, ALL, new Set(["weight"]), {}, "weight only: converted, not read for another"],
  [5, WITH_HR, new Set([...WITH_HR].filter((k) => k !== "heart_rate")), { heart_rate: ["workouts"], heart_rate_csv: ["workouts"] }, "heart rate unticked, workouts kept: its files are read for the workouts' readings"],
  [6, WITH_HR, new Set(["heart_rate", "weight"]), {}, "heart rate kept (the health files run): its own option converts it"],
  [7, WITH_HR, new Set(["sleep", "weight"]), {}, "heart rate and workouts unticked, sleep kept: nothing reads heart rate (it is not sent)"],
];

for (const [n, present, chosen, expected, why] of READ_CASES) {
  test(`read for others ${n}: ${why}`, () => {
    assert.deepEqual(Object.fromEntries(readForOthers(chosen, present, TABLE)), expected);
  });
}

// Review finding: heart rate unticked while sleep kept the health files running was sent, and
// its tables made, all the same. [n, kept, heart rate's files sent, why]
const HR_FILES = [...FILES, { kind: "heart_rate", path: "heart_rate.x" }, { kind: "heart_rate_csv", path: "heart_rate.csv" }];
const HR_CASES = [
  [1, new Set([...WITH_HR]), true, "everything kept"],
  [2, new Set(["sleep", "weight"]), false, "heart rate and workouts unticked, sleep kept: not sent"],
  [3, new Set(["sleep", "weight", "workouts"]), true, "heart rate unticked, workouts kept: sent for the workouts' readings (the page asks for no tables)"],
  [4, new Set(["heart_rate"]), true, "heart rate alone"],
];
for (const [n, chosen, sent, why] of HR_CASES) {
  test(`heart rate sent ${n}: ${why}`, () => {
    const kinds = kindsOf(chosenFiles(HR_FILES, chosen, WITH_HR, TABLE));
    assert.equal(kinds.includes("heart_rate"), sent);
    assert.equal(kinds.includes("heart_rate_csv"), sent);
  });
}
