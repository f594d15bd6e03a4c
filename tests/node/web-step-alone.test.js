// worker-shim/public/js/step-alone.js: whether the server takes one step of a plan made on
// the page, alone in its request, or the page converts it on the device. Numbered rows, each
// with why. Where the server's own check decides (http/client-plan.js checkStepFiles: what a
// step reads of the upload, its estimate), each row is also put to it, so the page's answer is
// the server's; the byte caps are the routes' (routes/convert-steps.js, tested in workerd).
import { test } from "node:test";
import assert from "node:assert/strict";
import { refusedAlone, WHY_FILE, WHY_STEP } from "../../worker-shim/public/js/step-alone.js";
import { checkStepFiles, readSteps, STEP_MAX_MS, storedByPath } from "../../worker-shim/http/client-plan.js";
import { FILE_MAX_BYTES, STEP_MAX_FILES, STORED_READ_MAX_BYTES } from "../../worker-shim/shared/upload-limits.js";

const MiB = 1024 * 1024;
const G = "Takeout/Google Health/";
const E = "Takeout/Fitbit/Global Export Data/exercise-0.json";
// The upload holds the exercise file (light); Google's monthly files are sent with the step.
const EXERCISE = 60_000;
const google = (n, bytes) => Array.from({ length: n }, (_, i) => ({ path: `${G}file_${i}_2024-03.csv`, data: { length: Math.round(bytes) } }));
const workout = (sent, extra = {}) => {
  const files = [E, ...sent.map((f) => f.path)];
  return { id: "workouts-0001", kind: "workouts", files, bytes: EXERCISE + sent.reduce((n, f) => n + f.data.length, 0), logIds: [1], records: [[E, 0, 900]], hrFrom: null, ...extra };
};
const sizes = (sent, stored) => new Map([...stored, ...sent.map((f) => [f.path, f.data.length])]);

// [n, why, step, sent, pieces, stored {path: bytes}, expected]
const ROWS = [
  [1, "a workout and its track of 1 MiB: the server takes it", (s) => workout(s), google(1, MiB), null, { [E]: EXERCISE }, null],
  [2, "a file over the file cap (a month of per-minute data of 2.5 MB): never sent", (s) => workout(s), google(1, 2.5 * MiB), null, { [E]: EXERCISE }, WHY_FILE],
  [3, "a heart-rate day over the cap sent as its workout's piece, under it: taken, and estimated by the piece",
    (s) => ({ ...workout([]), files: [E, `${G}heart_rate-2024-03-01.json`], bytes: EXERCISE + 3 * MiB }),
    [{ path: `${G}heart_rate-2024-03-01.json`, data: { length: 200_000 } }], { [`${G}heart_rate-2024-03-01.json`]: [1_000_000, 200_000, 3 * MiB] }, { [E]: EXERCISE }, null],
  [4, `${STEP_MAX_FILES} files at the file cap: what one step's request carries, and its estimate (44.2 ms) within ${STEP_MAX_MS} ms`,
    (s) => workout(s, { bytes: STEP_MAX_FILES * FILE_MAX_BYTES + EXERCISE, files: s.map((f) => f.path).concat(E), records: [[E, 0, 1]] }), google(STEP_MAX_FILES, FILE_MAX_BYTES), null, { [E]: EXERCISE }, null],
  [5, "review finding: a workout reading a month of each of Google's seven per-workout files (~11 MB): more than one step's request carries, and over the estimate, refused by the server (the page showed its error); now converted here",
    (s) => workout(s), google(7, 1.6 * MiB), null, { [E]: EXERCISE }, WHY_STEP],
  [6, `a step of another kind whose estimate alone is over ${STEP_MAX_MS} ms (sleep's line, 15 ms a MiB: 3.6 MiB is ~54 ms), though its bytes are under the step cap`,
    (s) => ({ id: "sleep-0001", kind: "sleep", files: s.map((f) => f.path), bytes: 2 * Math.round(1.8 * MiB) }), google(2, 1.8 * MiB), null, {}, WHY_STEP],
  [7, `a step reading more than ${STORED_READ_MAX_BYTES / MiB} MiB of the upload: a request reads no more of it`,
    (s) => ({ ...workout([]), files: [E, `${G}b.json`], bytes: 9 * MiB, records: [[E, 0, 10]] }), [], null, { [E]: 5 * MiB, [`${G}b.json`]: 4 * MiB }, WHY_STEP],
  [8, "an estimate that is not a number (no bytes) is over any bound (the server refuses such a step before it estimates it: not a step of a plan)",
    (s) => ({ id: "sleep-0001", kind: "sleep", files: s.map((f) => f.path), bytes: undefined }), google(1, 1000), null, {}, WHY_STEP],
  [9, `files over what one step's request carries (${STEP_MAX_FILES} at the file cap) though the estimate is under ${STEP_MAX_MS} ms (a heart-rate step's line, 3.5 ms a MiB: 9 MiB is ~32 ms): the route refuses the body (a 413), not the estimate`,
    (s) => ({ id: "heart_rate-0001", kind: "heart_rate", files: s.map((f) => f.path), bytes: 5 * Math.round(1.8 * MiB) }), google(5, 1.8 * MiB), null, {}, WHY_STEP],
];

for (const [n, why, makeStep, sent, pieces, storedSizes, expected] of ROWS) {
  test(`${n}: ${why}`, () => {
    const stored = new Map(Object.entries(storedSizes));
    const step = makeStep(sent);
    const size = sizes(sent, stored);
    const wholeSize = (p) => (pieces && pieces[p] ? pieces[p][2] : size.get(p));
    assert.equal(refusedAlone(step, sent, pieces, { size: wholeSize, stored: new Set(stored.keys()) }), expected);
    // The server's own check of what a step reads and costs, on the same step: it refuses
    // exactly the steps the page says WHY_STEP of (row 5 by its estimate too).
    // Row 9 is the route's byte cap alone, which checkStepFiles does not hold.
    if (expected !== WHY_FILE && n !== 9) {
      const upload = storedByPath([...stored].map(([name, bytes]) => ({ name, stream: 0, offset: 0, bytes })));
      const body = sent.map((f) => ({ name: f.path, data: new Uint8Array(f.data.length) }));
      const server = () => {
        const { steps, names, pieces: read } = readSteps(pieces ? { steps: [step], pieces } : { steps: [step] });
        return checkStepFiles(steps, names, upload, body, read);
      };
      if (expected === null) assert.doesNotThrow(server);
      else assert.throws(server, (e) => e.status === 400);
    }
  });
}
