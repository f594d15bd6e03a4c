// A .tgz may hold two tars one after the other: two archives joined with `cat` (gzip reads
// joined members as one stream), or a tool that appends a second tar to the first. Each ends
// with its end-of-archive blocks (two 512-byte blocks of zeros), and a tar reader stops at the
// first of them — modern-tar does, as `tar` does without --ignore-zeros. The second tar's
// files were lost without a word (helper finding: the weigh-ins, Profile.csv and sleep of an
// export split that way were gone, and the page reported the rest).
//
// This stream sits between the gzip decoder and the tar decoder and reads the bytes as
// `tar --ignore-zeros` does: zero blocks that end one tar where another tar's header follows
// are left out, so the decoder reads one tar holding every member. Nothing else is changed:
// the output is the input, byte for byte, unless a tar follows an end-of-archive.
//
// Terms, defined once:
//   header position — where the decoder looks for a header: the start, and past each member's
//                     body (its size rounded up to blocks). Sizes are taken as modern-tar 0.8.6
//                     takes them (createUnpacker): the header's size field (octal, or base-256
//                     when its first byte has the high bit), replaced by a PAX `size` record
//                     (a global one for every later member, a member's own for the next), and
//                     0 for the types without a body (link, symlink, devices, directory, fifo).
//   a header        — a block whose checksum holds (POSIX: the sum of its bytes with the
//                     checksum field read as spaces, unsigned or, as old tars wrote, signed).
//
// Why it cannot corrupt a member: the only change is leaving out blocks of zeros at a header
// position that follow two or more of them and come right before a header. Should this reading
// of the sizes ever part from the decoder's, the block at the next header position is not a
// header (a member's bytes rarely are), and from there every byte passes as it came — the
// decoder reads exactly what it read before this stream existed.
const BLOCK = 512;
const ZEROS = new Uint8Array(BLOCK);
// typeflags '1'–'6': link, symlink, character and block device, directory, fifo.
const BODYLESS = new Set([49, 50, 51, 52, 53, 54]);
const PAX = 120; // 'x': the next member's records
const PAX_GLOBAL = 103; // 'g': every later member's records
const GNU_LONG = new Set([76, 75]); // 'L', 'K': a long name or link name
const MAX_META = 8 * 1024 * 1024; // modern-tar refuses larger metadata members

const isZeroBlock = (b) => b.every((x) => x === 0);

function checksumHolds(b) {
  let stored = 0;
  let digits = 0;
  for (let i = 148; i < 156; i++) {
    const c = b[i];
    if (c === 0 || c === 32) {
      if (digits) break;
      continue;
    }
    if (c < 48 || c > 55) return false;
    stored = stored * 8 + (c - 48);
    digits++;
  }
  if (!digits) return false;
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const c = i >= 148 && i < 156 ? 32 : b[i];
    unsigned += c;
    signed += c > 127 ? c - 256 : c;
  }
  return stored === unsigned || stored === signed;
}

// modern-tar's readNumeric; NaN where it throws.
function numeric(b, at, length) {
  if (b[at] & 128) {
    let v = b[at] & 127;
    for (let i = 1; i < length; i++) v = v * 256 + b[at + i];
    return Number.isSafeInteger(v) ? v : NaN;
  }
  let v = 0;
  for (let i = at; i < at + length; i++) {
    const c = b[i];
    if (c === 0) break;
    if (c === 32) continue;
    if (c < 48 || c > 55) return NaN;
    v = v * 8 + (c - 48);
  }
  return v;
}

// PAX records ("<length> <key>=<value>\n", modern-tar's parsePax): whether any was read, and
// the size record's value as modern-tar accepts it.
function paxRecords(data) {
  const text = new TextDecoder().decode(data);
  let any = false;
  let size;
  let at = 0;
  while (at < text.length) {
    const space = text.indexOf(" ", at);
    if (space === -1) break;
    const length = parseInt(text.slice(at, space), 10);
    if (!(length > 0)) break;
    const record = text.slice(space + 1, at + length - 1);
    const eq = record.indexOf("=");
    if (eq > 0) {
      any = true;
      const value = record.slice(eq + 1);
      if (record.slice(0, eq) === "size" && /^\d+$/.test(value) && Number.isSafeInteger(+value)) size = +value;
    }
    at += length;
  }
  return { any, size };
}

