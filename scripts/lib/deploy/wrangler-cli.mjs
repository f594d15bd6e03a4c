// Runs the wrangler CLI for the deploy: `json` for the commands whose answer the deploy reads
// (their JSON output, never the human one), `show` for the ones a person should watch, and
// `interactive` for `wrangler deploy`, which may ask a first-time account to pick its
// workers.dev subdomain. stdin is not a terminal for the first two, so wrangler takes its
// non-interactive defaults (migrations apply without a prompt; `secret put` reads stdin).
import { spawnSync } from "node:child_process";

export class WranglerError extends Error {
  constructor(args, status, stderr) {
    super(`wrangler ${args.join(" ")} failed (exit ${status})${stderr ? `:\n${stderr.trim()}` : ""}`);
    this.name = "WranglerError";
    this.stderr = stderr ?? "";
  }
}

// command: the wrangler executable; env: its environment.
export function wranglerCli(command, { cwd, env = process.env } = {}) {
  const run = (args, stdio, input) => {
    const r = spawnSync(command, args, { cwd, env, stdio, input, encoding: "utf8", maxBuffer: 64 << 20 });
    if (r.error) throw new WranglerError(args, r.error.code ?? "spawn", r.error.message);
    if (r.status !== 0) throw new WranglerError(args, r.status, r.stderr ?? "");
    return r;
  };
  return {
    json(args) {
      const { stdout } = run(args, ["ignore", "pipe", "pipe"]);
      try {
        return JSON.parse(stdout);
      } catch {
        throw new WranglerError(args, 0, `its output is not JSON: ${stdout.slice(0, 300)}`);
      }
    },
    show(args, input) {
      run(args, [input === undefined ? "ignore" : "pipe", "inherit", "inherit"], input);
    },
    interactive(args) {
      run(args, "inherit");
    },
  };
}
