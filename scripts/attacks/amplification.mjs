// Output amplification: one upload under the cap with 1,000 workouts over the same half hour
// and 1,200 heart-rate readings, then convert. Every workout used to turn every reading into
// a FIT record of its own (1,452 files and 16.6 MB from 192 KB, or a core out of memory);
// then 600 workouts, which fit the budget, to show what they make now.
import { browser, runIfMain } from "./lib.mjs";

const G = "Takeout/Fitbit/Global Export Data/";

function overlapping(workouts, readings) {
  const ex = Array.from({ length: workouts }, (_, i) => ({ logId: 70000 + i, activityName: "W", activityTypeId: 90013, startTime: "03/04/23 08:00:00", duration: 1_800_000 }));
  const hr = Array.from({ length: readings }, (_, s) => ({
    dateTime: `03/04/23 ${String(8 + Math.floor(s / 3600)).padStart(2, "0")}:${String(Math.floor(s / 60) % 60).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`,
    value: { bpm: 90 + (s % 40), confidence: 2 },
  }));
  const fd = new FormData();
  fd.append("file", new Blob([JSON.stringify(ex)]), `${G}exercise-0.json`);
  fd.append("file", new Blob([JSON.stringify(hr)]), `${G}heart_rate-2023-03-04.json`);
  return fd;
}

async function convert(b, workouts, readings) {
  const up = await b("/api/upload", { method: "POST", body: overlapping(workouts, readings) });
  if (up.status !== 201) return `upload ${up.status}`;
  const bytes = up.body.files.reduce((n, f) => n + f.bytes, 0);
  const conv = await b("/api/convert", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ uploadId: up.body.uploadId, timeZone: "UTC" }) });
  if (conv.status !== 201) return `${Math.round(bytes / 1000)} KB: convert ${conv.status} "${conv.body.detail}"`;
  // More than one request's CPU: a session of groups of steps (each bounded by its workout).
  if (!conv.body.complete) return `${Math.round(bytes / 1000)} KB: convert 201, a session of ${conv.body.steps} steps in ${conv.body.groups.length} requests`;
  const activities = conv.body.files.filter((f) => f.path.startsWith("activities/"));
  return `${Math.round(bytes / 1000)} KB: convert 201, ${conv.body.files.length} files, ${activities.reduce((n, f) => n + f.records, 0)} activity records in all`;
}

export const attack = {
  title: "5. output amplification: 1,000 (then 600) workouts over one half hour of heart rate, under the upload cap",
  async run(net) {
    const b = browser(net.ip(1));
    await b("/api/usage/me");
    const big = await convert(b, 1000, 1200);
    const fits = await convert(b, 600, 1800);
    return `${big}; ${fits}`;
  },
};
await runIfMain(import.meta.url, attack);
