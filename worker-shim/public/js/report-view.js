// Renders ts_validate's report for a person: per kind, how many records from when to when,
// and whether and how each goes to Garmin Connect; what cannot go, and why; the unit and
// zone the converter detected (the page lets both be changed before converting).
import { formatDuration } from "./format.js";

const $ = (id) => document.getElementById(id);

// The report's kinds: how a person reads them, and which converter kind (options.kinds)
// includes or leaves them out. `convert: null`: nothing to choose (not converted).
export const REPORT_KINDS = Object.freeze({
  weight: { label: "Weight", convert: "weight" },
  workouts: { label: "Workouts", convert: "workouts" },
  daily: { label: "Daily activity (steps, distance, calories, active minutes)", convert: "daily" },
  sleep: { label: "Sleep", convert: "reference" },
  resting_heart_rate: { label: "Resting heart rate", convert: "reference" },
  heart_rate: { label: "Heart rate (all day)", convert: "reference" },
  other_health_data: { label: "Other health data (SpO2, HRV, …)", convert: "reference" },
});

const UNIT_NAMES = { lb: "pounds", kg: "kilograms" };
// ts_validate's `decidedBy` / evidence `source` values, as a person reads them.
const EVIDENCE = {
  "weight.csv": "Google's weight.csv, which stores grams",
  bmi: "your BMI and height",
  plausibility: "what body weights are plausible",
  override: "your choice",
};

// "2015-01-01T19:33:26" → "1 Jan 2015" (the report's local times have no zone: show the date).
export function localDate(iso) {
  if (!iso) return "—";
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
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

// Renders the table; `selected` (Set of report kinds) sets the checkboxes — one per kind, each
// independent of the others — and `onToggle(kind, on)` is called when one changes.
export function renderReport(report, selection, selected, onToggle) {
  const body = $("report-table").tBodies[0];
  body.replaceChildren();
  for (const k of report.kinds ?? []) {
    const info = REPORT_KINDS[k.kind] ?? { label: k.kind, convert: null };
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
    cell(tr, localDate(k.firstLocal ?? k.firstUtc ?? k.firstDay));
    cell(tr, localDate(k.lastLocal ?? k.lastUtc ?? k.lastDay));
    cell(tr, k.importable ? `Yes — ${k.how}` : `No — ${whyNot(k.how) || "Garmin Connect cannot import it"}`, k.importable ? "yes" : "no");
  }
  // Files found but not sent (Google's CSV copies of the Fitbit files): say why.
  for (const k of selection.byKind.filter((b) => !b.sent)) {
    const tr = body.insertRow();
    tr.dataset.kind = k.kind;
    tr.insertCell();
    cell(tr, k.label);
    cell(tr, `${k.count} file${k.count === 1 ? "" : "s"}`, "num");
    cell(tr, "—");
    cell(tr, "—");
    cell(tr, "No — not needed: the same data is in the Fitbit files", "no");
  }
  if (body.rows.length === 0) {
    const tr = body.insertRow();
    const td = cell(tr, "Nothing in these files can be converted.");
    td.colSpan = 6;
  }
  markSelection(selected);

  const problems = $("report-problems");
  problems.replaceChildren();
  for (const p of [...(report.problems ?? []), ...(report.notImported ?? [])]) {
    const li = document.createElement("li");
    const where = p.files ? `${p.files} file${p.files === 1 ? "" : "s"} in ${p.source}` : p.index !== undefined ? `${p.source}, record ${p.index + 1}` : p.source;
    li.textContent = `${where}: ${p.reason}`;
    problems.append(li);
  }
  for (const w of report.warnings ?? []) {
    const li = document.createElement("li");
    li.textContent = w;
    problems.append(li);
  }
  problems.hidden = problems.children.length === 0;
}

// The weight-unit <select>: "As detected: pounds (from …)" plus the evidence in the hint.
export function renderUnit(report) {
  const u = report.weightUnit;
  const select = $("weight-unit");
  const hint = $("weight-unit-hint");
  select.closest(".field").hidden = !u;
  if (!u) return;
  select.options[0].textContent = `As detected: ${UNIT_NAMES[u.value] ?? u.value}`;
  const agree = (u.evidence ?? []).filter((e) => e.of > 0 && e.source !== u.decidedBy).map((e) => `${EVIDENCE[e.source] ?? e.source} (${e.verdict === u.value ? "agrees" : e.verdict ? `says ${e.verdict}` : "cannot tell"})`);
  hint.textContent =
    `Decided by ${EVIDENCE[u.decidedBy] ?? u.decidedBy}.` + (agree.length ? ` Checked against: ${agree.join("; ")}.` : "") + " Change it if it is wrong.";
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
    ? `From your Fitbit profile (Profile.csv). Fitbit wrote local clock times; this zone turns them into exact moments, with daylight-saving changes.`
    : `Your export has no profile time zone, so this device's zone is used. Fitbit wrote local clock times: pick the zone you lived in.`;
}

// Greys out (and strikes through) the rows of the report kinds left out.
export function markSelection(selected) {
  for (const tr of $("report-table").tBodies[0].rows) {
    const box = tr.querySelector("input[data-convert]");
    if (!box) continue;
    box.checked = selected.has(tr.dataset.kind);
    tr.classList.toggle("excluded", !box.checked);
  }
}

const MAX_LISTED = 100;

// workouts: ts_inspect_file's `workouts` of every exercise file, sorted by start; zone: IANA
// name for local dates; distance: "km" | "mi"; includeAuto: auto-detected ones kept;
// included: workouts are converted at all (their checkbox in the report).
export function renderWorkouts(workouts, zone, distance, includeAuto, included = true) {
  const box = $("workouts");
  box.hidden = workouts.length === 0;
  if (box.hidden) return;
  const autoN = workouts.filter((w) => w.autoDetected).length;
  $("auto-count").textContent = `${autoN} workout${autoN === 1 ? "" : "s"}`;
  $("include-auto").closest("p").hidden = autoN === 0;
  const kept = included ? workouts.filter((w) => includeAuto || !w.autoDetected) : [];
  const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: zone });
  const body = $("workouts-table").tBodies[0];
  body.replaceChildren();
  // Newest first: the ones a person remembers.
  for (const w of [...workouts].reverse().slice(0, MAX_LISTED)) {
    const tr = body.insertRow();
    tr.classList.toggle("excluded", !included || (!includeAuto && w.autoDetected));
    cell(tr, day.format(new Date(w.startUtcMs)));
    cell(tr, w.activityName + (w.autoDetected ? " (detected)" : ""));
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
