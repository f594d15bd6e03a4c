#!/usr/bin/env node
// Copies what the web page runs into worker-shim/public/lib/ (git-ignored), from the pinned
// npm packages and our own build, so the page loads nothing from a third party (its
// Content-Security-Policy forbids it) and "convert on this device" runs the very core.wasm
// and shim modules the Worker runs. Called by scripts/build after the WASM build.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const LIB = path.join(ROOT, "worker-shim/public/lib");

// [source relative to ROOT, destination relative to LIB]. Every entry must exist: a missing
// file is a build error, never a page that half works.
const FILES = [
  // zip.js: the ES-module build that loads its worker and zlib WASM from files next to it
  // (no blob: URLs, which the CSP would refuse).
  ["node_modules/@zip.js/zip.js/dist/zip-core-external.min.js", "zip/zip.js"],
  ["node_modules/@zip.js/zip.js/dist/zip-web-worker.js", "zip/zip-web-worker.js"],
  ["node_modules/@zip.js/zip.js/dist/zip-module.wasm", "zip/zip-module.wasm"],
  ["node_modules/@zip.js/zip.js/LICENSE", "zip/LICENSE"],
  // modern-tar: the tar decoder for .tgz Takeouts (js/tgz.js); its entry imports the chunk
  // next to it by a relative path, so both keep their places.
  ["node_modules/modern-tar/dist/web/index.js", "tar/web/index.js"],
  ["node_modules/modern-tar/dist/packer-By1HVV7Z.js", "tar/packer-By1HVV7Z.js"],
  ["node_modules/modern-tar/LICENSE", "tar/LICENSE"],
  // uPlot: the weight chart.
  ["node_modules/uplot/dist/uPlot.esm.js", "uplot/uPlot.js"],
  ["node_modules/uplot/dist/uPlot.min.css", "uplot/uPlot.css"],
  ["node_modules/uplot/LICENSE", "uplot/LICENSE"],
  // The core and the shim modules the browser shares with the Worker.
  ["worker-shim/generated/core.wasm", "core/core.wasm"],
  ["worker-shim/shared/core.js", "core/core.js"],
  ["worker-shim/shared/bundle.js", "core/bundle.js"],
  ["worker-shim/shared/convert-steps.js", "core/convert-steps.js"],
  ["worker-shim/shared/tz.js", "core/tz.js"],
  ["worker-shim/shared/export-files.js", "core/export-files.js"],
  ["worker-shim/shared/packaging.js", "core/packaging.js"],
  ["worker-shim/shared/upload-limits.js", "core/upload-limits.js"],
  ["worker-shim/shared/step-groups.js", "core/step-groups.js"],
  // fflate, which packaging.js imports by its bare name (rewritten below: a browser resolves
  // bare names only through an import map, which the CSP would have to allow inline).
  ["node_modules/fflate/esm/browser.js", "core/fflate.js"],
];
// Bare imports in copied shim modules → the file copied next to them.
const REWRITES = { "core/packaging.js": [['from "fflate"', 'from "./fflate.js"']] };

// The pins live in package.json (exact versions); refuse to copy anything else.
const pkgJson = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
const pinned = { ...pkgJson.devDependencies, ...pkgJson.dependencies };
const versions = {};
for (const pkg of ["@zip.js/zip.js", "uplot", "fflate", "modern-tar"]) {
  const installed = JSON.parse(readFileSync(path.join(ROOT, "node_modules", pkg, "package.json"), "utf8")).version;
  if (installed !== pinned[pkg]) throw new Error(`${pkg} ${installed} is installed but package.json pins ${pinned[pkg]}: run ./scripts/setup`);
  versions[pkg] = installed;
}

rmSync(LIB, { recursive: true, force: true });
for (const [from, to] of FILES) {
  const src = path.join(ROOT, from);
  if (!existsSync(src)) throw new Error(`web-libs: ${from} is missing (run ./scripts/build)`);
  const dest = path.join(LIB, to);
  mkdirSync(path.dirname(dest), { recursive: true });
  let text = null;
  for (const [bare, local] of REWRITES[to] ?? []) {
    text ??= readFileSync(src, "utf8");
    if (!text.includes(bare)) throw new Error(`web-libs: ${from} no longer contains ${bare}; update REWRITES`);
    text = text.replaceAll(bare, local);
  }
  if (text === null) copyFileSync(src, dest);
  else writeFileSync(dest, text);
}
writeFileSync(path.join(LIB, "versions.json"), JSON.stringify(versions, null, 2) + "\n");
console.log(`web-libs: ${FILES.length} files into worker-shim/public/lib`);
