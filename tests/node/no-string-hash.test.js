// The core keeps no hash container keyed by strings (wasm/core/common/same_bytes.h BytesLess):
// the WASM build's std::hash<std::string_view> is MurmurHash2 seeded with the string's length,
// no secret, so names a request chooses can all collide, and a hash set of them turns each
// insert into a walk of every earlier one (attack finding: 36,000 colliding output paths in a
// 1 MB assembly body, 5.9 s of CPU). Sets and maps of names are trees of compare_bytes. A
// check of the source, since the cost of a flood is wall-clock time, which tests do not assert.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../wasm/", import.meta.url));
const walk = (dir) => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));

test("1: no std::unordered_map or std::unordered_set keyed by a string anywhere in the core, the boundary or the CLI", () => {
  const found = [];
  for (const file of walk(root).filter((f) => /\.(h|cpp)$/.test(f))) {
    const text = readFileSync(file, "utf8").replace(/\/\/.*$/gm, ""); // code, not the comments that say why
    for (const m of text.matchAll(/unordered_(?:map|set|multimap|multiset)\s*<\s*(?:const\s+)?std::(?:string|string_view|basic_string)\b/g))
      found.push(`${file.slice(root.length)}: ${m[0]}`);
    for (const m of text.matchAll(/std::hash\s*<\s*std::(?:string|string_view)\s*>/g)) found.push(`${file.slice(root.length)}: ${m[0]}`);
  }
  assert.deepEqual(found, []);
});
