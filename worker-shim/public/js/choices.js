// What the person chose in the report, turned into what the converter gets. Each report kind
// has its own checkbox; the converter knows coarser kinds (sleep and resting heart rate are
// both "reference"), so a report kind that shares its converter kind is left out by not
// giving the converter its files. Which option converts a report kind, and which options read
// each file kind, is the core's kind table (ts_file_kinds, `table` below). Pure: tests/node
// checks it.
import { convertOfReport } from "../lib/core/export-files.js";

// chosen: Set of report kinds kept → Set of converter kinds to run.
export function converterKinds(chosen, table) {
  const kinds = new Set();
  for (const k of chosen) {
    const option = convertOfReport(table, k);
    if (option) kinds.add(option);
  }
  return kinds;
}

// The file kinds a conversion of `chosen` reads, out of `present` report kinds: those an
// option it runs reads (Profile.csv and the weigh-ins, which every option reads), not counting,
// for a report kind left out, its own option.
export function usedFileKinds(chosen, present, table) {
  const options = converterKinds(chosen, table);
  const used = new Set();
  for (const k of table.kinds) {
    // Read by every option (the profile; the weigh-ins, for the UTC offsets they show): sent
    // whatever runs.
    const always = k.usedBy.length === table.convertOptions.length;
    if (always || readersOf(k, chosen, present, options).length) used.add(k.kind);
  }
  return used;
}

// The options that run and read a file kind: those that read it, less its own when its
// report kind was left out. Heart rate left out is read by the workouts alone: its own option
// (the health files, kept for sleep, say) is told to make no table of it (includeHeartRate:
// false, app.js currentOptions), and without workouts its files are not sent at all (review
// finding: they were, and converted, while sleep was kept).
function readersOf(k, chosen, present, options) {
  const leftOut = Boolean(k.report) && present.has(k.report) && !chosen.has(k.report);
  return k.usedBy.filter((o) => options.has(o) && !(leftOut && o === k.convert));
}

// files: [{kind, …}] → the ones the chosen kinds need, in the given order.
export function chosenFiles(files, chosen, present, table) {
  const used = usedFileKinds(chosen, present, table);
  return files.filter((f) => used.has(f.kind));
}

// What the page calls each convert option, where a file kind is read for another's sake.
const OPTION_WORDS = { weight: "weight", workouts: "workouts", daily: "daily activity", reference: "the health files" };

// The file kinds a conversion of `chosen` reads although their own report kind was left out
// (weigh-ins, read by every option for the UTC offsets their times show; heart rate, read by
// workouts), each with the words of the options that read it. The page said such files were
// used as if converted (helper finding: the weight logs showed "Yes" with Weight unticked).
export function readForOthers(chosen, present, table) {
  const options = converterKinds(chosen, table);
  const out = new Map();
  for (const k of table.kinds) {
    if (!k.report || !present.has(k.report) || chosen.has(k.report)) continue;
    const readers = readersOf(k, chosen, present, options);
    if (readers.length) out.set(k.kind, readers.map((o) => OPTION_WORDS[o] ?? o));
  }
  return out;
}
