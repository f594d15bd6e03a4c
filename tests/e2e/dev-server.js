// Starts ./scripts/dev on a free port with its own state folder, waits until it serves, and
// stops the whole process group afterwards. Used by every browser test.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// args: extra arguments for wrangler dev (scripts/dev passes them on), e.g. ["--var", "K:V"].
export async function startDevServer({ timeoutMs = 120_000, args = [] } = {}) {
  const port = await freePort();
  const stateDir = mkdtempSync(path.join(os.tmpdir(), "trackersync-e2e-"));
  const child = spawn(path.join(ROOT, "scripts/dev"), args, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), TS_PERSIST_DIR: stateDir },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`scripts/dev exited early:\n${log.slice(-4000)}`);
    try {
      const res = await fetch(`${base}/api/status`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      process.kill(-child.pid, "SIGTERM");
      throw new Error(`scripts/dev did not serve within ${timeoutMs} ms:\n${log.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    log: () => log,
    async stop() {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
      await new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
