// Deterministic zips (deflate, one fixed timestamp) for generated test exports: the same files
// always give the same bytes. fflate is the zip library the Worker's packaging already uses.
import { zipSync } from "fflate";

const FIXED_MTIME = new Date(2020, 0, 1); // local time: zip timestamps have no zone

// files: [{name, data: Uint8Array|string}] -> Uint8Array (a complete .zip)
export function zipFiles(files) {
  const enc = new TextEncoder();
  const entries = {};
  for (const f of files) {
    if (Object.hasOwn(entries, f.name)) throw new Error(`duplicate zip entry ${f.name}`);
    entries[f.name] = [typeof f.data === "string" ? enc.encode(f.data) : f.data, { level: 6, mtime: FIXED_MTIME }];
  }
  return zipSync(entries);
}
