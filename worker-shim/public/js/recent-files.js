// The files the last steps of a conversion on this device read, kept up to a byte bound.
// Consecutive workouts read the same heart-rate days (two or three of 1-4 MB each), and each
// read from a zip inflates the member again: a real export of 569 workouts read 2,600 files,
// 3.0 GB, for about 600 distinct days (helper finding; the CLI does the same:
// wasm/cli/recent_files.h). The bound keeps memory independent of the export: a step still
// holds its own files, plus at most `maxBytes` kept here. A kept file's bytes are handed out
// again, so callers copy them (the core copies its input into WASM memory) and never transfer
// or change them.
export class RecentFiles {
  #max;
  #bytes = 0;
  #kept = new Map(); // name → bytes, least recently used first (a Map keeps insertion order)

  constructor(maxBytes) {
    this.#max = maxBytes;
  }

  // The bytes of `name`: kept, or read by read() (async) and kept, the least recently used
  // dropped until the bound holds; a file over the bound alone is handed on, not kept.
  async get(name, read) {
    const hit = this.#kept.get(name);
    if (hit) {
      this.#kept.delete(name);
      this.#kept.set(name, hit);
      return hit;
    }
    const data = await read();
    if (data.length > this.#max) return data;
    for (const [oldest, bytes] of this.#kept) {
      if (this.#bytes + data.length <= this.#max) break;
      this.#kept.delete(oldest);
      this.#bytes -= bytes.length;
    }
    this.#kept.set(name, data);
    this.#bytes += data.length;
    return data;
  }

  get bytes() {
    return this.#bytes;
  }
}
