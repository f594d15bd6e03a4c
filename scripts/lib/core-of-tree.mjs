// A core.wasm of another tree (an earlier commit's worktree, say), run through that tree's own
// boundary code (worker-shim/shared/core.js beside its generated/ folder) when it has one: the
// boundary's exports change with the core (ts_alloc_input came after 819464a), and "the core
// then" is measured as its own JS called it. A core.wasm outside a tree uses this tree's.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

export async function coreOfTree(wasmPath) {
  const own = join(dirname(resolve(wasmPath)), "../shared/core.js");
  const at = existsSync(own) ? pathToFileURL(own).href : new URL("../../worker-shim/shared/core.js", import.meta.url).href;
  const { createCore } = await import(at);
  return createCore(new WebAssembly.Module(readFileSync(wasmPath)));
}