// A TransformStream of a tar's bytes (any chunking) → the same bytes with the end-of-archive
// blocks between joined tars left out.
export function joinedTars() {
  let block = new Uint8Array(BLOCK); // a header position's block being gathered
  let filled = 0;
  let bodyLeft = 0; // bytes of the current member's body and padding still to pass
  let meta = null; // a metadata member's body being kept: { type, bytes, at, size }
  let zerosHeld = 0; // zero blocks at header positions not yet passed on
  let passing = false; // from here every byte passes as it came
  let globalSize;
  let nextSize;
  let nextIsPax = false;

  const releaseZeros = (c) => {
    for (; zerosHeld > 0; zerosHeld--) c.enqueue(ZEROS.slice());
  };

  // A header position's whole block: what is passed on, and what follows it.
  const atHeader = (b, c) => {
    if (isZeroBlock(b)) {
      zerosHeld++;
      return;
    }
    if (zerosHeld >= 2 && checksumHolds(b)) {
      zerosHeld = 0; // one tar ended and another begins
    }
    releaseZeros(c);
    c.enqueue(b);
    const type = b[156];
    const size = numeric(b, 124, 12);
    if (!checksumHolds(b) || Number.isNaN(size)) {
      passing = true;
      return;
    }
    if (type === PAX || type === PAX_GLOBAL || GNU_LONG.has(type)) {
      if (size > MAX_META) {
        passing = true;
        return;
      }
      if (nextIsPax) {
        nextSize = undefined;
        nextIsPax = false;
      }
      meta = { type, bytes: new Uint8Array(size), at: 0 };
      bodyLeft = size + (-size & 511);
      if (bodyLeft === 0) endMeta();
      return;
    }
    let body = size;
    if (globalSize !== undefined) body = globalSize;
    if (nextSize !== undefined) body = nextSize;
    if (BODYLESS.has(type)) body = 0;
    nextSize = undefined;
    nextIsPax = false;
    bodyLeft = body + (-body & 511);
  };

  const endMeta = () => {
    if (meta.type === PAX || meta.type === PAX_GLOBAL) {
      const { any, size } = paxRecords(meta.bytes);
      if (meta.type === PAX_GLOBAL) {
        if (size !== undefined) globalSize = size;
      } else {
        if (size !== undefined) nextSize = size;
        if (any) nextIsPax = true;
      }
    }
    meta = null;
  };

  return new TransformStream({
    transform(chunk, c) {
      let at = 0;
      while (at < chunk.length) {
        if (passing) {
          c.enqueue(chunk.subarray(at));
          return;
        }
        if (bodyLeft > 0) {
          const n = Math.min(bodyLeft, chunk.length - at);
          const part = chunk.subarray(at, at + n);
          if (meta && meta.at < meta.bytes.length) {
            const keep = part.subarray(0, meta.bytes.length - meta.at);
            meta.bytes.set(keep, meta.at);
            meta.at += keep.length;
          }
          c.enqueue(part);
          at += n;
          bodyLeft -= n;
          if (bodyLeft === 0 && meta) endMeta();
          continue;
        }
        const n = Math.min(BLOCK - filled, chunk.length - at);
        block.set(chunk.subarray(at, at + n), filled);
        filled += n;
        at += n;
        if (filled === BLOCK) {
          const whole = block;
          block = new Uint8Array(BLOCK);
          filled = 0;
          atHeader(whole, c);
        }
      }
    },
    flush(c) {
      releaseZeros(c);
      if (filled > 0) c.enqueue(block.subarray(0, filled));
    },
  });
}
