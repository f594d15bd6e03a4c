// The core cuts a server session's plan into groups (wasm/core/convert/step_groups.h, the
// plan's option "groups"), through core.wasm as the Worker calls it (core.js planGroups). It
// must be the cut the rule gives over the plan's JSON (worker-shim/shared/step-groups.js
// groupSteps, which the Worker ran before): the same groups, each with the same steps, the
// same stored files and the same sent ones, for every case of tests/cases/steps.json and for
// generated exports, under several rules. Then the refusals of malformed rules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { core, loadCases } from "./load-core.js";
import { CoreError } from "../../worker-shim/shared/core.js";
import { planInputs } from "../../worker-shim/shared/convert-steps.js";
import { groupRules, groupSteps, stepCostMs } from "../../worker-shim/shared/step-groups.js";
import { kindsOf } from "../../worker-shim/shared/export-files.js";
import { STORED_READ_MAX_BYTES } from "../../worker-shim/shared/upload-limits.js";
import { generateExport } from "../../scripts/gen-takeout.mjs";
import { timeZoneOption } from "../../worker-shim/shared/tz.js";

const enc = new TextEncoder();

// The rules each input is cut by, numbered, each with why. `stored(files)` picks the files the
// upload holds (the rest are sent with their group's request).
const RULES = [
  [1, "the Worker's own rules; the light files stored, as an upload holds them", { stored: "light" }],
  [2, "a budget no two steps fit in: one step a group", { stored: "light", budgetMs: 0.0001 }],
  [3, "at most two steps a group", { stored: "light", maxSteps: 2 }],
  [4, "a request cap of 60 KB: the sent files close groups", { stored: "light", maxSendBytes: 60_000 }],
  [5, "nothing stored: every file is sent, and counts against the cap", { stored: "none", maxSendBytes: 300_000 }],
  [6, "everything stored: nothing is sent, so no cap closes a group", { stored: "all", maxSendBytes: 1 }],
  [7, "review finding: a group reads at most maxStoredBytes of the upload, each stored file once (the server's cut had no such bound)", { stored: "all", maxStoredBytes: 5000 }],
];

// What the Worker stored in the session and answered before the core cut the groups
// (routes/convert.js as it was): groupSteps over the plan's JSON.
function cutInJs(plan, where, sizes, rule) {
  const sizeOf = (name) => where.get(name)?.bytes ?? sizes[name];
  const sendBytes = (step) => step.files.reduce((n, name) => n + (where.has(name) ? 0 : sizes[name] ?? 0), 0);
  const stored = (step) => step.files.filter((name) => where.has(name));
  const cost = { budgetMs: rule.budgetMs, maxSteps: rule.maxSteps, sizeOf, sendBytes, maxSendBytes: rule.maxSendBytes, stored, maxStoredBytes: rule.maxStoredBytes ?? STORED_READ_MAX_BYTES };
  for (const k of Object.keys(cost)) if (cost[k] === undefined) delete cost[k];
  const session = groupSteps(plan.steps, cost).map(([first, count]) => {
    const steps = plan.steps.slice(first, first + count);
    const names = [...new Set(steps.flatMap((s) => s.files))];
    return {
      steps,
      stored: names.filter((n) => where.has(n)).map((n) => where.get(n)),
      send: names.filter((n) => !where.has(n)).map((n) => [n, sizes[n] ?? 0]),
    };
  });
  const answer = session.map((g) => ({ steps: g.steps.map((s) => s.id), send: g.send.map(([n]) => n), bytes: g.steps.reduce((n, s) => n + s.bytes, 0) }));
  const estimate = plan.steps.reduce((ms, s) => ms + stepCostMs(s, undefined, sizeOf), 0);
  return { session, answer, estimate };
}

// One input (a plan's options, files and sizes) under every rule.
function checkInput(label, options, files, sizes, digests, light) {
  const plan = core.plan(options, files, sizes, digests);
  for (const [n, why, rule] of RULES) {
    const chosen = rule.stored === "all" ? files : rule.stored === "none" ? [] : files.filter((f) => light.has(f.name));
    // Where each stored file is, as an upload's metadata says (any numbers do: they are carried).
    const stored = chosen.map((f, i) => ({ name: f.name, stream: i % 3, offset: 1000 * i, bytes: sizes?.[f.name] ?? f.data.length }));
    const where = new Map(stored.map((f) => [f.name, f]));
    const allSizes = { ...Object.fromEntries(files.map((f) => [f.name, f.data.length])), ...sizes };
    const want = cutInJs(plan, where, allSizes, rule);
    const got = core.planGroups(options, files, sizes, digests, groupRules(stored, rule.maxSendBytes ?? Infinity, rule));
    const at = `${label}, rules ${n} (${why})`;
    assert.deepEqual(JSON.parse(got.sessionGroups), want.session, `${at}: the session's groups`);
    assert.deepEqual(got.groups, want.answer, `${at}: the groups the client is told`);
    assert.equal(got.steps, plan.steps.length, `${at}: the step count`);
    assert.equal(got.estimateMs, want.estimate, `${at}: the estimate, to the bit`);
    const budget = rule.budgetMs ?? groupRules([]).budgetMs;
    assert.equal(got.oneRequest, want.estimate <= budget, `${at}: oneRequest`);
    assert.deepEqual(got.stepList, got.oneRequest ? plan.steps : null, `${at}: the steps, only for one request`);
    assert.deepEqual(
      { report: got.report, part: got.part, stepZone: got.stepZone },
      { report: plan.report, part: plan.part, stepZone: plan.stepZone },
      `${at}: the report, part and stepZone of the plan`,
    );
  }
}

