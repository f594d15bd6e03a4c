// The body of scripts/deploy (see there for the design). Usage:
//   node scripts/lib/deploy/main.mjs [--dry-run] [--var NAME:VALUE]… [--plan free|paid]
//                                    [--config wrangler.toml] [--out build/deploy]
// Exit: 0 done, 1 a check or a wrangler step failed (nothing after it ran), 2 usage.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ensureSecrets, applyMigrations, deployWorker, findOrCreate, liveTag } from "./account.mjs";
import { checkAssets, checkBundle, kib, measureAssets, measureBundle } from "./bundle-check.mjs";
import { envNamesUsed } from "./code-bindings.mjs";
import {
  UNRESOLVED_ID, accountResources, checkBindings, checkPlan, checkIds, deployConfig, readConfigFile, resourceKey,
} from "./deploy-config.mjs";
import { PLANS } from "./plans.mjs";
import { SECRETS } from "./secrets.mjs";
import { WranglerError, wranglerCli } from "./wrangler-cli.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

class UsageError extends Error {}

function options(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      "dry-run": { type: "boolean", default: false },
      var: { type: "string", multiple: true, default: [] },
      config: { type: "string", default: path.join(ROOT, "wrangler.toml") },
      out: { type: "string", default: path.join(ROOT, "build/deploy") },
      plan: { type: "string", default: "free" },
    },
  });
  if (!Object.hasOwn(PLANS, values.plan)) throw new UsageError(`--plan ${values.plan}: expected one of ${Object.keys(PLANS).join(", ")}.`);
  return { dryRun: values["dry-run"], vars: values.var, plan: PLANS[values.plan], devPath: path.resolve(values.config), outDir: path.resolve(values.out) };
}

// --var NAME:VALUE, as `wrangler deploy --var` takes it; only names the config declares, so a
// misspelt name is refused instead of setting a var nothing reads.
function varArgs(vars, dev) {
  const known = Object.keys(dev.vars ?? {});
  return vars.flatMap((v) => {
    const name = v.slice(0, v.indexOf(":"));
    if (!v.includes(":") || !known.includes(name)) {
      throw new UsageError(`--var ${v}: expected NAME:VALUE with NAME one of ${known.join(", ")} (the [vars] of wrangler.toml).`);
    }
    return ["--var", v];
  });
}

const say = (line = "") => process.stdout.write(`${line}\n`);
const pct = (n, d) => `${((100 * n) / d).toFixed(1)} %`;
const bytes = (n) => n.toLocaleString("en-US");

function writeConfig(file, cfg) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(cfg, null, 2)}\n`);
}

// Everything that needs no account: the deploy config (with stand-in ids) and its checks, then
// wrangler's dry-run bundle and its checks. Config problems stop before the bundle is built.
// Returns what the account steps need, and the problems found.
function preflight(cli, { dev, devPath, outDir, wranglerVars, plan }) {
  const configPath = path.join(outDir, "wrangler.json");
  const bundleDir = path.join(outDir, "bundle");
  const resources = accountResources(dev);
  const standIns = new Map(resources.map((r) => [resourceKey(r), UNRESOLVED_ID[r.kind]]));
  const cfg = deployConfig(dev, { devPath, outDir, ids: standIns, secrets: Object.keys(SECRETS) });
  writeConfig(configPath, cfg);
  const workerDir = path.dirname(path.resolve(path.dirname(devPath), dev.main));
  const used = envNamesUsed(workerDir, ROOT);

  say(`config  ${path.relative(ROOT, configPath)} (from ${path.relative(ROOT, devPath)}; keep_vars, ids filled in at deploy)`);
  for (const r of resources) say(`  ${r.binding.padEnd(14)} ${r.kind === "d1" ? "D1 database " : "KV namespace"} "${r.name}": found by name, or created`);
  for (const b of cfg.durable_objects?.bindings ?? []) say(`  ${b.name.padEnd(14)} Durable Object ${b.class_name}`);
  for (const s of cfg.secrets?.required ?? []) say(`  ${s.padEnd(14)} secret: set to a random value if the Worker has none`);
  const dashboardVars = Object.keys(dev.vars ?? {}).filter((k) => !(k in (cfg.vars ?? {})));
  if (dashboardVars.length) say(`  vars left to the dashboard or --var (code defaults until set): ${dashboardVars.join(", ")}`);
  say(`  cron: ${(cfg.triggers?.crons ?? []).join(", ") || "none"}`);
  say(`code    reads env.${[...used.keys()].join(", env.")} (${path.relative(ROOT, workerDir)}/**/*.js)`);
  const configProblems = [...checkBindings(used, cfg, dev), ...checkIds(cfg, dev, { dryRun: true }), ...checkPlan(cfg, plan)];
  if (configProblems.length) return { problems: configProblems };

  rmSync(bundleDir, { recursive: true, force: true });
  say(`bundle  wrangler's dry run (no account) into ${path.relative(ROOT, bundleDir)}:`);
  cli.show(["deploy", "--dry-run", "--outdir", bundleDir, "--config", configPath, ...wranglerVars]);
  const bundle = measureBundle(bundleDir);
  const assetsDir = dev.assets?.directory ? path.resolve(path.dirname(devPath), dev.assets.directory) : null;
  const assets = assetsDir ? measureAssets(assetsDir) : { files: [], bytes: 0, largest: null };
  const limit = plan.workerGzipBytes;
  say(`bundle  ${bundle.files.map((f) => `${f.name} ${bytes(f.bytes)} B`).join(" + ")}`);
  say(`size    ${kib(bundle.raw)} raw, ${kib(bundle.gzip)} gzip: ${pct(bundle.gzip, limit)} of the ${plan.name} plan's ${limit / 1048576} MiB gzip limit (${bytes(bundle.gzip)} of ${bytes(limit)} B)`);
  if (assetsDir) say(`assets  ${assets.files.length} files, ${kib(assets.bytes)} (largest ${assets.largest?.name ?? "-"}, ${kib(assets.largest?.bytes ?? 0)}); ${plan.name} plan: ${bytes(plan.assetFiles)} files of at most ${plan.assetFileBytes / 1048576} MiB`);
  const problems = [
    ...checkBundle(bundle, { wasmPath: path.join(workerDir, "generated/core.wasm"), plan }),
    ...checkAssets(assets, plan),
  ];
  return { problems, cfg, configPath, resources, bundle, assets };
}

