// Every failure the page can meet, said in plain words with what to do next. Pure: the page
// shows {title, detail, action}; tests/node checks each case. The server's problem+json
// `detail` is already written for people, so it is shown as it is.
import { formatBytes, formatWait } from "./format.js";

// An HTTP failure from /api/*: status, the problem+json body (or null), Retry-After seconds,
// and `platformCode`: the number of a Cloudflare error page (1102: the Worker went over its
// CPU or memory limit and was stopped), when the answer is one. TrackerSync itself answers
// every failure with problem+json; an answer without it came from in front of the Worker.
export class ApiError extends Error {
  constructor(status, problem, retryAfterSeconds = null, platformCode = null) {
    super(problem?.detail ?? (platformCode ? `HTTP ${status} (Cloudflare error ${platformCode})` : `HTTP ${status}`));
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
    this.platformCode = platformCode;
  }
  // Whether TrackerSync's own code answered (a problem+json body), not the platform or a proxy.
  get fromService() {
    return typeof this.problem?.detail === "string";
  }
}

// The number of a Cloudflare error page ("error code: 1102" as plain text, or "Error 1102" in
// its HTML), or null.
export function platformErrorCode(text) {
  const m = /error code:\s*(\d{4})/i.exec(text ?? "") ?? /\bError\s+(1\d{3})\b/.exec(text ?? "");
  return m ? Number(m[1]) : null;
}

// `context`: {now: ms since epoch}.
export function explain(err, context = {}) {
  const now = context.now ?? 0;
  if (err?.name === "AbortError" || err?.code === "cancelled") {
    return { title: "Cancelled", detail: "Nothing more was sent or converted.", action: "Start again whenever you like." };
  }
  if (err instanceof ApiError) return explainHttp(err, now);
  if (err?.name === "ExportReadError" && err.code === "not-a-zip") {
    return {
      title: "That file is not a zip archive",
      detail: `“${err.fileName}” could not be opened as a .zip file. It may be incomplete (a download that stopped early) or a different kind of file.`,
      action: "Choose the .zip that Google Takeout sent you, or the folder you extracted it to.",
    };
  }
  if (err?.name === "ExportReadError" && err.code === "not-a-tgz") {
    return {
      title: "That file is not a .tgz archive",
      detail: `“${err.fileName}” could not be unpacked as a .tgz file. It may be incomplete (a download that stopped early) or a different kind of file.`,
      action: "Choose the .tgz or .zip that Google Takeout sent you, or the folder you extracted it to.",
    };
  }
  if (err?.name === "ExportReadError" && err.code === "no-fitbit-files") {
    const products = err.products ?? [];
    const held = err.files
      ? `What you chose holds ${err.files} file${err.files === 1 ? "" : "s"}` +
        (products.length ? ` from ${products.length === 1 ? products[0] : `${products.slice(0, -1).join(", ")} and ${products[products.length - 1]}`}` : "") +
        ", but no Fitbit data: none of them has a name Fitbit exports use (such as weight-2023-01-01.json or exercise-0.json)."
      : "What you chose holds no files with a name Fitbit exports use (such as weight-2023-01-01.json or exercise-0.json).";
    // An archive inside the archive (a Takeout zip zipped again): the Fitbit files are in it
    // (helper finding: the advice was to add parts or tick Fitbit).
    const archives = err.archives ?? [];
    if (archives.length) {
      return {
        title: "No Fitbit data in what you chose",
        detail: `${held} It holds another archive, “${archives[0].split("/").pop()}”${archives.length > 1 ? ` and ${archives.length - 1} more` : ""}: the export is most likely inside it.`,
        action: "Unpack what you chose, then choose the archive inside it (the .zip or .tgz Google Takeout made).",
      };
    }
    return {
      title: "No Fitbit data in what you chose",
      detail: held,
      action: "If your Takeout came in several parts, add them all: the Fitbit files may be in another part. Otherwise, in Google Takeout tick “Fitbit” and choose that download here.",
    };
  }
  // zip.js's own words for a member whose bytes fail its CRC-32 (read-export.js asks it to
  // check), or whose deflate stream or size is broken, and for bzip2 or LZMA members (7-Zip's
  // options): each said "Something went wrong" with advice to convert on this device, where
  // they had just failed (helper findings).
  if (/^Invalid (CRC32|compressed data|uncompressed size)$/.test(err?.message ?? "")) {
    return {
      title: "A file in the zip is damaged",
      detail: "One of the files in the zip does not match the zip's own checksum: the download was damaged or changed after Google made it. Nothing was converted from it.",
      action: "Download the export again from Google Takeout and choose the new .zip.",
    };
  }
  if (/^Compression method not supported$/.test(err?.message ?? "")) {
    return {
      title: "This zip is packed in a way the browser cannot read",
      detail: "Its files are compressed with a method other than the ordinary one (Deflate) — such as bzip2 or LZMA, which 7-Zip can choose.",
      action: "Choose the .zip exactly as Google Takeout sent it, or re-pack the folder as an ordinary zip (Deflate).",
    };
  }
  // zip.js's words for a member of a zip made with a password (helper finding: "Something went
  // wrong … convert on this device", where it had just failed).
  if (/^(File contains encrypted entry|Invalid password)$/.test(err?.message ?? "")) {
    return {
      title: "This zip is protected by a password",
      detail: "Its files are encrypted, and TrackerSync never asks for a password.",
      action: "Unzip it with its password (your computer's own unzip asks for it), then choose the folder it made. Google Takeout's own zip has no password.",
    };
  }
  if (err?.name === "TooLargeFileError") {
    return {
      title: "A file is too large for the server",
      detail: `${err.path.split("/").pop()} is ${formatBytes(err.bytes)}, and the server takes at most ${formatBytes(err.maxBytes)} in one file. TrackerSync sends an export file by file, but cannot split one file.`,
      action: "Choose “Convert on this device”: it has no size limit and uploads nothing.",
    };
  }
  if (err?.name === "CoreError") {
    return {
      title: "A file could not be converted",
      detail: `The converter stopped: ${err.message}`,
      action: "Check that the export is complete (re-download it from Google Takeout if in doubt), then try again.",
    };
  }
  if (err?.name === "NetworkError" || err instanceof TypeError) {
    return {
      title: "TrackerSync could not be reached",
      detail: "The connection to the server failed.",
      action: "Check your internet connection and try again — or choose “Convert on this device”, which needs no connection.",
    };
  }
  return { title: "Something went wrong", detail: err?.message ?? String(err), action: "Try again; if it keeps happening, convert on this device." };
}

