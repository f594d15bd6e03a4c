// The deploy configuration: wrangler.toml as the person's account needs it. wrangler.toml stays
// the local-dev config (its ids are placeholders that local D1/KV accept); this module derives
// from it a JSON config for one account — the ids of the D1 database and KV namespace found or
// created by name, paths rebased to where the file is written, vars left to the dashboard,
// the secrets the Worker requires — and checks what would make the deploy fail on Cloudflare
// or leave it broken: a binding the code reads but the config lacks, an id that is still a
// placeholder, a Durable Object class the free plan does not take.
import path from "node:path";
import { experimental_readRawConfig } from "wrangler";
import { PLANS } from "./plans.mjs";

// wrangler's own reader, so TOML is parsed exactly as `wrangler deploy` parses it.
export function readConfigFile(file) {
  return experimental_readRawConfig({ config: file }).rawConfig;
}

// What stands in for an account id in a dry run, which asks no account; a real deploy refuses
// it (checkIds), so a dry-run config can never be deployed by mistake.
export const UNRESOLVED_ID = Object.freeze({
  d1: "00000000-0000-0000-0000-000000000000",
  kv: "00000000000000000000000000000000",
});

// The account resources a deploy finds or creates by name: D1 by its database_name, KV by
// "<worker>-<binding>" (KV namespaces have only a title; this one is unique per Worker).
export function accountResources(dev) {
  return [
    ...(dev.d1_databases ?? []).map((d) => ({ kind: "d1", binding: d.binding, name: d.database_name })),
    ...(dev.kv_namespaces ?? []).map((k) => ({ kind: "kv", binding: k.binding, name: `${dev.name}-${k.binding}` })),
  ];
}

export const resourceKey = (r) => `${r.kind}:${r.name}`;

// dev: the raw dev config; devPath: its file; outDir: where the deploy config is written;
// ids: Map(resourceKey -> id); secrets: the names of the secrets the Worker requires.
// A resource without an id in `ids` keeps the dev config's value, which checkIds then refuses.
export function deployConfig(dev, { devPath, outDir, ids, secrets }) {
  const rebase = (p) => path.relative(outDir, path.resolve(path.dirname(devPath), p));
  const cfg = structuredClone(dev);
  cfg.main = rebase(dev.main);
  if (cfg.assets?.directory) cfg.assets.directory = rebase(dev.assets.directory);
  for (const r of accountResources(dev)) {
    const id = ids.get(resourceKey(r));
    if (r.kind === "d1") {
      const d = cfg.d1_databases.find((x) => x.binding === r.binding);
      if (id) d.database_id = id;
      d.migrations_dir = rebase(d.migrations_dir ?? "migrations");
    } else if (id) {
      cfg.kv_namespaces.find((x) => x.binding === r.binding).id = id;
    }
  }
  // An empty var means "the code's default", the same as no var. Leaving those out, with
  // keep_vars, lets a value set in the dashboard (or by `--var`) survive the next deploy;
  // non-empty vars are the config's and are set on every deploy.
  const vars = Object.fromEntries(Object.entries(dev.vars ?? {}).filter(([, v]) => v !== ""));
  if (Object.keys(vars).length > 0) cfg.vars = vars;
  else delete cfg.vars;
  cfg.keep_vars = true;
  // wrangler then refuses to deploy a Worker without these secrets (an "inherit" binding each).
  if (secrets.length > 0) cfg.secrets = { required: [...secrets] };
  return cfg;
}

// The names a config makes available on `env`: every `binding` (D1, KV, R2, assets, services,
// queues, …), Durable Object and send_email `name`s, vars, required secrets.
export function configuredNames(cfg) {
  const names = new Set([...Object.keys(cfg.vars ?? {}), ...(cfg.secrets?.required ?? [])]);
  for (const b of cfg.durable_objects?.bindings ?? []) names.add(b.name);
  for (const b of cfg.send_email ?? []) names.add(b.name);
  const walk = (v) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      if (typeof v.binding === "string") names.add(v.binding);
      Object.values(v).forEach(walk);
    }
  };
  walk(cfg);
  return names;
}

