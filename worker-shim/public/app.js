// The page: choose an export → see what is in it → (report) → convert → download.
// Same origin only: the Content-Security-Policy forbids third parties.
import { entriesFromDrop, entriesFromFiles, ExportReadError, readEntries } from "./js/read-export.js";
import { lightKinds } from "./lib/core/export-files.js";
import { largestOfEachPath, selectExportFiles } from "./js/kind-labels.js";
import { loadClassifier } from "./js/classifier.js";
import { chosenFiles, converterKinds, readForOthers, usedFileKinds } from "./js/choices.js";
import { explain } from "./js/plain-errors.js";
import { formatBytes } from "./js/format.js";
import { ProgressRow } from "./js/progress.js";
import { getJson } from "./js/api-client.js";
import { LocalCore } from "./js/local-core.js";
import { markSelection, renderReport, renderUnit, renderWorkouts, renderZone, renderZoneEvidence, reportLabel } from "./js/report-view.js";
import { convertOfReport } from "./lib/core/export-files.js";
import { drawWeightChart, followWidth } from "./js/weight-chart.js";
import { isValidZone, timeZoneOption } from "./lib/core/tz.js";
import { convertOnServer, forgetSession, planServer } from "./js/server-convert.js";
import { showQuota } from "./js/quota.js";
import { missingParts } from "./js/takeout-parts.js";
import { readImportSteps, renderImportSteps, renderWarnings } from "./js/import-steps.js";
import { labelCells } from "./js/table-cards.js";
import { unitsReadText } from "./js/weight-units-read.js";

const $ = (id) => document.getElementById(id);

// What the page knows about the current export. Replaced wholesale on every new choice.
const state = {
  table: null, // the core's kind table (ts_file_kinds)
  selection: null, // selectExportFiles() result
  files: null, // [{path, kind, data}] of the light files (read at once), in selection order
  heavy: null, // [{path, kind, bytes, source}] of every other file used: read a step at a time
  named: [], // [{path}] of the files no step reads (of no kind, or a path's other copies): given to the plan by name
  report: null, // the plan's report of those files (ts_plan: light files and sizes)
  weight: null, // ts_weight_preview's result for the current options
  workouts: [], // every workout (ts_inspect_file), oldest first
  zoneInEffect: null, // [[utcSec, offsetSec], …] the export's own UTC offsets make, when they do (ts_weight_preview)
  missingParts: [], // takeout-parts.js: the Takeout parts not given, for the page and the options
  present: new Set(), // report kinds the export has that can be chosen
  chosen: new Set(), // report kinds the person keeps (all present ones at first), each its own checkbox
  running: false, // a conversion is under way
  controller: null, // AbortController of the running step
  download: null, // object URL of the zip offered for download
};

const readRow = new ProgressRow("read");
const rows = { upload: new ProgressRow("upload"), convert: new ProgressRow("convert"), package: new ProgressRow("package") };
const localCore = new LocalCore();
const deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const plural = (n, word) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

// A stop the person asked for: told apart from a stop because they chose another export.
const byPerson = () => new DOMException("Stopped by you.", "AbortError");

// ---- messages ------------------------------------------------------------------------
function showError(err, context = {}) {
  const { title, detail, action } = explain(err, { now: Date.now(), ...context });
  $("error-title").textContent = title;
  $("error-detail").textContent = detail;
  $("error-action").textContent = action;
  const box = $("error");
  box.dataset.status = err?.status ?? err?.code ?? err?.name ?? "error";
  box.hidden = false;
  box.focus();
}
function clearError() {
  $("error").hidden = true;
}

// Said once to screen readers, after something the person did (the region is empty on load).
function announce(text) {
  const el = $("announce");
  el.textContent = "";
  setTimeout(() => (el.textContent = text), 50);
}

// ---- service health: a line only when something is wrong ------------------------------
async function showStatus() {
  const el = $("status");
  let text = null;
  try {
    const body = await getJson("/api/status");
    el.dataset.state = body.status;
    if (body.status === "down") text = "The TrackerSync server is down at the moment: converting on the server will fail. Converting on this device works.";
    if (body.status === "degraded") text = "The TrackerSync server is partly unavailable at the moment: converting on the server may fail. Converting on this device works.";
  } catch {
    el.dataset.state = "unreachable";
    text = "The TrackerSync server cannot be reached at the moment. Converting on this device works.";
  }
  el.textContent = text ?? "";
  el.hidden = text === null;
}

