#!/usr/bin/env node
// A stand-in for `wrangler` 4.86.0 on a Cloudflare account, for the deploy tests: the account
// API cannot be reached here. It answers the commands scripts/deploy runs with the output
// shapes the real CLI prints (taken from wrangler-dist/cli.js of 4.86.0: `d1 list --json` is
// JSON.stringify(databases, null, 2), `kv namespace list` and `secret list` indent with two
// spaces, errors are "✘ [ERROR] …" on stderr with exit 1, and so on), and keeps the account —
// databases, namespaces, applied migrations, Workers with their secrets, versions and
// deployment — in a JSON state file (RECORDED_WRANGLER_STATE), with every call logged there.
// Like the real one it needs CLOUDFLARE_API_TOKEN when not interactive, refuses to create a
// name that exists, checks that the deploy config's ids exist in the account, and refuses to
// deploy without the secrets the config requires. `deploy --dry-run` needs no account: it is
// the real wrangler's (RECORDED_WRANGLER_REAL).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const BANNER = "\n \u26C5\uFE0F wrangler 4.86.0\n\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\n";
const STATE = process.env.RECORDED_WRANGLER_STATE;
const ACCOUNT = "9a7806061c88ada191ed06f989cc3dac";

class UserError extends Error {}

function load() {
  return existsSync(STATE)
    ? JSON.parse(readFileSync(STATE, "utf8"))
    : { seq: 0, clock: Date.parse("2026-05-01T10:00:00Z"), d1: [], kv: [], migrations: {}, workers: {}, calls: [] };
}

// Deterministic ids: a run of the same commands gives the same ids.
function newId(state, dashed) {
  const hex = createHash("sha256").update(`recorded-${++state.seq}`).digest("hex").slice(0, 32);
  return dashed ? `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}` : hex;
}
const now = (state) => new Date((state.clock += 1000)).toISOString();

// argv -> {pos: [...], flags: {name: value | true | [values]}}
function parse(argv) {
  const pos = [];
  const flags = { var: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) pos.push(a);
    else if (["--json", "--remote", "--dry-run", "--local"].includes(a)) flags[a.slice(2)] = true;
    else if (a === "--var") flags.var.push(argv[++i]);
    else flags[a.slice(2)] = argv[++i];
  }
  return { pos, flags };
}

const out = (s) => process.stdout.write(s);
const tomlSnippet = (table, fields) => `[[${table}]]\n${Object.entries(fields).map(([k, v]) => `${k} = "${v}"`).join("\n")}\n`;
const readConfig = (file) => JSON.parse(readFileSync(file, "utf8"));

function requireAuth() {
  if (!process.env.CLOUDFLARE_API_TOKEN) {
    throw new UserError("In a non-interactive environment, it's necessary to set a CLOUDFLARE_API_TOKEN environment variable for wrangler to work. Please go to https://developers.cloudflare.com/fundamentals/api/get-started/create-token/ for instructions on how to create an api token, and assign its value to CLOUDFLARE_API_TOKEN.");
  }
}

function apiError(route, message, code) {
  return new UserError(`A request to the Cloudflare API (/accounts/${ACCOUNT}${route}) failed.\n\n  ${message} [code: ${code}]`);
}

function d1ForConfig(state, cfg, name) {
  const entry = (cfg.d1_databases ?? []).find((d) => d.database_name === name || d.binding === name);
  if (!entry) throw new UserError(`Couldn't find a D1 DB with the name or binding '${name}' in your wrangler.json file.`);
  const db = state.d1.find((d) => d.uuid === entry.database_id);
  if (!db) throw apiError(`/d1/database/${entry.database_id}`, `The database ${entry.database_id} could not be found`, 7404);
  return { entry, db };
}

// A Worker's new version, deployed to all traffic (as the classic upload and secret edits do).
function addVersion(state, worker, annotations) {
  const version = { id: newId(state, true), number: worker.versions.length + 1, metadata: { created_on: now(state), source: "wrangler" }, annotations };
  worker.versions.push(version);
  worker.deployment = { id: newId(state, true), source: "wrangler", strategy: "percentage", created_on: now(state), annotations: { "workers/triggered_by": annotations["workers/triggered_by"] }, versions: [{ version_id: version.id, percentage: 100 }] };
  return version;
}

