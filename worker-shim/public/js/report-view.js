// Renders ts_validate's report for a person: per kind, how many records from when to when,
// and whether and how each goes to Garmin Connect; what cannot go, and why; the unit and
// zone the converter detected (the page lets both be changed before converting).
import { kindInfo } from "./export-files.js";

const $ = (id) => document.getElementById(id);

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

export function renderReport(report, selection) {
  const body = $("report-table").tBodies[0];
  body.replaceChildren();
  for (const k of report.kinds ?? []) {
    const tr = body.insertRow();
    tr.dataset.kind = k.kind;
    cell(tr, kindInfo(k.kind).label === k.kind ? k.kind : kindInfo(k.kind).label);
    cell(tr, (k.records ?? 0).toLocaleString("en-US"), "num");
    cell(tr, localDate(k.firstLocal ?? k.firstUtc));
    cell(tr, localDate(k.lastLocal ?? k.lastUtc));
    cell(tr, k.importable ? `Yes — ${k.how}` : `No — ${k.how ?? k.reason ?? "Garmin Connect cannot import it"}`, k.importable ? "yes" : "no");
  }
  // Files found but not sent (e.g. per-second heart rate) are not in the report: say why.
  for (const k of selection.byKind.filter((b) => !b.sent)) {
    const tr = body.insertRow();
    tr.dataset.kind = k.kind;
    cell(tr, k.label);
    cell(tr, "—", "num");
    cell(tr, "—");
    cell(tr, "—");
    cell(tr, k.kind === "heart_rate" ? "No — Garmin cannot import heart-rate history; workouts keep their own heart rate" : "No — not needed: the same data is in the Fitbit files", "no");
  }
  if (body.rows.length === 0) {
    const tr = body.insertRow();
    const td = cell(tr, "Nothing in these files can be converted.");
    td.colSpan = 5;
  }

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
  hint.textContent = fromProfile
    ? `From your Fitbit profile (Profile.csv). Fitbit wrote local clock times; this zone turns them into exact moments, with daylight-saving changes.`
    : `Your export has no profile time zone, so this device's zone is used. Fitbit wrote local clock times: pick the zone you lived in.`;
}
