// The CPU time of the calling thread, in ms: what the Workers runtime counts against a
// request's CPU limit. workerd reads the OS's CPU clock of the thread that runs the request,
// before and after it calls into the Worker's JavaScript (Kenton Varda, workerd's lead, on
// https://community.cloudflare.com/t/how-is-cpu-time-per-request-measured-in-cloudflare-workers/49964).
// V8's background threads are not that thread: the optimising compiler's jobs, which a cold
// isolate starts for the core's hot functions during its first requests, and concurrent GC.
// process.cpuUsage() counts them all, so it overstated a cold request 2-3.5 times on this
// machine (docs/benchmarks.md, bench-server-session).
//
// Node 20 has no per-thread CPU clock (process.threadCpuUsage() came in Node 23.9), so this
// reads Linux's /proc/thread-self/schedstat, whose first field is the thread's time on a CPU
// in ns. The kernel brings a running thread's figure up to date only at a scheduler tick
// (every 4 ms here) or when the thread leaves the CPU, so each reading first sleeps for 1 ms
// (a futex wait): read back to back, two readings then agree with a busy loop of 0.5-7 ms to
// about 0.1 ms. Sleeping costs no CPU; it adds 1 ms of wall time to each reading.
// Elsewhere (no /proc) it falls back to the whole process's CPU and says so in `clock`.
import { readFileSync } from "node:fs";

const SCHEDSTAT = "/proc/thread-self/schedstat";
const sleeper = new Int32Array(new SharedArrayBuffer(4));

function readThread() {
  Atomics.wait(sleeper, 0, 0, 1);
  return Number(readFileSync(SCHEDSTAT, "utf8").split(" ")[0]) / 1e6;
}

function readProcess() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function threadClockWorks() {
  try {
    return Number.isFinite(readThread());
  } catch {
    return false;
  }
}

// "thread" or "process": which clock threadCpuMs() reads.
export const clock = threadClockWorks() ? "thread" : "process";
export const threadCpuMs = clock === "thread" ? readThread : readProcess;

// fn's CPU on this thread and on the whole process, in ms: [result, threadMs, processMs].
export function measure(fn) {
  const t = threadCpuMs();
  const p = readProcess();
  const result = fn();
  // The process first: the thread's reading sleeps, and other threads may run meanwhile.
  const p1 = readProcess();
  return [result, threadCpuMs() - t, p1 - p];
}
