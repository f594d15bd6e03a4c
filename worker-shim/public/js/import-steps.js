// The "Import into Garmin Connect" steps of step 5, read from the manifest.json files of the
// very zip offered for download. The core writes the steps (manifest.json's "importSteps",
// one per output folder, with its file count, rounds and units) and renders IMPORT.txt from
// the same list, so the page and the zip say the same thing.
import { BlobReader, TextWriter, ZipReader } from "../lib/zip/zip.js";

// zip: Blob | Uint8Array → [{folder: "" | "part-1/", steps: [{folder, files, batches, units,
// link, text}], warnings: [text]}], one entry per conversion in the zip (several when the
// server converted in parts).
export async function readImportSteps(zip) {
  const blob = zip instanceof Blob ? zip : new Blob([zip]);
  const reader = new ZipReader(new BlobReader(blob));
  try {
    const manifests = (await reader.getEntries())
      .filter((e) => /^([^/]+\/)?manifest\.json$/.test(e.filename))
      .sort((a, b) => a.filename.localeCompare(b.filename, "en", { numeric: true }));
    const out = [];
    for (const e of manifests) {
      const manifest = JSON.parse(await e.getData(new TextWriter()));
      out.push({ folder: e.filename.slice(0, -"manifest.json".length), steps: manifest.importSteps ?? [], warnings: manifest.warnings ?? [] });
    }
    return out;
  } finally {
    await reader.close();
  }
}

// One step's text as nodes: its link clickable, its folder name as code.
function stepNodes(step) {
  const marks = [];
  if (step.link) marks.push({ at: step.text.indexOf(step.link), text: step.link, make: linkTo });
  if (step.folder) marks.push({ at: step.text.indexOf(step.folder), text: step.folder, make: code });
  const nodes = [];
  let pos = 0;
  for (const m of marks.filter((x) => x.at >= 0).sort((a, b) => a.at - b.at)) {
    if (m.at < pos) continue;
    nodes.push(document.createTextNode(step.text.slice(pos, m.at)), m.make(m.text));
    pos = m.at + m.text.length;
  }
  nodes.push(document.createTextNode(step.text.slice(pos)));
  return nodes;
}

function linkTo(url) {
  const a = document.createElement("a");
  a.href = url;
  a.target = "_blank";
  a.rel = "noopener noreferrer";
  a.textContent = url;
  return a;
}

function code(text) {
  const c = document.createElement("code");
  c.textContent = text;
  return c;
}

// Renders the groups into `container`: one numbered list, or one per part under a heading.
export function renderImportSteps(container, groups) {
  container.replaceChildren();
  for (const g of groups) {
    if (groups.length > 1) {
      const h = document.createElement("h4");
      h.append("In the folder ", code(g.folder));
      container.append(h);
    }
    const ol = document.createElement("ol");
    ol.className = "steps";
    for (const s of g.steps) {
      const li = document.createElement("li");
      if (s.folder) li.dataset.folder = s.folder;
      li.append(...stepNodes(s));
      ol.append(li);
    }
    container.append(ol);
  }
}

// The manifest's warnings, under the steps: what the conversion found that the report before
// it could not (a column written as 0 on every day, a last day holding part of its totals,
// workouts sharing their time). The CLI prints them and manifest.json holds them; the page
// showed only the report's (helper finding on real exports: "no data was read for Calories
// Burned ... written as 0" on all 1,031 days, unsaid). Hidden when there are none.
export function renderWarnings(container, groups) {
  // A warning an import step says already ("Before importing: " + it: the Takeout parts not
  // given) is not said twice (review finding).
  const stepped = (g, w) => g.steps.some((s) => s.text === `Before importing: ${w}`);
  const all = groups.flatMap((g) => g.warnings.filter((w) => !stepped(g, w)).map((w) => (groups.length > 1 ? `${g.folder}: ${w}` : w)));
  container.hidden = all.length === 0;
  const list = container.querySelector("ul");
  list.replaceChildren(...all.map((w) => {
    const li = document.createElement("li");
    li.textContent = w;
    return li;
  }));
}
