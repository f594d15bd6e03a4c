// A session row over D1's row cap is a 413 that says what made it large (the steps with what
// they carry, the plan's problems), before any D1 call: saveSession refuses it without touching
// storage, so no binding is needed here. Numbered rows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { saveSession } from "../../worker-shim/storage/conversion-store.js";

const ROWS = [
  // 1: 95 steps whose weigh-ins fill 2 MB: the detail names the steps' size, not only their count.
  { steps: 95, groups: `[${'{"weighIns":"' + "x".repeat(2_000_000) + '"}'}]`, part: null,
    detail: /^This conversion's plan is 2,000 kB to keep: its 95 steps with the weigh-ins and files they carry 2,000 kB; one conversion on the server keeps at most 1,950 kB\. Convert it on this device/ },
  // 2: the plan's problems beside them are named with their size.
  { steps: 3, groups: "[]", part: { problems: "p".repeat(1_960_000) },
    detail: /its 3 steps with the weigh-ins and files they carry 0 kB, the export's problems 1,960 kB; one conversion/ },
];

for (const [i, row] of ROWS.entries()) {
  test(`${i + 1}: the session row's 413 names what is large`, async () => {
    const session = { options: {}, part: row.part, steps: row.steps, uploadInline: false, stepZone: null };
    await assert.rejects(
      saveSession(null, { conversionId: "c", uploadId: "u", owner: "o", session, groups: row.groups, createdAt: 0, expiresAt: 1 }),
      (err) => err.status === 413 && row.detail.test(err.detail ?? err.message),
    );
  });
}
