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
  const b = new TextEncoder().encode(boundary);
  const at = (i) => {
    if (i + 2 + b.length > body.length || body[i] !== DASH || body[i + 1] !== DASH) return false;
    for (let k = 0; k < b.length; k += 1) if (body[i + 2 + k] !== b[k]) return false;
    return true;
  };
  let count = at(0) ? 1 : 0;
  for (let i = body.indexOf(LF); i !== -1 && count < stop; i = body.indexOf(LF, i + 1)) {
    if (at(i + 1)) count += 1;
  }
  return count;
}
