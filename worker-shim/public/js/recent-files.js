// The files the last steps of a conversion on this device read, kept up to a byte bound.
// Consecutive workouts read the same heart-rate days (two or three of 1-4 MB each), and each
// read from a zip inflates the member again: a real export of 569 workouts read 2,600 files,
// 3.0 GB, for about 600 distinct days (helper finding; the CLI does the same:
// wasm/cli/recent_files.h). The bound keeps memory independent of the export: a step still
// holds its own files, plus at most `maxBytes` kept here. A kept file's bytes are handed out
// again, so callers copy them (the core copies its input into WASM memory) and never transfer
// or change them.
//
// A file over the bound is kept too, apart from it: the last LARGE such files. A step holds
// such a file whole anyway, and Google's per-second files are a month a file (a month of heart
// rate each second is ~94 MB), read by every workout of that month: handed on unkept, each
// workout inflated the month again (the CLI took 136 s for three months of 52 workouts, 7 s
// keeping them). Memory then follows the largest files, as a step's own does, never the export.
const LARGE = 2; // a step may read two months (a heart rate, a track)

export class RecentFiles {
  #max;
  #bytes = 0;
  #kept = new Map(); // name → bytes, least recently used first (a Map keeps insertion order)
  #large = new Map(); // the same, for files over the bound

  constructor(maxBytes) {
    this.#max = maxBytes;
  }

  // The bytes of `name`: kept, or read by read() (async) and kept, the least recently used
  // dropped until the bound holds (a file over the bound: among the last LARGE such files).
  async get(name, read) {
    for (const list of [this.#kept, this.#large]) {
      const hit = list.get(name);
      if (hit) {
        list.delete(name);
        list.set(name, hit);
        return hit;
      }
    }
    const data = await read();
    if (data.length > this.#max) {
      if (this.#large.size === LARGE) this.#large.delete(this.#large.keys().next().value);
      this.#large.set(name, data);
      return data;
    }
    for (const [oldest, bytes] of this.#kept) {
      if (this.#bytes + data.length <= this.#max) break;
      this.#kept.delete(oldest);
      this.#bytes -= bytes.length;
    }
    this.#kept.set(name, data);
    this.#bytes += data.length;
    return data;
  }

  // The bytes kept within the bound (the large files apart).
  get bytes() {
    return this.#bytes;
  }
}
