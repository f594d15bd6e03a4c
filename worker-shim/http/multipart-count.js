// How many parts a multipart/form-data body holds, counted on its bytes before it is parsed:
// the runtime's form parser takes a body of 20,000 empty parts (2.6 MB) in ~260 ms of CPU,
// 26 times the free plan's 10 ms, before the file cap could refuse it. Counting its
// delimiters ("\r\n--" + boundary, RFC 2046) costs one native scan for CR bytes: Fitbit's JSON
// has none, a CRLF CSV one a line, and each is checked in a few compares.
const CR = 13;
const LF = 10;
const DASH = 45;

// The boundary parameter of a Content-Type header, or null.
export function boundaryOf(contentType) {
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? "");
  return m ? (m[1] ?? m[2]) : null;
}

// The number of delimiters in `body` (Uint8Array) for `boundary`, counting at most `stop`
// (the caller only needs to know it is over a cap). The first delimiter may open the body
// without a CRLF before it.
export function countDelimiters(body, boundary, stop = Infinity) {
  const b = new TextEncoder().encode(boundary);
  const at = (i) => {
    if (i + 2 + b.length > body.length || body[i] !== DASH || body[i + 1] !== DASH) return false;
    for (let k = 0; k < b.length; k += 1) if (body[i + 2 + k] !== b[k]) return false;
    return true;
  };
  let count = at(0) ? 1 : 0;
  for (let i = body.indexOf(CR); i !== -1 && count < stop; i = body.indexOf(CR, i + 1)) {
    if (body[i + 1] === LF && at(i + 2)) count += 1;
  }
  return count;
}
