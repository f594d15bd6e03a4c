// Worker tests run inside workerd (vitest-pool-workers) against real local D1, Durable
// Objects and KV, configured from the same wrangler.toml as `wrangler dev`.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(root, "d1-migrations"));
  return {
    root,
    plugins: [
      cloudflareTest({
        wrangler: { configPath: path.join(root, "wrangler.toml") },
        miniflare: { bindings: { TEST_MIGRATIONS: migrations, OPS_HEADER: "1", COOKIE_SECRET: "test-cookie-secret" } },
      }),
    ],
    test: {
      include: ["tests/workers/**/*.test.js"],
      setupFiles: ["tests/workers/apply-migrations.js"],
    },
  };
});
