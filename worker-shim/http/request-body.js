// Reading request bodies with the checks every endpoint needs: the right Content-Type (415),
// a size cap enforced while reading, before anything is buffered past it (413), and
// well-formed content (400). Failures are thrown as Problem; the router answers them.
import { Problem, cut } from "./problem.js";

// The Content-Type's media type, lowercased, without parameters ("" when there is none).
export function mediaType(request) {
  return (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}

// A parameter of a Content-Type (RFC 9110 §8.3.1: `; name=value`, the value a token or a
// quoted string, whose `;` and `=` are its own), or undefined. A search of the whole header
// read a charset inside another parameter's quoted value (review finding).
export function mediaTypeParameter(header, name) {
  const re = /;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/g;
  let m;
  while ((m = re.exec(header)) !== null) {
    if (m[1].toLowerCase() === name) return m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : m[3];
  }
  return undefined;
}

export function requireMediaType(request, expected, hint) {
  const got = mediaType(request);
  if (got !== expected) {
    throw new Problem(415, `This endpoint takes ${expected}${got ? `, not ${cut(got)}` : " and the request had no Content-Type"}. ${hint}`);
  }
}

// The whole body, refusing it (413, with `tooLarge()` as the detail) as soon as it passes
// maxBytes. Content-Length, when sent, lets an oversized body be refused unread.
export async function readBodyCapped(request, maxBytes, tooLarge) {
  // A compressed body is not decompressed here: read as it is, it was a 400 about a boundary
  // or JSON that was not wrong (attack finding). The caps count the bytes as sent.
  const encoding = (request.headers.get("content-encoding") ?? "").trim().toLowerCase();
  if (encoding !== "" && encoding !== "identity") {
    throw new Problem(415, `The request body is sent with Content-Encoding: ${cut(encoding)}; this endpoint takes it uncompressed. Send it again without Content-Encoding.`);
  }
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw new Problem(413, tooLarge(declared));
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const parts = [];
  let total = 0;
  for (;;) {
    let step;
    try {
      step = await reader.read();
    } catch {
      throw new Problem(400, "The request body stopped before it was complete, so nothing was stored. Send it again.");
    }
    if (step.done) break;
    total += step.value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new Problem(413, tooLarge(null));
    }
    parts.push(step.value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    body.set(p, at);
    at += p.length;
  }
  return body;
}

const JSON_BODY_MAX = 16 * 1024; // the JSON endpoints take a few ids and options

export async function readJsonObject(request, maxBytes = JSON_BODY_MAX) {
  requireMediaType(request, "application/json", 'Send a JSON object such as {"uploadId": "…"} with Content-Type: application/json.');
  // JSON is UTF-8 (RFC 8259 §8.1), and read as such: a body said to be in another charset
  // would be read as something it is not (attack finding: iso-8859-1 was taken as UTF-8).
  const charset = mediaTypeParameter(request.headers.get("content-type") ?? "", "charset")?.toLowerCase();
  if (charset && charset !== "utf-8" && charset !== "utf8") {
    throw new Problem(415, `JSON request bodies are UTF-8; this one says charset=${cut(charset)}. Send it as UTF-8 (Content-Type: application/json, or with charset=utf-8).`);
  }
  const raw = await readBodyCapped(request, maxBytes, () => `A JSON request body may be at most ${maxBytes} bytes here; this endpoint only needs ids, a few options${maxBytes > JSON_BODY_MAX ? " and the names and sizes of the files to send later" : ""}.`);
  let body;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw));
  } catch {
    throw new Problem(400, "The request body is not valid JSON (UTF-8). Send a JSON object.");
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) throw new Problem(400, "The request body must be a JSON object.");
  return body;
}

// Refuses a field the endpoint does not take (400), naming it: a misspelt option
// ("weightunit") would otherwise be ignored and the conversion silently made without it.
export function requireOnlyFields(body, fields) {
  const unknown = Object.keys(body).filter((k) => !fields.includes(k));
  if (unknown.length === 0) return;
  const name = JSON.stringify(unknown[0].length > 40 ? `${unknown[0].slice(0, 40)}…` : unknown[0]);
  const more = unknown.length > 1 ? ` (and ${unknown.length - 1} more)` : "";
  const takes = fields.length === 1 ? fields[0] : `${fields.slice(0, -1).join(", ")} and ${fields[fields.length - 1]}`;
  throw new Problem(400, `The field ${name}${more} is not one this endpoint takes; it takes ${takes}. Nothing was done.`);
}
