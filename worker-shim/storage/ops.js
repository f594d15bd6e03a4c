// Op accounting: every binding call (KV, D1, DO) goes through an Ops instance made for one
// request, which counts what it does. The count is logged once per request and, when the
// OPS_HEADER var is set, returned as X-TrackerSync-Ops. This is how "zero KV operations on
// the happy path" is measured instead of claimed.
export class Ops {
  constructor(env) {
    this.env = env;
    this.kv = 0;
    this.d1Queries = 0;
    this.d1RowsRead = 0;
    this.d1RowsWritten = 0;
    this.doCalls = 0;
    this.fallbacks = 0; // limiter decisions made in degraded mode (DO failed or too slow)
  }

  #countD1(result) {
    this.d1Queries += 1;
    this.d1RowsRead += result?.meta?.rows_read ?? 0;
    this.d1RowsWritten += result?.meta?.rows_written ?? 0;
    return result;
  }

  // D1: one prepared statement -> all rows.
  async d1All(sql, ...params) {
    return this.#countD1(await this.env.DB.prepare(sql).bind(...params).all());
  }

  async d1Run(sql, ...params) {
    return this.#countD1(await this.env.DB.prepare(sql).bind(...params).run());
  }

  // D1 batch: atomic (one transaction); each statement counts as one query.
  async d1Batch(statements) {
    const results = await this.env.DB.batch(statements.map(([sql, ...p]) => this.env.DB.prepare(sql).bind(...p)));
    for (const r of results) this.#countD1(r);
    return results;
  }

  // Durable Object RPC: `fn` receives the stub for `name` in `namespace`.
  async doCall(namespace, name, fn) {
    this.doCalls += 1;
    const stub = namespace.get(namespace.idFromName(name));
    return fn(stub);
  }

  async kvGet(key, type = "text") {
    this.kv += 1;
    return this.env.DEGRADED_KV.get(key, type);
  }

  async kvPut(key, value, options) {
    this.kv += 1;
    return this.env.DEGRADED_KV.put(key, value, options);
  }

  header() {
    return `kv=${this.kv}, d1_queries=${this.d1Queries}, d1_rows_read=${this.d1RowsRead}, d1_rows_written=${this.d1RowsWritten}, do=${this.doCalls}`;
  }

  counts() {
    return { kv: this.kv, d1Queries: this.d1Queries, d1RowsRead: this.d1RowsRead, d1RowsWritten: this.d1RowsWritten, do: this.doCalls, degraded: this.fallbacks };
  }

  // One structured line; counts and route only — no ids, no personal data.
  logLine(route, status) {
    return JSON.stringify({ route, status, ...this.counts() });
  }
}
