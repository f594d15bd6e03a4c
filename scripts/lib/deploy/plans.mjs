// What each Workers plan allows, for the deploy's checks. Free is the default and the plan
// TrackerSync is built for; paid is there for the changes docs/scaling.md describes (a CPU
// limit above 10 ms, and the upload cap that follows).
const MiB = 1024 * 1024;

export const PLANS = Object.freeze({
  free: Object.freeze({
    name: "free",
    workerGzipBytes: 3 * MiB, // "Worker size: 3 MB" after compression (wrangler 4.86's MAX_GZIP_SIZE_BYTES)
    assetFiles: 20_000, // static asset files per Worker version
    assetFileBytes: 25 * MiB, // one static asset file
    crons: 5, // cron triggers per account
    cpuLimit: false, // limits.cpu_ms: the free plan's 10 ms cannot be raised
    keyValueDurableObjects: false, // only SQLite-backed classes
  }),
  paid: Object.freeze({
    name: "paid",
    workerGzipBytes: 10 * MiB,
    assetFiles: 100_000,
    assetFileBytes: 25 * MiB,
    crons: 250,
    cpuLimit: true,
    keyValueDurableObjects: true,
  }),
});
