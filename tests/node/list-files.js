// Every file under a folder, as paths relative to it, sorted: what a conversion wrote, for the
// tests that compare two output trees or check one.
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}
