// The upload caps. One upload is converted by one /api/convert request, and the free plan
// gives a request 10 ms of CPU, so the byte cap is what the conversion path can do in that
// budget — measured, not guessed:
//
//   UPLOAD_MAX_BYTES default = floor(BUDGET_MS × SAFETY × throughput)
//
// where throughput is the bytes of export per ms of CPU that /api/convert's whole path
// (chunk decode, ts_validate for the zone and date range, the zone's transitions from Intl,
// ts_convert, output encode) reaches on the WASM core, measured by scripts/bench-upload-cap
// on gen-takeout weight exports of 0.5-10 years, and SAFETY leaves half the budget for the
// runtime's own work (request parsing, the D1 client, JSON), a cold isolate's baseline-
// compiled WASM, and slower machines. The bench fits CPU = fixed + per-byte × size; on this
// machine it measured 22-26 ms per MB (~40 KB per ms: ts_validate, Intl and ts_convert take
// about a third each), so 5 ms holds 192 KiB — about two years of ten weigh-ins a week with
// weight.csv. Re-run it when the converter changes (new kinds, faster core) and set the
// number it prints.
//
// UPLOAD_MAX_FILES bounds per-file overhead (multipart parts, names in metadata), not rows:
// files are packed into 1 MiB chunk rows (file-store.js).
//
// Both can be overridden with the vars of the same name (wrangler.toml / --var).
export const BUDGET_MS = 10;
export const SAFETY = 0.5;
export const DEFAULT_MAX_BYTES = 192 * 1024;
export const DEFAULT_MAX_FILES = 500;

function positiveInt(value, fallback) {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

export function uploadLimits(env) {
  return {
    maxBytes: positiveInt(env.UPLOAD_MAX_BYTES, DEFAULT_MAX_BYTES),
    maxFiles: positiveInt(env.UPLOAD_MAX_FILES, DEFAULT_MAX_FILES),
  };
}

export function formatBytes(n) {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

// The 413 detail when one file alone is over the cap: splitting the export cannot help.
export function fileCapDetail(limits, name, bytes) {
  const base = name.slice(name.lastIndexOf("/") + 1);
  const optional = base.toLowerCase() === "weight.csv"
    ? " weight.csv only confirms the weight unit (BMI and height in Profile.csv decide it too), so leave it out of the upload."
    : " Leave it out of the upload, or convert on this device from the web page, where no cap applies.";
  return `The file "${name.slice(0, 200)}" is ${formatBytes(bytes)} (${bytes} bytes), more than the ${formatBytes(limits.maxBytes)} (${limits.maxBytes} bytes) one upload may hold (so that its conversion fits in the free plan's CPU time per request).${optional}`;
}

// The 413 detail: what the cap is, why, and how to get under it.
export function capDetail(limits, { bytes, files } = {}) {
  const what = [];
  if (bytes != null) what.push(`${formatBytes(bytes)}`);
  if (files != null) what.push(`${files} files`);
  return (
    `${what.length ? `This upload is ${what.join(" in ")}; ` : "This upload is too large; "}` +
    `one upload may hold at most ${formatBytes(limits.maxBytes)} in at most ${limits.maxFiles} files, ` +
    `so that its conversion fits in the free plan's CPU time per request. ` +
    `Split the export into several uploads under that size (include Profile.csv in each, for the time zone), ` +
    `and convert each one; the web page does this for you.`
  );
}
