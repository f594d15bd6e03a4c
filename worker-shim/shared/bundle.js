// "TSB1": how a set of named files crosses into and out of the core in one buffer (the C++
// side is wasm/core/convert/bundle.h). All integers are u32 little-endian:
//   "TSB1" | options_len | options (UTF-8 JSON, may be empty) | file_count |
//   (name_len | name (UTF-8 path) | data_len | data)*
// Inputs of ts_validate / ts_convert: options + the export's files, each named by its path
// inside the export. Output of ts_convert: empty options + every output by its path
// (manifest.json, IMPORT.txt, weight/…fit, …).

const MAGIC = [0x54, 0x53, 0x42, 0x31]; // "TSB1"
// The media type of a TSB1 bundle sent over HTTP (step groups' files and answers, assembly).
export const BUNDLE_TYPE = "application/x-trackersync-bundle";
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

function asBytes(data) {
  if (data instanceof Uint8Array) return data;
  if (typeof data === "string") return encoder.encode(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new TypeError("bundle file data must be bytes or a string");
}

// The encoded pieces of a bundle and its size, so it can be written straight into its
// destination (Core#callBundle writes it into WASM memory: one copy of each file, not two).
export function bundleLayout(options, files) {
  const opt = options == null ? new Uint8Array(0) : encoder.encode(typeof options === "string" ? options : JSON.stringify(options));
  const parts = files.map((f) => ({ name: encoder.encode(f.name), data: asBytes(f.data) }));
  let size = 4 + 4 + opt.length + 4;
  for (const p of parts) size += 8 + p.name.length + p.data.length;
  return { opt, parts, size };
}

// Writes a layout's bytes into out[0 .. layout.size).
export function writeBundle(out, { opt, parts }) {
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  out.set(MAGIC, 0);
  let pos = 4;
  view.setUint32(pos, opt.length, true);
  out.set(opt, (pos += 4));
  pos += opt.length;
  view.setUint32(pos, parts.length, true);
  pos += 4;
  for (const p of parts) {
    view.setUint32(pos, p.name.length, true);
    out.set(p.name, (pos += 4));
    pos += p.name.length;
    view.setUint32(pos, p.data.length, true);
    out.set(p.data, (pos += 4));
    pos += p.data.length;
  }
  return out;
}

// How long a bundle says its options are, without reading them; -1 when it is not a bundle.
export function bundleOptionsLength(bytes) {
  const u8 = asBytes(bytes);
  if (u8.length < 8 || !MAGIC.every((b, i) => u8[i] === b)) return -1;
  return new DataView(u8.buffer, u8.byteOffset, u8.byteLength).getUint32(4, true);
}

// A bundle that says it holds more files than its reader takes (decodeBundle's maxFiles).
export class BundleFilesError extends Error {
  constructor(files) {
    super(`TSB1 bundle holds ${files} files, more than this reader takes`);
    this.name = "BundleFilesError";
    this.files = files;
  }
}

// options: a plain object (JSON-encoded), a JSON string, or null/undefined for none.
// files: [{name, data}] with data as Uint8Array, ArrayBuffer or string.
export function encodeBundle(options, files) {
  const layout = bundleLayout(options, files);
  return writeBundle(new Uint8Array(layout.size), layout);
}

// Returns {options: object|null, files: [{name, data: Uint8Array}]}; the data are views into
// `bytes` (copy them if `bytes` will be reused). Throws on anything malformed, on options
// longer than `maxOptionsBytes` before parsing them, and on more than `maxFiles` files before
// making any (a BundleFilesError saying how many): a server route reading a body of several
// MiB would otherwise JSON.parse whatever the client put there (8 MiB of "[{},…]" is ~180 MiB
// of heap, past a Worker's 128 MB), or make an object and a view for each of 8-byte files
// (16 MiB of empty ones is 2 million: 316 MiB of heap and 1.6 s of CPU in Node).
export function decodeBundle(bytes, { maxOptionsBytes = Infinity, maxFiles = Infinity } = {}) {
  const u8 = asBytes(bytes);
  const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  const need = (pos, n) => {
    if (pos + n > u8.length) throw new Error("TSB1 bundle is truncated");
  };
  need(0, 8);
  if (!MAGIC.every((b, i) => u8[i] === b)) throw new Error("not a TSB1 bundle");
  let pos = 4;
  const optLen = view.getUint32(pos, true);
  pos += 4;
  need(pos, optLen + 4);
  if (optLen > maxOptionsBytes) throw new Error("TSB1 bundle's options are longer than this reader takes");
  const options = optLen === 0 ? null : JSON.parse(decoder.decode(u8.subarray(pos, pos + optLen)));
  pos += optLen;
  const count = view.getUint32(pos, true);
  pos += 4;
  if (count > maxFiles) throw new BundleFilesError(count);
  const files = [];
  for (let i = 0; i < count; i++) {
    need(pos, 4);
    const nameLen = view.getUint32(pos, true);
    pos += 4;
    need(pos, nameLen + 4);
    const name = decoder.decode(u8.subarray(pos, pos + nameLen));
    pos += nameLen;
    const dataLen = view.getUint32(pos, true);
    pos += 4;
    need(pos, dataLen);
    files.push({ name, data: u8.subarray(pos, pos + dataLen) });
    pos += dataLen;
  }
  if (pos !== u8.length) throw new Error("TSB1 bundle has bytes after its last file");
  return { options, files };
}
