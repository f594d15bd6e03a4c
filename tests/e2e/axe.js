// An accessibility audit of the page as it is on screen: axe-core (pinned in package.json)
// is evaluated into the page through the DevTools protocol — the page's CSP allows no inline
// script, and the page itself never loads it — and its serious and critical findings returned.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

// → [{id, impact, help, targets}] of every serious or critical violation.
export async function seriousFindings(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
}

// Audits the page in the light and the dark scheme; returns findings tagged by scheme.
export async function auditBothSchemes(page) {
  const out = [];
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const f of await seriousFindings(page)) out.push({ scheme, ...f });
  }
  await page.emulateMedia({ colorScheme: "light" });
  return out;
}
