// The names the Worker reads from its `env`, found in its source rather than kept in a list,
// so a binding added to the code without a matching entry in the config fails the deploy
// check instead of failing at run time on Cloudflare.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// The web page (public/) and build outputs (generated/) run no Worker code, so no `env`.
const SKIP_DIRS = new Set(["public", "generated", "node_modules"]);

// Binding names are upper case by convention (wrangler.toml); that keeps `env.foo` locals out.
const ACCESS = /\benv\s*(?:\?\.|\.)\s*([A-Z][A-Z0-9_]*)\b|\benv\s*\[\s*["']([A-Z][A-Z0-9_]*)["']\s*\]/g;
const DESTRUCTURE = /\{([^{}]*)\}\s*=\s*(?:[\w$]+\s*\.\s*)*env\b/g;

export function workerSourceFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) files.push(...workerSourceFiles(full));
    } else if (/\.(m?js)$/.test(entry.name)) {
      files.push(full);
    }
  }
  return files.sort();
}

// source text -> the binding names it reads (`env.X`, `env?.X`, `env["X"]`, `const { X } = env`).
export function envNamesIn(text) {
  const names = new Set();
  for (const m of text.matchAll(ACCESS)) names.add(m[1] ?? m[2]);
  for (const m of text.matchAll(DESTRUCTURE)) {
    for (const part of m[1].split(",")) {
      const name = part.split(":")[0].split("=")[0].trim();
      if (/^[A-Z][A-Z0-9_]*$/.test(name)) names.add(name);
    }
  }
  return names;
}

// dir -> Map(name -> [files that read it, relative to `root`]), sorted by name.
export function envNamesUsed(dir, root = path.dirname(dir)) {
  const used = new Map();
  for (const file of workerSourceFiles(dir)) {
    for (const name of envNamesIn(readFileSync(file, "utf8"))) {
      if (!used.has(name)) used.set(name, []);
      used.get(name).push(path.relative(root, file));
    }
  }
  return new Map([...used].sort(([a], [b]) => (a < b ? -1 : 1)));
}
