// The deploy's account steps, each one idempotent: find a resource by name or create it; set a
// secret only when the Worker lacks it; deploy only when what would be uploaded differs from
// what is live (compared by a content tag on the live version). Every answer is read from
// wrangler's JSON output (`d1 list --json`, `kv namespace list`, `secret list`,
// `deployments status --json`, `versions view --json`).
import { WranglerError } from "./wrangler-cli.mjs";

const LISTS = {
  d1: { list: ["d1", "list", "--json"], create: (name) => ["d1", "create", name], pick: (d) => ({ id: d.uuid, name: d.name }), what: "D1 database" },
  kv: { list: ["kv", "namespace", "list"], create: (name) => ["kv", "namespace", "create", name], pick: (n) => ({ id: n.id, name: n.title }), what: "KV namespace" },
};

// resource: {kind, name} (deploy-config.mjs accountResources) -> {id, created}
export function findOrCreate(cli, resource) {
  const kind = LISTS[resource.kind];
  const named = () => cli.json(kind.list).map(kind.pick).filter((r) => r.name === resource.name);
  let found = named();
  let created = false;
  if (found.length === 0) {
    cli.show(kind.create(resource.name));
    created = true;
    found = named();
  }
  if (found.length !== 1) {
    throw new Error(`Expected one ${kind.what} named "${resource.name}" in the account, found ${found.length}${found.length ? ` (${found.map((r) => r.id).join(", ")})` : ""}.`);
  }
  return { id: found[0].id, created };
}

export function applyMigrations(cli, databaseName, configPath) {
  cli.show(["d1", "migrations", "apply", databaseName, "--remote", "--config", configPath]);
}

// A Worker that does not exist yet has no secrets; `secret put` then creates it (as a draft
// that the deploy replaces), so the first deploy already has its secrets.
export function secretNames(cli, worker) {
  try {
    return new Set(cli.json(["secret", "list", "--name", worker]).map((s) => s.name));
  } catch (err) {
    if (err instanceof WranglerError && err.stderr.includes(`Worker "${worker}" not found`)) return new Set();
    throw err;
  }
}

// generators: {NAME: () => value}. Returns the names it set.
export function ensureSecrets(cli, worker, generators) {
  const have = secretNames(cli, worker);
  const missing = Object.keys(generators).filter((name) => !have.has(name));
  for (const name of missing) cli.show(["secret", "put", name, "--name", worker], generators[name]());
  return missing;
}

// The tag of the version serving all traffic, or null (no Worker, no deployment, a split
// deployment, an untagged version): anything but an exact match deploys.
export function liveTag(cli, worker) {
  try {
    const deployment = cli.json(["deployments", "status", "--name", worker, "--json"]);
    const versions = deployment.versions ?? [];
    if (versions.length !== 1 || versions[0].percentage !== 100) return null;
    const version = cli.json(["versions", "view", versions[0].version_id, "--name", worker, "--json"]);
    return version.annotations?.["workers/tag"] ?? null;
  } catch (err) {
    if (err instanceof WranglerError) return null;
    throw err;
  }
}

export function deployWorker(cli, configPath, tag, extraArgs) {
  cli.interactive(["deploy", "--config", configPath, "--tag", tag, ...extraArgs]);
}
