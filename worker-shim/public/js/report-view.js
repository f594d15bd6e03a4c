// Renders ts_validate's report for a person: per kind, how many records from when to when,
// and whether and how each goes to Garmin Connect; what cannot go, and why; the unit and
// zone the converter detected (the page lets both be changed before converting).
import { dayText, formatDuration, instantDay } from "./format.js";
import { convertOfReport } from "../lib/core/export-files.js";

const $ = (id) => document.getElementById(id);

// The report's kinds as a person reads them. Which convert option (options.kinds) includes
// each comes from the core's kind table (ts_file_kinds), not from here.
export const REPORT_LABELS = Object.freeze({
  weight: "Weight",
  workouts: "Workouts",
  daily: "Daily activity (steps, distance, calories, active minutes)",
  sleep: "Sleep",
  resting_heart_rate: "Resting heart rate",
  heart_rate: "Heart rate (all day)",
  other_health_data: "Other health data (SpO2, HRV, …)",
});

export const reportLabel = (kind) => REPORT_LABELS[kind] ?? kind;

const UNIT_NAMES = { lb: "pounds", kg: "kilograms" };
// ts_validate's `decidedBy` / evidence `source` values, as a person reads them.
const EVIDENCE = {
  "weight.csv": "Google's weight.csv, which stores grams",
  bmi: "your BMI and your recorded height",
  "implied-height": "your BMI, which gives an adult height in only one unit",
  plausibility: "what body weights are plausible",
  "profile-weight": "the weight in your Fitbit profile",
  option: "your choice",
  default: "no evidence (pounds, what most exports use)",
};

// "2015-01-01T19:33:26" → "1 Jan 2015" (the report's local times have no zone: show the date).
// A date of the report (format.js dayText): an instant in the export's zone.
export function localDate(iso, zone = "UTC") {
  return dayText(iso, zone);
}