// ---- 1. choosing ------------------------------------------------------------------------
function hideFrom(id) {
  const order = ["found", "report", "convert", "result"];
  for (const s of order.slice(order.indexOf(id))) $(s).hidden = true;
  $("summary-bar").hidden = true;
}

// "Takeout/Photos/a.jpg" → "Photos": the Google products an export without Fitbit data holds.
function productsOf(entries) {
  const names = new Set();
  for (const e of entries) {
    const m = /^Takeout\/([^/]+)\//.exec(e.path);
    if (m) names.add(m[1]);
  }
  return [...names].sort().slice(0, 6);
}

async function takeEntries(getEntries, names = []) {
  clearError();
  $("read-stopped").hidden = true;
  hideFrom("found");
  state.controller?.abort();
  const controller = new AbortController();
  state.controller = controller;
  Object.assign(state, { selection: null, files: null, heavy: null, named: [], report: null, weight: null, workouts: [], zoneInEffect: null, missingParts: [], present: new Set(), chosen: new Set() });
  forgetSession(); // a new export: nothing of a server conversion in progress applies to it
  readRow.reset();
  readRow.show();
  readRow.busy("Listing files…");
  $("cancel-read").hidden = false;
  try {
    const { unique: entries, repeats } = largestOfEachPath(await getEntries(controller.signal, (done, total) => readRow.bytes(done, total)));
    // Which file is which: the core's classifier, the one the server and the CLI run.
    const classifier = await loadClassifier();
    state.table = classifier.table;
    const selection = selectExportFiles(entries, classifier.classify(entries.map((e) => e.path)));
    state.selection = selection;
    if (selection.files.length === 0) {
      const archives = entries.map((e) => e.path).filter((p) => /\.(zip|tgz|tar\.gz)$/i.test(p));
      throw Object.assign(new ExportReadError("no-fitbit-files", ""), { files: entries.length, products: productsOf(entries), archives });
    }
    renderFound();
    // Said now, and in the zip (options.missingParts: the manifest and IMPORT.txt).
    state.missingParts = missingParts(names);
    showMissingParts(state.missingParts);
    // Only the light files (weight, profile, workouts' records, resting heart rate) are read
    // now: the report, the chart and the workout list need nothing else, whatever the size
    // of the export. The rest is read one conversion step at a time.
    const used = selection.files.filter((f) => f.sent);
    const light = lightKinds(state.table);
    const toRead = used.filter((f) => light.has(f.kind));
    const read = await readEntries(toRead, { signal: controller.signal, onProgress: (d, t) => readRow.bytes(d, t) });
    const files = read.map((f, i) => ({ path: f.path, kind: toRead[i].kind, data: f.data }));
    const heavy = used.filter((f) => !light.has(f.kind)).map((f) => ({ path: f.path, kind: f.kind, bytes: f.bytes, source: f.source, read: f.read }));
    const later = heavy.length ? `; the other ${heavy.length} ${heavy.length === 1 ? "is" : "are"} read while converting` : "";
    readRow.done(`Read ${toRead.length} file${toRead.length === 1 ? "" : "s"} (${formatBytes(files.reduce((s, f) => s + f.data.length, 0))})${later}.`);
    state.files = files;
    state.heavy = heavy;
    // The report comes from the core on this device: nothing is sent to see it. The plan reads
    // the light files; the others it is given by name and size, and files the conversion does
    // not use by name only, so the report counts them (and why each was skipped) as the CLI's
    // does.
    const given = new Set([...files, ...heavy].map((f) => f.path));
    const named = [...entries.filter((e) => !given.has(e.path)), ...repeats].map((e) => ({ path: e.path }));
    state.named = named;
    state.report = (await localCore.call("plan", planRequest(files, heavy, {}, named), { signal: controller.signal })).report;
    showReport();
    await refreshPreview(controller.signal);
  } catch (err) {
    if (err?.name === "AbortError") {
      if (state.controller === controller) readingStopped();
    } else {
      if (!state.files) readRow.show(false);
      showError(err);
    }
  } finally {
    if (state.controller === controller) $("cancel-read").hidden = true;
  }
}