const COMMANDS = {
  "d1 list"(state, { flags }) {
    requireAuth();
    const dbs = state.d1.map(({ uuid, name, created_at, version, num_tables, file_size }) => ({ uuid, name, created_at, version, num_tables, file_size }));
    out(flags.json ? `${JSON.stringify(dbs, null, 2)}\n` : `${BANNER}${dbs.map((d) => `${d.uuid}  ${d.name}`).join("\n")}\n`);
    return false;
  },
  "d1 create"(state, { pos: [name] }) {
    requireAuth();
    out(BANNER);
    if (state.d1.some((d) => d.name === name)) throw apiError("/d1/database", "A database with that name already exists", 7502);
    const uuid = newId(state, true);
    state.d1.push({ uuid, name, created_at: now(state), version: "production", num_tables: 0, file_size: 12288 });
    state.migrations[uuid] = [];
    out(`\u2705 Successfully created DB '${name}' in region WEUR\nCreated your new D1 database.\n\n`);
    out(`To access your new D1 Database in your Worker, add the following snippet to your configuration file:\n`);
    out(tomlSnippet("d1_databases", { binding: name.replace(/[\s-]/g, "_"), database_name: name, database_id: uuid }));
    return true;
  },
  "kv namespace list"(state) {
    requireAuth();
    out(`${JSON.stringify(state.kv, null, "  ")}\n`);
    return false;
  },
  "kv namespace create"(state, { pos: [title] }) {
    requireAuth();
    out(`${BANNER}Resource location: remote \n\n\u{1F300} Creating namespace with title "${title}"\n`);
    if (state.kv.some((n) => n.title === title)) {
      throw new UserError(`A KV namespace with the title "${title}" already exists.\n\nYou can list existing namespaces with their IDs by running:\n  wrangler kv namespace list\n\nOr choose a different namespace name.`);
    }
    const id = newId(state, false);
    state.kv.push({ id, title, supports_url_encoding: true });
    out(`\u2728 Success!\nTo access your new KV Namespace in your Worker, add the following snippet to your configuration file:\n`);
    out(tomlSnippet("kv_namespaces", { binding: title.replace(/[\s-]/g, "_"), id }));
    return true;
  },
  "d1 migrations apply"(state, { pos: [name], flags }) {
    requireAuth();
    if (!flags.remote) throw new UserError("recorded wrangler: only --remote is recorded");
    out(BANNER);
    const cfg = readConfig(flags.config);
    const { entry, db } = d1ForConfig(state, cfg, name);
    const dir = path.resolve(path.dirname(flags.config), entry.migrations_dir ?? "migrations");
    const applied = state.migrations[db.uuid];
    const todo = readdirSync(dir).filter((f) => f.endsWith(".sql") && !applied.includes(f)).sort();
    if (todo.length === 0) {
      out("\u2705 No migrations to apply!\n");
      return false;
    }
    out(`Migrations to be applied:\n${todo.map((m) => `\u2502 ${m} \u2502`).join("\n")}\n`);
    out(`? About to apply ${todo.length} migration(s)\nYour database may not be available to serve requests during the migration, continue?\n\u{1F916} Using fallback value in non-interactive context: yes\n`);
    for (const m of todo) {
      out(`\u{1F300} Executing on remote database ${name} (${db.uuid}):\n\u{1F300} To execute on your local development database, remove the --remote flag from your wrangler command.\n\u{1F6A3} Executed 1 command in 1.00ms\n`);
      applied.push(m);
      db.num_tables += 1;
    }
    out(`${todo.map((m) => `\u2502 ${m} \u2502 \u2705 \u2502`).join("\n")}\n`);
    return true;
  },
  "secret list"(state, { flags }) {
    requireAuth();
    const worker = state.workers[flags.name];
    if (!worker) {
      throw new UserError(`Worker "${flags.name}" not found.\n\nIf this is a new Worker, run \`wrangler deploy\` first to create it.\nOtherwise, check that the Worker name is correct and you're logged into the right account.`);
    }
    out(`${JSON.stringify(Object.keys(worker.secrets).map((name) => ({ name, type: "secret_text" })), null, "  ")}\n`);
    return false;
  },
  "secret put"(state, { pos: [key], flags }) {
    requireAuth();
    const value = readFileSync(0, "utf8").replace(/\s+$/, "");
    out(`${BANNER}\u{1F300} Creating the secret for the Worker "${flags.name}" \n`);
    if (!state.workers[flags.name]) {
      out(`? There doesn't seem to be a Worker called "${flags.name}". Do you want to create a new Worker with that name and add secrets to it?\n\u{1F916} Using fallback value in non-interactive context: yes\n\u{1F300} Creating new Worker "${flags.name}"...\n`);
      state.workers[flags.name] = { secrets: {}, vars: {}, versions: [], deployment: null };
      addVersion(state, state.workers[flags.name], { "workers/triggered_by": "upload" });
    }
    const worker = state.workers[flags.name];
    // Only the value's shape and hash are kept: enough to tell a random 256-bit hex key and a rotation.
    worker.secrets[key] = { sha256: createHash("sha256").update(value).digest("hex"), hex64: /^[0-9a-f]{64}$/.test(value) };
    addVersion(state, worker, { "workers/triggered_by": "secret" });
    out(`\u2728 Success! Uploaded secret ${key}\n`);
    return true;
  },
  "deployments status"(state, { flags }) {
    requireAuth();
    const worker = state.workers[flags.name];
    if (!worker) throw apiError(`/workers/scripts/${flags.name}/deployments`, "This Worker does not exist on your account.", 10007);
    if (!worker.deployment) throw new UserError(`The Worker ${flags.name} has no deployments.`);
    out(`${JSON.stringify(worker.deployment, null, 2)}\n`);
    return false;
  },
  "versions view"(state, { pos: [id], flags }) {
    requireAuth();
    const version = state.workers[flags.name]?.versions.find((v) => v.id === id);
    if (!version) throw apiError(`/workers/scripts/${flags.name}/versions/${id}`, "version not found", 10212);
    out(`${JSON.stringify(version, null, 2)}\n`);
    return false;
  },
  deploy(state, { flags }) {
    requireAuth();
    out(BANNER);
    const cfg = readConfig(flags.config);
    for (const d of cfg.d1_databases ?? []) d1ForConfig(state, cfg, d.database_name);
    for (const k of cfg.kv_namespaces ?? []) {
      if (!state.kv.some((n) => n.id === k.id)) throw apiError(`/workers/scripts/${cfg.name}`, `KV namespace '${k.id}' is not valid.`, 10041);
    }
    const worker = state.workers[cfg.name];
    const missing = (cfg.secrets?.required ?? []).filter((s) => !worker?.secrets[s]);
    if (missing.length) {
      throw new UserError(`The following required secrets have not been set: ${missing.join(", ")}\nUse \`wrangler secret put <NAME>\` to set secrets before deploying.\nSee https://developers.cloudflare.com/workers/configuration/secrets/#secrets-on-deployed-workers for more information.`);
    }
    const w = worker ?? (state.workers[cfg.name] = { secrets: {}, vars: {}, versions: [], deployment: null });
    const given = Object.fromEntries(flags.var.map((v) => [v.slice(0, v.indexOf(":")), v.slice(v.indexOf(":") + 1)]));
    w.vars = { ...(cfg.keep_vars ? w.vars : {}), ...(cfg.vars ?? {}), ...given };
    w.config = createHash("sha256").update(readFileSync(flags.config)).digest("hex");
    const version = addVersion(state, w, { "workers/triggered_by": "upload", ...(flags.tag ? { "workers/tag": flags.tag } : {}) });
    out(`Uploaded ${cfg.name} (1.00 sec)\nDeployed ${cfg.name} triggers (1.00 sec)\n  https://${cfg.name}.recorded.workers.dev\n`);
    for (const c of cfg.triggers?.crons ?? []) out(`  schedule: ${c}\n`);
    out(`Current Version ID: ${version.id}\n`);
    return true;
  },
};

