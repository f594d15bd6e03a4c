// Replays every shared case table (tests/cases/*.json) against core.wasm through core.js —
// the same numbered cases Catch2 replays natively through the same handlers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { core, loadCases } from "./load-core.js";
import { CoreError } from "../../worker-shim/shared/core.js";
import { decodeBundle, encodeBundle } from "../../worker-shim/shared/bundle.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// Ops whose input is a TSB1 bundle (as tests/cpp/case_table.h builds it): {options, files:
// [{name, text or hex}]} in; a conversion's output as {manifest, importTxt: lines, files: paths}.
function callBundle(op, input) {
  const files = input.files.map((f) => ({ name: f.name, data: f.hex !== undefined ? new Uint8Array(Buffer.from(f.hex, "hex")) : encoder.encode(f.text) }));
  const out = core.callBytes(`ts_${op}`, encodeBundle(input.options ?? null, files));
  if (op === "validate") return JSON.parse(decoder.decode(out));
  const result = { files: [], importTxt: [] };
  for (const f of decodeBundle(out).files) {
    result.files.push(f.name);
    if (f.name === "manifest.json") result.manifest = JSON.parse(decoder.decode(f.data));
    if (f.name === "IMPORT.txt") {
      const text = decoder.decode(f.data);
      result.importTxt = text.endsWith("\n") ? text.slice(0, -1).split("\n") : text.split("\n");
    }
  }
  return result;
}

const dir = fileURLToPath(new URL("../cases/", import.meta.url));
for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
  const table = loadCases(file);
  if (table.replayedBy) continue; // a table of whole conversions has its own replay
  for (const c of table.cases) {
    test(`${file} case ${c.n}: ${c.why}`, () => {
      const call = () =>
        c.rawIn !== undefined
          ? core.callJsonText(`ts_${c.op}`, c.rawIn)
          : c.op === "validate" || c.op === "convert"
            ? callBundle(c.op, c.in)
            : core.callJson(`ts_${c.op}`, c.in);
      if (c.error) {
        assert.throws(call, (err) => {
          assert.ok(err instanceof CoreError, `expected CoreError, got ${err}`);
          assert.equal(err.code, c.error.status);
          assert.ok(err.message.includes(c.error.contains), `message "${err.message}" lacks "${c.error.contains}"`);
          return true;
        });
      } else {
        assert.deepEqual(call(), c.out);
      }
    });
  }
}
