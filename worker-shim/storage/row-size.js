// D1 keeps at most 2,000,000 bytes in one row (a string or blob value). A row that would be
// larger is refused by the route that writes it, with what to do, rather than by D1 as a failed
// write: that surfaced as a 503 "try again", and a retry fails the same way. 50,000 bytes are
// left for the row's other columns and the statement.
export const ROW_MAX_BYTES = 1_950_000;

// The UTF-8 bytes of `text`, when they are over ROW_MAX_BYTES; else 0. A UTF-16 unit is at most
// 3 bytes of UTF-8, so most rows are judged without encoding them.
export function bytesOverRowMax(text) {
  if (text.length <= ROW_MAX_BYTES / 3) return 0;
  const bytes = new TextEncoder().encode(text).length;
  return bytes > ROW_MAX_BYTES ? bytes : 0;
}
