// The page: choose an export → see what is in it → (report) → convert → download.
// Same origin only: the Content-Security-Policy forbids third parties.
import { entriesFromDrop, entriesFromFiles, ExportReadError, readEntries } from "./js/read-export.js";
import { filesForKinds, selectExportFiles } from "./js/kind-labels.js";
import { convertOfReport } from "./lib/core/export-files.js";
import { explain } from "./js/plain-errors.js";
import { formatBytes } from "./js/format.js";
import { ProgressRow } from "./js/progress.js";
import { getJson } from "./js/api-client.js";
import { LocalCore } from "./js/local-core.js";
import { markSelection, renderReport, renderUnit, renderWorkouts, renderZone, renderZoneEvidence } from "./js/report-view.js";
import { drawWeightChart, followWidth } from "./js/weight-chart.js";
import { isValidZone, timeZoneOption } from "./lib/core/tz.js";
import { convertOnServer, planParts, UPLOAD_LIMITS } from "./js/server-convert.js";
import { showQuota } from "./js/quota.js";

const $ = (id) => document.getElementById(id);

// What the page knows about the current export. Replaced wholesale on every new choice.
const state = {
  table: null, // the core's kind table (ts_file_kinds)
  selection: null, // selectExportFiles() result
  files: null, // [{path, kind, data}] of the files to convert, in selection order
  report: null, // ts_validate's report of those files
  weight: null, // ts_weight_preview's result for the current options
  workouts: [], // every workout (ts_inspect_file), oldest first
  kinds: new Set(), // converter kinds the person keeps (all present ones at first)
  controller: null, // AbortController of the running step
  download: null, // object URL of the zip offered for download
};

const readRow = new ProgressRow("read");
const rows = { upload: new ProgressRow("upload"), convert: new ProgressRow("convert"), package: new ProgressRow("package") };
const localCore = new LocalCore();
const deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

// ---- errors ---------------------------------------------------------------------------
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

// ---- status and quota -------------------------------------------------------------------
async function showStatus() {
  const statusEl = $("status");
  try {
    const body = await getJson("/api/status");
    statusEl.textContent = body.status === "unknown" ? "No health check has run yet." : `Status: ${body.status} (checked ${body.ageSeconds} s ago)`;
    statusEl.dataset.state = body.status;
  } catch {
    statusEl.textContent = "The service could not be reached.";
    statusEl.dataset.state = "unreachable";
  }
}

// ---- 1. choosing ------------------------------------------------------------------------
function hideFrom(id) {
  const order = ["found", "report", "convert", "result"];
  for (const s of order.slice(order.indexOf(id))) $(s).hidden = true;
}

async function takeEntries(getEntries) {
  clearError();
  hideFrom("found");
  state.controller?.abort();
  const controller = new AbortController();
  state.controller = controller;
  Object.assign(state, { selection: null, files: null, report: null, weight: null, workouts: [] });
  readRow.reset();
  readRow.show();
  readRow.busy("Listing files…");
  try {
    const entries = await getEntries(controller.signal);
    // Which file is which: the core's classifier, the one the server and the CLI run.
    const classified = await localCore.call("classify", { paths: entries.map((e) => e.path) }, { signal: controller.signal });
    state.table = classified.table;
    const selection = selectExportFiles(entries, classified);
    state.selection = selection;
    renderFound(selection);
    if (selection.files.length === 0) throw new ExportReadError("no-fitbit-files", "");
    const toRead = selection.files.filter((f) => f.sent);
    const read = await readEntries(toRead, { signal: controller.signal, onProgress: (d, t) => readRow.bytes(d, t) });
    const files = read.map((f, i) => ({ path: f.path, kind: toRead[i].kind, data: f.data }));
    readRow.done(`Read ${toRead.length} files (${formatBytes(files.reduce((s, f) => s + f.data.length, 0))}).`);
    state.files = files;
    // The report comes from the core on this device: nothing is sent to see it. Files not
    // read go in by name only, so the report counts them (and why each was skipped) as the
    // CLI's does.
    const readPaths = new Set(toRead.map((f) => f.path));
    const named = entries.filter((e) => !readPaths.has(e.path)).map((e) => ({ path: e.path, data: new Uint8Array(0) }));
    state.report = await localCore.call("validate", { files: [...files, ...named] }, { signal: controller.signal });
    showReport();
    await refreshPreview(controller.signal);
  } catch (err) {
    if (err?.name !== "AbortError") {
      if (!state.files) readRow.show(false);
      showError(err);
    }
  }
}