// The real wrangler's dry run, recorded once per config and arguments (beside the state file)
// and replayed into --outdir: the runs of one test share a bundle instead of each bundling
// the same sources again.
function dryRun(argv, flags) {
  const key = createHash("sha256").update(readFileSync(flags.config)).update(JSON.stringify(argv.filter((a) => a !== flags.outdir))).digest("hex");
  const cached = path.join(path.dirname(STATE), "dry-run-recordings", key.slice(0, 16));
  if (!existsSync(path.join(cached, "output.txt"))) {
    const r = spawnSync(process.env.RECORDED_WRANGLER_REAL, argv.map((a) => (a === flags.outdir ? cached : a)), { encoding: "utf8" });
    if (r.status !== 0) {
      process.stdout.write(r.stdout);
      process.stderr.write(r.stderr);
      return r.status ?? 1;
    }
    writeFileSync(path.join(cached, "output.txt"), r.stdout);
  }
  mkdirSync(flags.outdir, { recursive: true });
  cpSync(cached, flags.outdir, { recursive: true, filter: (src) => path.basename(src) !== "output.txt" });
  process.stdout.write(readFileSync(path.join(cached, "output.txt"), "utf8"));
  return 0;
}

const argv = process.argv.slice(2);
const { pos, flags } = parse(argv);
if (pos[0] === "deploy" && flags["dry-run"]) process.exit(dryRun(argv, flags));
const state = load();
const name = [3, 2, 1].map((n) => pos.slice(0, n).join(" ")).find((k) => COMMANDS[k]);
const call = { argv, changed: false };
state.calls.push(call);
let code = 0;
try {
  if (!name) throw new UserError(`recorded wrangler: no recording for \`wrangler ${argv.join(" ")}\``);
  call.changed = COMMANDS[name](state, parse(argv.slice(name.split(" ").length)));
} catch (err) {
  if (!(err instanceof UserError)) throw err;
  process.stderr.write(`\u2718 [ERROR] ${err.message}\n\n`);
  call.error = err.message.split("\n")[0];
  code = 1;
}
writeFileSync(STATE, `${JSON.stringify(state, null, 2)}\n`);
process.exit(code);
