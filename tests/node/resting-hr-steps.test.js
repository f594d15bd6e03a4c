// Resting heart-rate files are a few steps together (wasm/core/convert/plan.cpp
// kRestingHrStepFiles, kRestingHrStepBytes): at most 64 files and 1 MiB of them a step. An
// export of a file a day made one step of 3,650 files, whose file list alone was past what one
// request's steps may say (256 KiB, http/routes/convert-steps.js). Numbered rows: the files, the
// steps' file counts the plan must cut them into, and the table the steps give, checked
// against the rule worked out here: each day once, its value from the first file (in name
// order) that holds it, however the steps are cut and grouped.
import { test } from "node:test";
import assert from "node:assert/strict";
import { core } from "./load-core.js";
import { stepOptions } from "../../worker-shim/shared/convert-steps.js";

const enc = new TextEncoder();
const OPTIONS = { kinds: ["reference"], timeZone: { name: "UTC", explicit: true, transitions: [[0, 0]] } };

const civil = (day) => new Date(Date.UTC(2023, 0, 1) + day * 86400000);
const mdy = (day) => {
  const t = civil(day);
  return `${String(t.getUTCMonth() + 1).padStart(2, "0")}/${String(t.getUTCDate()).padStart(2, "0")}/${String(t.getUTCFullYear() % 100).padStart(2, "0")}`;
};
const iso = (day) => civil(day).toISOString().slice(0, 10);
const record = (day, bpm) => ({ dateTime: `${mdy(day)} 00:00:00`, value: { date: mdy(day), value: bpm, error: 6.5 } });

// `n` files starting every `every` days, each holding `span` days from its start (so a file's
// last days are the next one's first when span > every), padded with spaces to `pad` bytes.
function restingFiles(n, every, span, pad = 0) {
  return Array.from({ length: n }, (_, i) => {
    const records = Array.from({ length: span }, (_, k) => record(i * every + k, 40 + ((i * 7 + k) % 50)));
    return { name: `Takeout/Fitbit/Physical Activity/resting_heart_rate-${iso(i * every)}.json`, data: enc.encode(JSON.stringify(records).padEnd(pad, " ")) };
  });
}

// The table the rule gives: the first file in name order to hold a day decides it.
function expectedRows(files) {
  const rows = new Map();
  for (const f of [...files].sort((a, b) => (a.name < b.name ? -1 : 1)))
    for (const r of JSON.parse(new TextDecoder().decode(f.data))) {
      const [m, d, y] = r.value.date.split("/");
      const day = `20${y}-${m}-${d}`;
      if (!rows.has(day)) rows.set(day, `${day},${r.value.value},${r.value.error}`);
    }
  return [...rows.keys()].sort().map((k) => rows.get(k));
}

function tableOf(files, groupSize) {
  const plan = core.plan(OPTIONS, files);
  const opts = stepOptions(OPTIONS, plan.stepZone);
  const parts = [];
  for (let i = 0; i < plan.steps.length; i += groupSize) {
    const group = plan.steps.slice(i, i + groupSize);
    const named = new Set(group.flatMap((s) => s.files));
    parts.push(...core.step(opts, group, files.filter((f) => named.has(f.name))).map((s) => s.part));
  }
  const out = core.assemble(OPTIONS, plan.part, parts);
  const csv = new TextDecoder().decode(out.find((f) => f.path === "reference/resting_heart_rate.csv").data);
  return { plan, rows: csv.trimEnd().split("\n").slice(1) };
}

const ROWS = [
  // [n, why, files, the resting_hr steps' file counts in plan order]
  [1, "a file a day for 150 days, each also holding the next day: 64 files a step; the earlier file's value wins across a cut", restingFiles(150, 1, 2), [64, 64, 22]],
  [2, "monthly files (the layout of real exports): one step", restingFiles(12, 30, 31), [12]],
  [3, "files of 600 KB: one a step (two would pass 1 MiB)", restingFiles(3, 30, 31, 600 * 1024), [1, 1, 1]],
  [4, "one file past 1 MiB is still one step (a step is never empty)", restingFiles(2, 30, 31, 1.5 * 1024 * 1024), [1, 1]],
];

for (const [n, why, files, expected] of ROWS) {
  test(`resting heart-rate steps ${n}: ${why}`, () => {
    const whole = tableOf(files, 1000);
    const steps = whole.plan.steps.filter((s) => s.kind === "resting_hr");
    assert.deepEqual(steps.map((s) => s.files.length), expected);
    assert.deepEqual(whole.rows, expectedRows(files));
    // One step a request gives the same table.
    assert.deepEqual(tableOf(files, 1).rows, whole.rows);
  });
}
