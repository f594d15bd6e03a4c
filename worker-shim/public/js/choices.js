// What the person chose in the report, turned into what the converter gets. Each report kind
// has its own checkbox; the converter knows coarser kinds (sleep and resting heart rate are
// both "reference"), so a report kind that shares its converter kind is left out by not
// giving the converter its files. Pure: tests/node checks it.
import { CONVERT_KINDS, filesForKinds } from "./kind-labels.js";
import { REPORT_KINDS } from "./report-view.js";

// Report kinds that share a converter kind with another, and the file kinds that are theirs alone.
const OWN_FILES = Object.freeze({ sleep: ["sleep"], resting_heart_rate: ["resting_heart_rate"] });

// chosen: Set of report kinds kept → Set of converter kinds to run.
export function converterKinds(chosen) {
  const kinds = new Set();
  for (const k of chosen) if (REPORT_KINDS[k]?.convert) kinds.add(REPORT_KINDS[k].convert);
  return kinds;
}

// The file kinds a conversion of `chosen` reads (Profile.csv always), out of `present` report kinds.
export function usedFileKinds(chosen, present) {
  const used = new Set(["profile"]);
  for (const k of converterKinds(chosen)) for (const fk of CONVERT_KINDS[k] ?? []) used.add(fk);
  for (const k of present) if (!chosen.has(k)) for (const fk of OWN_FILES[k] ?? []) used.delete(fk);
  return used;
}

// files: [{kind, …}] → the ones the chosen kinds need, in the given order.
export function chosenFiles(files, chosen, present) {
  const used = usedFileKinds(chosen, present);
  return filesForKinds(files, converterKinds(chosen)).filter((f) => used.has(f.kind));
}
