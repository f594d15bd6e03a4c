// What `wrangler deploy` would upload, measured from its dry run's --outdir, against the plan's
// limits (plans.mjs). Sizes are computed here (not read from wrangler's log line) the way wrangler
// 4.86 computes them: the raw sum of the modules, and the gzip of their concatenation.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

import { PLANS } from "./plans.mjs";

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

// The dry run writes the entry (index.js), one file per module beside it, a README.md and
// source maps; only the entry and the modules are uploaded.
export function measureBundle(outdir) {
  const names = readdirSync(outdir).filter((n) => n !== "README.md" && !n.endsWith(".map")).sort();
  if (!names.includes("index.js")) throw new Error(`${outdir} has no index.js: the dry run did not write a bundle.`);
  const order = [...names.filter((n) => n !== "index.js"), "index.js"]; // wrangler: modules, then main
  const files = order.map((name) => {
    const bytes = readFileSync(path.join(outdir, name));
    return { name, bytes: bytes.byteLength, sha256: sha256(bytes), data: bytes };
  });
  const raw = files.reduce((n, f) => n + f.bytes, 0);
  const gzip = gzipSync(Buffer.concat(files.map((f) => f.data))).byteLength;
  return { files: files.map(({ data, ...f }) => f), main: files.at(-1), raw, gzip, dir: outdir };
}

// wasmPath: the core the build made. It must be in the bundle byte for byte, and imported.
export function checkBundle(bundle, { wasmPath, plan = PLANS.free }) {
  const problems = [];
  if (bundle.gzip > plan.workerGzipBytes) {
    problems.push(`The Worker is ${kib(bundle.gzip)} gzipped, over the ${plan.name} plan's ${kib(plan.workerGzipBytes)} limit.`);
  }
  const want = sha256(readFileSync(wasmPath));
  const wasm = bundle.files.find((f) => f.name.endsWith(".wasm") && f.sha256 === want);
  if (!wasm) {
    problems.push(`The bundle has no WASM module identical to ${path.basename(wasmPath)} (${bundle.files.map((f) => f.name).join(", ")}): the core would not be uploaded.`);
  } else if (!readFileSync(path.join(bundle.dir, bundle.main.name), "utf8").includes(`"./${wasm.name}"`)) {
    problems.push(`The bundle's ${bundle.main.name} does not import ${wasm.name}.`);
  }
  return problems;
}

// Static assets as `wrangler deploy` uploads them (every file of the directory).
export function measureAssets(dir) {
  const files = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) files.push({ name: path.relative(dir, full), bytes: statSync(full).size, sha256: sha256(readFileSync(full)) });
    }
  };
  walk(dir);
  files.sort((a, b) => (a.name < b.name ? -1 : 1));
  const largest = files.reduce((m, f) => (m && m.bytes >= f.bytes ? m : f), null);
  return { files, largest, bytes: files.reduce((n, f) => n + f.bytes, 0) };
}

export function checkAssets(assets, plan = PLANS.free) {
  const problems = [];
  if (assets.files.length > plan.assetFiles) {
    problems.push(`${assets.files.length} static asset files; the ${plan.name} plan takes ${plan.assetFiles} per version.`);
  }
  for (const f of assets.files.filter((x) => x.bytes > plan.assetFileBytes)) {
    problems.push(`Static asset ${f.name} is ${kib(f.bytes)}; one asset may be at most ${kib(plan.assetFileBytes)}.`);
  }
  return problems;
}

export const kib = (n) => `${(n / 1024).toFixed(2)} KiB`;