// "14:05": the local clock time `seconds` after `now`.
function clockAt(now, seconds) {
  const at = new Date(now + seconds * 1000);
  return `${String(at.getHours()).padStart(2, "0")}:${String(at.getMinutes()).padStart(2, "0")}`;
}

function explainHttp(err, now) {
  const detail = err.problem?.detail ?? `The server answered with status ${err.status}.`;
  switch (err.status) {
    // The limiter's own detail names its tiers and repeats the wait in seconds: it is for API
    // clients. A person is told once, in words, when to come back.
    case 429: {
      const wait = err.retryAfterSeconds ?? 60;
      return {
        title: "The server needs a pause",
        detail: "To stay free for everyone, the server converts only a few exports for each browser in a short time, and yours has reached that for now.",
        action: `Try again in ${formatWait(wait)} (after ${clockAt(now, wait)}). Or convert on this device now: it has no limits.`,
      };
    }
    case 403:
      if (err.problem?.blockedUntil) {
        const wait = err.retryAfterSeconds ?? Math.max(1, Math.ceil((Date.parse(err.problem.blockedUntil) - now) / 1000));
        return {
          title: "The server has paused this browser",
          detail: "After many requests in a short time, the server stops taking requests from a browser for a while.",
          action: `Try again in ${formatWait(wait)} (after ${clockAt(now, wait)}). Or convert on this device now: it has no limits.`,
        };
      }
      return { title: "The server refused the request", detail, action: "Reload the page and try again." };
    case 413: {
      // The server's detail names the file or its cap (a deployment may lower it).
      return {
        title: "Too large for the server",
        detail: `${detail} TrackerSync sends your Fitbit files a few at a time, but a single file larger than the server's limit cannot be split.`,
        action: "Choose “Convert on this device”: it has no size limit and uploads nothing.",
      };
    }
    case 422:
      return { title: "This is not a Fitbit export file", detail, action: "Choose the Google Takeout of your Fitbit data." };
    case 404:
      return { title: "Your upload has expired", detail, action: "Uploads are kept for an hour. Convert again to start over." };
    default:
      if (err.platformCode === 1102) {
        // Cloudflare stopped the request: the free plan allows 10 ms of CPU per request, and
        // the largest exports' plan and assembly need more (docs/benchmarks.md).
        return {
          title: "Too much for the free server",
          detail: "The server was stopped part-way through your export: it went over the CPU time Cloudflare's free plan allows one request (error 1102). It was tried again and stopped again, so this export is too large to convert there.",
          action: "Choose “Convert on this device”: it has no limits and uploads nothing. Nothing was lost.",
        };
      }
      if (err.status >= 500) {
        return { title: "The server is having trouble", detail, action: "Nothing was lost. Try again in a minute, or convert on this device." };
      }
  }
  return { title: "The server refused the request", detail, action: "Reload the page and try again." };
}