// The plan's input: light files with their bytes, every other file by name and size, and the
// files no step reads by name only (after the others: a path's copy converted comes first).
function planRequest(files, heavy, options, named = []) {
  return {
    files: [...files, ...heavy.map((f) => ({ path: f.path, kind: f.kind })), ...named],
    sizes: Object.fromEntries(heavy.map((f) => [f.path, f.bytes])),
    options,
  };
}

// Reading stopped by the person: a calm note, and step 1 as it was.
function readingStopped() {
  hideFrom("found");
  readRow.show(false);
  const note = $("read-stopped");
  note.hidden = false;
  note.focus();
}

function showMissingParts(gaps) {
  const box = $("parts-notice");
  box.hidden = gaps.length === 0;
  if (box.hidden) return;
  $("parts-title").textContent = gaps.map((g) => g.title).join("; ");
  $("parts-detail").textContent = gaps.map((g) => g.detail).join(" ");
}

// ---- 3. the report ---------------------------------------------------------------------
// The report kinds this export has that the person can keep or leave out.
function presentKinds() {
  return new Set((state.report.kinds ?? []).map((k) => k.kind).filter((k) => convertOfReport(state.table, k)));
}

// Miles where people run in miles, else kilometres: workout distances do not follow the
// weight chart's unit (an export in kilograms can belong to someone who runs in miles).
function localeDistance() {
  try {
    const region = new Intl.Locale(navigator.language).maximize().region;
    return ["US", "GB", "LR", "MM"].includes(region) ? "mi" : "km";
  } catch {
    return "km";
  }
}

function showReport() {
  state.present = presentKinds();
  state.chosen = new Set(state.present);
  $("include-auto").checked = true;
  $("include-implausible").checked = false;
  renderReport(state.report, state.selection, state.table, state.chosen, (kind, on) => {
    if (on) state.chosen.add(kind);
    else state.chosen.delete(kind);
    followChoices();
  });
  labelCells($("report-table"));
  renderUnit(state.report);
  renderZone(state.report, deviceZone);
  // The chart starts in the unit the person's Fitbit used.
  const unit = state.report.weightUnit?.value === "kg" ? "kg" : "lb";
  document.querySelector(`input[name="chart-unit"][value="${unit}"]`).checked = true;
  document.querySelector(`input[name="distance-unit"][value="${localeDistance()}"]`).checked = true;
  $("report").hidden = false;
  $("convert").hidden = false;
  $("progress").hidden = true;
  $("cancelled").hidden = true;
  $("cancel-read").hidden = true;
  followChoices();
  showQuota();
  $("report-heading").focus();
  announce(`Your export is read. ${convertSummary()} The report follows.`);
}

// Everything that says what will be converted, after any change of choice.
function followChoices() {
  markSelection(state.chosen);
  const weightKept = state.chosen.has("weight");
  $("weight-figure").classList.toggle("excluded", !weightKept);
  $("weight-caption").textContent = weightKept ? "Weight history that will be imported" : "Weight history (left out: it will not be imported)";
  renderFound();
  drawWorkouts();
  $("report-summary").textContent = convertSummary();
  updateButtons();
}

// "To convert: 312 weigh-ins, 421 workouts, daily activity, and sleep (kept as a CSV for your records)."
function convertSummary() {
  const byKind = new Map((state.report?.kinds ?? []).map((k) => [k.kind, k]));
  const parts = [];
  const keep = [];
  for (const kind of state.present) {
    if (!state.chosen.has(kind)) continue;
    const k = byKind.get(kind);
    if (kind === "weight") parts.push(plural(k.records ?? 0, "weigh-in"));
    else if (kind === "workouts") parts.push(plural(keptWorkouts().length || (state.workouts.length ? 0 : k.records ?? 0), "workout"));
    else if (kind === "daily") parts.push("daily activity");
    else keep.push(inSentence(reportLabel(kind)));
  }
  const kept = keep.length ? `${joinWords(keep)}, kept as CSV for your records (Garmin cannot import ${keep.length === 1 ? "it" : "them"})` : "";
  if (parts.length) return `To convert: ${joinWords(parts)}${kept ? `; also ${kept}` : ""}.`;
  if (kept) return `To convert: ${kept[0].toUpperCase()}${kept.slice(1)}.`;
  return "Nothing is ticked, so there is nothing to convert.";
}

