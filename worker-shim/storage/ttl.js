// Expiry times come from the core's TTL rules (wasm/core/ttl): uploads 3600 s, conversions
// 7200 s. The shim never hard-codes a lifetime.
export function expiresAt(ctx, recordClass) {
  return ctx.core().callJson("ts_ttl_expiry", { class: recordClass, createdAt: ctx.now, now: ctx.now }).expiresAt;
}
