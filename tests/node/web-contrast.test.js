// The page's colours meet WCAG 2.1 AA contrast (4.5:1 for text, 3:1 for borders and focus
// rings that carry meaning), in the light and the dark scheme, read from style.css itself.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const css = readFileSync(new URL("../../worker-shim/public/style.css", import.meta.url), "utf8");

function vars(block) {
  return Object.fromEntries([...block.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1], m[2]]));
}
const light = vars(css.match(/:root\s*{([^}]*)}/)[1]);
const dark = vars(css.match(/prefers-color-scheme:\s*dark\)\s*{\s*:root\s*{([^}]*)}/)[1]);

function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function ratio(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// [n, foreground var, background var, minimum ratio, where it is used]
const PAIRS = [
  [1, "fg", "bg", 4.5, "body text"],
  [2, "fg", "panel", 4.5, "text in a section"],
  [3, "muted", "bg", 4.5, "hints on the page"],
  [4, "muted", "panel", 4.5, "hints in a section"],
  [5, "accent", "bg", 4.5, "links, outline buttons, the title"],
  [6, "accent", "panel", 4.5, "outline buttons in a section"],
  [7, "accent-fg", "accent", 4.5, "primary buttons, step numbers"],
  [8, "bad", "bad-bg", 4.5, "error text"],
  [9, "bad", "panel", 4.5, "'Not needed' and problems"],
  [10, "good", "panel", 4.5, "'Yes' in tables"],
  [11, "focus", "bg", 3, "focus ring"],
  [12, "focus", "panel", 3, "focus ring in a section"],
];

for (const [scheme, v] of [["light", light], ["dark", dark]]) {
  for (const [n, fg, bg, min, why] of PAIRS) {
    test(`${scheme} ${n}: ${why} (--${fg} on --${bg}) ≥ ${min}:1`, () => {
      assert.ok(v[fg] && v[bg], `missing --${fg} or --${bg}`);
      const r = ratio(v[fg], v[bg]);
      assert.ok(r >= min, `${r.toFixed(2)}:1`);
    });
  }
}