function cell(tr, text, className) {
  const td = tr.insertCell();
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

// The core says "not importable; written to reference/sleep.csv": the "No" column already
// says the first half.
function whyNot(how) {
  return how ? how.replace(/^not importable( as history)?;\s*/i, "") : "";
}

// Renders the table; `table` is the core's kind table, `selected` (Set of report kinds) sets
// the checkboxes — one per kind, each independent of the others — and `onToggle(kind, on)` is
// called when one changes.
export function renderReport(report, selection, table, selected, onToggle) {
  const body = $("report-table").tBodies[0];
  body.replaceChildren();
  // Kinds the page finds but does not send (all-day heart rate, other health data) are
  // counted by name in the report; their own rows below say why they stay here.
  const reportOf = new Map(table.kinds.map((k) => [k.kind, k.report]));
  const notSent = new Set(selection.byKind.filter((b) => !b.sent).map((b) => reportOf.get(b.kind)));
  for (const k of report.kinds ?? []) {
    if (notSent.has(k.kind)) continue;
    const info = { label: reportLabel(k.kind), convert: convertOfReport(table, k.kind) };
    const tr = body.insertRow();
    tr.dataset.kind = k.kind;
    const choose = tr.insertCell();
    if (info.convert) {
      const box = document.createElement("input");
      box.type = "checkbox";
      box.checked = selected.has(k.kind);
      box.dataset.convert = info.convert;
      box.setAttribute("aria-label", `Convert ${info.label.toLowerCase()}`);
      box.addEventListener("change", () => onToggle(k.kind, box.checked));
      choose.append(box);
    }
    cell(tr, info.label);
    const count = k.records != null ? k.records.toLocaleString("en-US") : `${k.files} file${k.files === 1 ? "" : "s"}`;
    cell(tr, count, "num");
    const zone = report.timeZone?.name ?? "UTC";
    cell(tr, localDate(k.firstLocal ?? k.firstUtc ?? k.firstDay, zone));
    // A kind dated by its files' names: the last file begins on lastDay and holds up to a
    // month after it (the report cannot know its last record before converting). "26 Nov 2023
    // or later" beside a first day of 26 Nov 2023 read as one day (helper finding).
    cell(tr, k.lastDayIsFileStart ? `within a month after ${localDate(k.lastDay)}` : localDate(k.lastLocal ?? k.lastUtc ?? k.lastDay, zone));
    cell(tr, k.importable ? `Yes — ${k.how}` : `No — ${whyNot(k.how) || "Garmin Connect cannot import it"}`, k.importable ? "yes" : "no");
  }
  // Files found but not sent (health data Garmin has no import for): say why.
  for (const k of selection.byKind.filter((b) => !b.sent)) {
    const tr = body.insertRow();
    tr.dataset.kind = k.kind;
    tr.insertCell();
    cell(tr, k.label);
    cell(tr, `${k.count} file${k.count === 1 ? "" : "s"}`, "num");
    cell(tr, "—");
    cell(tr, "—");
    cell(tr, "No — Garmin Connect cannot import it; the command-line converter copies these CSVs for your records", "no");
  }
  if (body.rows.length === 0) {
    const tr = body.insertRow();
    const td = cell(tr, "Nothing in these files can be converted.");
    td.colSpan = 6;
  }

  const problems = $("report-problems");
  problems.replaceChildren();
  // Each problem of a file carries its report kind, so that one of a kind left out is hidden
  // with it (markSelection; helper finding: sixteen workouts' problems stayed listed with
  // Workouts unticked).
  const kindOfPath = new Map((selection.files ?? []).map((f) => [f.path, reportOf.get(f.kind)]));
  for (const p of report.problems ?? []) {
    const li = document.createElement("li");
    const where = p.index !== undefined ? `${p.source}, record ${p.index + 1}` : p.source;
    li.textContent = `${where}: ${p.reason}`;
    const kind = kindOfPath.get(p.source);
    if (kind) li.dataset.kind = kind;
    problems.append(li);
  }
  for (const w of report.warnings ?? []) {
    const li = document.createElement("li");
    li.textContent = w;
    problems.append(li);
  }
  markSelection(selected);
}

// The weight-unit <select>: "As detected: pounds (from …)" plus the evidence in the hint.
export function renderUnit(report) {
  const u = report.weightUnit;
  const select = $("weight-unit");
  const hint = $("weight-unit-hint");
  select.closest(".field").hidden = !u;
  if (!u) return;
  select.options[0].textContent = `As detected: ${UNIT_NAMES[u.value] ?? u.value}`;
  const named = (e) => (EVIDENCE[e.source] ?? e.source) + (e.height ? ` (height from ${e.height})` : "");
  const agree = (u.evidence ?? []).filter((e) => e.of > 0 && e.source !== u.decidedBy).map((e) => `${named(e)} (${e.verdict === u.value ? "agrees" : e.verdict ? `says ${UNIT_NAMES[e.verdict]}` : "cannot tell"})`);
  const decided = (u.evidence ?? []).find((e) => e.source === u.decidedBy);
  hint.textContent =
    `Decided by ${decided ? named(decided) : EVIDENCE[u.decidedBy] ?? u.decidedBy}.` +
    (agree.length ? ` Checked against: ${agree.join("; ")}.` : "") +
    (u.conflict ? " The evidence disagrees: check one weigh-in against what your scale showed." : "") +
    " Change it if it is wrong.";
}

export function renderZone(report, deviceZone) {
  const input = $("time-zone");
  const hint = $("time-zone-hint");
  const list = $("time-zones");
  if (!list.children.length && Intl.supportedValuesOf) {
    for (const z of Intl.supportedValuesOf("timeZone")) list.append(new Option(z));
  }
  input.closest(".field").hidden = !report.transitionsRange;
  const fromProfile = report.timeZone?.name;
  input.value = fromProfile ?? deviceZone;
  input.dataset.detected = input.value;
  delete hint.dataset.about;
  hint.textContent = fromProfile
    ? `From your Fitbit profile (${report.timeZone.source ?? "Profile.csv"}), which names the zone when the export was made. Fitbit wrote weigh-ins, calories and sleep in local clock times (steps and workouts' starts in UTC); where your export shows its own UTC offsets (weigh-ins in both weight files, workouts in Google's list), those are followed, and this zone fills in the rest. Type a zone to use it for everything.`
    : `Your export has no profile time zone, so this device's zone fills in where the export shows no UTC offsets of its own. Fitbit wrote weigh-ins, calories and sleep in local clock times (steps and workouts' starts in UTC): type the zone you lived in to use it for everything.`;
}

// The UTC offsets the export itself shows (ts_weight_preview's zoneEvidence: weigh-ins in both
// weight files, workouts in Google's list), under the zone field: where they agree with the
// zone, and where the export's own were followed.
export function renderZoneEvidence(zoneEvidence) {
  const list = $("zone-evidence");
  list.replaceChildren();
  const periods = zoneEvidence?.periods ?? [];
  for (const p of periods) {
    const li = document.createElement("li");
    const agree = p.agrees === true ? "agrees with the zone above" : p.agrees === false ? "differs from the zone above" : "";
    const seen = [p.weighIns ? `${p.weighIns} weigh-in${p.weighIns === 1 ? "" : "s"}` : "", p.workouts ? `${p.workouts} workout${p.workouts === 1 ? "" : "s"}` : ""].filter(Boolean).join(", ");
    li.textContent = `${localDate(p.from)} – ${localDate(p.to)}: UTC${p.offset}, ${seen}${agree ? ` (${agree})` : ""}`;
    if (p.agrees === false) li.className = "no";
    list.append(li);
  }
  list.hidden = periods.length === 0;
  $("zone-evidence-caption").hidden = periods.length === 0;
  // The offsets are what a person weighs a zone against: the zone field is described by them
  // too, while there are any (a hidden element named by aria-describedby would still be read).
  $("time-zone").setAttribute("aria-describedby", periods.length ? "time-zone-hint zone-evidence-caption zone-evidence" : "time-zone-hint");
}

// Greys out (and strikes through) the rows of the report kinds left out.
export function markSelection(selected) {
  const boxed = new Set();
  for (const tr of $("report-table").tBodies[0].rows) {
    const box = tr.querySelector("input[data-convert]");
    if (!box) continue;
    boxed.add(tr.dataset.kind);
    box.checked = selected.has(tr.dataset.kind);
    tr.classList.toggle("excluded", !box.checked);
  }
  // A file's problems go with its kind's choice (renderReport); the list goes when all do.
  const problems = $("report-problems");
  for (const li of problems.children) li.hidden = Boolean(li.dataset.kind) && boxed.has(li.dataset.kind) && !selected.has(li.dataset.kind);
  problems.hidden = ![...problems.children].some((li) => !li.hidden);
}

const MAX_LISTED = 100;

// workouts: ts_inspect_file's `workouts` of every exercise file, sorted by start; zone: IANA
// name for local dates; distance: "km" | "mi"; includeAuto: auto-detected ones kept;
// included: workouts are converted at all (their checkbox in the report); includeImplausible:
// the ones impossible for their sport (marked by the core) kept; inEffect: the zone the
// export's own offsets make, when they do (format.js instantDay).
export function renderWorkouts(workouts, zone, distance, includeAuto, included = true, includeImplausible = false, inEffect = null) {
  const box = $("workouts");
  box.hidden = workouts.length === 0;
  if (box.hidden) return;
  const autoN = workouts.filter((w) => w.autoDetected).length;
  $("auto-count").textContent = `${autoN} workout${autoN === 1 ? "" : "s"}`;
  $("include-auto").closest("p").hidden = autoN === 0;
  const oddN = workouts.filter((w) => w.implausible).length;
  $("implausible-count").textContent = `${oddN} workout${oddN === 1 ? "" : "s"}`;
  $("implausible-verb").textContent = oddN === 1 ? "looks" : "look";
  $("implausible-whose").textContent = oddN === 1 ? "its" : "their";
  $("include-implausible").closest("p").hidden = oddN === 0;
  // A boolean: classList.toggle(name, undefined) flips the class instead of clearing it, and
  // `w.implausible` is absent on a possible workout, so every listed row was struck through
  // while the caption counted them imported (helper finding on real exports).
  const out = (w) => !included || (!includeAuto && w.autoDetected === true) || (!includeImplausible && Boolean(w.implausible));
  const kept = workouts.filter((w) => !out(w));
  const body = $("workouts-table").tBodies[0];
  body.replaceChildren();
  // Newest first: the ones a person remembers.
  for (const w of [...workouts].reverse().slice(0, MAX_LISTED)) {
    const tr = body.insertRow();
    tr.classList.toggle("excluded", out(w));
    cell(tr, instantDay(w.startUtcMs, zone, inEffect));
    cell(tr, w.activityName + (w.autoDetected ? " (detected)" : "") + (w.implausible ? ` (impossible: ${w.implausible})` : ""));
    cell(tr, formatDuration((w.timerMs ?? w.durationMs) / 1000), "num");
    const km = w.distanceM != null ? w.distanceM / 1000 : null;
    cell(tr, km == null ? "—" : distance === "mi" ? `${(km / 1.609344).toFixed(2)} mi` : `${km.toFixed(2)} km`, "num");
    cell(tr, w.calories != null ? String(w.calories) : "—", "num");
    cell(tr, w.hasGps ? "Yes" : "No");
  }
  const more = $("workouts-more");
  more.hidden = workouts.length <= MAX_LISTED;
  const all = workouts.length.toLocaleString("en-US");
  const n = kept.length.toLocaleString("en-US");
  more.textContent =
    `The ${MAX_LISTED} most recent of the ${all} workouts in your export are listed` +
    (kept.length === workouts.length ? "." : `; ${n} of the ${all} will be imported.`);
  $("workouts-caption").textContent = !included
    ? `Workouts are left out: none of the ${all} will be imported`
    : `${n} workout${kept.length === 1 ? "" : "s"} will be imported, one FIT file each`;
}