// The same, short enough for the sticky bar on a phone: "170 weigh-ins · 41 workouts · daily activity · sleep (CSV)".
function shortSummary() {
  const byKind = new Map((state.report?.kinds ?? []).map((k) => [k.kind, k]));
  const parts = [...state.present]
    .filter((kind) => state.chosen.has(kind))
    .map((kind) =>
      kind === "weight" ? plural(byKind.get(kind).records ?? 0, "weigh-in")
        : kind === "workouts" ? plural(keptWorkouts().length || (state.workouts.length ? 0 : byKind.get(kind).records ?? 0), "workout")
        : kind === "daily" ? "daily activity"
        : `${inSentence(reportLabel(kind))} as CSV`,
    );
  return parts.length ? `Ready to convert: ${parts.join(" · ")}` : "Nothing is ticked, so there is nothing to convert.";
}

// A label in a sentence: its first letter lower case, the rest as written ("other health data
// (SpO2, HRV, …)"; lower-cased whole, it read "spo2, hrv": helper finding).
function inSentence(label) {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

function joinWords(words) {
  return words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

function keptWorkouts() {
  const auto = $("include-auto").checked;
  const odd = $("include-implausible").checked;
  return state.workouts.filter((w) => (auto || !w.autoDetected) && (odd || !w.implausible));
}

// The convert options, the same object for both ways (so both give the same files). Keys
// are set only when they differ from the core's defaults (every kind, auto-detected workouts
// included), so the same choice always gives the same options.
function currentOptions() {
  const options = {};
  // As the server does (routes/convert.js): without local-time records there is no range, and
  // the zone still goes in (one offset) so the manifest names it.
  const range = state.report.transitionsRange;
  const nowSec = Math.floor(Date.now() / 1000);
  const input = $("time-zone");
  const zone = input.value;
  // A zone the person typed is used for every local time; the one the page filled in (the
  // profile's, or this device's) only where the export's own UTC offsets say nothing.
  if (range || state.report.timeZone) {
    options.timeZone = { ...timeZoneOption(zone, range?.from ?? nowSec, range?.to ?? nowSec), explicit: zone !== input.dataset.detected };
  }
  if (state.report.weightUnit) options.weightUnit = $("weight-unit").value;
  const kinds = converterKinds(state.chosen, state.table);
  if ([...converterKinds(state.present, state.table)].some((k) => !kinds.has(k))) options.kinds = state.table.convertOptions.filter((k) => kinds.has(k));
  if (!$("include-auto").checked) options.includeAutoDetected = false;
  if ($("include-implausible").checked) options.includeImplausible = true;
  // Heart rate unticked: its files still go with the workouts (their readings), and this keeps
  // its tables out of the zip (review finding: made all the same while sleep or resting heart
  // rate were kept).
  if (state.present.has("heart_rate") && !state.chosen.has("heart_rate")) options.includeHeartRate = false;
  // Parts of a Takeout not given: the conversion says them in the manifest and IMPORT.txt too
  // (helper finding: only the page said so, before converting; the zip said nothing).
  // As the core takes them (options.h: 16 exports, names of 64 characters): a list it refused
  // would stop the preview and the conversion over an option the person never set.
  const parts = (state.missingParts ?? []).filter((g) => g.takeout.length <= 64).slice(0, 16);
  if (parts.length) options.missingParts = parts.map((g) => ({ takeout: g.takeout, missing: g.missing }));
  return options;
}

// The files the chosen kinds need: nothing else is sent, to the server or the core.
function currentFiles() {
  return chosenFiles(state.files, state.chosen, state.present, state.table);
}
function currentHeavy() {
  return chosenFiles(state.heavy, state.chosen, state.present, state.table);
}

// What is wrong with a zone the field holds (an empty field said as empty, not as “”: helper finding).
const notAZone = (value) => (value.trim() === "" ? "the time zone is empty" : `“${value}” is not a time-zone name`);
// A fixed offset ("+05:30", "UTC", "Etc/GMT-3") has no daylight-saving changes to follow.
const FIXED_OFFSET = /^([+-]\d{2}(:?\d{2})?|UTC|GMT|Etc\/.*)$/i;

function zoneIsValid() {
  const input = $("time-zone");
  const value = input.value;
  const ok = input.closest(".field").hidden || isValidZone(value);
  input.setAttribute("aria-invalid", String(!ok));
  const hint = $("time-zone-hint");
  hint.dataset.about ??= hint.textContent; // what renderZone said about the detected zone
  const profile = state.report?.timeZone?.name;
  if (!ok) {
    const what = notAZone(value);
    hint.textContent = `${what[0].toUpperCase()}${what.slice(1)}. Pick one from the list, such as Europe/Berlin or America/New_York.`;
  }
  else if (value === input.dataset.detected) hint.textContent = hint.dataset.about;
  else {
    hint.textContent =
      `You chose ${value}, instead of ${profile ? `${profile} from your Fitbit profile` : `${input.dataset.detected}, this device's zone`}: ` +
      `every Fitbit clock time is read as ${value} time${FIXED_OFFSET.test(value.trim()) ? ", the same offset all year" : ", with its daylight-saving changes"}.`;
  }
  return ok;
}

// How the server would take the chosen files, or why it cannot (one file over its per-file
// cap). Said before anything is sent.
function serverPlan() {
  if (state.chosen.size === 0) return { ok: false, text: "" };
  try {
    const p = planServer(currentFiles(), currentHeavy());
    const rest = p.heavyBytes ? `, then the conversion a few steps per request, each with its own files (${formatBytes(p.heavyBytes)} in all)` : ", then the conversion a few steps per request";
    // Files over the server's per-file cap are converted here, step by step (server-convert.js).
    const here = p.here ? ` ${p.here} file${p.here === 1 ? " is" : "s are"} larger than the server takes in one file: ${p.here === 1 ? "it is" : "they are"} converted on this device, and never sent.` : "";
    return {
      ok: true,
      text: `On the server: the files the plan reads (${formatBytes(p.lightBytes)}) in ${p.uploads === 1 ? "one upload" : `${p.uploads} uploads`}${rest}.${here} The same files as on this device; if the server asks to wait, the page counts down and goes on where it was.`,
    };
  } catch (err) {
    const e = explain(err);
    return { ok: false, text: `Not possible on the server: ${e.detail} ${e.action}` };
  }
}

// Why the convert buttons are off, in words shown next to them; null when they are on.
function blockedBecause() {
  if (state.running) return "A conversion is running: wait for it, or cancel it below.";
  if (state.chosen.size === 0) return "Nothing to convert: tick at least one kind in the table above.";
  if (!zoneIsValid()) return `Fix the time zone above first: ${notAZone($("time-zone").value)}.`;
  return null;
}

function updateButtons() {
  const why = blockedBecause();
  const plan = serverPlan();
  $("server-plan").textContent = plan.text;
  $("convert-local").disabled = why !== null;
  $("convert-server").disabled = why !== null || !plan.ok;
  $("convert-why").textContent = why ?? "";
  $("convert-why").hidden = why === null;
  $("convert-summary").textContent = convertSummary();
  $("summary-text").textContent = why ?? shortSummary();
  $("summary-convert").disabled = why !== null;
  $("summary-bar").hidden = $("report").hidden || !$("result").hidden;
}

async function refreshPreview(signal) {
  updateButtons();
  if (!zoneIsValid()) return;
  const { weight, workouts, zoneEvidence, zoneInEffect } = await localCore.call("preview", { files: state.files, options: currentOptions() }, { signal });
  state.weight = weight;
  state.workouts = workouts;
  state.zoneInEffect = zoneInEffect;
  renderZoneEvidence(zoneEvidence);
  drawChart();
  drawWorkouts();
  $("report-summary").textContent = convertSummary();
  updateButtons();
}

function drawWorkouts() {
  const zone = isValidZone($("time-zone").value) ? $("time-zone").value : "UTC";
  const distance = document.querySelector('input[name="distance-unit"]:checked').value;
  renderWorkouts(state.workouts, zone, distance, $("include-auto").checked, state.chosen.has("workouts"), $("include-implausible").checked, state.zoneInEffect);
  labelCells($("workouts-table"));
}

function chartUnit() {
  return document.querySelector('input[name="chart-unit"]:checked').value;
}

function drawChart() {
  const fig = $("weight-figure");
  const entries = state.weight?.entries ?? [];
  fig.hidden = entries.length === 0;
  if (fig.hidden) return;
  const points = entries.map((e) => ({ t: Date.parse(e.utc) / 1000, kg: e.kg }));
  const unit = chartUnit();
  drawWeightChart($("weight-chart"), points, unit, isValidZone($("time-zone").value) ? $("time-zone").value : undefined);
  const kgs = entries.map((e) => e.kg);
  const fmt = (kg) => `${(unit === "lb" ? kg / 0.45359237 : kg).toFixed(1)} ${unit}`;
  // One value is said once ("1 weigh-in, from 121.2 lb to 121.2 lb": helper finding).
  const range = (lo, hi) => (fmt(lo) === fmt(hi) ? `${entries.length === 1 ? "" : "all "}${fmt(lo)}` : `from ${fmt(lo)} to ${fmt(hi)}`);
  // Which weigh-ins the unit field reads: those weight.csv holds are in grams (weight-units-read.js).
  $("weight-summary").textContent =
    `${entries.length.toLocaleString("en-US")} weigh-in${entries.length === 1 ? "" : "s"}, ${range(Math.min(...kgs), Math.max(...kgs))}, ` +
    unitsReadText(state.weight.weightUnit?.value, state.weight.weighIns);
}

function wireReport() {
  let timer = null;
  const again = () => {
    clearTimeout(timer);
    timer = setTimeout(() => refreshPreview().catch(showError), 250);
  };
  $("weight-unit").addEventListener("change", again);
  $("time-zone").addEventListener("input", () => {
    updateButtons(); // the hint follows each keystroke; the preview waits for a pause
    again();
  });
  for (const r of document.querySelectorAll('input[name="chart-unit"]')) r.addEventListener("change", drawChart);
  for (const r of document.querySelectorAll('input[name="distance-unit"]')) r.addEventListener("change", drawWorkouts);
  for (const box of [$("include-auto"), $("include-implausible")]) {
    box.addEventListener("change", () => {
      drawWorkouts();
      $("report-summary").textContent = convertSummary();
      updateButtons();
    });
  }
  followWidth($("weight-chart"));
}

// ---- 4. converting -----------------------------------------------------------------------
function startRun(server) {
  clearError();
  $("result").hidden = true;
  $("cancelled").hidden = true;
  state.controller?.abort();
  const controller = new AbortController();
  state.controller = controller;
  $("progress").hidden = false;
  for (const r of Object.values(rows)) r.reset();
  rows.upload.show(server);
  state.running = true;
  updateButtons();
  $("cancel").hidden = false;
  return controller;
}

// Leaving the page (a reload, a closed tab) while a conversion runs loses it: the browser asks
// first. On the server way a reload started over with a new conversion, one more of the
// hour's allowance, where Cancel would have gone on from where it was (helper finding).
window.addEventListener("beforeunload", (event) => {
  if (!state.running) return;
  event.preventDefault();
  event.returnValue = "";
});

function endRun() {
  state.running = false;
  $("cancel").hidden = true;
  updateButtons();
}

// Cancelled: a calm note in step 4 (not an error), the half-done progress gone, a way to
// start over; the report and its choices stay, so converting again is one click.
function runCancelled() {
  $("progress").hidden = true;
  for (const r of Object.values(rows)) r.reset();
  const note = $("cancelled");
  note.hidden = false;
  note.focus();
}

function failed(err, context) {
  if (err?.name === "AbortError") runCancelled();
  else showError(err, context);
}

async function convertHere() {
  const controller = startRun(false);
  try {
    rows.convert.busy("Converting on this device…");
    // Each step's files are read from the export, converted and added to the zip before the
    // next step's are read.
    const heavy = currentHeavy().map(({ path, kind, bytes, source }) => ({ path, kind, bytes, source }));
    const result = await localCore.call(
      "convert",
      { light: currentFiles(), heavy, named: state.named, options: currentOptions() },
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.stage === "convert") {
            if (p.done < p.total) rows.convert.steps(p.done, p.total, `Converting on this device: step ${p.done + 1} of ${p.total}…`);
            else rows.convert.done(`Converted on this device in ${p.total} steps.`);
          }
          if (p.stage === "package") rows.package.busy("Packaging…");
        },
      },
    );
    rows.package.done(`${result.outputs.length} files in one zip (${formatBytes(result.zip.size)}).`);
    await offerDownload(result.zip, result.outputs, "device");
    // What the conversion took, for anyone measuring it (and the browser tests).
    Object.assign($("download").dataset, { steps: result.steps, largestStepBytes: result.largestStepBytes, heapBytes: result.heapBytes });
  } catch (err) {
    failed(err);
  } finally {
    endRun();
  }
}

