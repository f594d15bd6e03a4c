// validate -> transitions for the reported zone and range (tz.js, as the Worker and browser
// derive them) -> convert, through core.wasm. Shared by the conversion tests.
import { decodeBundle, encodeBundle } from "../../worker-shim/shared/bundle.js";
import { timeZoneOption } from "../../worker-shim/shared/tz.js";
import { core } from "./load-core.js";

const text = (u8) => new TextDecoder().decode(u8);

export function convertExport(files, extra = {}) {
  const report = JSON.parse(text(core.callBytes("ts_validate", encodeBundle(null, files))));
  const zone = extra.zone ?? report.timeZone?.name ?? "UTC";
  const r = report.transitionsRange;
  const timeZone = { ...timeZoneOption(zone, r?.from ?? 0, r?.to ?? 0), ...(extra.explicit ? { explicit: true } : {}) };
  const options = { timeZone, weightUnit: "auto", ...extra.options };
  const out = decodeBundle(core.callBytes("ts_convert", encodeBundle(options, files)));
  return { report, options, out, byName: new Map(out.files.map((f) => [f.name, f.data])) };
}
