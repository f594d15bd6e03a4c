// Unguessable ids for uploads, conversions and clients: 128 random bits from the platform's
// CSPRNG, written as 22 base64url characters. Guessing one is as hard as guessing a 128-bit
// key, which is what lets a 404 for "not yours" look exactly like a 404 for "no such id".
export const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

// Uploads and conversions: the same 128 random bits after their expiry time (Unix ms, nine
// base-36 digits, zero-padded: they sort as the times do until the year 5188). Ordered by
// expiry, the ids themselves are what maintenance deletes by — a primary-key range — so the
// tables need no expiry index, which would cost one more row written per row inserted and
// deleted. The expiry is no secret: it is in the API's answers (expiresAt).
export const RECORD_ID_PATTERN = /^[0-9a-z]{9}[A-Za-z0-9_-]{22}$/;

export function expiryPrefix(expiresAtMs) {
  return Math.max(0, Math.floor(expiresAtMs)).toString(36).padStart(9, "0");
}

export function recordId(expiresAtMs) {
  return expiryPrefix(expiresAtMs) + randomId();
}

export function randomId() {
  return base64url(crypto.getRandomValues(new Uint8Array(16)));
}

export function base64url(bytes) {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
