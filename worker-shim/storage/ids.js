// Unguessable ids for uploads, conversions and clients: 128 random bits from the platform's
// CSPRNG, written as 22 base64url characters. Guessing one is as hard as guessing a 128-bit
// key, which is what lets a 404 for "not yours" look exactly like a 404 for "no such id".
export const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function randomId() {
  return base64url(crypto.getRandomValues(new Uint8Array(16)));
}

export function base64url(bytes) {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
