// The JS half of scripts/bench-weight-reader: the two readers (WASM builds of
// wasm/bench/weight_reader_bench.cpp) on bench-weight's history, turn about in one process.
// Each sample is CPU over 10 reads of every file (process.cpuUsage: the reads run on this
// thread, and after the warm-up rounds no compile runs beside them).
//   node scripts/lib/bench-weight-reader.mjs base.wasm this.wasm [rounds] [base-name]
import { readFileSync } from "node:fs";
import { generateExport } from "../gen-takeout.mjs";

const [basePath, thisPath, roundsArg = "300", baseName = "base"] = process.argv.slice(2);
const ROUNDS = Number(roundsArg);
const PER_SAMPLE = 10;
const enc = new TextEncoder();
// bench-weight's history: ten years, ten weigh-ins a week, 120 monthly files.
const files = generateExport({ seed: 1, years: 10, perWeek: 10 })
  .filter((f) => /\/weight-[^/]*\.json$/.test(f.name))
  .map((f) => enc.encode(f.data));
const bytes = files.reduce((n, f) => n + f.length, 0);
const buffer = new Uint8Array(4 + files.reduce((n, f) => n + 4 + f.length + 64, 0));
const view = new DataView(buffer.buffer);
view.setUint32(0, files.length, true);
for (let i = 0, at = 4; i < files.length; i++) {
  view.setUint32(at, files[i].length, true);
  buffer.set(files[i], at + 4);
  at += 4 + files[i].length + 64;
}

// No import is ever called (the reader does no I/O); a standalone module still names some.
function reader(path) {
  const stub = new Proxy({}, { get: () => () => 0 });
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(path)), { env: stub, wasi_snapshot_preview1: stub });
  const at = exports.alloc(buffer.length);
  new Uint8Array(exports.memory.buffer).set(buffer, at);
  return (rounds) => exports.run(at, rounds);
}
const readers = [["base " + baseName, reader(basePath)], ["this tree", reader(thisPath)]];
const counts = readers.map(([, read]) => read(1));
if (counts[0] !== counts[1] || counts[0] === 0) throw new Error(`the readers disagree or failed: ${counts.join(" vs ")} records`);

const samples = readers.map(() => []);
const warm = Math.floor(ROUNDS / 5);
for (let r = 0; r < ROUNDS + warm; r++) {
  for (const [i, [, read]] of readers.entries()) {
    const t = process.cpuUsage();
    read(PER_SAMPLE);
    const d = process.cpuUsage(t);
    if (r >= warm) samples[i].push((d.user + d.system) / 1000 / PER_SAMPLE);
  }
}
const stats = samples.map((s) => {
  s.sort((a, b) => a - b);
  return { min: s[0], median: s[s.length >> 1] };
});
console.log(`bench-weight-reader: ${counts[0]} weigh-ins in ${files.length} files (${Math.round(bytes / 1024)} KiB), ${ROUNDS} rounds after ${warm} warm-up, CPU ms per read of every file, min / median`);
for (const [i, [name]] of readers.entries()) console.log(`  ${name.padEnd(16)} ${stats[i].min.toFixed(3)} / ${stats[i].median.toFixed(3)}`);
console.log(`  this tree / base (medians): ${(stats[1].median / stats[0].median).toFixed(3)}   [issue 14 asks for <= 0.5: the per-byte cost at least halved]`);