// What would go live, as one short tag: the deploy config, the uploaded modules, the static
// assets and the --var arguments. The same tag on the live version means nothing changed.
function contentTag({ cfg, bundle, assets, wranglerVars }) {
  const h = createHash("sha256");
  h.update(JSON.stringify(cfg));
  for (const f of [...bundle.files, ...assets.files]) h.update(`\n${f.name}\t${f.sha256}`);
  h.update(`\n${JSON.stringify(wranglerVars)}`);
  return `ts-${h.digest("hex").slice(0, 16)}`;
}

function deploy(cli, { dev, devPath, outDir, wranglerVars, pre }) {
  const summary = [];
  const ids = new Map();
  for (const r of pre.resources) {
    const { id, created } = findOrCreate(cli, r);
    ids.set(resourceKey(r), id);
    summary.push(`${r.kind === "d1" ? "D1 database " : "KV namespace"} "${r.name}" ${created ? "created" : "found"} (${id})`);
  }
  const cfg = deployConfig(dev, { devPath, outDir, ids, secrets: Object.keys(SECRETS) });
  const problems = checkIds(cfg, dev, { dryRun: false });
  if (problems.length) return { problems, summary };
  writeConfig(pre.configPath, cfg);

  const db = cfg.d1_databases ?? [];
  for (const d of db) applyMigrations(cli, d.database_name, pre.configPath);
  summary.push(`D1 migrations up to date remotely (${db.map((d) => d.database_name).join(", ")}; wrangler applies only the ones not yet applied)`);

  const set = ensureSecrets(cli, dev.name, SECRETS);
  summary.push(set.length ? `secret ${set.join(", ")} set to a random value` : `secrets ${Object.keys(SECRETS).join(", ")} already set; left as they are`);

  const tag = contentTag({ cfg, bundle: pre.bundle, assets: pre.assets, wranglerVars });
  if (liveTag(cli, dev.name) === tag) {
    summary.push(`Worker ${dev.name} already runs this build (version tag ${tag}); not redeployed`);
  } else {
    deployWorker(cli, pre.configPath, tag, wranglerVars);
    summary.push(`Worker ${dev.name} deployed (version tag ${tag})`);
  }
  return { problems: [], summary };
}

function main(argv) {
  const opts = options(argv);
  const dev = readConfigFile(opts.devPath);
  const wranglerVars = varArgs(opts.vars, dev);
  const cli = wranglerCli(process.env.TS_WRANGLER || path.join(ROOT, "node_modules/.bin/wrangler"), { cwd: ROOT });
  const pre = preflight(cli, { ...opts, dev, wranglerVars });
  if (pre.problems.length) {
    say("");
    for (const p of pre.problems) say(`FAIL    ${p}`);
    say(`deploy${opts.dryRun ? " --dry-run" : ""}: ${pre.problems.length} problem(s); the account was not touched.`);
    return 1;
  }
  if (opts.dryRun) {
    say("deploy --dry-run: ok (no account was asked; `./scripts/deploy` finds or creates the resources above and deploys)");
    return 0;
  }
  say("");
  const { problems, summary } = deploy(cli, { ...opts, dev, wranglerVars, pre });
  say("");
  for (const line of summary) say(`deploy: ${line}`);
  for (const p of problems) say(`FAIL    ${p}`);
  return problems.length ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError || err?.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" || err?.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    process.stderr.write(`deploy: ${err.message}\n`);
    process.exitCode = 2;
  } else if (err instanceof WranglerError) {
    const auth = /CLOUDFLARE_API_TOKEN|not logged in|Authentication error/i.test(err.stderr)
      ? "\ndeploy: log in first with `npx wrangler login` (or set CLOUDFLARE_API_TOKEN), then run ./scripts/deploy again."
      : "";
    process.stderr.write(`deploy: ${err.message}${auth}\ndeploy: stopped; the steps before this one are done and a re-run picks up from here.\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`deploy: ${err?.message ?? err}\n`);
    process.exitCode = 1;
  }
}
