// How many parts a multipart/form-data body holds, counted on its bytes before it is parsed:
// the runtime's form parser takes a body of 20,000 empty parts (2.6 MB) in ~260 ms of CPU,
// 26 times the free plan's 10 ms, before the file cap could refuse it. Counting its
// delimiters ("--" + boundary at the start of a line, RFC 2046) costs one native scan for LF
// bytes: Fitbit's JSON has few, a CSV one a line, and each is checked in a few compares.
// The count must see every delimiter the runtime's parser splits on, or the cap is walked
// around (attack finding): the parser also takes bare-LF line ends, so a delimiter is counted
// after any LF, not only after CRLF; and it un-escapes a quoted boundary ("X\yZ" splits on
// XyZ), so a quoted boundary holding a backslash is no boundary here, and a header with none,
// or with two, or one with a space after "=", is refused before the body is parsed. Otherwise
// a boundary is taken as the runtime takes it (review finding: RFC 2046's narrower characters
// refused "*****", which hand-written Android clients send): an HTTP token unquoted (RFC
// 9110), any quoted string without an escape; the count compares its bytes exactly.
const LF = 10;
const CR = 13;
const DASH = 45;

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,200}$/;
const QUOTED = /^[^"\\\x00-\x1f\x7f]{1,200}$/;

// The boundary parameter of a Content-Type header, or null when it has none, more than one,
// or one the count could read otherwise than the runtime's parser.
export function boundaryOf(contentType) {
  // As workerd's parser reads a parameter: the value begins right after "=" (a space there is
  // part of it, and a quote after a space is no quote), and an unquoted value ends at ";" with
  // its trailing spaces dropped (review finding: "boundary= XyZ" was counted as XyZ and parsed
  // as " XyZ", and walked past the count).
  const params = [...(contentType ?? "").matchAll(/;[ \t]*boundary=(?:"([^"]*)"|([^;]*))/gi)];
  if (params.length !== 1) return null;
  const [, quoted, token] = params[0];
  if (quoted !== undefined) return QUOTED.test(quoted) ? quoted : null;
  const value = token.replace(/[ \t\r\n]+$/, "");
  return TOKEN.test(value) ? value : null;
}

// The number of delimiters in `body` (Uint8Array) for `boundary`, counting at most `stop`
// (the caller only needs to know it is over a cap). The first delimiter may open the body
// without a line end before it.
export function countDelimiters(body, boundary, stop = Infinity) {
  return scanParts(body, boundary, stop).delimiters;
}

// The delimiters (as countDelimiters), the largest header block of any part (bytes from its
// delimiter to the blank line that ends its headers; to the next delimiter or the body's end
// for a part whose headers never end), and all parts' header bytes together. A part padded
// with 480,000 header lines (2.4 MB, two delimiters) took the runtime's parser ~400 ms of CPU,
// as many parts did (attack finding). One pass: the same LF scan, and at each LF inside a
// part's headers one look for a blank line. The scan stops once `stop` delimiters are counted
// or a part's headers pass `headerStop` bytes (the caller only needs to know it is over a cap).
export function scanParts(body, boundary, stop = Infinity, headerStop = Infinity) {
  const b = new TextEncoder().encode(boundary);
  const at = (i) => {
    if (i + 2 + b.length > body.length || body[i] !== DASH || body[i + 1] !== DASH) return false;
    for (let k = 0; k < b.length; k += 1) if (body[i + 2 + k] !== b[k]) return false;
    return true;
  };
  let delimiters = 0;
  let headerStart = -1; // the delimiter of the part whose headers are being read, or -1
  let headerBytes = 0;
  let headerTotal = 0;
  const close = (end) => {
    headerBytes = Math.max(headerBytes, end - headerStart);
    headerTotal += end - headerStart;
    headerStart = -1;
  };
  const open = (i) => {
    delimiters += 1;
    // The closing delimiter ("--" after the boundary) opens no part: what follows is ignored.
    const closing = body[i + 2 + b.length] === DASH && body[i + 3 + b.length] === DASH;
    headerStart = closing ? -1 : i;
  };
  if (at(0)) open(0);
  for (let i = body.indexOf(LF); i !== -1 && delimiters < stop && headerBytes <= headerStop; i = body.indexOf(LF, i + 1)) {
    // A blank line ends the headers; a part cut off before one ends at the next delimiter.
    if (headerStart >= 0 && (body[i + 1] === LF || (body[i + 1] === CR && body[i + 2] === LF) || at(i + 1))) close(i + 1);
    else if (headerStart >= 0) headerBytes = Math.max(headerBytes, i + 1 - headerStart);
    if (at(i + 1)) open(i + 1);
  }
  if (headerStart >= 0 && headerBytes <= headerStop) close(body.length);
  return { delimiters, headerBytes, headerTotal };
}