const table = loadCases("steps.json");
// Not the cases that give a path twice: a session's upload holds one file per path
// (routes/upload.js), so its stored files and sizes are by path.
const onePerPath = (c) => new Set(c.files.map((f) => f.name)).size === c.files.length;
for (const c of table.cases.filter((c) => !c.error && onePerPath(c))) {
  test(`steps.json case ${c.n}: the core's groups are groupSteps' under every rule (${c.why})`, () => {
    const files = c.files.map((f) => ({ name: f.name, data: enc.encode(f.text) }));
    const light = new Set(files.filter((f) => ["weight", "weight_csv", "exercise", "profile", "height"].includes(kindsOf(core, [f.name])[0])).map((f) => f.name));
    checkInput(`case ${c.n}`, c.options, files, null, null, light);
  });
}

test("generated exports, with light files as the plan gets them (others empty, sized) and exercise files as digests", async () => {
  const rows = [
    [1, "three years: tracks, heart-rate days, a year of per-minute data", { seed: 61, years: 3, perWeek: 4, workoutsPerWeek: 3, minuteDays: 365, trackInterval: 60 }],
    [2, "odd workouts and the myfitbit layout, with a traveller", { seed: 62, years: 1, perWeek: 2, workoutsPerWeek: 5, minuteDays: 30, trackInterval: 60, oddWorkouts: true, layout: "myfitbit", travel: [["2015-06-01", "Asia/Tokyo"]] }],
    [3, "heart-rate days over the file cap: slices, each estimated at a k-th of its day", { seed: 63, years: 0.03, perWeek: 3, workoutsPerWeek: 6, allDayHeartRate: 5, heartRateInterval: 2, start: "2023-06-01" }],
  ];
  for (const [n, why, shape] of rows) {
    const files = generateExport(shape).map((f) => ({ name: f.name, data: typeof f.data === "string" ? enc.encode(f.data) : f.data }));
    const byName = new Map(files.map((f) => [f.name, f.data]));
    const input = await planInputs(core, files.map((f) => ({ path: f.name, bytes: f.data.length })), async (p) => byName.get(p));
    const light = new Set(input.files.filter((f) => f.data.length > 0).map((f) => f.name));
    const exercise = input.files.filter((f) => kindsOf(core, [f.name])[0] === "exercise");
    const dmap = new Map(core.digest(exercise).map((d) => [d.name, d.data]));
    const planFiles = input.files.map((f) => (dmap.has(f.name) ? { name: f.name, data: dmap.get(f.name) } : f));
    const sizes = { ...input.sizes, ...Object.fromEntries(exercise.map((f) => [f.name, f.data.length])) };
    const report = core.plan({}, input.files, input.sizes).report;
    const r = report.transitionsRange;
    const options = { weightUnit: "auto", timeZone: timeZoneOption(report.timeZone.name, r.from, r.to) };
    const plan = core.plan(options, planFiles, sizes, [...dmap.keys()]);
    assert.ok((n === 3 ? plan.steps.some((s) => s.slice) : plan.steps.length > 100) && plan.steps.some((s) => s.records), `row ${n}: many steps (row 3: slices), workouts with records`);
    checkInput(`row ${n} (${why})`, options, planFiles, sizes, [...dmap.keys()], light);
  }
});

test("malformed rules are refused, each saying which member", () => {
  const files = [{ name: "Takeout/Fitbit/Global Export Data/weight-2020-01-01.json", data: enc.encode('[{"logId":1,"weight":70,"bmi":22,"date":"01/02/20","time":"08:00:00","source":"API"}]') }];
  const good = groupRules([]);
  const rows = [
    [1, "not an object", 5, "must be an object"],
    [2, "no budget", { ...good, budgetMs: undefined }, "'budgetMs'"],
    [3, "a negative budget", { ...good, budgetMs: -1 }, "'budgetMs'"],
    [4, "no steps a group", { ...good, maxSteps: 0 }, "'maxSteps'"],
    [5, "a cap that is not a whole number", { ...good, maxSendBytes: 1.5 }, "'maxSendBytes'"],
    [6, "a cost line without its rate", { ...good, cost: { weight: { fixedMs: 1 } } }, "cost 'weight'"],
    [7, "no fallback line", { ...good, fallback: undefined }, "'fallback'"],
    [8, "a stored file without where it is", { ...good, stored: [["a.json", 0, 0]] }, "'stored'"],
    [9, "a read cap that is not a whole number", { ...good, maxStoredBytes: -5 }, "'maxStoredBytes'"],
  ];
  for (const [n, why, groups, says] of rows) {
    assert.throws(
      () => core.callBundle("ts_plan", { timeZone: timeZoneOption("UTC", 0, 2e9), groups: JSON.parse(JSON.stringify(groups)) }, files),
      (e) => e instanceof CoreError && e.message.includes("option 'groups'") && e.message.includes(says),
      `row ${n}: ${why}`,
    );
  }
});