// used: Map(name -> files) from code-bindings.mjs. The dev config's vars count as configured
// even when the deploy config leaves them to the dashboard: the code reads them with defaults.
export function checkBindings(used, deployCfg, dev) {
  const have = configuredNames(deployCfg);
  for (const name of Object.keys(dev.vars ?? {})) have.add(name);
  return [...used]
    .filter(([name]) => !have.has(name))
    .map(([name, files]) =>
      `env.${name} is read by ${files.join(", ")} but the deploy config has no binding, var or secret ` +
      `named ${name}: declare it in wrangler.toml (a secret: in scripts/lib/deploy/secrets.mjs).`);
}

// Every id in a config: [{where, value}], `where` a path such as d1_databases[0].database_id (DB).
// account_id is the person's own, never a placeholder.
function idsIn(v, where = "", binding = null) {
  if (Array.isArray(v)) return v.flatMap((x, i) => idsIn(x, `${where}[${i}]`));
  if (!v || typeof v !== "object") return [];
  const own = typeof v.binding === "string" ? v.binding : binding;
  return Object.entries(v).flatMap(([k, x]) => {
    const at = where ? `${where}.${k}` : k;
    if (typeof x === "string" && /(^|_)id$/.test(k) && k !== "account_id") {
      return [{ where: own ? `${at} (${own})` : at, value: x }];
    }
    return idsIn(x, at, own);
  });
}

const ACCOUNT_ID = /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

// A placeholder is an id copied from the dev config, the dry run's stand-in (outside a dry
// run), or anything that is not an account id's shape (32 hex digits, or a UUID).
export function checkIds(deployCfg, dev, { dryRun }) {
  const devIds = new Set(idsIn(dev).map((x) => x.value));
  const standIns = new Set(Object.values(UNRESOLVED_ID));
  const problems = [];
  for (const { where, value } of idsIn(deployCfg)) {
    if (devIds.has(value)) {
      problems.push(`${where} is still the placeholder "${value}" from wrangler.toml: the deploy does not know how to find this resource in the account.`);
    } else if (standIns.has(value)) {
      if (!dryRun) problems.push(`${where} was never resolved from the account (it holds the dry run's stand-in id).`);
    } else if (!ACCOUNT_ID.test(value)) {
      problems.push(`${where} is "${value}", which is not a Cloudflare id (32 hex digits or a UUID).`);
    }
  }
  return problems;
}

// What the plan (plans.mjs) refuses at deploy time. Cron triggers count per account.
export function checkPlan(cfg, plan = PLANS.free) {
  const problems = [];
  const sqlite = new Set();
  for (const m of cfg.migrations ?? []) {
    for (const c of m.new_sqlite_classes ?? []) sqlite.add(c);
    for (const r of m.renamed_classes ?? []) if (sqlite.has(r.from)) sqlite.add(r.to);
    for (const c of plan.keyValueDurableObjects ? [] : (m.new_classes ?? [])) {
      problems.push(`Durable Object class ${c} is declared with new_classes (key-value storage); the ${plan.name} plan takes only SQLite-backed classes (new_sqlite_classes).`);
    }
  }
  for (const b of plan.keyValueDurableObjects ? [] : (cfg.durable_objects?.bindings ?? [])) {
    if (!b.script_name && !sqlite.has(b.class_name)) {
      problems.push(`Durable Object ${b.name} uses class ${b.class_name}, which no migration creates with new_sqlite_classes.`);
    }
  }
  const crons = cfg.triggers?.crons ?? [];
  if (crons.length > plan.crons) {
    problems.push(`${crons.length} cron triggers; the ${plan.name} plan allows ${plan.crons} per account.`);
  }
  if (cfg.limits?.cpu_ms !== undefined && !plan.cpuLimit) {
    problems.push(`limits.cpu_ms is set; raising the CPU limit needs the paid plan (the free plan has 10 ms per request): deploy with --plan paid.`);
  }
  return problems;
}
