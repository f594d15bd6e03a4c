// Replays every shared case table (tests/cases/*.json) against core.wasm through core.js —
// the same numbered cases Catch2 replays natively through the same handlers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { core, loadCases } from "./load-core.js";
import { CoreError } from "../../worker-shim/shared/core.js";

const dir = fileURLToPath(new URL("../cases/", import.meta.url));
for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
  const table = loadCases(file);
  if (table.replayedBy) continue; // a table of whole conversions has its own replay
  for (const c of table.cases) {
    test(`${file} case ${c.n}: ${c.why}`, () => {
      const call = () =>
        c.rawIn !== undefined ? core.callJsonText(`ts_${c.op}`, c.rawIn) : core.callJson(`ts_${c.op}`, c.in);
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