// ---- 3. the report ---------------------------------------------------------------------
// The converter kinds this export has, from the report.
function presentKinds() {
  return new Set((state.report.kinds ?? []).map((k) => convertOfReport(state.table, k.kind)).filter(Boolean));
}

function showReport() {
  state.kinds = presentKinds();
  $("include-auto").checked = true;
  $("include-implausible").checked = false;
  renderReport(state.report, state.selection, state.table, state.kinds, (kind, on) => {
    if (on) state.kinds.add(kind);
    else state.kinds.delete(kind);
    markSelection(state.kinds);
    $("weight-figure").classList.toggle("excluded", !state.kinds.has("weight"));
    updateButtons();
  });
  renderUnit(state.report);
  renderZone(state.report, deviceZone);
  // The chart starts in the unit the person's Fitbit used.
  const unit = state.report.weightUnit?.value === "kg" ? "kg" : "lb";
  document.querySelector(`input[name="chart-unit"][value="${unit}"]`).checked = true;
  $("report").hidden = false;
  $("convert").hidden = false;
  $("progress").hidden = true;
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
  const present = presentKinds();
  if ([...present].some((k) => !state.kinds.has(k))) options.kinds = state.table.convertOptions.filter((k) => state.kinds.has(k));
  if (!$("include-auto").checked) options.includeAutoDetected = false;
  if ($("include-implausible").checked) options.includeImplausible = true;
  return options;
}

// The files the chosen kinds need: nothing else is sent, to the server or the core.
function currentFiles() {
  return filesForKinds(state.files, state.kinds, state.table);
}

function zoneIsValid() {
  const input = $("time-zone");
  const ok = input.closest(".field").hidden || isValidZone(input.value);
  input.setAttribute("aria-invalid", String(!ok));
  const hint = $("time-zone-hint");
  hint.dataset.about ??= hint.textContent;
  hint.textContent = ok ? hint.dataset.about : `“${input.value}” is not a time-zone name. Pick one from the list, such as Europe/Berlin or America/New_York.`;
  return ok;
}

// How the server would take the chosen files: in how many parts, or not at all (one file
// over the upload cap). Said before anything is sent.
function serverPlan() {
  try {
    const parts = planParts(currentFiles()).length;
    return {
      ok: true,
      text:
        parts === 1
          ? "On the server: one upload."
          : `On the server: ${parts} uploads of at most ${formatBytes(UPLOAD_LIMITS.maxBytes)}, each converted on its own (the zip gets a folder per part; the server's rate limits may make the page wait between parts). On this device: one conversion.`,
    };
  } catch (err) {
    return { ok: false, text: `Not possible on the server: ${explain(err).detail} Convert on this device instead.` };
  }
}

function updateButtons(running = false) {
  const ready = !running && zoneIsValid() && state.kinds.size > 0;
  const plan = serverPlan();
  $("server-plan").textContent = plan.text;
  $("convert-local").disabled = !ready;
  $("convert-server").disabled = !ready || !plan.ok;
}

async function refreshPreview(signal) {
  updateButtons();
  if (!zoneIsValid()) return;
  const { weight, workouts } = await localCore.call("preview", { files: state.files, options: currentOptions() }, { signal });
  state.weight = weight;
  state.workouts = workouts;
  renderZoneEvidence(weight);
  drawChart();
  drawWorkouts();
}

function drawWorkouts() {
  const zone = isValidZone($("time-zone").value) ? $("time-zone").value : "UTC";
  renderWorkouts(state.workouts, zone, chartUnit(), $("include-auto").checked, $("include-implausible").checked);
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
  $("weight-summary").textContent =
    `${entries.length.toLocaleString("en-US")} weigh-ins, from ${fmt(Math.min(...kgs))} to ${fmt(Math.max(...kgs))}, ` +
    `read as ${state.weight.weightUnit?.value === "kg" ? "kilograms" : "pounds"} — if the line looks wrong by a factor of 2.2, change the unit above.`;
}

