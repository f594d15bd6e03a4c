// A conversion's row. Two shapes share the conversions table:
//   a complete conversion (run within POST /api/convert): metadata.files is the download
//     index [{path, bytes, offset, kind?, records?, first?, last?}] in download order, and the
//     outputs are chunk rows, all written in one D1 batch (one transaction), like an upload;
//   a session (run in steps): metadata {options, part, steps, uploadInline, stepZone, groups,
//     clientPlan?} —
//     the conversion options with the zone's transitions, the plan's part, and every group of
//     steps (cut and written by the core: wasm/core/convert/step_groups.h) with where its
//     files are (`stored`: [{name, stream, offset, bytes}] in the upload; `send`: [[name,
//     bytes]] that come with the group's request), and the plan's stepZone (the zone members
//     of every step but weight, once: core/convert/steps.h). One row, written once: the steps' outputs
//     go back to the client with each request and are never stored. A session its client
//     planned (http/client-plan.js) has clientPlan: true, no part and no groups: each request
//     brings its steps.
import { packFiles, storeStream } from "./file-store.js";
import { SQL } from "./queries.js";
import { selectOwned } from "./owned-rows.js";
import { Problem } from "../http/problem.js";
import { ROW_MAX_BYTES, bytesOverRowMax } from "./row-size.js";
import { storeCharged, storedBytes } from "./storage-budget.js";

// outputs: [{path, data, ...summary}]; summary: the rest of the metadata (options, skipped…).
export async function saveConversion(ops, { conversionId, uploadId, owner, outputs, summary, createdAt, expiresAt }) {
  const { stream, index } = packFiles(outputs);
  const { inline, statements } = storeStream(conversionId, stream, expiresAt);
  const metadata = JSON.stringify({ ...summary, files: index, totalBytes: stream.length, inline: inline !== null });
  if (bytesOverRowMax(metadata)) {
    throw new Problem(413, "This conversion's summary (the files it names and what it skipped) is more than one conversion on the server can keep. Convert it on this device from the web page (no cap applies there), or upload fewer files.");
  }
  await storeCharged(ops, [[SQL.insertConversion, conversionId, uploadId, owner, metadata, createdAt, expiresAt, inline], ...statements], storedBytes(statements.map((st) => st[4]), metadata, inline));
  return index;
}

// A session's row is at most ROW_MAX_BYTES (storage/row-size.js).
export const SESSION_MAX_BYTES = ROW_MAX_BYTES;

// session: the row's members but its groups; groups: the session's groups as JSON text, as
// the core wrote them (wasm/core/convert/step_groups.h), stored without being parsed here.
export async function saveSession(ops, { conversionId, uploadId, owner, session, groups, createdAt, expiresAt }) {
  const text = `${JSON.stringify(session).slice(0, -1)},"groups":${groups}}`;
  const over = bytesOverRowMax(text);
  if (over) {
    // What makes the row large, not only the step count: a weight step carries its weigh-ins,
    // so 95 steps of 95,000 weigh-ins were refused as "95 steps … more than it can keep track
    // of" (attack finding).
    const kb = (n) => `${Math.round(n / 1000).toLocaleString("en-US")} kB`;
    const part = session.part ? new TextEncoder().encode(JSON.stringify(session.part)).length : 0;
    throw new Problem(
      413,
      `This conversion's plan is ${kb(over)} to keep: its ${session.steps} steps with the weigh-ins and files they carry ${kb(new TextEncoder().encode(groups).length)}` +
        (part ? `, the export's problems ${kb(part)}` : "") +
        `; one conversion on the server keeps at most ${kb(ROW_MAX_BYTES)}. Convert it on this device from the web page (no cap applies there), or convert fewer kinds at a time (kinds).`,
    );
  }
  await storeCharged(ops, [[SQL.insertConversion, conversionId, uploadId, owner, text, createdAt, expiresAt, null]], storedBytes(text));
}

const inSteps = (row) => {
  if (row.groups === null) {
    throw new Problem(409, "This conversion ran in one request and is complete: download it with GET /api/download/{conversionId}.");
  }
  return row;
};

// One group of a session: {uploadId, options, stepZone, group: {steps, stored, send}, groups}.
// The row's JSON is picked apart by D1 (json_extract), so the Worker parses one group, not the
// plan.
export async function loadGroup(ctx, conversionId, n) {
  const row = inSteps(await selectOwned(ctx, "conversion", conversionId, SQL.selectSessionGroup, n));
  if (row.client_plan === 1) {
    throw new Problem(409, "This conversion was planned by its client: it has no groups here. Send its steps with their files to POST /api/convert/{conversionId}/steps.");
  }
  if (!(n >= 0 && n < row.groups)) {
    throw new Problem(404, `This conversion has groups 0 to ${row.groups - 1}; there is no group ${n}.`);
  }
  return {
    uploadId: row.upload_id,
    uploadInline: row.upload_inline === 1,
    options: JSON.parse(row.options),
    stepZone: row.step_zone === null ? null : JSON.parse(row.step_zone),
    group: JSON.parse(row.grp),
    groups: row.groups,
  };
}

// What assembly needs: {options, part, steps, clientPlan}. A session its client planned has
// no part: the client sends it (http/client-plan.js).
export async function loadAssembly(ctx, conversionId) {
  const row = inSteps(await selectOwned(ctx, "conversion", conversionId, SQL.selectSessionAssembly));
  return { options: JSON.parse(row.options), part: row.part, steps: row.steps, clientPlan: row.client_plan === 1 };
}

// What running a client-planned session's steps needs: {uploadId, uploadInline, options,
// stepZone}. A session the server planned is refused: its steps are its groups'.
export async function loadClientSession(ctx, conversionId) {
  const row = inSteps(await selectOwned(ctx, "conversion", conversionId, SQL.selectSessionSteps));
  if (row.client_plan !== 1) {
    throw new Problem(409, "The server planned this conversion: run its groups with POST /api/convert/{conversionId}/groups/{n}, as POST /api/convert listed them.");
  }
  return {
    uploadId: row.upload_id,
    uploadInline: row.upload_inline === 1,
    options: JSON.parse(row.options),
    stepZone: row.step_zone === null ? null : JSON.parse(row.step_zone),
  };
}