async function convertThere() {
  const controller = startRun(true);
  try {
    const result = await convertOnServer(currentFiles(), currentHeavy(), currentOptions(), {
      signal: controller.signal,
      rows,
      // A group's files are read from the export when its request is sent, never all at once.
      readHeavy: async (entries) => (await readEntries(entries, { signal: controller.signal })).map((f) => f.data),
      // The plan as this device makes it (the server's own plan of one request is over its
      // CPU budget from a cold isolate: server-convert.js). Files no step reads are named in
      // the manifest as on this device, and the server is never sent their names.
      planHere: async () => localCore.call("plan", planRequest(currentFiles(), currentHeavy(), currentOptions(), state.named), { signal: controller.signal }),
      // What each group's workouts read of its heart-rate days, sent in their place.
      piecesHere: async (steps, files) => localCore.call("pieces", { steps, files }, { signal: controller.signal }),
      // A step the server cannot take (a file, or the piece of a day, over its file cap), run here.
      stepHere: async (options, steps, files) => localCore.call("step", { options, steps, files }, { signal: controller.signal }),
    });
    await offerDownload(result.zip, result.outputs, "server");
  } catch (err) {
    failed(err);
  } finally {
    endRun();
    showQuota();
  }
}

async function offerDownload(zip, outputs, where) {
  if (state.download) URL.revokeObjectURL(state.download);
  const blob = zip instanceof Blob ? zip : new Blob([zip], { type: "application/zip" });
  state.download = URL.createObjectURL(blob);
  const a = $("download");
  a.href = state.download;
  a.dataset.where = where;
  const fits = outputs.filter((o) => o.path.endsWith(".fit")).length;
  $("download-info").textContent = `${formatBytes(blob.size)}: ${fits} FIT file${fits === 1 ? "" : "s"}, ${outputs.length} files in all.`;
  // The steps come from the zip's own manifest.json: the same words as its IMPORT.txt.
  const groups = await readImportSteps(blob);
  renderImportSteps($("import-steps"), groups);
  renderWarnings($("result-warnings"), groups);
  $("result").hidden = false;
  $("summary-bar").hidden = true;
  $("result-heading").focus();
  announce(`Your Garmin files are ready: ${fits} FIT file${fits === 1 ? "" : "s"}. Download them, then follow the import steps.`);
}