function wireReport() {
  let timer = null;
  const again = () => {
    clearTimeout(timer);
    timer = setTimeout(() => refreshPreview().catch(showError), 250);
  };
  $("weight-unit").addEventListener("change", again);
  $("time-zone").addEventListener("input", again);
  for (const r of document.querySelectorAll('input[name="chart-unit"]')) {
    r.addEventListener("change", () => {
      drawChart();
      drawWorkouts();
    });
  }
  $("include-auto").addEventListener("change", drawWorkouts);
  $("include-implausible").addEventListener("change", drawWorkouts);
  followWidth($("weight-chart"));
}

// ---- 4. converting -----------------------------------------------------------------------
function startRun(server) {
  clearError();
  $("result").hidden = true;
  state.controller?.abort();
  const controller = new AbortController();
  state.controller = controller;
  $("progress").hidden = false;
  for (const r of Object.values(rows)) r.reset();
  rows.upload.show(server);
  updateButtons(true);
  $("cancel").hidden = false;
  return controller;
}

function endRun() {
  $("cancel").hidden = true;
  updateButtons();
}

async function convertHere() {
  const controller = startRun(false);
  try {
    rows.convert.busy("Converting on this device…");
    const result = await localCore.call(
      "convert",
      { files: currentFiles(), options: currentOptions() },
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.stage === "convert" && p.done) rows.convert.done("Converted on this device.");
          if (p.stage === "package" && !p.done) rows.package.busy("Packaging…");
        },
      },
    );
    rows.package.done(`${result.outputs.length} files in one zip (${formatBytes(result.zip.length)}).`);
    offerDownload(result.zip, result.outputs, "device");
  } catch (err) {
    showError(err);
  } finally {
    endRun();
  }
}

async function convertThere() {
  const controller = startRun(true);
  let context = {};
  try {
    const result = await convertOnServer(currentFiles(), currentOptions(), {
      signal: controller.signal,
      rows,
      onPlan: (c) => (context = c),
      detectedUnit: state.report.weightUnit?.value,
    });
    offerDownload(result.zip, result.outputs, "server", result.parts);
  } catch (err) {
    showError(err, context);
  } finally {
    endRun();
    showQuota();
  }
}

function offerDownload(zip, outputs, where, parts = 1) {
  if (state.download) URL.revokeObjectURL(state.download);
  state.download = URL.createObjectURL(new Blob([zip], { type: "application/zip" }));
  const a = $("download");
  a.href = state.download;
  a.dataset.where = where;
  const fits = outputs.filter((o) => o.path.endsWith(".fit")).length;
  $("download-info").textContent = `${formatBytes(zip.length)}: ${fits} FIT file${fits === 1 ? "" : "s"}, ${outputs.length} files in all` +
    (parts > 1 ? `, converted in ${parts} parts (one folder each)` : "") + ".";
  $("result").hidden = false;
  $("result-heading").focus();
}

// ---- 2. what was found -------------------------------------------------------------------
function renderFound(selection) {
  const body = $("found-table").tBodies[0];
  body.replaceChildren();
  for (const k of selection.byKind) {
    const tr = body.insertRow();
    tr.dataset.kind = k.kind;
    tr.insertCell().textContent = k.label;
    Object.assign(tr.insertCell(), { textContent: String(k.count), className: "num" });
    Object.assign(tr.insertCell(), { textContent: formatBytes(k.bytes), className: "num" });
    Object.assign(tr.insertCell(), { textContent: k.sent ? "Yes" : "Not needed", className: k.sent ? "yes" : "no" });
  }
  const used = selection.files.filter((f) => f.sent);
  $("found-summary").textContent =
    `${used.length} Fitbit file${used.length === 1 ? "" : "s"} (${formatBytes(used.reduce((s, f) => s + f.bytes, 0))}) will be used. ` +
    `${selection.ignored.count} other file${selection.ignored.count === 1 ? "" : "s"} (${formatBytes(selection.ignored.bytes)}) ` +
    `${selection.ignored.count === 1 ? "is" : "are"} skipped: never read, never sent${selection.ignored.count ? ", for these reasons:" : "."}`;
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
      if (files.length) takeEntries((signal) => entriesFromFiles(files, signal));
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
    if (dt && (dt.items?.length || dt.files?.length)) takeEntries((signal) => entriesFromDrop(dt, signal));
  });
}

function wireConvert() {
  $("convert-local").addEventListener("click", convertHere);
  $("convert-server").addEventListener("click", convertThere);
  $("cancel").addEventListener("click", () => state.controller?.abort());
}

wirePicking();
wireReport();
wireConvert();
showStatus();
showQuota();
