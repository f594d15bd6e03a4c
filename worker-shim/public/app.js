// The page: choose an export → see what is in it → (report) → convert → download.
// Same origin only: the Content-Security-Policy forbids third parties.
import { entriesFromDrop, entriesFromFiles, ExportReadError, readEntries } from "./js/read-export.js";
import { selectExportFiles } from "./js/export-files.js";
import { explain } from "./js/plain-errors.js";
import { formatBytes } from "./js/format.js";
import { ProgressRow } from "./js/progress.js";
import { getJson } from "./js/api-client.js";

const $ = (id) => document.getElementById(id);

// What the page knows about the current export. Replaced wholesale on every new choice.
const state = {
  selection: null, // selectExportFiles() result
  files: null, // [{path, data}] of the files to convert, in selection order
  controller: null, // AbortController of the running step
};

const readRow = new ProgressRow("read");

// ---- errors ---------------------------------------------------------------------------
export function showError(err, context = {}) {
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
  readRow.reset();
  readRow.show();
  readRow.busy("Listing files…");
  try {
    const entries = await getEntries(controller.signal);
    const selection = selectExportFiles(entries);
    state.selection = selection;
    renderFound(selection);
    if (selection.files.length === 0) throw new ExportReadError("no-fitbit-files", "");
    const toRead = selection.files.filter((f) => f.sent);
    const files = await readEntries(toRead, { signal: controller.signal, onProgress: (d, t) => readRow.bytes(d, t) });
    readRow.done(`Read ${toRead.length} files (${formatBytes(files.reduce((s, f) => s + f.data.length, 0))}).`);
    state.files = files;
    document.dispatchEvent(new CustomEvent("export-read", { detail: { files, selection } }));
  } catch (err) {
    readRow.show(false);
    if (err?.name !== "AbortError") showError(err);
  }
}

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
    `${selection.ignored.count === 1 ? "is" : "are"} ignored: never read, never sent.`;
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

wirePicking();
showStatus();
