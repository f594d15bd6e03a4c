// The page's reading of a .tgz that holds tars one after another (worker-shim/public/js/
// tar-joined.js): every tar's members are read, as `tar --ignore-zeros` reads them, and nothing
// else about the bytes changes. The decoder is the one the page uses (modern-tar).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { packTar } from "modern-tar";
import { createTarDecoder } from "../../worker-shim/public/lib/tar/web/index.js";
import { joinedTars } from "../../worker-shim/public/js/tar-joined.js";

const enc = new TextEncoder();
const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const tarOf = (members) => packTar(members.map(([name, body]) => ({ header: { name, size: body.length }, body })));

// The bytes in chunks of `size`, through the joiner (or not), as a stream.
function streamOf(bytes, size, joined = true) {
  let at = 0;
  const s = new ReadableStream({
    pull(c) {
      if (at >= bytes.length) return c.close();
      c.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
  return joined ? s.pipeThrough(joinedTars()) : s;
}
async function bytesOf(stream) {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
async function members(stream) {
  const out = [];
  const reader = stream.pipeThrough(createTarDecoder()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return out;
    out.push([value.header.name, digest(new Uint8Array(await new Response(value.body).arrayBuffer()))]);
  }
}

// A member's bytes as their length and hash (a failure prints these, not kilobytes of zeros).
const digest = (bytes) => `${bytes.length} B ${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}`;
// Expected members: [name, text or bytes] → as members() gives them.
const expected = (want) => want.map(([name, body]) => [name, digest(typeof body === "string" ? enc.encode(body) : body)]);

// A ustar header block: name, typeflag, the size its field says.
function header(name, type, size) {
  const b = new Uint8Array(512);
  b.set(enc.encode(name), 0);
  b.set(enc.encode("0000644\0"), 100);
  b.set(enc.encode(size.toString(8).padStart(11, "0") + "\0"), 124);
  b.set(enc.encode("00000000000\0"), 136);
  b[156] = type.charCodeAt(0);
  b.set(enc.encode("ustar\0" + "00"), 257);
  b.fill(32, 148, 156);
  const sum = b.reduce((n, x) => n + x, 0);
  b.set(enc.encode(sum.toString(8).padStart(6, "0") + "\0 "), 148);
  return b;
}
const padded = (bytes) => concat(bytes, new Uint8Array(-bytes.length & 511));
const EOA = new Uint8Array(1024);

const CHUNKS = [1, 7, 512, 1000, 1 << 20];

test("1: one tar passes unchanged, byte for byte, however it is chunked (numbered rows)", async () => {
  const one = await tarOf([["T/a.json", "[1]"], ["T/zeros.bin", "\0".repeat(3000)], ["T/b.json", "[2]"]]);
  const rows = [
    [1, "a tar as packTar writes it", one],
    [2, "padded to a 10,240-byte record, as GNU tar writes it", concat(one, new Uint8Array(10240 - one.length))],
    [3, "other bytes after its end (the record's rest is undefined)", concat(one, enc.encode("x".repeat(700)))],
  ];
  for (const [n, why, bytes] of rows)
    for (const size of CHUNKS) assert.deepEqual(await bytesOf(streamOf(bytes, size)), bytes, `row ${n}: ${why}, chunks of ${size}`);
});

test("2: tars one after another are read as one, every member with its bytes (numbered rows)", async () => {
  const a = await tarOf([["T/Profile.csv", "id\n1\n"], ["T/zeros.bin", "\0".repeat(2048)]]);
  const b = await tarOf([["T/weight-2020-01-01.json", "[]"]]);
  const c = await tarOf([["T/c.json", "[3]"]]);
  const all = [["T/Profile.csv", "id\n1\n"], ["T/zeros.bin", "\0".repeat(2048)], ["T/weight-2020-01-01.json", "[]"], ["T/c.json", "[3]"]];
  const rows = [
    [1, "two tars: before, the decoder stopped at the first's end and the second's members were lost", concat(a, b), all.slice(0, 3)],
    [2, "three, the first padded to a 10,240-byte record (more zero blocks than two)", concat(a, new Uint8Array(10240 - a.length), b, c), all],
  ];
  for (const [n, why, bytes, want] of rows) {
    assert.deepEqual((await members(streamOf(bytes, 1 << 20, false))).length, 2, `row ${n}: without the joiner only the first tar is read`);
    for (const size of CHUNKS) assert.deepEqual(await members(streamOf(bytes, size)), expected(want), `row ${n}: ${why}, chunks of ${size}`);
  }
});

test("3: a member's own bytes are never changed, a member that is itself a tar included (numbered rows)", async () => {
  const inner = await tarOf([["inner.txt", "hidden"]]);
  const innerText = new TextDecoder().decode(inner);
  const outer = await tarOf([["T/archive.tar", innerText], ["T/after.json", "[4]"]]);
  // A member whose size only a PAX record gives (its header's field says 0, as a writer may say
  // of a member over 8 GiB): its body is passed over by the PAX size, not read as headers.
  const body = concat(new Uint8Array(1024), inner); // two zero blocks and then a header, inside a member
  const record = (kv) => {
    for (let digits = 1; ; digits++) {
      const n = digits + 1 + kv.length + 1; // "<n> <kv>\n", n counting its own digits
      if (String(n).length === digits) return `${n} ${kv}\n`;
    }
  };
  const pax = enc.encode(record(`size=${body.length}`));
  const paxTar = concat(header("T/PaxHeader", "x", pax.length), padded(pax), header("T/big.bin", "0", 0), padded(body), EOA);
  const second = await tarOf([["T/next.json", "[5]"]]);
  const rows = [
    [1, "a member that is a tar, zero blocks and all, is one member", outer, [["T/archive.tar", innerText], ["T/after.json", "[4]"]]],
    [2, "a PAX-sized member holding zero blocks and a header, then a second tar", concat(paxTar, second), [["T/big.bin", body], ["T/next.json", "[5]"]]],
  ];
  for (const [n, why, bytes, want] of rows)
    for (const size of CHUNKS) assert.deepEqual(await members(streamOf(bytes, size)), expected(want), `row ${n}: ${why}, chunks of ${size}`);
});
