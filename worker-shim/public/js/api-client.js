// The page's calls to /api/*. Uploads and downloads use XMLHttpRequest because only it reports
// real byte progress for a request body; JSON calls use fetch. Every non-2xx answer becomes an
// ApiError carrying the problem+json body and Retry-After.
import { BUNDLE_TYPE, encodeBundle } from "../lib/core/bundle.js";
import { ApiError, platformErrorCode } from "./plain-errors.js";

function retryAfter(value) {
  if (value == null || value === "") return null;
  const n = Number(value);
  if (Number.isFinite(n)) return Math.max(0, n);
  const at = Date.parse(value); // the HTTP-date form
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - Date.now()) / 1000)) : null;
}

function parseProblem(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// A non-2xx answer as an ApiError: its problem+json, Retry-After and, for an error page of the
// platform's, its code.
function answerError(status, text, retryAfterValue) {
  const problem = parseProblem(text);
  return new ApiError(status, problem, retryAfter(retryAfterValue), problem ? null : platformErrorCode(text));
}

function abortError() {
  return new DOMException("The operation was cancelled.", "AbortError");
}

// One XHR, resolving with {status, body, headers(name)}; rejects on network error or abort.
function xhr(method, url, { body, responseType = "text", onUpload, onDownload, signal } = {}) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const req = new XMLHttpRequest();
    req.open(method, url);
    req.responseType = responseType;
    if (onUpload) req.upload.onprogress = (e) => onUpload(e.loaded, e.lengthComputable ? e.total : 0);
    if (onDownload) req.onprogress = (e) => onDownload(e.loaded, e.lengthComputable ? e.total : 0);
    const onAbort = () => req.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    req.onload = () => {
      signal?.removeEventListener("abort", onAbort);
      resolve({ status: req.status, body: req.response, header: (n) => req.getResponseHeader(n) });
    };
    req.onerror = () => reject(Object.assign(new Error("network error"), { name: "NetworkError" }));
    req.onabort = () => reject(abortError());
    req.send(body ?? null);
  });
}

async function failure(res) {
  let text = res.body;
  if (text instanceof Blob) text = await text.text();
  return answerError(res.status, text, res.header("retry-after"));
}

// POSTs `files` ([{path, data: Uint8Array}]) to `url` as one TSB1 bundle, each file named by
// its path (application/x-trackersync-bundle; the server also takes multipart/form-data, but
// takes a bundle apart without searching it byte by byte: http/file-parts.js).
// onProgress(sentBytes, totalBytes) follows the request body as the browser sends it. Returns
// the answer's body: parsed JSON, or the bytes (a Uint8Array) when `binary`.
export async function postFiles(url, files, { binary = false, onProgress, signal, options = null } = {}) {
  const body = new Blob([encodeBundle(options, files.map((f) => ({ name: f.path, data: f.data })))], { type: BUNDLE_TYPE });
  const res = await xhr("POST", url, { body, onUpload: onProgress, signal, responseType: binary ? "arraybuffer" : "text" });
  if (res.status < 200 || res.status >= 300) {
    if (binary) res.body = new TextDecoder().decode(res.body ?? new ArrayBuffer(0));
    throw await failure(res);
  }
  return binary ? new Uint8Array(res.body) : JSON.parse(res.body);
}

// POSTs `bytes` with Content-Type `type` to `url`; returns the answer's bytes (a Uint8Array).
export async function postBytes(url, bytes, type, { signal } = {}) {
  const res = await xhr("POST", url, { body: new Blob([bytes], { type }), signal, responseType: "arraybuffer" });
  if (res.status < 200 || res.status >= 300) {
    res.body = new TextDecoder().decode(res.body ?? new ArrayBuffer(0));
    throw await failure(res);
  }
  return new Uint8Array(res.body);
}

// files → the upload's JSON ({uploadId, expiresAt, files, totalBytes}); with `uploadId` the
// files are added to that upload.
export function upload(files, { uploadId, onProgress, signal } = {}) {
  const url = uploadId ? `/api/upload?uploadId=${encodeURIComponent(uploadId)}` : "/api/upload";
  return postFiles(url, files, { onProgress, signal });
}

export async function postJson(path, payload, { signal } = {}) {
  const res = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(payload),
    signal,
  });
  const text = await res.text();
  if (!res.ok) throw answerError(res.status, text, res.headers.get("retry-after"));
  return JSON.parse(text);
}

export async function getJson(path, { signal } = {}) {
  const res = await fetch(path, { headers: { accept: "application/json" }, signal });
  const text = await res.text();
  if (!res.ok) throw answerError(res.status, text, res.headers.get("retry-after"));
  return JSON.parse(text);
}

// GET a binary resource with download progress → Uint8Array.
export async function getBytes(path, { onProgress, signal } = {}) {
  const res = await xhr("GET", path, { responseType: "arraybuffer", onDownload: onProgress, signal });
  if (res.status < 200 || res.status >= 300) {
    const text = new TextDecoder().decode(res.body ?? new ArrayBuffer(0));
    throw answerError(res.status, text, res.header("retry-after"));
  }
  return new Uint8Array(res.body);
}