// Back to step 1, as after loading the page.
function startOver() {
  state.controller?.abort();
  clearError();
  hideFrom("found");
  $("cancelled").hidden = true;
  readRow.show(false);
  Object.assign(state, { selection: null, files: null, heavy: null, named: [], report: null, weight: null, workouts: [], zoneInEffect: null, missingParts: [], present: new Set(), chosen: new Set() });
  forgetSession();
  $("pick").scrollIntoView();
  $("choose-zip").focus();
}

// ---- 2. what was found -------------------------------------------------------------------
function renderFound() {
  const selection = state.selection;
  // File kinds left out by the person's choices (not those the export simply lacks).
  const left = new Set();
  let readOnly = new Map();
  if (state.report) {
    readOnly = readForOthers(state.chosen, state.present, state.table);
    const used = usedFileKinds(state.chosen, state.present, state.table);
    for (const k of usedFileKinds(state.present, state.present, state.table)) if (!used.has(k)) left.add(k);
  }
  const body = $("found-table").tBodies[0];
  body.replaceChildren();
  for (const k of selection.byKind) {
    const tr = body.insertRow();
    tr.dataset.kind = k.kind;
    tr.insertCell().textContent = k.label;
    Object.assign(tr.insertCell(), { textContent: String(k.count), className: "num" });
    Object.assign(tr.insertCell(), { textContent: formatBytes(k.bytes), className: "num" });
    const use = !k.sent
      ? ["Not needed", "no"]
      : left.has(k.kind)
        ? ["Left out (your choice)", "left"]
        : readOnly.has(k.kind)
          ? [`Read for ${joinWords(readOnly.get(k.kind))}, not converted`, "left"]
          : ["Yes", "yes"];
    Object.assign(tr.insertCell(), { textContent: use[0], className: use[1] });
  }
  labelCells($("found-table"));
  const used = selection.files.filter((f) => f.sent && !left.has(f.kind));
  const leftOut = selection.files.filter((f) => f.sent && left.has(f.kind)).length;
  $("found-summary").textContent =
    `${used.length} Fitbit file${used.length === 1 ? "" : "s"} (${formatBytes(used.reduce((s, f) => s + f.bytes, 0))}) will be used` +
    (leftOut ? `; ${leftOut} more ${leftOut === 1 ? "is" : "are"} left out by your choices below` : "") +
    "." +
    // Nothing skipped is not said ("0 other files (0 B) are skipped": helper finding).
    (selection.ignored.count
      ? ` ${selection.ignored.count} other file${selection.ignored.count === 1 ? "" : "s"} (${formatBytes(selection.ignored.bytes)}) ` +
        `${selection.ignored.count === 1 ? "is" : "are"} skipped: never read, never sent, for these reasons:`
      : "");
  // Every skipped file, counted and named by why (the core's reasons, as the CLI prints them).
  const list = $("found-skipped");
  list.replaceChildren();
  for (const g of selection.skipped ?? []) {
    const li = document.createElement("li");
    li.dataset.code = g.code;
    const shown = g.paths.slice(0, 5).join(", ");
    const more = g.files - Math.min(g.paths.length, 5);
    li.textContent = `${g.files} ${g.files === 1 ? "file" : "files"}: ${g.reason} — ${shown}${more > 0 ? ` and ${more} more` : ""}`;
    list.append(li);
  }
  list.hidden = list.children.length === 0;
  $("found").hidden = false;
}

