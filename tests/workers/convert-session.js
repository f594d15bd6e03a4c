// Drives a conversion session to its end as the page does (js/server-convert.js): every group
// of steps with the files it asks for (one TSB1 bundle); every `gather` bytes of step parts
// gathered by POST /api/convert/{id}/gather (the page's PartRuns, with runs far shorter than
// the page's so that the tests' small exports gather too); then assembly with the parts (one
// TSB1 bundle). Shared by the workers tests that convert more than one request holds.
import { expect } from "vitest";
import { splitStepBundle } from "../../worker-shim/shared/core.js";
import { decodeBundle, encodeBundle } from "../../worker-shim/shared/bundle.js";
import { PartRuns } from "../../worker-shim/shared/convert-steps.js";

// A session longer than the step tier's burst meets 429s: like the page, it waits out each
// Retry-After (a few seconds at most here) and sends the same request again.
async function patiently(send, count) {
  for (let tries = 0; ; tries++) {
    const res = count(await send());
    if (res.status !== 429 || tries >= 30) return res;
    await res.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 1000 * Number(res.headers.get("retry-after") ?? 1)));
  }
}

// session: POST /api/convert's answer (complete: false). dataOf(name) gives a file the session
// asks to be sent. count(res) sees every response (for op tallies). gather: bytes of parts per
// gathering (0: none). → {outputs: [[path, bytes]] in download order, parts: [part.json bytes,
// or gathered parts], gathered: gather requests}
export async function finishSession(client, session, dataOf, count = (res) => res, { gather = 4096 } = {}) {
  const outputs = [];
  const runs = new PartRuns(gather);
  let gathered = 0;
  const gatherRuns = async (all) => {
    for (let run; (run = runs.ready(all)); ) await gatherRun(run);
  };
  const gatherRun = async (run) => {
    const res = await patiently(() => client.fetch(`/api/convert/${session.conversionId}/gather`, {
      method: "POST", headers: { "content-type": "application/x-trackersync-bundle" },
      body: encodeBundle(null, run.map((data) => ({ name: "part.json", data }))),
    }), count);
    expect(res.status, await res.clone().text()).toBe(200);
    runs.gathered(new Uint8Array(await res.arrayBuffer()));
    gathered += 1;
  };
  for (const [n, g] of session.groups.entries()) {
    const res = await patiently(() => client.fetch(`/api/convert/${session.conversionId}/groups/${n}`, {
      method: "POST", headers: { "content-type": "application/x-trackersync-bundle" },
      body: encodeBundle(null, g.send.map((name) => ({ name, data: dataOf(name) }))),
    }), count);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-trackersync-bundle");
    for (const r of splitStepBundle(new Uint8Array(await res.arrayBuffer()))) {
      runs.add(r.part);
      outputs.push(...r.files.map((f) => [f.path, f.data]));
    }
    await gatherRuns(false);
  }
  await gatherRuns(true);
  const parts = runs.parts;
  const body = encodeBundle(null, parts.map((data) => ({ name: "part.json", data })));
  const asm = await patiently(() => client.fetch(`/api/convert/${session.conversionId}/assemble`, {
    method: "POST", headers: { "content-type": "application/x-trackersync-bundle" }, body,
  }), count);
  expect(asm.status, await asm.clone().text()).toBe(200);
  for (const f of decodeBundle(new Uint8Array(await asm.arrayBuffer())).files) outputs.push([f.name, f.data]);
  return { outputs, parts, gathered };
}
