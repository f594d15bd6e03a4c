// Google Takeout splits a large export into numbered parts — takeout-20260101T120000Z-001.zip,
// -002.zip, … (or .tgz) — and Fitbit's files can be in any of them. One part alone reads as
// a normal export with things quietly missing, so the page names the parts it was not given.
// Pure: tests/node checks it.

// "takeout-<time>[-<n>]-<part>.<ext>", also with a browser's " (1)" for a repeated download.
const PART_RE = /^(takeout-\d{8}T\d{6}Z(?:-\d+)?)-(\d{3})(?: \(\d+\))?\.(?:zip|tgz|tar\.gz)$/i;

const list = (ns) => (ns.length === 1 ? String(ns[0]) : `${ns.slice(0, -1).join(", ")} and ${ns[ns.length - 1]}`);

// names: the chosen files' names → [{takeout, found: [part numbers], missing: [part numbers],
// title, detail}] for each export with a gap below its highest part. A lone part 1 is not
// reported: Google does not say how many parts there are, and most Fitbit exports are one part.
export function missingParts(names) {
  const byExport = new Map();
  for (const name of names) {
    const m = PART_RE.exec(name);
    if (!m) continue;
    const found = byExport.get(m[1]) ?? new Set();
    found.add(Number(m[2]));
    byExport.set(m[1], found);
  }
  const out = [];
  for (const [takeout, set] of byExport) {
    const found = [...set].sort((a, b) => a - b);
    const missing = [];
    for (let n = 1; n < found[found.length - 1]; n++) if (!set.has(n)) missing.push(n);
    if (missing.length === 0) continue;
    const one = missing.length === 1;
    out.push({
      takeout,
      found,
      missing,
      title: `Part${one ? "" : "s"} ${list(missing)} of your Takeout ${one ? "is" : "are"} missing`,
      detail:
        `You gave part${found.length === 1 ? "" : "s"} ${list(found)} of ${takeout}. Google splits a large export into numbered ` +
        `parts and Fitbit's files can be in any of them, so what is below is incomplete. Add the others: choose or drop ` +
        `all the parts (${takeout}-001, -002, …) together.`,
    });
  }
  return out;
}
