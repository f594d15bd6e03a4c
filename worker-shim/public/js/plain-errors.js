// Every failure the page can meet, said in plain words with what to do next. Pure: the page
// shows {title, detail, action}; tests/node checks each case. The server's problem+json
// `detail` is already written for people, so it is shown as it is.
import { formatBytes, formatWait } from "./format.js";

// An HTTP failure from /api/*: status, the problem+json body (or null), Retry-After seconds.
export class ApiError extends Error {
  constructor(status, problem, retryAfterSeconds = null) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }
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
  if (err?.name === "ExportReadError" && err.code === "no-fitbit-files") {
    return {
      title: "No Fitbit data in what you chose",
      detail: "None of the files has a name Fitbit exports use (such as weight-2023-01-01.json or exercise-0.json).",
      action: "In Google Takeout, make sure “Fitbit” is selected, then choose that download here.",
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

function explainHttp(err, now) {
  const detail = err.problem?.detail ?? `The server answered with status ${err.status}.`;
  switch (err.status) {
    case 429: {
      const wait = err.retryAfterSeconds ?? 60;
      const at = new Date(now + wait * 1000);
      const clock = `${String(at.getHours()).padStart(2, "0")}:${String(at.getMinutes()).padStart(2, "0")}`;
      return {
        title: "Too many requests for now",
        detail,
        action: `Try again in ${formatWait(wait)} (after ${clock}). Or convert on this device: it has no limits.`,
      };
    }
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
      if (err.status >= 500) {
        return { title: "The server is having trouble", detail, action: "Nothing was lost. Try again in a minute, or convert on this device." };
      }
      return { title: "The server refused the request", detail, action: "Reload the page and try again." };
  }
}