function wirePicking() {
  const zipInput = $("zip-input");
  const folderInput = $("folder-input");
  $("choose-zip").addEventListener("click", () => zipInput.click());
  $("choose-folder").addEventListener("click", () => folderInput.click());
  for (const input of [zipInput, folderInput]) {
    input.addEventListener("change", () => {
      const files = [...input.files];
      input.value = "";
      if (files.length) takeEntries((signal, onProgress) => entriesFromFiles(files, signal, onProgress), files.map((f) => f.name));
    });
  }
  const zone = $("dropzone");
  // The whole page accepts a drop, so a near miss does not open the zip in the browser.
  document.addEventListener("dragover", (e) => {
    e.preventDefault();
    zone.classList.add("over");
  });
  document.addEventListener("dragleave", (e) => {
    if (e.relatedTarget === null) zone.classList.remove("over");
  });
  document.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    const dt = e.dataTransfer;
    // The names are read now: a DataTransfer is emptied once the event is over.
    const names = [...(dt?.files ?? [])].map((f) => f.name);
    if (dt && (dt.items?.length || dt.files?.length)) takeEntries((signal, onProgress) => entriesFromDrop(dt, signal, onProgress), names);
  });
  $("cancel-read").addEventListener("click", () => state.controller?.abort(byPerson()));
}

function wireConvert() {
  $("convert-local").addEventListener("click", convertHere);
  $("convert-server").addEventListener("click", convertThere);
  $("summary-convert").addEventListener("click", () => {
    $("convert").scrollIntoView({ block: "start" });
    $("convert-heading").focus({ preventScroll: true });
    convertHere();
  });
  $("cancel").addEventListener("click", () => state.controller?.abort(byPerson()));
  $("start-over").addEventListener("click", startOver);
}

wirePicking();
wireReport();
wireConvert();
showStatus();
